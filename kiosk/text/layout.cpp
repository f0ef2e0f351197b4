// Itemise -> shape -> break -> place, one hard line at a time.
#include "text/layout.hpp"

#include "text/line_breaker.hpp"

#include <algorithm>
#include <cmath>
#include <hb.h>
#include <optional>

namespace kiosk {

namespace {

constexpr char kEllipsis[] = "\xE2\x80\xA6"; // …
constexpr char kBullet[] = "\xE2\x80\xA2";   // •

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

// A stretch of the line drawn with one face, shaped as a whole.
struct Item {
    std::size_t begin, end;
    Script script;
    std::shared_ptr<FontFace> face;
    Weight weight;
    Slant slant;
};

struct Shaped {
    std::size_t item;
    std::uint32_t id;
    std::uint32_t cluster;
    std::int32_t advance; // 1/64 px
    std::int32_t x_offset, y_offset;
};

struct Paragraph {
    const HardLine& line;
    std::vector<Item> items;
    std::vector<Shaped> glyphs;   // in logical order
    std::vector<std::int64_t> at; // at[b]: advance of everything before byte b, 1/64 px
    std::vector<char32_t> missing;
};

// Splits the line into items: one script, one style, one face; characters no face has go to the
// script's primary face (drawn as boxes) and are reported.
void itemise(FontStack& fonts, const TextStyle& style, Paragraph& p) {
    const std::string& text = p.line.text;
    auto runs = itemize(text);
    for (const auto& span : p.line.spans) {
        for (const auto& run : runs) {
            std::size_t b = std::max(span.begin, run.begin), e = std::min(span.end, run.end);
            if (b >= e)
                continue;
            Weight weight = span.bold ? Weight::Bold : style.weight;
            Slant slant = span.italic ? Slant::Italic : Slant::Upright;
            std::size_t pos = b;
            while (pos < e) {
                std::size_t start = pos;
                char32_t c = next_code_point(text, pos);
                Item* last = !p.items.empty() && p.items.back().end == start &&
                                     p.items.back().script == run.script && p.items.back().weight == weight &&
                                     p.items.back().slant == slant
                                 ? &p.items.back()
                                 : nullptr;
                // Shared characters (spaces, punctuation, marks) stay with the face before them if it has
                // them, so that a word and its punctuation shape together.
                if (last && (c < 0x20 || (is_shared(c) && last->face->has(c)))) {
                    last->end = pos;
                    continue;
                }
                auto face = fonts.face_for(c, run.script, style.lang, weight, slant, style.px);
                if (!face) {
                    if (c >= 0x20 && c != 0x200B && c != 0x200C && c != 0x200D && c != 0xFEFF)
                        p.missing.push_back(c);
                    face = last ? last->face : fonts.primary(run.script, style.lang, weight, slant, style.px);
                }
                if (!face)
                    continue;
                if (last && last->face == face)
                    last->end = pos;
                else
                    p.items.push_back({start, pos, run.script, face, weight, slant});
            }
        }
    }
}

void shape(const TextStyle& style, Paragraph& p) {
    const std::string& text = p.line.text;
    hb_buffer_t* buffer = hb_buffer_create();
    hb_language_t language = hb_language_from_string(style.lang.c_str(), -1);
    for (std::size_t i = 0; i < p.items.size(); ++i) {
        const Item& item = p.items[i];
        hb_buffer_clear_contents(buffer);
        // The whole line is given as context, so shaping at item edges sees its neighbours.
        hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()),
                           static_cast<unsigned>(item.begin), static_cast<int>(item.end - item.begin));
        hb_buffer_set_direction(buffer, HB_DIRECTION_LTR);
        hb_buffer_set_script(buffer, hb_script_from_string(iso15924(item.script), -1));
        hb_buffer_set_language(buffer, language);
        hb_shape(item.face->hb(), buffer, nullptr, 0);
        unsigned count = 0;
        hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
        hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
        for (unsigned g = 0; g < count; ++g)
            p.glyphs.push_back(
                {i, info[g].codepoint, info[g].cluster, pos[g].x_advance, pos[g].x_offset, pos[g].y_offset});
    }
    hb_buffer_destroy(buffer);
    std::vector<std::int64_t> per_byte(text.size() + 1, 0);
    for (const auto& g : p.glyphs)
        per_byte[std::min<std::size_t>(g.cluster, text.size())] += g.advance;
    p.at.assign(text.size() + 1, 0);
    for (std::size_t b = 0; b < text.size(); ++b)
        p.at[b + 1] = p.at[b] + per_byte[b];
}

