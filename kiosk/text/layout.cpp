// Greedy line breaking over ICU break opportunities, with per-script fonts.
#include "text/layout.hpp"

#include "base/log.hpp"

#include <algorithm>
#include <memory>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

namespace kiosk {

namespace {

// A stretch of one script, measured, that the line breaker treats as a unit or splits at clusters.
struct Piece {
    Script script;
    std::size_t begin, end;
    bool trailing_space; // the piece ends with breakable white space that may hang at line end
};

struct LineBuilder {
    FontStack& fonts;
    const TextStyle& style;
    std::string_view text;

    int width_of(Script script, std::size_t begin, std::size_t end) {
        if (end <= begin)
            return 0;
        TTF_Font* font = fonts.font(script, style.weight, style.px);
        std::string s(text.substr(begin, end - begin));
        int w = 0, h = 0;
        if (!font || TTF_SizeUTF8(font, s.c_str(), &w, &h) != 0)
            return 0;
        return w;
    }
};

std::vector<std::size_t> break_points(std::string_view text, icu::BreakIterator& it) {
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    std::vector<std::size_t> points;
    if (U_FAILURE(status))
        return {text.size()};
    it.setText(ut, status);
    for (int32_t p = it.next(); p != icu::BreakIterator::DONE; p = it.next())
        points.push_back(static_cast<std::size_t>(p));
    utext_close(ut);
    if (points.empty() || points.back() != text.size())
        points.push_back(text.size());
    return points;
}

std::unique_ptr<icu::BreakIterator> make_iterator(const std::string& lang, bool characters) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale(lang.c_str());
    std::unique_ptr<icu::BreakIterator> it(characters
                                               ? icu::BreakIterator::createCharacterInstance(locale, status)
                                               : icu::BreakIterator::createLineInstance(locale, status));
    if (U_FAILURE(status))
        return nullptr;
    return it;
}

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

// Lays out one hard line of text (no newlines) into lines appended to block.
void layout_paragraph(FontStack& fonts, std::string_view text, const TextStyle& style, int max_width,
                      std::vector<TextLine>& out) {
    LineBuilder lb{fonts, style, text};
    auto runs = fonts.cover(text, itemize(text));
    auto line_it = make_iterator(style.lang, false);
    auto char_it = make_iterator(style.lang, true);
    std::vector<std::size_t> breaks =
        line_it ? break_points(text, *line_it) : std::vector<std::size_t>{text.size()};

    // Split break segments further at script changes so each piece has one font.
    std::vector<Piece> pieces;
    std::size_t seg_begin = 0;
    for (std::size_t bp : breaks) {
        for (const auto& run : runs) {
            std::size_t b = std::max(seg_begin, run.begin), e = std::min(bp, run.end);
            if (b < e)
                pieces.push_back({run.script, b, e, false});
        }
        if (!pieces.empty() && pieces.back().end == bp && bp > 0 && is_space(text[bp - 1]))
            pieces.back().trailing_space = true;
        seg_begin = bp;
    }

    // Width of a piece, and whether a line may break after it.
    std::vector<int> widths;
    for (const auto& p : pieces)
        widths.push_back(lb.width_of(p.script, p.begin, p.end));
    auto break_after = [&](std::size_t i) {
        return std::binary_search(breaks.begin(), breaks.end(), pieces[i].end);
    };

    auto emit = [&](std::size_t from, std::size_t to) { // pieces [from, to)
        // Neighbouring pieces of one script become one run, so shaping and kerning see whole words.
        std::vector<Piece> spans;
        for (std::size_t i = from; i < to; ++i) {
            const Piece& p = pieces[i];
            std::size_t end = p.end;
            if (i + 1 == to)
                while (end > p.begin && is_space(text[end - 1]))
                    --end;
            if (end <= p.begin)
                continue;
            if (!spans.empty() && spans.back().script == p.script && spans.back().end == p.begin)
                spans.back().end = end;
            else
                spans.push_back({p.script, p.begin, end, false});
        }
        TextLine line;
        int x = 0;
        for (const auto& span : spans) {
            PlacedRun run{fonts.font(span.script, style.weight, style.px),
                          std::string(text.substr(span.begin, span.end - span.begin)), x,
                          lb.width_of(span.script, span.begin, span.end)};
            x += run.width;
            line.runs.push_back(std::move(run));
        }
        line.width = x;
        out.push_back(std::move(line));
    };

    std::size_t line_start = 0;
    int line_width = 0;
    std::size_t i = 0;
    std::size_t last_break = SIZE_MAX; // index after which the current line may end
    while (i < pieces.size()) {
        int w = widths[i];
        int hang = 0; // trailing space does not count against the box at line end
        if (pieces[i].trailing_space) {
            std::size_t e = pieces[i].end;
            std::size_t b = e;
            while (b > pieces[i].begin && is_space(text[b - 1]))
                --b;
            hang = w - lb.width_of(pieces[i].script, pieces[i].begin, b);
        }
        if (line_width + w - hang <= max_width || (line_start == i && w - hang <= max_width)) {
            line_width += w;
            if (break_after(i))
                last_break = i;
            ++i;
            continue;
        }
        if (last_break != SIZE_MAX && last_break >= line_start) {
            emit(line_start, last_break + 1);
            line_start = last_break + 1;
            i = line_start;
            line_width = 0;
            last_break = SIZE_MAX;
            continue;
        }
        // One unbreakable word wider than the box: split it at grapheme cluster boundaries.
        const Piece p = pieces[i];
        std::vector<std::size_t> clusters;
        if (char_it) {
            auto local = break_points(text.substr(p.begin, p.end - p.begin), *char_it);
            for (auto c : local)
                clusters.push_back(p.begin + c);
        } else {
            clusters.push_back(p.end);
        }
        std::size_t cut = p.begin;
        for (auto c : clusters) {
            if (line_width + lb.width_of(p.script, p.begin, c) > max_width && cut > p.begin)
                break;
            cut = c;
        }
        if (cut >= p.end) { // the whole piece fits once it starts a line
            emit(line_start, i);
            line_start = i;
            line_width = 0;
            last_break = SIZE_MAX;
            continue;
        }
        pieces.insert(pieces.begin() + static_cast<long>(i) + 1,
                      Piece{p.script, cut, p.end, p.trailing_space});
        pieces[i].end = cut;
        pieces[i].trailing_space = false;
        widths[i] = lb.width_of(p.script, p.begin, cut);
        widths.insert(widths.begin() + static_cast<long>(i) + 1, lb.width_of(p.script, cut, p.end));
        breaks.insert(std::upper_bound(breaks.begin(), breaks.end(), cut), cut);
        if (line_start < i)
            emit(line_start, i);
        emit(i, i + 1);
        line_start = i + 1;
        i = line_start;
        line_width = 0;
        last_break = SIZE_MAX;
    }
    if (line_start < pieces.size() || out.empty() || pieces.empty())
        emit(line_start, pieces.size());
}

void place_lines(FontStack& fonts, const TextStyle& style, TextBlock& block, std::size_t first) {
    int y = block.height;
    for (std::size_t n = first; n < block.lines.size(); ++n) {
        TextLine& line = block.lines[n];
        int ascent = 0, descent = 0, skip = 0;
        for (const auto& run : line.runs) {
            ascent = std::max(ascent, TTF_FontAscent(run.font));
            descent = std::max(descent, -TTF_FontDescent(run.font));
            skip = std::max(skip, TTF_FontLineSkip(run.font));
        }
        if (line.runs.empty()) {
            TTF_Font* f = fonts.font(Script::Latin, style.weight, style.px);
            ascent = f ? TTF_FontAscent(f) : style.px;
            skip = f ? TTF_FontLineSkip(f) : style.px;
        }
        line.ascent = ascent;
        line.height = static_cast<int>(std::max(skip, ascent + descent) * style.line_spacing);
        line.y = y;
        if (style.align == Align::Center) {
            int shift = (block.width - line.width) / 2;
            for (auto& run : line.runs)
                run.x += shift;
        }
        y += line.height;
    }
    block.height = y;
}

} // namespace

