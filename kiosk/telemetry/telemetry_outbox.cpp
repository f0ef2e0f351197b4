// Batches of telemetry rows for upload, recorded in the telemetry file before they are sent.
#include "telemetry/telemetry_outbox.hpp"

#include "telemetry/telemetry_schema.hpp"

namespace kiosk::telemetry {

namespace fs = std::filesystem;

namespace {

constexpr const char* kEventTables[] = {"plays",  "sessions", "page_views",
                                        "errors", "installs", "clock_jumps"};

// Runs body inside BEGIN ... COMMIT, rolling back when it fails.
template <class T, class F>
Result<T> in_transaction(sqlite3* db, const char* begin, F&& body) {
    TRY(sql::exec(db, begin));
    Result<T> result = body();
    Status done = result.ok() ? sql::exec(db, "COMMIT") : Status(result.error());
    if (!done) {
        if (!sqlite3_get_autocommit(db))
            (void)sql::exec(db, "ROLLBACK");
        return std::move(done).error();
    }
    return result;
}

Status as_status(Result<bool> result) {
    if (!result)
        return std::move(result).error();
    return {};
}

std::string batch_id(const std::string& station_db_id, std::int64_t sequence) {
    return station_db_id + "-" + std::to_string(sequence);
}

} // namespace

std::span<const char* const> event_tables() {
    return kEventTables;
}

Result<Outbox> Outbox::open(const fs::path& file) {
    std::error_code ec;
    if (!fs::exists(file, ec))
        return make_error(ErrorCode::NotFound, "there is no telemetry file at " + file.string() + " yet");
    Outbox outbox;
    outbox.m_file = file;
    outbox.m_db = TRY(sql::open(file, sql::Access::ReadWrite));
    sqlite3* db = outbox.m_db.get();
    auto application_id = TRY(sql::query_int(db, "PRAGMA application_id")).value_or(0);
    auto version = TRY(sql::query_int(db, "PRAGMA user_version")).value_or(0);
    int latest = migrations().back().version;
    if (application_id != kApplicationId || version <= 0)
        return make_error(ErrorCode::Invalid, file.string() + " is not kiosk telemetry");
    if (version > latest)
        return make_error(ErrorCode::Unsupported, file.string() + " has telemetry layout v" +
                                                      std::to_string(version) +
                                                      ", newer than this kiosk's v" + std::to_string(latest));
    // The outbox's records must survive a power cut as the events do: an acknowledgement lost would only
    // send a batch twice, but a pending batch lost could send another batch under its id.
    TRY(sql::exec(db, "PRAGMA synchronous=FULL"));
    if (version < latest)
        TRY(migrate(db, migrations()));
    auto id = TRY(sql::query_text(db, "SELECT value FROM meta WHERE key = 'station_db_id'"));
    if (!id || id->empty())
        return make_error(ErrorCode::NotFound, file.string() + " has no station_db_id yet");
    outbox.m_station_db_id = *id;
    return outbox;
}

Result<std::optional<Batch>> Outbox::load_pending() {
    sqlite3* db = m_db.get();
    auto head = TRY(sql::Statement::prepare(db, "SELECT sequence, made_ms, rows FROM upload_batches WHERE "
                                                "acked_ms IS NULL ORDER BY sequence LIMIT 1"));
    if (!TRY(head.step()))
        return std::optional<Batch>();
    Batch batch;
    batch.sequence = head.column_int(0);
    batch.made_ms = head.column_int(1);
    batch.rows = head.column_int(2);
    batch.id = batch_id(m_station_db_id, batch.sequence);
    batch.resent = true;
    auto ranges = TRY(sql::Statement::prepare(
        db, "SELECT table_name, after_id, last_id FROM upload_ranges WHERE sequence = ?1"));
    ranges.bind(1, batch.sequence);
    while (TRY(ranges.step()))
        batch.ranges.push_back({ranges.column_text(0), ranges.column_int(1), ranges.column_int(2)});
    return std::optional<Batch>(std::move(batch));
}

Result<std::vector<std::int64_t>> Outbox::acknowledged_ids() {
    sqlite3* db = m_db.get();
    std::vector<std::int64_t> ids(std::size(kEventTables), 0);
    auto newest = TRY(sql::Statement::prepare(
        db, "SELECT sequence, acked_ms IS NOT NULL FROM upload_batches ORDER BY sequence DESC LIMIT 1"));
    if (!TRY(newest.step()))
        return ids;
    std::int64_t sequence = newest.column_int(0);
    bool acked = newest.column_int(1) != 0;
    // Batches are made one at a time, each after the one before was acknowledged: the newest batch's
    // ranges start where the acknowledged rows end, and end there once it is acknowledged itself.
    auto range = TRY(sql::Statement::prepare(
        db, "SELECT after_id, last_id FROM upload_ranges WHERE sequence = ?1 AND table_name = ?2"));
    for (std::size_t i = 0; i < ids.size(); ++i) {
        range.bind(1, sequence).bind(2, std::string_view(kEventTables[i]));
        if (TRY(range.step()))
            ids[i] = range.column_int(acked ? 1 : 0);
        range.reset();
    }
    return ids;
}

Result<std::optional<Batch>> Outbox::next_batch(std::int64_t now_ms, std::int64_t max_rows) {
    sqlite3* db = m_db.get();
    if (max_rows < 1)
        max_rows = 1;
    return in_transaction<std::optional<Batch>>(db, "BEGIN IMMEDIATE", [&]() -> Result<std::optional<Batch>> {
        if (auto pending = TRY(load_pending()))
            return pending;
        auto acked = TRY(acknowledged_ids());
        Batch batch;
        batch.sequence = TRY(sql::query_int(db, "SELECT max(sequence) FROM upload_batches")).value_or(0) + 1;
        batch.id = batch_id(m_station_db_id, batch.sequence);
        batch.made_ms = now_ms;
        std::int64_t budget = max_rows;
        for (std::size_t i = 0; i < acked.size(); ++i) {
            IdRange range{kEventTables[i], acked[i], acked[i]};
            if (budget > 0) {
                auto take = TRY(sql::Statement::prepare(
                    db, std::string("SELECT count(*), max(id) FROM (SELECT id FROM ") + kEventTables[i] +
                            " WHERE id > ?1 ORDER BY id LIMIT ?2)"));
                take.bind(1, range.after_id).bind(2, budget);
                TRY(take.step());
                std::int64_t count = take.column_int(0);
                if (count > 0)
                    range.last_id = take.column_int(1);
                budget -= count;
                batch.rows += count;
            }
            batch.ranges.push_back(std::move(range));
        }
        // Runs rows change in place (last_alive_ms, clean_exit), so they are compared as a whole with the
        // runs the newest batch carried: a station whose screen is off all night still reports its uptime.
        auto digest =
            TRY(sql::query_text(
                    db,
                    "SELECT count(*) || ':' || total(last_alive_ms) || ':' || total(clean_exit) FROM runs"))
                .value_or("");
        auto sent_digest =
            TRY(sql::query_text(db, "SELECT runs_digest FROM upload_batches ORDER BY sequence DESC LIMIT 1"))
                .value_or("");
        if (batch.rows == 0 && digest == sent_digest)
            return std::optional<Batch>();
        auto insert = TRY(sql::Statement::prepare(
            db, "INSERT INTO upload_batches(sequence, made_ms, rows, runs_digest, acked_ms) "
                "VALUES (?1, ?2, ?3, ?4, NULL)"));
        TRY(insert.bind(1, batch.sequence).bind(2, batch.made_ms).bind(3, batch.rows).bind(4, digest).run());
        auto ranges = TRY(sql::Statement::prepare(
            db,
            "INSERT INTO upload_ranges(sequence, table_name, after_id, last_id) VALUES (?1, ?2, ?3, ?4)"));
        for (const auto& range : batch.ranges) {
            TRY(ranges.bind(1, batch.sequence)
                    .bind(2, range.table)
                    .bind(3, range.after_id)
                    .bind(4, range.last_id)
                    .run());
            ranges.reset();
        }
        return std::optional<Batch>(std::move(batch));
    });
}

Status Outbox::write_batch_file(const Batch& batch, const fs::path& file) {
    std::error_code ec;
    fs::remove(file, ec);
    fs::remove(file.string() + "-journal", ec);
    {
        // The same layout as the telemetry file, so the office reads a batch, an export and a whole file
        // alike. Nothing is synced: the file is made again for every attempt and deleted after it.
        auto out = TRY(sql::open(file, sql::Access::ReadWrite));
        TRY(sql::exec(out.get(), "PRAGMA synchronous=OFF"));
        TRY(migrate(out.get(), migrations()));
    }
    sqlite3* db = m_db.get();
    auto attach = TRY(sql::Statement::prepare(db, "ATTACH ?1 AS batch"));
    TRY(attach.bind(1, file.string()).run());
    // One read snapshot of the telemetry file: the writer goes on committing meanwhile, unhindered.
    Status copied = as_status(in_transaction<bool>(db, "BEGIN", [&]() -> Result<bool> {
        TRY(sql::exec(db, "INSERT INTO batch.meta SELECT * FROM main.meta;"
                          "INSERT INTO batch.labels SELECT * FROM main.labels;"
                          "INSERT INTO batch.runs SELECT * FROM main.runs;"));
        auto meta = TRY(sql::Statement::prepare(
            db,
            "INSERT OR REPLACE INTO batch.meta(key, value) VALUES ('batch_id', ?1), ('batch_made_ms', ?2)"));
        TRY(meta.bind(1, batch.id).bind(2, std::to_string(batch.made_ms)).run());
        for (const auto& range : batch.ranges) {
            bool known = false;
            for (const char* table : kEventTables)
                known = known || range.table == table;
            if (!known)
                return make_error(ErrorCode::Invalid, "batch " + batch.id + " names an unknown table");
            if (range.last_id <= range.after_id)
                continue;
            auto rows =
                TRY(sql::Statement::prepare(db, "INSERT INTO batch." + range.table + " SELECT * FROM main." +
                                                    range.table + " WHERE id > ?1 AND id <= ?2"));
            TRY(rows.bind(1, range.after_id).bind(2, range.last_id).run());
        }
        return true;
    }));
    Status detached = sql::exec(db, "DETACH batch");
    TRY(std::move(copied));
    return detached;
}

Status Outbox::acknowledge(const Batch& batch, std::int64_t now_ms) {
    sqlite3* db = m_db.get();
    return as_status(in_transaction<bool>(db, "BEGIN IMMEDIATE", [&]() -> Result<bool> {
        auto ack = TRY(sql::Statement::prepare(
            db, "UPDATE upload_batches SET acked_ms = ?2 WHERE sequence = ?1 AND acked_ms IS NULL"));
        TRY(ack.bind(1, batch.sequence).bind(2, now_ms).run());
        // Only the newest batch is needed to know where the next one starts.
        auto prune_ranges = TRY(sql::Statement::prepare(db, "DELETE FROM upload_ranges WHERE sequence < ?1"));
        TRY(prune_ranges.bind(1, batch.sequence).run());
        auto prune = TRY(sql::Statement::prepare(db, "DELETE FROM upload_batches WHERE sequence < ?1"));
        TRY(prune.bind(1, batch.sequence).run());
        return true;
    }));
}

Result<OutboxState> Outbox::state() {
    sqlite3* db = m_db.get();
    return in_transaction<OutboxState>(db, "BEGIN", [&]() -> Result<OutboxState> {
        OutboxState state;
        state.station_db_id = m_station_db_id;
        state.pending = TRY(load_pending());
        state.last_ack_ms = TRY(sql::query_int(db, "SELECT max(acked_ms) FROM upload_batches")).value_or(0);
        auto acked = TRY(acknowledged_ids());
        for (std::size_t i = 0; i < acked.size(); ++i) {
            auto count = TRY(sql::Statement::prepare(db, std::string("SELECT count(*) FROM ") +
                                                             kEventTables[i] + " WHERE id > ?1"));
            count.bind(1, acked[i]);
            TRY(count.step());
            state.unacknowledged_rows += count.column_int(0);
        }
        return state;
    });
}

} // namespace kiosk::telemetry
