// Text layout: script runs, line breaks at ICU line-break opportunities for the text's language,
// measured with the shaped widths of the fonts that will draw them. Knows nothing of rendering.
#pragma once

#include "text/font_stack.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class Align { Start, Center };

struct TextStyle {
    int px = 32;
    Weight weight = Weight::Regular;
    std::string lang = "en";
    Align align = Align::Start;
    float line_spacing = 1.0f; // multiple of the tallest font's line skip
};

struct PlacedRun {
    TTF_Font* font = nullptr;
    std::string text;
    int x = 0; // from the line's left edge
    int width = 0;
};

struct TextLine {
    std::vector<PlacedRun> runs;
    int width = 0;
    int y = 0;      // top of the line within the block
    int ascent = 0; // baseline distance from y
    int height = 0;
};

struct TextBlock {
    std::vector<TextLine> lines;
    int width = 0;         // the box width it was laid out for
    int height = 0;        // total height used
    int px = 0;            // the size finally used
    bool overflow = false; // the text did not fit even at the smallest size
};

// Lays text out in a box max_width wide. Lines of the text are hard breaks; an empty line adds a paragraph
// gap.
TextBlock layout_text(FontStack& fonts, std::string_view text, const TextStyle& style, int max_width);

// Shrinks from style.px down to min_px until the text fits max_height; at min_px lines that do not fit are
// dropped and the last kept line ends with an ellipsis, and the block is marked as overflowing.
TextBlock fit_text(FontStack& fonts, std::string_view text, TextStyle style, int max_width, int max_height,
                   int min_px);

} // namespace kiosk
