// Checks every slide in every language on every display profile with the kiosk's own text engine and
// slide layouts: text that does not fit its box and characters no font has, each with file and line.
#pragma once

#include "source/diagnostics.hpp"
#include "source/source.hpp"
#include "text/font_stack.hpp"

namespace content_tool {

void check_text(const SourceProject& project, const kiosk::FontPaths& fonts, Diagnostics& diagnostics);

} // namespace content_tool
