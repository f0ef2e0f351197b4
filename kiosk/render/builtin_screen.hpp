// The built-in screen shown when no valid pack can play: never a black screen.
#pragma once

#include "render/canvas.hpp"
#include "text/text_engine.hpp"

#include <SDL.h>
#include <string>

namespace kiosk {

// station_name is shown large; reason (why nothing plays) is shown small for the operator.
void paint_builtin_screen(Canvas& canvas, TextEngine& text, int w, int h, const std::string& station_name,
                          const std::string& reason);

} // namespace kiosk
