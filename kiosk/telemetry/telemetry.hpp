// The station's local telemetry: proof of play, touch sessions, errors, installs and uptime, written to
// SQLite off the main thread so that recording never waits for the disk and never stops the kiosk.
#pragma once

#include "base/result.hpp"
#include "telemetry/telemetry_events.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk {

namespace telemetry {
class TelemetryStore;
}

// How the kiosk's configuration tunes telemetry; the defaults suit a busy station.
struct TelemetryOptions {
    // A batch is committed as soon as this many events wait, so a burst costs one disk sync per batch.
    std::size_t batch_events = 64;
    // ...or once the oldest waiting event is this old: a crash or power cut loses at most this much.
    std::chrono::milliseconds flush_interval{2000};
    // Rows older than this are deleted; long enough for a yearly report collected a few months late.
    int retention_days = 800;
    // The file never grows far past this: the oldest plays and page views go first.
    std::uint64_t max_bytes = 256ull << 20;
    // The station's configured name, kept in the file so the office knows whose file it is.
    std::string station;
    // The kiosk's version, kept with each run so reports can tie crashes to a release.
    std::string software;
    // Events waiting in memory beyond this drop the oldest (and count them), so a stuck disk cannot
    // exhaust memory.
    std::size_t queue_limit = 10000;
    // How often an idle kiosk refreshes its run's last_alive_ms, which bounds how well uptime is known
    // after a power cut.
    std::chrono::milliseconds alive_interval{60000};
    // How often retention runs, measured on `clock`, besides once at open.
    std::chrono::milliseconds retention_interval{std::chrono::hours(24)};
    // The wall clock (UTC milliseconds); empty means the system clock. Tests and benchmarks move it.
    std::function<std::int64_t()> clock;
};

// What happened to recorded events so far, for the operator screen and for tests.
struct TelemetryCounters {
    std::uint64_t recorded = 0;             // accepted by record()
    std::uint64_t written = 0;              // committed to the file
    std::uint64_t dropped_queue_full = 0;   // thrown away because the queue was full
    std::uint64_t dropped_write_failed = 0; // lost because the disk refused the batch (full, failing)
    std::uint64_t transactions = 0;         // commits by the writer (batches, heartbeats, retention)
};

// The operator screen's view of the station's recent activity.
struct TelemetrySummary {
    std::string station_db_id;                // this file's identity, as the office's report will name it
    std::int64_t plays_today = 0;             // slides shown since local midnight
    std::int64_t sessions_today = 0;          // traveller visits since local midnight
    std::int64_t page_views_today = 0;        // pages travellers opened since local midnight
    std::vector<ErrorEvent> last_errors;      // newest first, up to 10
    std::optional<InstallEvent> last_install; // the newest install, repair, refusal or rollback
    std::int64_t unclean_stops_30_days = 0;   // earlier runs that ended in a crash or power cut, last 30 days
    std::uint64_t file_bytes = 0;             // the database and its write-ahead log on disk
    std::int64_t running_since_ms = 0;        // when this run of the kiosk started
    std::uint64_t dropped_events = 0;         // events lost to a full queue or a failing disk in this run
};

// Owns the writer thread and the file; built once by main() and passed by reference to what records.
class Telemetry {
public:
    // Opens or creates the file and starts the writer thread. A damaged, foreign or newer file is moved
    // aside to `<name>.corrupt-<time>` (or `.newer-`) and a fresh one started; only a folder that cannot
    // hold a database is an error, and the kiosk should then play on without telemetry.
    static Result<std::unique_ptr<Telemetry>> open(const std::filesystem::path& db, TelemetryOptions options);
    // Commits what is queued, marks the run as a clean exit and joins the writer.
    ~Telemetry();
    Telemetry(const Telemetry&) = delete;
    Telemetry& operator=(const Telemetry&) = delete;

    // Queues an event and returns at once, never touching the disk: safe on the render thread.
    void record(TelemetryEvent event);
    // A number for a new touch session, to put in its PageViewEvents and its SessionEvent.
    std::uint32_t next_session();
    // Waits until everything recorded before the call is committed (or dropped by a failing disk): at
    // exit, before an export, and in tests.
    void flush();

    // Counts for the operator screen, read through a connection of its own; events still queued are not
    // counted yet (call flush() first when that matters). "Today" is the local calendar day of now_ms.
    Result<TelemetrySummary> summary(std::int64_t now_ms);
    // Writes a consistent copy of everything committed (after a flush) to `file`, synced and renamed into
    // place, for the office to collect on a USB stick; a file already there is replaced.
    Status export_to(const std::filesystem::path& file);

    // What became of the events recorded so far, so the operator screen can show losses.
    TelemetryCounters counters() const;
    // The file's random identity; with a table name and row id it names a row across all stations.
    std::string station_db_id() const;
    // Where the file lives, for the export's log line and the operator screen.
    const std::filesystem::path& path() const { return m_path; }

private:
    Telemetry(std::filesystem::path path, TelemetryOptions options,
              std::unique_ptr<telemetry::TelemetryStore> store);
    std::int64_t now_ms() const;
    void run_writer();
    void start_checks();
    void write_batch(const std::deque<TelemetryEvent>& batch);
    void after_write(const Status& status, std::size_t events);
    void reopen_store(const char* why);
    void maybe_apply_retention();

    const std::filesystem::path m_path;
    const TelemetryOptions m_options;

    // Owned by the writer thread once it runs.
    std::unique_ptr<telemetry::TelemetryStore> m_store;
    bool m_write_failing = false;
    std::uint64_t m_dropped_while_failing = 0;
    std::int64_t m_last_retention_ms = 0;
    std::chrono::steady_clock::time_point m_next_reopen{};
    std::uint64_t m_store_transactions_before = 0; // commits by stores replaced after damage

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;      // tells the writer there is work
    std::condition_variable m_committed; // tells flush() callers their events are in
    std::deque<TelemetryEvent> m_queue;
    std::chrono::steady_clock::time_point m_oldest_queued{};
    std::uint64_t m_flush_requested = 0;
    std::uint64_t m_flush_done = 0;
    bool m_stopping = false;
    std::string m_station_db_id;
    std::int64_t m_running_since_ms = 0;
    std::int64_t m_run_id = 0;
    TelemetryCounters m_counters;

    std::atomic<std::uint32_t> m_next_session{0};
    std::atomic<std::uint64_t> m_transactions{0};
    std::thread m_writer;
};

} // namespace kiosk
