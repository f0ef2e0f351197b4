// Noticing a wall clock that cannot be trusted: one that jumps against the steady clock (an NTP step, a
// dead RTC battery read back as 1970, a hand-set date), and one that is plainly earlier than content the
// station has already seen signed. Schedules follow the wall clock, so the app logs both and warns the
// operator; evergreen content keeps the screen full whatever the clock says (scheduler.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace kiosk {

struct ClockJump {
    enum class Direction { Backward, Forward };
    Direction direction = Direction::Forward;
    std::int64_t size_ms = 0;     // how far the wall clock moved against the steady clock, always positive
    std::int64_t expected_ms = 0; // the Unix time the wall clock would show had it kept pace
    std::int64_t actual_ms = 0;   // the Unix time it shows
    // For the log: "the wall clock jumped back 1 h 0 min 0 s (from 2026-04-30T08:00 UTC to ...)".
    std::string describe() const;
};

class ClockWatch {
public:
    static constexpr std::int64_t kDefaultThresholdMs = 2 * 60 * 1000;
    // A clock that goes back is reported at a much smaller step than one that goes forward: time running
    // backwards replays schedule edges and disorders the telemetry, while a forward step is also what a
    // suspended machine looks like.
    static constexpr std::int64_t kDefaultBackwardThresholdMs = 1000;

    explicit ClockWatch(std::int64_t threshold_ms = kDefaultThresholdMs,
                        std::int64_t backward_threshold_ms = kDefaultBackwardThresholdMs)
        : m_threshold_ms(threshold_ms), m_backward_threshold_ms(backward_threshold_ms) {}

    // Feeds one reading of both clocks (call it every second or so); returns the jump when the wall clock
    // moved against the steady clock by more than the threshold since the last reading. The first reading
    // only sets the baseline; after a jump the new wall time is the baseline.
    std::optional<ClockJump> observe(std::int64_t unix_ms, std::int64_t steady_ms);

private:
    std::int64_t m_threshold_ms;
    std::int64_t m_backward_threshold_ms;
    std::optional<std::int64_t> m_unix_ms;
    std::optional<std::int64_t> m_steady_ms;
};

enum class ClockTrust {
    Plausible,
    BeforeSoftware,      // earlier than this software was written (a dead RTC battery: 1970, 2000)
    BeforeSignedContent, // earlier than content the station has seen signed
};

// No station runs this software before this time (2025-01-01T00:00Z).
constexpr std::int64_t kEarliestPlausibleUnix = 1735689600;
// The office's clock may run a little ahead of the station's: a pack signed up to this long "in the
// future" does not make the station's clock wrong.
constexpr std::int64_t kSignedClockSlackSeconds = 3600;

// Whether the wall clock (unix_s) can be right, given the newest signing time the station has seen
// (the active pack's `created`, or a newer notice's; 0 when none).
ClockTrust check_clock(std::int64_t unix_s, std::int64_t newest_known_s);
// What the operator screen says about it, in Vietnamese then English; empty when the clock is plausible.
std::string clock_warning(ClockTrust trust, std::int64_t unix_s, std::int64_t newest_known_s);

} // namespace kiosk
