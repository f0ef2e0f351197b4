// Draws laid-out text blocks onto a canvas, glyph by glyph from the engine's glyph cache.
#pragma once

#include "render/canvas.hpp"
#include "text/text_engine.hpp"

namespace kiosk {

void paint_text(Canvas& canvas, TextEngine& text, const TextBlock& block, int x, int y, SDL_Color color);

} // namespace kiosk
