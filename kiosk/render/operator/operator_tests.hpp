// Inside the operator painter: the test pattern and the touch test's backdrop and readout.
#pragma once

#include "render/operator/operator_kit.hpp"

namespace kiosk::operator_kit {

// Colour bars, a grey ramp, a 1-px grid and 1-px stripes, corner marks on the panel's very edges and
// the resolution; the whole screen is one target that goes back.
void paint_test_pattern(Page& p);
// A dark screen with a faint grid, the hint and a Back button in the top-left corner.
void paint_touch_backdrop(Page& p);
// Where the readout of coordinates goes (right of the Back button).
Box touch_readout(const Frame& f);
void paint_readout(Page& p, const std::vector<TouchPoint>& points);

} // namespace kiosk::operator_kit
