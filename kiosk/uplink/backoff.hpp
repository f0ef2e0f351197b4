// When to try again after a failed upload: exponential backoff with full jitter, so that a hundred
// stations whose link came back at the same moment do not all call the office in the same second.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace kiosk::uplink {

struct BackoffPolicy {
    std::chrono::milliseconds initial{30000}; // the ceiling after the first failure
    std::chrono::milliseconds cap{3600000};   // the ceiling never grows past this
    std::chrono::milliseconds floor{1000};    // no retry sooner than this, whatever the dice say
};

// The longest wait after `failures` failures in a row (1 or more): initial * 2^(failures - 1), capped.
std::chrono::milliseconds backoff_ceiling(const BackoffPolicy& policy, int failures);

// Full jitter: a wait spread evenly over [floor, ceiling] by `unit`, a random number in [0, 1).
std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int failures, double unit);

// The failures in a row and the dice, for a loop that retries.
class Backoff {
public:
    explicit Backoff(BackoffPolicy policy = {}, std::uint64_t seed = std::random_device{}());
    // Counts a failure and gives the wait before the next try.
    std::chrono::milliseconds failed();
    // A success: the next failure starts again from the initial ceiling.
    void succeeded() { m_failures = 0; }
    int failures() const { return m_failures; }

private:
    BackoffPolicy m_policy;
    int m_failures = 0;
    std::mt19937_64 m_random;
};

} // namespace kiosk::uplink
