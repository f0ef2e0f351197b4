// The sync poll schedule: jittered interval, full-jitter exponential backoff after failures.
#include "sync/sync_backoff.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::sync {

Seconds SyncBackoff::cap() const {
    return std::max(kMaxRetry, m_interval);
}

Seconds SyncBackoff::next(bool succeeded, double unit) {
    unit = std::clamp(unit, 0.0, 1.0);
    if (succeeded) {
        m_failures = 0;
        return m_interval * (0.9 + 0.2 * unit);
    }
    ++m_failures;
    // 30 s * 2^(failures-1), without overflowing however long the link stays down.
    double doublings = std::min(m_failures - 1, 30);
    Seconds ceiling = std::min(cap(), Seconds(kFirstRetry.count() * std::pow(2.0, doublings)));
    return std::max(kShortest, ceiling * unit);
}

} // namespace kiosk::sync
