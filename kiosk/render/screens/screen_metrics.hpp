// How big things are on the glass: pixels per millimetre of a screen of known diagonal, so that every
// touch target is large enough for a finger whatever the panel's size and resolution.
#pragma once

namespace kiosk {

// The smallest side of anything a traveller taps.
constexpr float kMinTargetMm = 9.0f;
// The diagonal assumed when the station's configuration says nothing (a common touch cabinet).
constexpr float kDefaultScreenInches = 43.0f;

// The smallest text that must be read from where people stand (urgent notices): its capital letters must
// subtend at least kReadableArcMinutes at the viewing distance, the lower end of what display ergonomics
// (ISO 9241-303) asks for text read at a glance. A touch cabinet is read from kCabinetViewingMm (a traveller
// queueing in the hall, not only the one touching it); an LED wall at the gate entrance from
// kWallViewingMm. Sizes are font sizes (em), from a capital's height of kCapHeightEm (Noto Sans); never
// under kReadableFloorPx, below which stacked Vietnamese marks and Khmer subscripts lose their shape.
constexpr float kReadableArcMinutes = 20.0f;
constexpr float kCabinetViewingMm = 2000.0f;
constexpr float kWallViewingMm = 4000.0f;
constexpr float kCapHeightEm = 0.714f;
constexpr int kReadableFloorPx = 24;
enum class Viewing { Cabinet, Wall };

struct ScreenMetrics {
    float px_per_mm = 2.0f;

    // A w x h picture filling a screen of the given diagonal (the configuration's screen_inches).
    static ScreenMetrics of(int w, int h, float diagonal_inches = kDefaultScreenInches);
    int px(float mm) const;
    // kMinTargetMm in pixels, rounded up.
    int min_target_px() const;
    // The smallest readable font size, in pixels, for text read from the distance of that kind of screen.
    int readable_px(Viewing viewing) const;
};

} // namespace kiosk
