// Renders one frame to a PNG with the software renderer (for tests, goldens and editors' previews).
#pragma once

#include "app/options.hpp"
#include "config/config.hpp"
#include "store/store.hpp"
#include "text/text_engine.hpp"

namespace kiosk {

int take_screenshot(const Options& options, const KioskConfig& config, TextEngine& text, const Store& store,
                    const TrustedKeys& keys);

} // namespace kiosk
