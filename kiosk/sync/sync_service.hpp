// The running kiosk's background sync: a thread that polls each configured channel on the backoff
// schedule, installs through the store (the player notices the new active pack by itself), reports each
// result, and stops promptly when the kiosk closes (a transfer in flight is aborted).
#pragma once

#include "base/periodic_worker.hpp"
#include "net/backoff.hpp"
#include "sync/sync_client.hpp"

#include <atomic>
#include <functional>
#include <memory>
#include <random>
#include <vector>

namespace kiosk::sync {

using net::Seconds;

struct SyncJob {
    Store* store = nullptr; // the store of the job's channel; it outlives the service
    SyncSettings settings;
};

struct SyncServiceOptions {
    Seconds interval{15 * 60.0};
    // The first cycle starts after a random wait up to this, so that stations powered on together by one
    // restored line do not all call at once.
    Seconds first_delay{10.0};
    std::function<void(const SyncResult&)> on_result; // called on the sync thread
};

class SyncService {
public:
    SyncService(std::vector<SyncJob> jobs, TrustedKeys keys, SyncKeyring keyring, SyncServiceOptions options);
    ~SyncService(); // stops and joins
    SyncService(const SyncService&) = delete;
    SyncService& operator=(const SyncService&) = delete;
    void stop();
    int cycles() const { return m_cycles.load(); }

private:
    // One cycle over the jobs, on the worker's thread; returns when to run the next.
    PeriodicWorker::Clock::time_point cycle();

    std::vector<SyncJob> m_jobs;
    TrustedKeys m_keys;
    SyncKeyring m_keyring;
    SyncServiceOptions m_options;
    std::atomic<int> m_cycles{0};
    std::mt19937_64 m_random{std::random_device{}()};
    net::PollBackoff m_backoff;
    PeriodicWorker m_worker; // last: stopped before the rest goes
};

} // namespace kiosk::sync
