// Text layout: runs by script and style with a font each, shaped by HarfBuzz, broken into lines only
// at ICU's line-break opportunities for the text's language (dictionaries for Lao, Khmer, Thai and
// Myanmar), never inside a grapheme cluster. Knows nothing of rendering.
#pragma once

#include "text/font_stack.hpp"
#include "text/markup.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class Align { Start, Center, End };
enum class Overflow { Report, Ellipsis }; // what fitting does with text that does not fit at its smallest

struct TextStyle {
    int px = 32;
    Weight weight = Weight::Regular;
    std::string lang = "en";
    Align align = Align::Start;
    float line_spacing = 1.0f; // multiple of the line's natural height
    Markup markup = Markup::On;
    Overflow overflow = Overflow::Report;
};

struct Glyph {
    std::uint32_t id;
    std::uint32_t cluster; // byte offset of its characters in the hard line's text
    float x;               // pen position from the run's start, in pixels
    float y;               // offset below the baseline
    float advance;         // how far it moves the pen
};

struct PlacedRun {
    std::shared_ptr<FontFace> face;
    Script script = Script::Latin;
    std::vector<Glyph> glyphs;
    std::string text;             // the characters this run draws
    std::uint32_t text_begin = 0; // byte offset of text in the hard line
    float x = 0;                  // from the line's left edge
    float width = 0;
};

struct TextLine {
    std::vector<PlacedRun> runs;
    int width = 0;  // rounded up
    int y = 0;      // top of the line within the block
    int ascent = 0; // baseline distance from y
    int height = 0;
    std::string text() const; // the characters of its runs, for tools and tests
};

struct TextBlock {
    std::vector<TextLine> lines;
    int width = 0;                 // the box width it was laid out for
    int height = 0;                // total height used
    int px = 0;                    // the size finally used
    bool overflow = false;         // did not fit even at the smallest size (lines were cut)
    std::vector<char32_t> missing; // characters no font in the stack has (drawn as boxes)
};

class LineBreaker;

// Lays text out in a box max_width pixels wide (see markup.hpp for what the text may contain). Lines end
// only where the breaker allows (its kept names included); a stretch wider than the box is cut at the
// loosest opportunity inside it. A line never starts with the blank half of a full-width opening
// bracket, and a paragraph's last line never holds a single ideograph when the line before can give one.
TextBlock layout_text(FontStack& fonts, LineBreaker& breaker, std::string_view text, const TextStyle& style,
                      int max_width);

// A kept name (LineBreaker::set_kept_names) that a line would have ended inside without its guard.
struct NameSplit {
    std::string name;   // as it occurs in the text
    std::string before; // the part that would have ended one line
    std::string after;  // the part that would have started the next
};

// Where the text, laid out as layout_text would but without keeping names whole, splits a kept name:
// for checks that show editors what their list of names protects.
std::vector<NameSplit> find_name_splits(FontStack& fonts, LineBreaker& breaker, std::string_view text,
                                        const TextStyle& style, int max_width);

// Ends the block's last line with an ellipsis that fits max_width, cutting whole clusters.
void add_ellipsis(FontStack& fonts, TextBlock& block, const TextStyle& style, int max_width);

} // namespace kiosk
