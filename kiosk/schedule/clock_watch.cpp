// Comparing the wall clock with the steady clock and with signed times.
#include "schedule/clock_watch.hpp"

#include "base/civil_time.hpp"

namespace kiosk {

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

std::string utc(std::int64_t unix_ms) {
    return format_local_datetime(floor_div(unix_ms, 60000)) + " UTC";
}

std::string duration(std::int64_t ms) {
    std::int64_t s = ms / 1000;
    std::string out;
    if (s >= 86400)
        out += std::to_string(s / 86400) + " d ";
    if (s >= 3600)
        out += std::to_string(s / 3600 % 24) + " h ";
    if (s >= 60)
        out += std::to_string(s / 60 % 60) + " min ";
    out += std::to_string(s % 60) + "." + std::to_string(ms % 1000 / 100) + " s";
    return out;
}

} // namespace

std::string ClockJump::describe() const {
    return std::string("the wall clock jumped ") + (direction == Direction::Backward ? "back " : "forward ") +
           duration(size_ms) + " (from " + utc(expected_ms) + " to " + utc(actual_ms) + ")";
}

std::optional<ClockJump> ClockWatch::observe(std::int64_t unix_ms, std::int64_t steady_ms) {
    std::optional<ClockJump> jump;
    if (m_unix_ms && m_steady_ms && steady_ms >= *m_steady_ms) {
        std::int64_t expected = *m_unix_ms + (steady_ms - *m_steady_ms);
        std::int64_t drift = unix_ms - expected;
        if (drift > m_threshold_ms || -drift > m_backward_threshold_ms) {
            jump = ClockJump{drift < 0 ? ClockJump::Direction::Backward : ClockJump::Direction::Forward,
                             drift < 0 ? -drift : drift, expected, unix_ms};
        }
    }
    // Slow drift and NTP slewing stay below the threshold at every reading but would add up against a
    // fixed baseline; only a step between readings counts, so the baseline follows the wall clock.
    m_unix_ms = unix_ms;
    m_steady_ms = steady_ms;
    return jump;
}

ClockTrust check_clock(std::int64_t unix_s, std::int64_t newest_known_s) {
    if (unix_s < kEarliestPlausibleUnix)
        return ClockTrust::BeforeSoftware;
    if (unix_s + kSignedClockSlackSeconds < newest_known_s)
        return ClockTrust::BeforeSignedContent;
    return ClockTrust::Plausible;
}

std::string clock_warning(ClockTrust trust, std::int64_t unix_s, std::int64_t newest_known_s) {
    std::string now = utc(unix_s * 1000);
    switch (trust) {
    case ClockTrust::Plausible:
        return {};
    case ClockTrust::BeforeSoftware:
        return "Đồng hồ của trạm sai (" + now +
               "); có thể pin đồng hồ đã hết. Lịch chiếu có thể sai cho đến khi chỉnh lại giờ.\n"
               "The station's clock is wrong (" +
               now + "); its clock battery may be flat. Schedules may be wrong until the time is set.";
    case ClockTrust::BeforeSignedContent:
        return "Đồng hồ của trạm sai (" + now + "), sớm hơn nội dung đã ký lúc " +
               utc(newest_known_s * 1000) +
               ". Lịch chiếu có thể sai cho đến khi chỉnh lại giờ.\nThe station's clock is wrong (" + now +
               "), earlier than content signed at " + utc(newest_known_s * 1000) +
               ". Schedules may be wrong until the time is set.";
    }
    return {};
}

} // namespace kiosk
