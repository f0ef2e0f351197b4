// Draws laid-out text blocks onto a renderer.
#pragma once

#include "text/layout.hpp"

#include <SDL.h>

namespace kiosk {

void paint_text(SDL_Renderer* renderer, const TextBlock& block, int x, int y, SDL_Color color);

} // namespace kiosk