TextBlock layout_text(FontStack& fonts, std::string_view text, const TextStyle& style, int max_width) {
    TextBlock block;
    block.width = max_width;
    block.px = style.px;
    std::size_t start = 0;
    bool previous_blank = false;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos)
            nl = text.size();
        std::string_view line = text.substr(start, nl - start);
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
            // A blank line separates paragraphs: half a line of space, once.
            if (!previous_blank && !block.lines.empty())
                block.height += style.px / 2;
            previous_blank = true;
        } else {
            previous_blank = false;
            std::size_t first = block.lines.size();
            layout_paragraph(fonts, line, style, max_width, block.lines);
            place_lines(fonts, style, block, first);
        }
        if (nl == text.size())
            break;
        start = nl + 1;
    }
    return block;
}

TextBlock fit_text(FontStack& fonts, std::string_view text, TextStyle style, int max_width, int max_height,
                   int min_px) {
    int start = style.px;
    for (int px = start; px >= min_px; px -= std::max(1, px / 16)) {
        style.px = px;
        TextBlock block = layout_text(fonts, text, style, max_width);
        if (block.height <= max_height)
            return block;
    }
    style.px = min_px;
    TextBlock block = layout_text(fonts, text, style, max_width);
    block.overflow = true;
    while (!block.lines.empty() && block.lines.back().y + block.lines.back().height > max_height)
        block.lines.pop_back();
    if (!block.lines.empty()) {
        auto& last = block.lines.back();
        if (!last.runs.empty()) {
            auto& run = last.runs.back();
            // Drop whole code points until the ellipsis fits.
            // FIXME: this may split a grapheme cluster in Lao, Thai or Khmer; cut at cluster boundaries.
            TTF_Font* latin = fonts.font(Script::Latin, style.weight, style.px);
            int ell_w = 0, h = 0;
            TTF_SizeUTF8(latin, "…", &ell_w, &h);
            while (!run.text.empty() && run.x + run.width + ell_w > max_width) {
                do
                    run.text.pop_back();
                while (!run.text.empty() && (static_cast<unsigned char>(run.text.back()) & 0xC0) == 0x80);
                TTF_SizeUTF8(run.font, run.text.c_str(), &run.width, &h);
            }
            run.text += "…";
            TTF_SizeUTF8(run.font, run.text.c_str(), &run.width, &h);
        }
        block.height = last.y + last.height;
    }
    return block;
}

} // namespace kiosk
