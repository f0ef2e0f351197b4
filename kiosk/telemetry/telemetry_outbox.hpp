// The telemetry file's upload outbox: the rows not yet acknowledged by the office, cut into batches that
// are recorded before they are sent, so a retry after a crash, a kill or a dead link sends the same batch
// id with the same rows and the office's server simply stores the same file again.
#pragma once

#include "telemetry/sqlite_db.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kiosk::telemetry {

// The event tables a batch carries, in the order a batch fills up to its row limit.
std::span<const char* const> event_tables();

// The rows of one table a batch carries: after_id < id <= last_id (empty when the two are equal).
struct IdRange {
    std::string table;
    std::int64_t after_id = 0;
    std::int64_t last_id = 0;
};

struct Batch {
    std::int64_t sequence = 0; // 1, 2, ... within one telemetry file
    std::string id;            // "<station_db_id>-<sequence>", the file name the office stores it under
    std::int64_t made_ms = 0;
    std::int64_t rows = 0; // event rows when it was made (retention may delete some before it is sent)
    std::vector<IdRange> ranges;
    bool resent = false; // made by an earlier attempt that was not acknowledged
};

// What the heartbeat and `kiosk --upload-once` tell about uploads.
struct OutboxState {
    std::string station_db_id;
    std::optional<Batch> pending;         // made and maybe sent, not acknowledged yet
    std::int64_t unacknowledged_rows = 0; // event rows in no acknowledged batch
    std::int64_t last_ack_ms = 0;         // when the newest acknowledgement came; 0: never
};

// A batch holds at most this many event rows (a few MB); more batches follow.
inline constexpr std::int64_t kBatchRows = 50000;

class Outbox {
public:
    // Opens the telemetry file through a connection of its own (the kiosk's writer keeps its own and is
    // never blocked for long), checks that it is telemetry and adds the outbox tables to an older layout.
    // A missing file, or one the kiosk has not given its identity yet, is ErrorCode::NotFound; nothing is
    // ever moved aside here: that is the kiosk's writer's decision.
    static Result<Outbox> open(const std::filesystem::path& telemetry_file);

    const std::string& station_db_id() const { return m_station_db_id; }

    // The batch made earlier and not acknowledged yet, whatever was recorded since; else a new batch of
    // the rows after the last acknowledged ones (at most max_rows), recorded in the file before it is
    // returned; nullopt when no row is new and the runs table is as the newest batch carried it.
    Result<std::optional<Batch>> next_batch(std::int64_t now_ms, std::int64_t max_rows = kBatchRows);
    // Writes the batch as a small SQLite file in the telemetry layout: meta (with batch_id), labels, every
    // runs row (last_alive_ms as it is now) and the batch's event rows with their own ids. A file already
    // at `file` is replaced.
    Status write_batch_file(const Batch& batch, const std::filesystem::path& file);
    // Records that the office's server stored the batch (a 2xx answer), so the next batch starts after it.
    Status acknowledge(const Batch& batch, std::int64_t now_ms);
    Result<OutboxState> state();

private:
    Outbox() = default;
    Result<std::optional<Batch>> load_pending();
    Result<std::vector<std::int64_t>> acknowledged_ids();

    sql::DbPtr m_db;
    std::filesystem::path m_file;
    std::string m_station_db_id;
};

} // namespace kiosk::telemetry
