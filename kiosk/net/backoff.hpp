// When to call a server again: exponential backoff with full jitter after failures, so that a hundred
// stations whose link came back at the same moment do not all call the office in the same second; and,
// for a task that polls on a regular interval (sync), that interval jittered while it succeeds. Pure
// policies, so that they can be tested without waiting.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace kiosk::net {

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

using Seconds = std::chrono::duration<double>;

// A regular poll: every `interval` give or take 10 % (stations switched on together by one power restore
// drift apart). After a failed cycle the wait is a uniformly random time up to the default policy's
// ceiling (30 s, then 60 s, 120 s, ...), capped at one hour or the interval, if longer, and never under
// the floor; a successful cycle resets it.
class PollBackoff {
public:
    explicit PollBackoff(Seconds interval);
    // The wait after a cycle that succeeded or failed; `unit` is a random number in [0, 1).
    Seconds next(bool succeeded, double unit);
    int failures() const { return m_failures; }

private:
    Seconds m_interval;
    BackoffPolicy m_policy;
    int m_failures = 0;
};

} // namespace kiosk::net
