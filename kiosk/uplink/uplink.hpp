// Telemetry upload and heartbeat: batches of the rows the office has not acknowledged yet, PUT to
// `<telemetry_url>/<station>/<batch id>.sqlite`, and `<telemetry_url>/<station>/heartbeat.json`, on a
// background thread that retries with backoff and never holds up the player.
#pragma once

#include "base/periodic_worker.hpp"
#include "base/result.hpp"
#include "net/backoff.hpp"
#include "net/http.hpp"
#include "operator/status_report.hpp"
#include "telemetry/telemetry_outbox.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace kiosk::uplink {

struct UplinkSettings {
    std::string url;     // telemetry_url, e.g. https://office.example/kiosk-upload/ (empty: off)
    std::string station; // the configured station id, the folder on the server
    std::string station_name;
    std::string software;
    std::filesystem::path telemetry; // the telemetry file
    std::filesystem::path spool;     // where batch files are made; empty: "<telemetry>.upload" beside it
    // No single request takes longer than 10 minutes.
    net::HttpSettings http{.user_agent = "border-kiosk-uplink", .total_timeout = std::chrono::seconds(600)};
    std::chrono::milliseconds upload_interval{std::chrono::minutes(60)};
    std::chrono::milliseconds heartbeat_interval{std::chrono::minutes(15)};
    std::chrono::milliseconds first_delay{std::chrono::seconds(20)}; // after start, before the first cycle
    std::int64_t batch_rows = telemetry::kBatchRows;
    net::BackoffPolicy backoff;
    // The station's facts for the heartbeat (pack, disk, uptimes, recent problems).
    std::function<StationFacts()> facts;
    // UTC milliseconds; empty: the system clock.
    std::function<std::int64_t()> clock;
    // Fault injection for tests: runs after the server acknowledged a batch and before that is recorded,
    // the moment where a kill must lead to the same batch being sent again.
    std::function<void()> before_acknowledge;
};

// Why an upload was not acknowledged.
struct UploadFailure {
    enum class Kind {
        Refused,     // the server answered, but not 2xx
        Unreachable, // no answer: name, connection, TLS, proxy, timeout
        Local,       // the telemetry file or the spool folder could not be read or written
        Cancelled,   // the kiosk is stopping
    } kind = Kind::Unreachable;
    long status = 0;    // with Refused
    std::string what;   // "batch <id>" or "heartbeat"
    std::string detail; // libcurl's or SQLite's words
};

// Vietnamese then English, for `kiosk --upload-once` and the log.
std::string failure_message(const UploadFailure& failure);

struct BatchesResult {
    int batches = 0;       // acknowledged in this call
    std::int64_t rows = 0; // event rows in them (when they were made)
    std::optional<UploadFailure> failure;
    bool nothing_to_send = false; // the telemetry file does not exist or has no identity yet
};

// Sends the pending batch (if a crash or failure left one), then new batches while they come out full
// (a station that was offline for weeks catches up in one go), each acknowledged in the telemetry file
// only after a 2xx. Stops at the first failure.
BatchesResult upload_batches(const UplinkSettings& settings, const std::atomic<bool>* cancel = nullptr);

// PUTs heartbeat.json; fails like a batch.
std::optional<UploadFailure> send_heartbeat(const UplinkSettings& settings,
                                            const std::atomic<bool>* cancel = nullptr);

struct CycleResult {
    BatchesResult batches;
    std::optional<UploadFailure> heartbeat_failure;
    bool ok() const { return !batches.failure && !heartbeat_failure; }
};

// One whole cycle, as `kiosk --upload-once` runs it: batches, then the heartbeat (sent even when a batch
// was refused, so the office still hears from the station).
CycleResult upload_cycle(const UplinkSettings& settings, const std::atomic<bool>* cancel = nullptr);

// The background service of a running kiosk: batches every upload_interval, the heartbeat every
// heartbeat_interval, both retried with backoff after a failure. Stops promptly (an upload in flight is
// abandoned; its batch is sent again with the same id next time).
class UplinkService {
public:
    explicit UplinkService(UplinkSettings settings);
    ~UplinkService();
    UplinkService(const UplinkService&) = delete;
    UplinkService& operator=(const UplinkService&) = delete;

    void stop();

    // For tests and the log: cycles run, failures in a row, the last retry delay chosen.
    struct Progress {
        int cycles = 0;
        int failures_in_a_row = 0;
        std::chrono::milliseconds last_delay{0};
        int batches_acknowledged = 0;
        int heartbeats_acknowledged = 0;
    };
    Progress progress() const;

private:
    // One cycle on the worker's thread (what is due of batches and heartbeat); returns when to run the next.
    PeriodicWorker::Clock::time_point cycle();

    UplinkSettings m_settings;
    net::Backoff m_backoff;
    PeriodicWorker::Clock::time_point m_next_batches, m_next_heartbeat;
    bool m_failing = false;
    mutable std::mutex m_mutex; // guards m_progress
    Progress m_progress;
    PeriodicWorker m_worker; // last: stopped before the rest goes
};

} // namespace kiosk::uplink
