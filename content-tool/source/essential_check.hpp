// Warnings for slides marked essential (emergency numbers, entry rules) that the schedule takes off screen.
#pragma once

#include "source/source.hpp"

namespace content_tool {

// Warns, at each essential slide, about the playlists whose dates or times limit it and the slides and
// playlists of higher priority that push it out of the attract loop while they play.
void check_essential(const SourceProject& project, Diagnostics& d);

} // namespace content_tool
