// How big things are on the glass: pixels per millimetre of a screen of known diagonal, so that every
// touch target is large enough for a finger whatever the panel's size and resolution.
#pragma once

namespace kiosk {

// The smallest side of anything a traveller taps.
constexpr float kMinTargetMm = 9.0f;
// The diagonal assumed when the station's configuration says nothing (a common touch cabinet).
constexpr float kDefaultScreenInches = 43.0f;

struct ScreenMetrics {
    float px_per_mm = 2.0f;

    // A w x h picture filling a screen of the given diagonal (the configuration's screen_inches).
    static ScreenMetrics of(int w, int h, float diagonal_inches = kDefaultScreenInches);
    int px(float mm) const;
    // kMinTargetMm in pixels, rounded up.
    int min_target_px() const;
};

} // namespace kiosk
