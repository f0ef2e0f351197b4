// Itemise -> shape -> break -> place, one hard line at a time.
#include "text/layout.hpp"

#include "text/kept_together.hpp"
#include "text/line_breaker.hpp"

#include <algorithm>
#include <cmath>
#include <hb.h>
#include <optional>
#include <unicode/uchar.h>

namespace kiosk {

namespace {

constexpr char kEllipsis[] = "\xE2\x80\xA6"; // …
constexpr char kBullet[] = "\xE2\x80\xA2";   // •

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

// Characters that draw nothing (joiners, the word joiner, variation selectors): they stay in the item
// before them whatever its font, so a U+2060 between two Lao syllables neither splits the shaping nor
// counts as missing.
bool invisible(char32_t c) {
    return (c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF ||
           (c >= 0xFE00 && c <= 0xFE0F);
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
                if (last && (c < 0x20 || invisible(c) || (is_shared(c) && last->face->has(c)))) {
                    last->end = pos;
                    continue;
                }
                auto face = fonts.face_for(c, run.script, style.lang, weight, slant, style.px);
                if (!face) {
                    if (c >= 0x20 && !invisible(c))
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

// The furthest of points (ascending) in (start, limit) at which a line from start fits, or start.
std::size_t furthest_fit(const Paragraph& p, const std::vector<std::size_t>& points, std::size_t start,
                         std::size_t limit, std::int64_t max) {
    std::size_t best = start;
    for (auto it = std::upper_bound(points.begin(), points.end(), start); it != points.end() && *it < limit;
         ++it) {
        if (width(p, start, *it) > max)
            break;
        best = *it;
    }
    return best;
}

// A last line holding a single ideograph or kana (with at most punctuation): an orphan in CJK setting.
bool lone_ideograph(const std::string& text, std::size_t begin, std::size_t end) {
    int ideographs = 0;
    for (std::size_t pos = begin; pos < end;) {
        char32_t c = next_code_point(text, pos);
        bool ideograph = (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
                         (c >= 0x3040 && c <= 0x30FF && c != 0x30FB) || (c >= 0xF900 && c <= 0xFAFF) ||
                         (c >= 0x20000 && c <= 0x2FFFF);
        if (ideograph)
            ++ideographs;
        else if (!u_ispunct(static_cast<UChar32>(c)) && !u_isspace(static_cast<UChar32>(c)))
            return false;
    }
    return ideographs == 1;
}

// Greedy filling over break opportunities. A stretch wider than the box is cut at the loosest
// opportunity that fits: ICU's own (inside a kept name, number or Korean word), then between syllables,
// then between clusters, one cluster at least. Each finer list is found once, and only when needed.
std::vector<std::pair<std::size_t, std::size_t>> break_lines(const Paragraph& p, LineBreaker& breaker,
                                                             const std::string& lang, std::int64_t max,
                                                             BreakRules rules) {
    const std::string& text = p.line.text;
    auto breaks = breaker.line_breaks(text, lang, rules);
    std::vector<std::size_t> finer[3];
    bool found[3] = {false, false, false};
    auto finer_points = [&](int level) -> const std::vector<std::size_t>& {
        if (!found[level]) {
            found[level] = true;
            finer[level] = level == 0   ? breaker.line_breaks(text, lang, BreakRules::Script)
                           : level == 1 ? breaker.syllable_cuts(text, lang)
                                        : breaker.clusters(text, lang);
        }
        return finer[level];
    };
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
        // Nothing fits: cut this stretch at the loosest opportunity inside it that fits.
        std::size_t cut = start;
        for (int level = 0; level < 3 && cut == start; ++level)
            cut = furthest_fit(p, finer_points(level), start, bp, max);
        if (cut == start) {
            const auto& clusters = finer_points(2);
            auto next = std::upper_bound(clusters.begin(), clusters.end(), start);
            cut = next != clusters.end() ? std::min(*next, bp) : bp;
        }
        lines.push_back({start, cut});
        start = cut;
        fit = start;
    }
    if (start < text.size() || lines.empty())
        lines.push_back({start, text.size()});
    // A single ideograph alone on the last line takes one more from the line before, if both still fit.
    if (lines.size() >= 2) {
        auto& [prev_begin, prev_end] = lines[lines.size() - 2];
        auto& last = lines.back();
        if (lone_ideograph(text, last.first, visible_end(text, last.first, last.second))) {
            auto it = std::lower_bound(breaks.begin(), breaks.end(), prev_end);
            std::size_t earlier = it != breaks.begin() ? *(it - 1) : 0;
            if (earlier > prev_begin && width(p, earlier, last.second) <= max) {
                prev_end = earlier;
                last.first = earlier;
            }
        }
    }
    return lines;
}

// Full-width opening brackets and quotes: their glyph sits in the right half of the em.
bool opening_bracket(char32_t c) {
    return c == 0x300C || c == 0x300E || c == 0xFF08 || c == 0x3010 || c == 0x3008 || c == 0x300A ||
           c == 0x3014 || c == 0x3016 || c == 0x3018 || c == 0x301A || c == 0xFF3B || c == 0xFF5B ||
           c == 0xFF5F || c == 0x301D || c == 0x201C || c == 0x2018;
}

// How much of a line's first glyph to pull into the margin: the blank left half of a full-width opening
// bracket (CSS text-spacing-trim: trim-start), so that it does not look like an indent.
float leading_trim(const Paragraph& p, const Shaped& g, std::size_t begin) {
    std::size_t pos = begin;
    if (g.cluster != begin || !opening_bracket(next_code_point(p.line.text, pos)))
        return 0;
    hb_glyph_extents_t extents{};
    if (!hb_font_get_glyph_extents(p.items[g.item].face->hb(), g.id, &extents))
        return 0;
    float advance = g.advance / 64.0f, ink_left = extents.x_bearing / 64.0f;
    return advance > 0 && ink_left >= advance * 0.45f ? advance / 2 : 0;
}

TextLine place_line(const Paragraph& p, std::size_t begin, std::size_t end, float indent) {
    TextLine line;
    end = visible_end(p.line.text, begin, end);
    float pen = indent;
    // Glyphs come in logical order with ascending clusters (left-to-right shaping keeps them monotone), so
    // a line's glyphs are found by search rather than by a walk over the whole paragraph.
    auto first = std::partition_point(p.glyphs.begin(), p.glyphs.end(),
                                      [&](const Shaped& g) { return g.cluster < begin; });
    for (auto it = first; it != p.glyphs.end() && it->cluster < end; ++it) {
        const Shaped& g = *it;
        float trim = line.runs.empty() ? leading_trim(p, g, begin) : 0;
        const Item& item = p.items[g.item];
        if (line.runs.empty() || line.runs.back().face != item.face) {
            PlacedRun run;
            run.face = item.face;
            run.script = item.script;
            run.x = pen;
            line.runs.push_back(std::move(run));
        }
        PlacedRun& run = line.runs.back();
        run.glyphs.push_back({g.id, g.cluster, pen - run.x + g.x_offset / 64.0f - trim, -g.y_offset / 64.0f,
                              g.advance / 64.0f - trim});
        pen += g.advance / 64.0f - trim;
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

namespace {

// The box width left for a hard line's text once its bullet is drawn, in 1/64 px.
std::int64_t text_width(float indent, int max_width) {
    return static_cast<std::int64_t>(std::max(1.0f, max_width - indent) * 64);
}

Paragraph prepare(FontStack& fonts, const HardLine& hard, const TextStyle& style) {
    Paragraph p{hard, {}, {}, {}, {}};
    itemise(fonts, style, p);
    shape(style, p);
    return p;
}

} // namespace

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
        Paragraph p = prepare(fonts, hard, style);
        for (char32_t c : p.missing)
            if (std::find(block.missing.begin(), block.missing.end(), c) == block.missing.end())
                block.missing.push_back(c);
        auto bullet = hard.bullet ? single_glyph(fonts, 0x2022, kBullet, style) : std::nullopt;
        float indent = bullet ? bullet->width + style.px * 0.5f : 0;
        bool first = true;
        for (auto [b, e] :
             break_lines(p, breaker, style.lang, text_width(indent, max_width), BreakRules::Full)) {
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

std::vector<NameSplit> find_name_splits(FontStack& fonts, LineBreaker& breaker, std::string_view text,
                                        const TextStyle& style, int max_width) {
    std::vector<NameSplit> splits;
    if (breaker.kept_names().empty())
        return splits;
    for (const auto& hard : parse_markup(text, style.markup)) {
        std::vector<KeptSpan> names;
        add_names(hard.text, breaker.kept_names(), names);
        if (names.empty())
            continue;
        Paragraph p = prepare(fonts, hard, style);
        float indent = 0;
        if (hard.bullet)
            if (auto bullet = single_glyph(fonts, 0x2022, kBullet, style))
                indent = bullet->width + style.px * 0.5f;
        auto lines = break_lines(p, breaker, style.lang, text_width(indent, max_width), BreakRules::Unnamed);
        // Names and line ends are both few per paragraph; each name looks for the first line end inside it.
        for (const auto& name : names) {
            auto inside = std::find_if(lines.begin(), lines.end(), [&](const auto& line) {
                return line.second > name.begin && line.second < name.end;
            });
            if (inside == lines.end())
                continue;
            std::string whole = hard.text.substr(name.begin, name.end - name.begin);
            splits.push_back({whole, whole.substr(0, inside->second - name.begin),
                              hard.text.substr(inside->second, name.end - inside->second)});
        }
    }
    return splits;
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
