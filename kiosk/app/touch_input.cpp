// Gesture recognition: slop and swipe distances scale with the screen, so a tap on a 55" cabinet and
// a click in a test window read alike.
#include "app/touch_input.hpp"

#include <cmath>
#include <cstdlib>

namespace kiosk {

namespace {

constexpr std::int64_t kSwipeMaxMs = 1200;

} // namespace

std::optional<Gesture> TouchInput::press(int x, int y, std::int64_t now_ms) {
    m_down = true;
    m_moved = m_held = false;
    m_x = m_last_x = x;
    m_y = m_last_y = y;
    m_since = now_ms;
    return std::nullopt;
}

void TouchInput::move(int x, int y) {
    m_last_x = x;
    m_last_y = y;
    int slop = std::max(8, std::min(m_w, m_h) / 40);
    if (std::abs(x - m_x) > slop || std::abs(y - m_y) > slop)
        m_moved = true;
}

std::optional<Gesture> TouchInput::release(int x, int y, std::int64_t now_ms) {
    if (!m_down)
        return std::nullopt;
    move(x, y);
    m_down = false;
    if (m_held)
        return std::nullopt; // the hold already counted
    int dx = x - m_x, dy = y - m_y;
    if (!m_moved)
        return Gesture{Gesture::Kind::Tap, m_x, m_y};
    if (std::abs(dx) > m_w / 12 && std::abs(dx) > 2 * std::abs(dy) && now_ms - m_since <= kSwipeMaxMs)
        return Gesture{dx < 0 ? Gesture::Kind::SwipeLeft : Gesture::Kind::SwipeRight, m_x, m_y};
    return std::nullopt; // a drag that is neither: the map's or nobody's
}

std::optional<Gesture> TouchInput::handle(const SDL_Event& event, int w, int h, std::int64_t now_ms) {
    m_w = std::max(1, w);
    m_h = std::max(1, h);
    auto fx = [&](float v) { return static_cast<int>(std::lround(v * static_cast<float>(m_w))); };
    auto fy = [&](float v) { return static_cast<int>(std::lround(v * static_cast<float>(m_h))); };
    switch (event.type) {
    case SDL_FINGERDOWN:
        if (m_down)
            return std::nullopt; // a second finger: a pinch, not a tap
        m_finger = event.tfinger.fingerId;
        return press(fx(event.tfinger.x), fy(event.tfinger.y), now_ms);
    case SDL_FINGERMOTION:
        if (m_down && event.tfinger.fingerId == m_finger)
            move(fx(event.tfinger.x), fy(event.tfinger.y));
        return std::nullopt;
    case SDL_FINGERUP:
        if (event.tfinger.fingerId != m_finger)
            return std::nullopt;
        return release(fx(event.tfinger.x), fy(event.tfinger.y), now_ms);
    case SDL_MOUSEBUTTONDOWN:
        if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT)
            return std::nullopt; // SDL's copy of a finger, already handled
        return press(event.button.x, event.button.y, now_ms);
    case SDL_MOUSEMOTION:
        if (m_down && event.motion.which != SDL_TOUCH_MOUSEID)
            move(event.motion.x, event.motion.y);
        return std::nullopt;
    case SDL_MOUSEBUTTONUP:
        if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT)
            return std::nullopt;
        return release(event.button.x, event.button.y, now_ms);
    default:
        return std::nullopt;
    }
}

std::optional<Gesture> TouchInput::poll(std::int64_t now_ms) {
    if (!m_down || m_moved || m_held || now_ms - m_since < kHoldMs)
        return std::nullopt;
    m_held = true;
    return Gesture{Gesture::Kind::Hold, m_x, m_y};
}

} // namespace kiosk
