// Pixel density from the picture size and the panel's diagonal.
#include "render/screens/screen_metrics.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

ScreenMetrics ScreenMetrics::of(int w, int h, float diagonal_inches) {
    // A nonsensical diagonal (0, negative) falls back to the default rather than to huge targets.
    float inches = diagonal_inches > 1.0f ? diagonal_inches : kDefaultScreenInches;
    double diagonal_px = std::hypot(static_cast<double>(std::max(1, w)), static_cast<double>(std::max(1, h)));
    return ScreenMetrics{static_cast<float>(diagonal_px / (inches * 25.4))};
}

int ScreenMetrics::px(float mm) const {
    return static_cast<int>(std::ceil(mm * px_per_mm));
}

int ScreenMetrics::min_target_px() const {
    return std::max(1, px(kMinTargetMm));
}

int ScreenMetrics::readable_px(Viewing viewing) const {
    double distance = viewing == Viewing::Cabinet ? kCabinetViewingMm : kWallViewingMm;
    double cap_mm = 2.0 * distance * std::tan(kReadableArcMinutes / 60.0 / 2.0 * M_PI / 180.0);
    return std::max(kReadableFloorPx, static_cast<int>(std::ceil(cap_mm / kCapHeightEm * px_per_mm)));
}

} // namespace kiosk
