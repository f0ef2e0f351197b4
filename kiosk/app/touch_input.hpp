// Fingers and the mouse turned into the gestures the screens understand: a tap, a horizontal swipe, or a
// hold (the operator's hidden gesture is a hold in the top-left corner). The mouse works the same as a
// finger, so screens can be tried and tested without a touch panel.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <optional>

namespace kiosk {

struct Gesture {
    enum class Kind { Tap, SwipeLeft, SwipeRight, Hold };
    Kind kind = Kind::Tap;
    int x = 0, y = 0; // where it began, in pixels
};

class TouchInput {
public:
    static constexpr std::int64_t kHoldMs = 5000;
    // Feeds one event of a w x h screen; returns a gesture when one ends with it.
    std::optional<Gesture> handle(const SDL_Event& event, int w, int h, std::int64_t now_ms);
    // A hold completes while the finger rests, without an event: asked every frame.
    std::optional<Gesture> poll(std::int64_t now_ms);
    bool down() const { return m_down; }
    // Forgets a gesture in progress (the screen changed under it).
    void cancel() { m_down = false; }

private:
    std::optional<Gesture> press(int x, int y, std::int64_t now_ms);
    void move(int x, int y);
    std::optional<Gesture> release(int x, int y, std::int64_t now_ms);

    bool m_down = false, m_moved = false, m_held = false;
    int m_x = 0, m_y = 0, m_last_x = 0, m_last_y = 0;
    int m_w = 1, m_h = 1;
    std::int64_t m_since = 0;
    SDL_FingerID m_finger = 0;
};

} // namespace kiosk
