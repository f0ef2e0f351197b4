// The sync thread: cycle, report, wait (interruptibly), repeat.
#include "sync/sync_service.hpp"

#include "base/log.hpp"

namespace kiosk::sync {

using Clock = PeriodicWorker::Clock;

namespace {

double unit(std::mt19937_64& random) {
    return std::uniform_real_distribution<double>(0.0, 1.0)(random);
}

} // namespace

SyncService::SyncService(std::vector<SyncJob> jobs, TrustedKeys keys, SyncKeyring keyring, SyncServiceOptions options)
    : m_jobs(std::move(jobs)), m_keys(std::move(keys)), m_keyring(std::move(keyring)), m_options(std::move(options)),
      m_backoff(m_options.interval) {
    for (auto& job : m_jobs)
        job.settings.http.cancel = m_worker.stop_flag();
    auto first = std::chrono::ceil<Clock::duration>(m_options.first_delay * unit(m_random));
    m_worker.start(Clock::now() + first, [this] { return cycle(); });
}

SyncService::~SyncService() {
    stop();
}

void SyncService::stop() {
    m_worker.stop();
}

Clock::time_point SyncService::cycle() {
    bool all_ok = true;
    for (auto& job : m_jobs) {
        if (m_worker.stopping())
            return Clock::now();
        auto result = sync_once(*job.store, m_keys, job.settings, m_keyring);
        if (m_worker.stopping() && !result.ok())
            return Clock::now(); // aborted by the stop: nothing to report
        switch (result.outcome) {
        case SyncOutcome::Installed:
            log_info(describe(result));
            break;
        case SyncOutcome::UpToDate:
            log_debug(describe(result));
            break;
        case SyncOutcome::Unreachable:
            log_warn(describe(result));
            break;
        case SyncOutcome::Refused:
        case SyncOutcome::ConfigError:
            log_error(describe(result));
            break;
        }
        if (m_options.on_result)
            m_options.on_result(result);
        all_ok = all_ok && result.ok();
    }
    ++m_cycles;
    auto wait = m_backoff.next(all_ok, unit(m_random));
    if (!all_ok)
        log_info("sync: next attempt in " + std::to_string(static_cast<long long>(wait.count())) + " s");
    return Clock::now() + std::chrono::ceil<Clock::duration>(wait);
}

} // namespace kiosk::sync