// Where a line ending at `end` stops being visible: trailing white space hangs outside the box.
std::size_t visible_end(const std::string& text, std::size_t begin, std::size_t end) {
    while (end > begin && is_space(text[end - 1]))
        --end;
    return end;
}

std::int64_t width(const Paragraph& p, std::size_t begin, std::size_t end) {
    return p.at[visible_end(p.line.text, begin, end)] - p.at[begin];
}

// Greedy filling over break opportunities; a word wider than the box is cut between grapheme clusters.
std::vector<std::pair<std::size_t, std::size_t>> break_lines(const Paragraph& p, LineBreaker& breaker,
                                                             const std::string& lang, std::int64_t max) {
    const std::string& text = p.line.text;
    auto breaks = breaker.line_breaks(text, lang);
    std::vector<std::pair<std::size_t, std::size_t>> lines;
    std::size_t start = 0, fit = 0; // fit: the furthest opportunity that fits, 0 when none yet
    std::size_t i = 0;
    while (i < breaks.size()) {
        std::size_t bp = breaks[i];
        if (bp <= start) {
            ++i;
            continue;
        }
        if (width(p, start, bp) <= max) {
            fit = bp;
            ++i;
            continue;
        }
        if (fit > start) {
            lines.push_back({start, fit});
            start = fit;
            continue;
        }
        // Nothing fits: cut this word at the last cluster boundary that fits (at least one cluster).
        auto clusters = breaker.clusters(std::string_view(text).substr(start, bp - start), lang);
        std::size_t cut = start + clusters.front();
        for (std::size_t c : clusters) {
            if (width(p, start, start + c) > max)
                break;
            cut = start + c;
        }
        lines.push_back({start, cut});
        start = cut;
        fit = start;
    }
    if (start < text.size() || lines.empty())
        lines.push_back({start, text.size()});
    return lines;
}

TextLine place_line(const Paragraph& p, std::size_t begin, std::size_t end, float indent) {
    TextLine line;
    end = visible_end(p.line.text, begin, end);
    float pen = indent;
    for (const auto& g : p.glyphs) {
        if (g.cluster < begin || g.cluster >= end)
            continue;
        const Item& item = p.items[g.item];
        if (line.runs.empty() || line.runs.back().face != item.face) {
            PlacedRun run;
            run.face = item.face;
            run.script = item.script;
            run.x = pen;
            line.runs.push_back(std::move(run));
        }
        PlacedRun& run = line.runs.back();
        run.glyphs.push_back(
            {g.id, g.cluster, pen - run.x + g.x_offset / 64.0f, -g.y_offset / 64.0f, g.advance / 64.0f});
        pen += g.advance / 64.0f;
        run.width = pen - run.x;
    }
    // Each run's characters, for tools: from its first cluster to the next run's.
    for (std::size_t r = 0; r < line.runs.size(); ++r) {
        std::size_t from = line.runs[r].glyphs.front().cluster;
        std::size_t to = r + 1 < line.runs.size() ? line.runs[r + 1].glyphs.front().cluster : end;
        for (const auto& g : line.runs[r].glyphs)
            from = std::min<std::size_t>(from, g.cluster);
        line.runs[r].text_begin = static_cast<std::uint32_t>(from);
        line.runs[r].text = p.line.text.substr(from, to > from ? to - from : 0);
    }
    line.width = static_cast<int>(std::ceil(pen));
    return line;
}

// A run of one character drawn alone (a bullet, an ellipsis), from whichever font has it.
std::optional<PlacedRun> single_glyph(FontStack& fonts, char32_t c, const char* utf8,
                                      const TextStyle& style) {
    auto face = fonts.face_for(c, Script::Latin, style.lang, style.weight, Slant::Upright, style.px);
    if (!face)
        return std::nullopt;
    hb_codepoint_t id = 0;
    hb_font_get_nominal_glyph(face->hb(), c, &id);
    PlacedRun run;
    run.face = face;
    run.width = hb_font_get_glyph_h_advance(face->hb(), id) / 64.0f;
    run.glyphs.push_back({id, 0, 0, 0, run.width});
    run.text = utf8;
    return run;
}

