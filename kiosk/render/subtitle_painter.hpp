// Paints the subtitle lines showing now: white text, centred, on a dark band as wide as the longest
// line, sized to the film so it reads the same on a cabinet and on an LED wall.
#pragma once

#include "render/canvas.hpp"
#include "text/text_engine.hpp"

#include <string>
#include <string_view>

namespace kiosk {

// The band for text (markup, lines separated by '\n') under a film film_w x film_h pixels on screen.
Result<Canvas> paint_subtitle(TextEngine& text, std::string_view markup, const std::string& lang, int film_w,
                              int film_h);

} // namespace kiosk
