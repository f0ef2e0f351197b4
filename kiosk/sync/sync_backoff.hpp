// When to poll a channel next: a pure policy, so that it can be tested without waiting.
//
// Regular polls come every `interval` give or take 10 % (stations switched on together by one power
// restore drift apart). After a failed cycle the wait is "full jitter" exponential backoff: a uniformly
// random time up to 30 s, then up to 60 s, 120 s, ... up to a cap of one hour (or the interval, if longer);
// a successful cycle (installed or up to date) resets it.
#pragma once

#include <chrono>
#include <cstdint>

namespace kiosk::sync {

using Seconds = std::chrono::duration<double>;

class SyncBackoff {
public:
    explicit SyncBackoff(Seconds interval) : m_interval(interval) {}
    // The wait after a cycle that succeeded or failed; `unit` is a random number in [0, 1).
    Seconds next(bool succeeded, double unit);
    int failures() const { return m_failures; }
    // The largest wait after a failure.
    Seconds cap() const;

    static constexpr Seconds kFirstRetry{30.0};
    static constexpr Seconds kMaxRetry{3600.0};
    static constexpr Seconds kShortest{1.0}; // never hammer the server, whatever the dice say

private:
    Seconds m_interval;
    int m_failures = 0;
};

} // namespace kiosk::sync