// Heights: the tallest face of the line, and never less than its scripts need for stacked marks.
void set_metrics(TextLine& line, FontStack& fonts, const TextStyle& style) {
    float ascent = 0, descent = 0, minimum = 0;
    if (line.runs.empty()) {
        if (auto face = fonts.primary(Script::Latin, style.lang, style.weight, Slant::Upright, style.px)) {
            ascent = face->ascent();
            descent = face->descent();
        }
        minimum = style.px * min_line_height_em(Script::Latin);
    }
    for (const auto& run : line.runs) {
        ascent = std::max(ascent, run.face->ascent());
        descent = std::max(descent, run.face->descent());
        minimum = std::max(minimum, style.px * min_line_height_em(run.script));
    }
    float natural = std::max(ascent + descent, minimum);
    float height = natural * style.line_spacing;
    line.height = static_cast<int>(std::lround(height));
    line.ascent = static_cast<int>(std::lround(ascent + (height - (ascent + descent)) / 2));
}

} // namespace

std::string TextLine::text() const {
    std::string out;
    for (const auto& run : runs)
        out += run.text;
    return out;
}

TextBlock layout_text(FontStack& fonts, LineBreaker& breaker, std::string_view text, const TextStyle& style,
                      int max_width) {
    TextBlock block;
    block.width = max_width;
    block.px = style.px;
    auto hard_lines = parse_markup(text, style.markup);
    int y = 0;
    for (const auto& hard : hard_lines) {
        if (hard.starts_paragraph)
            y += style.px / 2;
        Paragraph p{hard, {}, {}, {}, {}};
        itemise(fonts, style, p);
        shape(style, p);
        for (char32_t c : p.missing)
            if (std::find(block.missing.begin(), block.missing.end(), c) == block.missing.end())
                block.missing.push_back(c);
        auto bullet = hard.bullet ? single_glyph(fonts, 0x2022, kBullet, style) : std::nullopt;
        float indent = bullet ? bullet->width + style.px * 0.5f : 0;
        auto max = static_cast<std::int64_t>(std::max(1.0f, max_width - indent) * 64);
        bool first = true;
        for (auto [b, e] : break_lines(p, breaker, style.lang, max)) {
            TextLine line = place_line(p, b, e, indent);
            if (first && bullet)
                line.runs.insert(line.runs.begin(), *bullet);
            first = false;
            set_metrics(line, fonts, style);
            int shift = style.align == Align::Center ? (max_width - line.width) / 2
                        : style.align == Align::End  ? max_width - line.width
                                                     : 0;
            for (auto& run : line.runs)
                run.x += static_cast<float>(std::max(0, shift));
            line.y = y;
            y += line.height;
            block.lines.push_back(std::move(line));
        }
    }
    block.height = y;
    return block;
}

void add_ellipsis(FontStack& fonts, TextBlock& block, const TextStyle& style, int max_width) {
    if (block.lines.empty())
        return;
    TextLine& line = block.lines.back();
    auto tail = single_glyph(fonts, 0x2026, kEllipsis, style);
    if (!tail)
        return;
    float ell = tail->width;
    // Drop whole clusters from the end (a cluster holds a base with all its marks) until it fits.
    auto right = [&] { return line.runs.empty() ? 0.0f : line.runs.back().x + line.runs.back().width; };
    while (!line.runs.empty() && right() + ell > max_width) {
        PlacedRun& run = line.runs.back();
        std::uint32_t cluster = run.glyphs.back().cluster;
        while (!run.glyphs.empty() && run.glyphs.back().cluster == cluster) {
            run.width -= run.glyphs.back().advance;
            run.glyphs.pop_back();
        }
        if (run.glyphs.empty() || cluster <= run.text_begin) {
            line.runs.pop_back();
            continue;
        }
        run.text.resize(std::min<std::size_t>(run.text.size(), cluster - run.text_begin));
    }
    tail->x = right();
    line.runs.push_back(std::move(*tail));
    line.width = static_cast<int>(std::ceil(line.runs.back().x + ell));
}

} // namespace kiosk
