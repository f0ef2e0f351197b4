// Subtitle size follows the film's height (about 1/16, as broadcast captions), and long cues are fitted
// into at most a third of the picture, cut with an ellipsis rather than covering the film.
#include "render/subtitle_painter.hpp"

#include "render/text_painter.hpp"

#include <algorithm>

namespace kiosk {

Result<Canvas> paint_subtitle(TextEngine& text, std::string_view markup, const std::string& lang, int film_w,
                              int film_h) {
    TextStyle style;
    style.px = std::clamp(film_h / 16, 16, 64);
    style.lang = lang;
    style.align = Align::Center;
    style.overflow = Overflow::Ellipsis;
    int pad = std::max(4, style.px / 4);
    int max_width = std::max(64, film_w * 9 / 10 - 2 * pad);
    TextBlockPtr block = text.fit(markup, style, max_width, std::max(style.px, film_h / 3), 14);
    int widest = 0;
    for (const auto& line : block->lines)
        widest = std::max(widest, line.width);
    if (widest == 0)
        return make_error(ErrorCode::Invalid, "nothing to show");
    auto canvas = TRY(Canvas::create(widest + 2 * pad, block->height + 2 * pad));
    canvas.fill({0, 0, canvas.width(), canvas.height()}, SDL_Color{0, 0, 0, 255});
    // Lines are centred in the box they were laid out for; shift that box so the widest line starts at pad.
    paint_text(canvas, text, *block, pad - (block->width - widest) / 2, pad, SDL_Color{255, 255, 255, 255});
    return canvas;
}

} // namespace kiosk
