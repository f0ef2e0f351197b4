// Canvas operations: SDL's surface fill and blit, which touch only the surfaces they are given.
#include "render/canvas.hpp"

#include <SDL_image.h>

namespace kiosk {

Result<Canvas> Canvas::create(int w, int h) {
    if (w < 16 || h < 16 || w > 8192 || h > 8192)
        return make_error(ErrorCode::Invalid,
                          "canvas size " + std::to_string(w) + "x" + std::to_string(h) + " is out of range");
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface)
        return make_error(ErrorCode::Io, std::string("cannot create canvas: ") + SDL_GetError());
    return Canvas(std::move(surface));
}

void Canvas::fill(SDL_Rect rect, SDL_Color color) {
    SDL_FillRect(m_surface.get(), &rect, SDL_MapRGBA(m_surface->format, color.r, color.g, color.b, 255));
}

void Canvas::blend(SDL_Surface* image, SDL_Rect at) {
    SDL_SetSurfaceBlendMode(image, SDL_BLENDMODE_BLEND);
    SDL_BlitSurface(image, nullptr, m_surface.get(), &at);
}

Status Canvas::save_png(const std::filesystem::path& path) const {
    if (IMG_SavePNG(m_surface.get(), path.c_str()) != 0)
        return make_error(ErrorCode::Io, "cannot write " + path.string() + ": " + IMG_GetError());
    return {};
}

} // namespace kiosk
