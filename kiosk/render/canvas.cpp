// Software renderer on an ARGB surface; byte-identical output on every machine with the same fonts.
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
    RendererPtr renderer(SDL_CreateSoftwareRenderer(surface.get()));
    if (!renderer)
        return make_error(ErrorCode::Io, std::string("cannot create software renderer: ") + SDL_GetError());
    SDL_SetRenderDrawBlendMode(renderer.get(), SDL_BLENDMODE_BLEND);
    return Canvas(std::move(surface), std::move(renderer));
}

Status Canvas::save_png(const std::filesystem::path& path) const {
    if (IMG_SavePNG(m_surface.get(), path.c_str()) != 0)
        return make_error(ErrorCode::Io, "cannot write " + path.string() + ": " + IMG_GetError());
    return {};
}

} // namespace kiosk
