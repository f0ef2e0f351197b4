// Each run is rasterised by SDL2_ttf (HarfBuzz-shaped) and placed on its line's common baseline.
#include "render/text_painter.hpp"

#include "render/sdl_ptr.hpp"

namespace kiosk {

void paint_text(SDL_Renderer* renderer, const TextBlock& block, int x, int y, SDL_Color color) {
    for (const auto& line : block.lines) {
        for (const auto& run : line.runs) {
            if (!run.font || run.text.empty())
                continue;
            SurfacePtr surface(TTF_RenderUTF8_Blended(run.font, run.text.c_str(), color));
            if (!surface)
                continue;
            TexturePtr texture(SDL_CreateTextureFromSurface(renderer, surface.get()));
            if (!texture)
                continue;
            int top = y + line.y + line.ascent - TTF_FontAscent(run.font);
            SDL_Rect dst{x + run.x, top, surface->w, surface->h};
            SDL_RenderCopy(renderer, texture.get(), nullptr, &dst);
        }
    }
}

} // namespace kiosk
