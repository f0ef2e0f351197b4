// The station's screen: a window and a renderer chosen for the machine the kiosk runs on.
#pragma once

#include "base/result.hpp"
#include "config/config.hpp"
#include "render/sdl_ptr.hpp"

#include <optional>
#include <string>
#include <utility>

namespace kiosk {

struct Display {
    WindowPtr window;
    RendererPtr renderer; // declared after the window, so it is destroyed first
    bool vsync = false;
    std::string description; // for the log: size, renderer and why it was chosen
};

// Starts SDL's video subsystem. A station has no desktop session bus: without one, SDL's D-Bus
// helpers would make libdbus spawn dbus-launch on every start, so the session bus is left out.
Status init_video();

// Opens the window: fullscreen, or of `size` (default: the profile's size scaled to fit the desktop).
// A fullscreen window starts as a borderless window covering the display, which shows at once even
// with no window manager; request_fullscreen() then asks the window manager for true fullscreen.
Result<Display> open_display(const KioskConfig& config, std::pair<int, int> profile_size,
                             std::optional<std::pair<int, int>> size);

// Called once the first frame is on screen: without a window manager SDL waits for an answer that
// never comes (about 0.4 s), so this must not stand between starting and the first frame.
void request_fullscreen(Display& display);

// True when the machine has a GPU render node, so OpenGL is hardware accelerated. Without one, Mesa
// would emulate OpenGL on the CPU (llvmpipe), costing some 80 MB for no gain over SDL's own drawing.
bool has_gpu();

} // namespace kiosk
