// Each run is rasterised by SDL2_ttf (HarfBuzz-shaped) and placed on its line's common baseline.
#include "render/text_painter.hpp"

namespace kiosk {

void paint_text(Canvas& canvas, const TextBlock& block, int x, int y, SDL_Color color) {
    for (const auto& line : block.lines) {
        for (const auto& run : line.runs) {
            if (!run.font || run.text.empty())
                continue;
            SurfacePtr surface(TTF_RenderUTF8_Blended(run.font, run.text.c_str(), color));
            if (!surface)
                continue;
            int top = y + line.y + line.ascent - TTF_FontAscent(run.font);
            canvas.blend(surface.get(), {x + run.x, top, surface->w, surface->h});
        }
    }
}

} // namespace kiosk
