// The player's sense of time: the machine's clocks, or a simulated clock that `--replay` moves by script
// steps, so a scripted session sees a chosen date and waits without waiting.
#pragma once

#include "base/civil_time.hpp"

#include <chrono>
#include <cstdint>

namespace kiosk {

class AppClock {
public:
    virtual ~AppClock() = default;
    // Milliseconds on a clock that never jumps (for timeouts, animations, the attract loop).
    virtual std::int64_t steady_ms() const = 0;
    // Milliseconds since the Unix epoch on the wall clock (for schedules, notices and telemetry).
    virtual std::int64_t unix_ms() const = 0;
    LocalTime local_time() const { return LocalTime::from_unix(unix_ms() / 1000); }
};

class SystemClock final : public AppClock {
public:
    std::int64_t steady_ms() const override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
    std::int64_t unix_ms() const override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
};

class SimulatedClock final : public AppClock {
public:
    explicit SimulatedClock(std::int64_t unix_ms) : m_unix_ms(unix_ms) {}
    // The Unix time of a local civil minute in the machine's time zone.
    static std::int64_t unix_ms_of_local(std::int64_t civil_minute);
    std::int64_t steady_ms() const override { return m_steady_ms; }
    std::int64_t unix_ms() const override { return m_unix_ms; }
    void advance(std::int64_t ms) {
        m_steady_ms += ms;
        m_unix_ms += ms;
    }

private:
    std::int64_t m_steady_ms = 1000;
    std::int64_t m_unix_ms;
};

} // namespace kiosk
