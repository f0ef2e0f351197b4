// What changes around the player while it plays: the wall clock jumping, display hours beginning or
// ending, an urgent notice appearing or going, a new pack (or key) in the store. Each is looked at on its
// own cadence from the main loop; the player reacts to what poll() says changed.
#pragma once

#include "app/app_clock.hpp"
#include "config/config.hpp"
#include "notice/notice_board.hpp"
#include "schedule/clock_watch.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace kiosk {

struct StationChanges {
    std::optional<ClockJump> clock_jump; // the wall clock moved against the steady clock
    std::optional<bool> display;         // display hours say the screen must now be on (true) or off (false)
    bool minute = false;                 // a new local minute: quiet hours may have begun or ended
    bool notice = false;                 // the notice to show changed (notice() says which, if any)
    bool store = false;                  // the store's active packs or the station's keys changed
};

class StationWatch {
public:
    // `store_state` describes what the stores hold now (their active packs, the keys' generation), so that
    // a change is seen by comparing it with what the player adopted; null for a pack played from a file.
    StationWatch(const KioskConfig& config, const AppClock& clock, std::optional<NoticeBoard> notices,
                 std::function<std::string()> store_state);
    StationChanges poll(std::int64_t steady_ms);

    // The urgent notice to show, if any.
    const std::optional<Notice>& notice() const { return m_notice; }
    bool takeover() const { return m_notice && m_notice->mode == NoticeMode::Takeover; }
    bool banner() const { return m_notice && m_notice->mode == NoticeMode::Banner; }
    // Outside display hours the screen is dark and nothing plays.
    bool display_off() const { return m_display_on && !*m_display_on; }
    // What the stores held when the player took up its packs.
    void adopted(std::string store_state) { m_store_state = std::move(store_state); }

private:
    static constexpr std::int64_t kClockCheckMs = 1000, kNoticeCheckMs = 1000, kStoreCheckMs = 2000;
    static constexpr std::int64_t kNever = -(std::int64_t{1} << 40); // long before any steady time
    const KioskConfig& m_config;
    const AppClock& m_clock;
    std::optional<NoticeBoard> m_notices;
    std::function<std::string()> m_store_now;

    ClockWatch m_clock_watch;
    std::int64_t m_clock_checked = kNever, m_notices_checked = kNever, m_store_checked = kNever;
    std::int64_t m_minute = INT64_MIN;
    std::optional<bool> m_display_on;
    std::optional<Notice> m_notice;
    std::string m_store_state;
};

} // namespace kiosk
