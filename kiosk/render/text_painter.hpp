// Draws laid-out text blocks onto a canvas.
#pragma once

#include "render/canvas.hpp"
#include "text/layout.hpp"

namespace kiosk {

void paint_text(Canvas& canvas, const TextBlock& block, int x, int y, SDL_Color color);

} // namespace kiosk
