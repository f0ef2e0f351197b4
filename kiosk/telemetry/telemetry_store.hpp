// The writer's side of the telemetry file: one connection, used by one thread at a time, that appends
// batches of events, keeps the current run's heartbeat and applies retention.
#pragma once

#include "telemetry/sqlite_db.hpp"
#include "telemetry/telemetry_events.hpp"

#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>

namespace kiosk::telemetry {

// What the store needs to know from the kiosk's configuration.
struct StoreSettings {
    std::string station;  // the configured station name, kept in meta for the office's report
    std::string software; // the kiosk's version, kept with each run
    int retention_days = 800;
    std::uint64_t max_bytes = 256ull << 20;
};

class TelemetryStore {
public:
    // Opens (creating, migrating or replacing a damaged file as needed), gives the file its station_db_id
    // if it has none, and starts a new runs row at now_ms.
    static Result<std::unique_ptr<TelemetryStore>> open(const std::filesystem::path& file,
                                                        const StoreSettings& settings, std::int64_t now_ms);
    ~TelemetryStore();

    // The random identity of this file, which makes (station_db_id, table, id) unique across stations.
    const std::string& station_db_id() const { return m_station_db_id; }
    // The runs row of this process, stamped on every event written.
    std::int64_t run_id() const { return m_run_id; }
    std::int64_t run_started_ms() const { return m_run_started_ms; }
    // Transactions committed through this connection, counted by SQLite's commit hook.
    std::uint64_t transactions() const { return m_transactions; }

    // Reads every page once; damage gives an ErrorCode::Parse error.
    Status check_integrity();

    // Appends events and refreshes the heartbeat in one transaction: all of them are stored or none.
    Status write(const std::deque<TelemetryEvent>& events, std::int64_t now_ms);
    // Refreshes the heartbeat alone, when no events came for a while.
    Status mark_alive(std::int64_t now_ms);
    // Marks this run as stopped on purpose, which a crash or power cut never does.
    Status mark_clean_exit(std::int64_t now_ms);

    // Deletes rows older than retention_days, then trims to max_bytes.
    Status apply_retention(std::int64_t now_ms);
    // Cheap to call after every commit: when the file holds more than max_bytes, deletes the oldest days
    // of plays and page views (then of the other events) until it holds under 90 % of it, and gives the
    // freed pages back to the disk.
    Status trim_to_size();

private:
    TelemetryStore() = default;
    static Result<std::unique_ptr<TelemetryStore>>
    open_once(const std::filesystem::path& file, const StoreSettings& settings, std::int64_t now_ms);
    Status prepare_statements();
    Status insert(const TelemetryEvent& event);
    // The labels row for a name, added on first use; cached, since a station uses a few hundred names.
    Result<std::int64_t> label(std::string_view text);
    Result<std::uint64_t> used_bytes();
    Status delete_oldest_day(std::span<const std::pair<const char*, const char*>> tables);
    static int count_commit(void* self);

    sql::DbPtr m_db;
    StoreSettings m_settings;
    std::string m_station_db_id;
    std::int64_t m_run_id = 0;
    std::int64_t m_run_started_ms = 0;
    std::uint64_t m_transactions = 0;
    // Only names whose labels row is committed: a failed batch clears it, as its new labels rolled back.
    std::map<std::string, std::int64_t, std::less<>> m_labels;
    std::unique_ptr<sql::Statement> m_find_label, m_insert_label, m_insert_play, m_insert_session,
        m_insert_page_view, m_insert_error, m_insert_install, m_insert_clock, m_update_alive;
};

} // namespace kiosk::telemetry
