// An offscreen software-rendered canvas, for screenshots, golden images and editors' previews.
#pragma once

#include "base/result.hpp"
#include "render/sdl_ptr.hpp"

#include <filesystem>

namespace kiosk {

class Canvas {
public:
    static Result<Canvas> create(int w, int h);
    SDL_Renderer* renderer() const { return m_renderer.get(); }
    SDL_Surface* surface() const { return m_surface.get(); }
    Status save_png(const std::filesystem::path& path) const;

private:
    Canvas(SurfacePtr surface, RendererPtr renderer)
        : m_surface(std::move(surface)), m_renderer(std::move(renderer)) {}
    SurfacePtr m_surface;
    RendererPtr m_renderer;
};

} // namespace kiosk
