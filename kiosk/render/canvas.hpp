// A picture being painted in memory: an ARGB surface, drawn on with plain CPU operations, so that any
// thread may paint its own canvas. The screen, screenshots and golden images all show canvases.
#pragma once

#include "base/result.hpp"
#include "render/sdl_ptr.hpp"

#include <filesystem>

namespace kiosk {

class Canvas {
public:
    static Result<Canvas> create(int w, int h);
    SDL_Surface* surface() const { return m_surface.get(); }
    int width() const { return m_surface->w; }
    int height() const { return m_surface->h; }
    // An opaque rectangle.
    void fill(SDL_Rect rect, SDL_Color color);
    // Draws `image` with its alpha at `at` (its own size), clipped to the canvas.
    void blend(SDL_Surface* image, SDL_Rect at);
    Status save_png(const std::filesystem::path& path) const;

private:
    explicit Canvas(SurfacePtr surface) : m_surface(std::move(surface)) {}
    SurfacePtr m_surface;
};

} // namespace kiosk
