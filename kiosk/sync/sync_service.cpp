// The sync thread: cycle, report, wait (interruptibly), repeat.
#include "sync/sync_service.hpp"

#include "base/log.hpp"

#include <random>

namespace kiosk::sync {

SyncService::SyncService(std::vector<SyncJob> jobs, TrustedKeys keys, SyncKeyring keyring, SyncServiceOptions options)
    : m_jobs(std::move(jobs)), m_keys(std::move(keys)), m_keyring(std::move(keyring)), m_options(std::move(options)) {
    for (auto& job : m_jobs)
        job.settings.http.cancel = &m_stop;
    m_thread = std::thread([this] { run(); });
}

SyncService::~SyncService() {
    stop();
}

void SyncService::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void SyncService::run() {
    std::mt19937_64 rng(std::random_device{}());
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    net::PollBackoff backoff(m_options.interval);
    auto wait = m_options.first_delay * unit(rng);
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            if (m_wake.wait_for(lock, wait, [this] { return m_stop.load(); }))
                return;
        }
        bool all_ok = true;
        for (auto& job : m_jobs) {
            if (m_stop)
                return;
            auto result = sync_once(*job.store, m_keys, job.settings, m_keyring);
            if (m_stop && !result.ok())
                return; // aborted by the stop: nothing to report
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
        wait = backoff.next(all_ok, unit(rng));
        if (!all_ok)
            log_info("sync: next attempt in " + std::to_string(static_cast<long long>(wait.count())) + " s");
    }
}

} // namespace kiosk::sync
