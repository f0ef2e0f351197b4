// Exponential backoff with full jitter, and the jittered poll interval built on it.
#include "net/backoff.hpp"

#include <algorithm>

namespace kiosk::net {

using std::chrono::milliseconds;

milliseconds backoff_ceiling(const BackoffPolicy& policy, int failures) {
    milliseconds ceiling = std::max(policy.initial, milliseconds(1));
    for (int i = 1; i < failures && ceiling < policy.cap; ++i)
        ceiling *= 2;
    return std::max(std::min(ceiling, policy.cap), policy.floor);
}

milliseconds backoff_delay(const BackoffPolicy& policy, int failures, double unit) {
    milliseconds ceiling = backoff_ceiling(policy, failures);
    unit = std::clamp(unit, 0.0, 1.0);
    auto spread = static_cast<double>((ceiling - policy.floor).count());
    return std::clamp(policy.floor + milliseconds(static_cast<std::int64_t>(spread * unit)), policy.floor,
                      ceiling);
}

Backoff::Backoff(BackoffPolicy policy, std::uint64_t seed) : m_policy(policy), m_random(seed) {}

milliseconds Backoff::failed() {
    ++m_failures;
    double unit = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
    return backoff_delay(m_policy, m_failures, unit);
}

PollBackoff::PollBackoff(Seconds interval) : m_interval(interval) {
    m_policy.cap = std::max(m_policy.cap, std::chrono::ceil<milliseconds>(interval));
}

Seconds PollBackoff::next(bool succeeded, double unit) {
    unit = std::clamp(unit, 0.0, 1.0);
    if (succeeded) {
        m_failures = 0;
        return m_interval * (0.9 + 0.2 * unit);
    }
    ++m_failures;
    // The whole ceiling, from zero (not from the floor as backoff_delay spreads it), the floor a minimum.
    return std::max<Seconds>(m_policy.floor, Seconds(backoff_ceiling(m_policy, m_failures)) * unit);
}

} // namespace kiosk::net
