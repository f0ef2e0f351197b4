// `kiosk --play-media`: one video fullscreen on the station's display, frames shown on time from the
// decoder's queue, late ones dropped, with statistics for operators and benchmarks.
#pragma once

#include "app/options.hpp"
#include "config/config.hpp"
#include "text/text_engine.hpp"

namespace kiosk {

int play_media(const Options& options, const KioskConfig& config, TextEngine& text);

} // namespace kiosk
