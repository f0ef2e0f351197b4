// Looking at the station's clock, display hours, notice board and stores, each at its own pace.
#include "app/station_watch.hpp"

#include "base/log.hpp"
#include "platform/display_power.hpp"

namespace kiosk {

StationWatch::StationWatch(const KioskConfig& config, const AppClock& clock,
                           std::optional<NoticeBoard> notices, std::function<std::string()> store_state)
    : m_config(config), m_clock(clock), m_notices(std::move(notices)), m_store_now(std::move(store_state)) {}

StationChanges StationWatch::poll(std::int64_t now) {
    StationChanges changes;
    if (now - m_clock_checked >= kClockCheckMs) {
        m_clock_checked = now;
        changes.clock_jump = m_clock_watch.observe(m_clock.unix_ms(), m_clock.steady_ms());
        if (changes.clock_jump) {
            log_warn(changes.clock_jump->describe());
            m_minute = INT64_MIN; // display hours follow the new time at once
        }
    }
    LocalTime local = m_clock.local_time();
    if (local.minute != m_minute) {
        m_minute = local.minute;
        changes.minute = true;
        bool on = platform::display_should_be_on(m_config.display_hours, local.minute_of_day);
        if (m_display_on != on) {
            if (m_display_on)
                log_info(on ? "display hours: the screen is on"
                            : "display hours: the screen is off until its next hours");
            m_display_on = on;
            changes.display = on;
        }
    }
    if (m_notices && now - m_notices_checked >= kNoticeCheckMs) {
        m_notices_checked = now;
        auto active = m_notices->active(m_clock.unix_ms() / 1000);
        std::optional<Notice> first;
        if (!active.empty())
            first = active.front();
        changes.notice = first.has_value() != m_notice.has_value() ||
                         (first && (first->id != m_notice->id || first->version != m_notice->version));
        if (changes.notice) {
            if (first)
                log_info("urgent notice '" + first->id + "' is shown (" +
                         (first->mode == NoticeMode::Takeover ? "the whole screen" : "a banner") + ")");
            else
                log_info("urgent notice '" + m_notice->id + "' is no longer shown");
            m_notice = std::move(first);
        }
    }
    if (m_store_now && now - m_store_checked >= kStoreCheckMs) {
        m_store_checked = now;
        changes.store = m_store_now() != m_store_state;
    }
    return changes;
}

} // namespace kiosk
