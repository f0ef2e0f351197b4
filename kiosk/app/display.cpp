// Window and renderer creation, kept apart from the loop that draws into them.
#include "app/display.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace kiosk {

bool has_gpu() {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec))
        if (entry.path().filename().string().starts_with("renderD"))
            return true;
    return false;
}

namespace {

bool use_gpu(const KioskConfig& config, std::string& why) {
    switch (config.renderer) {
    case KioskConfig::Renderer::Gpu:
        why = "renderer=gpu";
        return true;
    case KioskConfig::Renderer::Software:
        why = "renderer=software";
        return false;
    case KioskConfig::Renderer::Auto:
        break;
    }
    bool gpu = has_gpu();
    why = gpu ? "GPU found" : "no GPU in /dev/dri";
    return gpu;
}

} // namespace

Status init_video() {
    if (!std::getenv("DBUS_SESSION_BUS_ADDRESS"))
        ::setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return make_error(ErrorCode::Io, std::string("cannot open the display: ") + SDL_GetError());
    return {};
}

Result<Display> open_display(const KioskConfig& config, std::pair<int, int> profile_size,
                             std::optional<std::pair<int, int>> size) {
    std::string why;
    bool gpu = use_gpu(config, why);
    // Software drawing goes straight to the window's own framebuffer, never through emulated OpenGL.
    if (!gpu)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");

    auto [w, h] = size.value_or(profile_size);
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    Uint32 flags = SDL_WINDOW_SHOWN;
    SDL_Rect bounds{};
    if (config.fullscreen && SDL_GetDisplayBounds(0, &bounds) == 0 && bounds.w > 0 && bounds.h > 0) {
        flags |= SDL_WINDOW_BORDERLESS;
        x = bounds.x, y = bounds.y, w = bounds.w, h = bounds.h;
    } else if (config.fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP; // no display bounds: let SDL find the size
    } else if (!size) {
        // A window for testing: the profile's shape, scaled down to fit the desktop.
        SDL_Rect usable{};
        if (SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.w > 0 && usable.h > 0) {
            double scale = std::min({1.0, 0.9 * usable.w / w, 0.9 * usable.h / h});
            w = static_cast<int>(w * scale);
            h = static_cast<int>(h * scale);
        }
    }
    Display display;
    display.window.reset(SDL_CreateWindow("Kiosk", x, y, w, h, flags));
    if (!display.window)
        return make_error(ErrorCode::Io, std::string("cannot create a window: ") + SDL_GetError());

    if (gpu) {
        display.renderer.reset(SDL_CreateRenderer(display.window.get(), -1,
                                                  SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
        if (!display.renderer)
            why += std::string("; no accelerated renderer (") + SDL_GetError() + ")";
    }
    if (!display.renderer)
        display.renderer.reset(SDL_CreateRenderer(display.window.get(), -1, SDL_RENDERER_SOFTWARE));
    if (!display.renderer)
        return make_error(ErrorCode::Io, std::string("cannot create a renderer: ") + SDL_GetError());

    SDL_RendererInfo info{};
    SDL_GetRendererInfo(display.renderer.get(), &info);
    // SDL's software renderer reports vsync but cannot wait for it; the loop paces itself instead.
    display.vsync = (info.flags & SDL_RENDERER_PRESENTVSYNC) && !(info.flags & SDL_RENDERER_SOFTWARE);
    if (config.fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    int out_w = 0, out_h = 0;
    SDL_GetRendererOutputSize(display.renderer.get(), &out_w, &out_h);
    display.description = std::to_string(out_w) + "x" + std::to_string(out_h) + " with renderer " +
                          info.name + (display.vsync ? " (vsync)" : "") + " [" + why + "]";
    return display;
}

void request_fullscreen(Display& display) {
    if (!(SDL_GetWindowFlags(display.window.get()) & SDL_WINDOW_FULLSCREEN))
        SDL_SetWindowFullscreen(display.window.get(), SDL_WINDOW_FULLSCREEN_DESKTOP);
}

} // namespace kiosk
