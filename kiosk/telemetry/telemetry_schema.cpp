// Telemetry layout v1 and the code that opens, validates, migrates and (when damaged) replaces the file.
#include "telemetry/telemetry_schema.hpp"

#include "base/log.hpp"
#include "platform/linux/files.hpp"

#include <algorithm>
#include <ctime>
#include <vector>

namespace kiosk::telemetry {

namespace fs = std::filesystem;

namespace {

// Every event table has an integer id that is never reused (AUTOINCREMENT), even after retention has
// emptied the table, so (meta.station_db_id, table, id) names one row across all stations for ever: the
// office merges databases by it without duplicates. run_id names the runs row the event was written in.
// Names that repeat on every row (channel, slide, language, mode, category, source, outcome) are stored
// once in labels and referred to by a small number, which makes a busy station's file a third smaller; the
// *_text views spell them out for the report tool and for anyone opening the file with sqlite3.
constexpr std::string_view kLayoutV1 = R"(
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE labels (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE
);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_ms INTEGER NOT NULL,
    last_alive_ms INTEGER NOT NULL,
    clean_exit INTEGER NOT NULL DEFAULT 0,
    software TEXT NOT NULL DEFAULT ''
);

CREATE TABLE plays (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL,
    channel_label INTEGER NOT NULL,
    pack_version INTEGER NOT NULL,
    slide_label INTEGER NOT NULL,
    language_label INTEGER NOT NULL,
    start_ms INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    mode_label INTEGER NOT NULL
);
CREATE INDEX plays_by_start ON plays(start_ms);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL,
    session INTEGER NOT NULL,
    start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL,
    language_label INTEGER NOT NULL,
    pages_viewed INTEGER NOT NULL,
    end_reason_label INTEGER NOT NULL
);
CREATE INDEX sessions_by_start ON sessions(start_ms);

CREATE TABLE page_views (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL,
    session INTEGER NOT NULL,
    at_ms INTEGER NOT NULL,
    slide_label INTEGER NOT NULL,
    language_label INTEGER NOT NULL,
    category_label INTEGER NOT NULL
);
CREATE INDEX page_views_by_time ON page_views(at_ms);

CREATE TABLE errors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL,
    at_ms INTEGER NOT NULL,
    source_label INTEGER NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX errors_by_time ON errors(at_ms);

CREATE TABLE installs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL,
    at_ms INTEGER NOT NULL,
    channel_label INTEGER NOT NULL,
    version INTEGER NOT NULL,
    outcome_label INTEGER NOT NULL,
    detail TEXT NOT NULL
);

CREATE TABLE clock_jumps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL,
    at_ms INTEGER NOT NULL,
    jump_ms INTEGER NOT NULL
);

CREATE VIEW plays_text AS
SELECT p.id, p.run_id, c.text AS channel, p.pack_version, s.text AS slide, l.text AS language, p.start_ms,
       p.duration_ms, m.text AS mode
FROM plays p JOIN labels c ON c.id = p.channel_label JOIN labels s ON s.id = p.slide_label
     JOIN labels l ON l.id = p.language_label JOIN labels m ON m.id = p.mode_label;

CREATE VIEW sessions_text AS
SELECT s.id, s.run_id, s.session, s.start_ms, s.end_ms, l.text AS language, s.pages_viewed,
       r.text AS end_reason
FROM sessions s JOIN labels l ON l.id = s.language_label JOIN labels r ON r.id = s.end_reason_label;

CREATE VIEW page_views_text AS
SELECT v.id, v.run_id, v.session, v.at_ms, s.text AS slide, l.text AS language, c.text AS category
FROM page_views v JOIN labels s ON s.id = v.slide_label JOIN labels l ON l.id = v.language_label
     JOIN labels c ON c.id = v.category_label;

CREATE VIEW errors_text AS
SELECT e.id, e.run_id, e.at_ms, s.text AS source, e.message
FROM errors e JOIN labels s ON s.id = e.source_label;

CREATE VIEW installs_text AS
SELECT i.id, i.run_id, i.at_ms, c.text AS channel, i.version, o.text AS outcome, i.detail
FROM installs i JOIN labels c ON c.id = i.channel_label JOIN labels o ON o.id = i.outcome_label;
)";

// v2: the upload outbox. Each batch sent to the office is recorded here before it is sent: its sequence
// (the batch id is "<station_db_id>-<sequence>"), per event table the ids it carries (after_id < id <=
// last_id), and a digest of the runs table then (a batch also goes when only runs changed: a new run, a
// later last_alive_ms, a clean exit). A batch is acknowledged (acked_ms) only after the server answered
// 2xx, and the next batch starts where the newest one ends, so a retry after a crash sends the same id
// with the same rows.
constexpr std::string_view kLayoutV2 = R"(
CREATE TABLE upload_batches (
    sequence INTEGER PRIMARY KEY,
    made_ms INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    runs_digest TEXT NOT NULL,
    acked_ms INTEGER
);

CREATE TABLE upload_ranges (
    sequence INTEGER NOT NULL,
    table_name TEXT NOT NULL,
    after_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL,
    PRIMARY KEY (sequence, table_name)
) WITHOUT ROWID;
)";

constexpr Migration kMigrations[] = {
    {1, kLayoutV1},
    {2, kLayoutV2},
};

// Caps the write-ahead log left on disk after a checkpoint; SQLite checkpoints every 1000 pages (4 MiB).
constexpr int kJournalSizeLimit = 4 << 20;

std::string utc_stamp(std::int64_t now_ms) {
    std::time_t seconds = static_cast<std::time_t>(now_ms / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
    return buf;
}

// Opens without moving anything: the caller decides what a failure means.
Result<sql::DbPtr> try_open(const fs::path& file, std::span<const Migration> steps) {
    auto db = TRY(sql::open(file, sql::Access::ReadWrite));
    // The first read of the header is where a file that is not SQLite at all fails (SQLITE_NOTADB).
    auto pages = TRY(sql::query_int(db.get(), "PRAGMA page_count")).value_or(0);
    auto application_id = TRY(sql::query_int(db.get(), "PRAGMA application_id")).value_or(0);
    auto version = TRY(sql::query_int(db.get(), "PRAGMA user_version")).value_or(0);
    int latest = steps.empty() ? 0 : steps.back().version;
    if (pages == 0) {
        // Only possible before the first table exists: freed pages can then be given back to the disk.
        TRY(sql::exec(db.get(), "PRAGMA auto_vacuum=INCREMENTAL"));
    } else if (application_id != kApplicationId || version <= 0) {
        return make_error(ErrorCode::Invalid, file.string() + " is an SQLite file but not kiosk telemetry");
    } else if (version > latest) {
        return make_error(ErrorCode::Unsupported, file.string() + " has telemetry layout v" +
                                                      std::to_string(version) +
                                                      ", newer than this kiosk's v" + std::to_string(latest));
    }
    auto mode = TRY(sql::query_text(db.get(), "PRAGMA journal_mode=WAL")).value_or("");
    if (mode != "wal")
        return make_error(ErrorCode::Io,
                          "cannot switch " + file.string() + " to WAL (journal mode " + mode + ")");
    // FULL syncs the log at every commit: a committed batch survives a power cut. NORMAL would only
    // sync at checkpoints and could lose several committed batches, which the kiosk promises not to.
    TRY(sql::exec(db.get(), "PRAGMA synchronous=FULL"));
    TRY(sql::exec(db.get(), "PRAGMA journal_size_limit=" + std::to_string(kJournalSizeLimit)));
    TRY(migrate(db.get(), steps));
    return db;
}

} // namespace

std::span<const Migration> migrations() {
    return kMigrations;
}

Status migrate(sqlite3* db, std::span<const Migration> steps) {
    for (const auto& step : steps) {
        TRY(sql::exec(db, "BEGIN IMMEDIATE"));
        // Read inside the transaction, so two processes opening the same new file do not both migrate.
        auto version = sql::query_int(db, "PRAGMA user_version");
        Status applied = version.ok() ? Status() : Status(version.error());
        if (applied && version->value_or(0) < step.version) {
            applied = sql::exec(db, step.sql);
            if (applied)
                applied = sql::exec(db, "PRAGMA application_id=" + std::to_string(kApplicationId) +
                                            "; PRAGMA user_version=" + std::to_string(step.version));
        }
        if (applied)
            applied = sql::exec(db, "COMMIT");
        if (!applied) {
            (void)sql::exec(db, "ROLLBACK");
            // Reported as Io, not as damage: a step that fails is a bug in this build, and the file must stay
            // where it is for a build that can read it.
            return make_error(ErrorCode::Io, "telemetry layout v" + std::to_string(step.version) +
                                                 " could not be applied: " + applied.error().message);
        }
    }
    return {};
}

Result<sql::DbPtr> open_for_writing(const fs::path& file, std::int64_t now_ms,
                                    std::span<const Migration> steps) {
    auto first = try_open(file, steps);
    if (first.ok())
        return first;
    const Error& error = first.error();
    std::string_view reason;
    if (sql::is_corruption(error) || error.code == ErrorCode::Invalid)
        reason = "corrupt";
    else if (error.code == ErrorCode::Unsupported)
        reason = "newer";
    else
        return std::move(first).error();
    log_warn("telemetry: " + error.message + "; moving it aside and starting a fresh file");
    TRY(move_aside(file, reason, now_ms));
    return try_open(file, steps);
}

Status check_integrity(sqlite3* db) {
    auto statement = TRY(sql::Statement::prepare(db, "PRAGMA quick_check"));
    std::string first;
    while (TRY(statement.step())) {
        if (first.empty())
            first = statement.column_text(0);
    }
    if (first != "ok")
        return make_error(ErrorCode::Parse, "telemetry file is damaged: " + first);
    return {};
}

Status move_aside(const fs::path& file, std::string_view reason, std::int64_t now_ms) {
    std::string prefix = file.filename().string() + "." + std::string(reason) + "-";
    fs::path target = file.parent_path() / (prefix + utc_stamp(now_ms));
    std::error_code ec;
    for (int n = 2; fs::exists(target, ec); ++n)
        target = file.parent_path() / (prefix + utc_stamp(now_ms) + "-" + std::to_string(n));
    fs::rename(file, target, ec);
    if (ec)
        return make_error(ErrorCode::Io, "cannot move " + file.string() + " aside: " + ec.message());
    fs::path wal = file.string() + "-wal";
    if (fs::exists(wal, ec))
        fs::rename(wal, target.string() + "-wal", ec);
    fs::remove(file.string() + "-shm", ec);
    fs::remove(file.string() + "-journal", ec);
    log_warn("telemetry: the old file is kept as " + target.string());

    std::vector<fs::path> copies;
    for (const auto& entry : fs::directory_iterator(file.parent_path(), ec)) {
        std::string name = entry.path().filename().string();
        if (name.starts_with(prefix) && !name.ends_with("-wal"))
            copies.push_back(entry.path());
    }
    // The time stamps sort as text, so the oldest copies come first.
    std::sort(copies.begin(), copies.end());
    for (std::size_t i = 0; i + 2 < copies.size(); ++i) {
        fs::remove(copies[i], ec);
        fs::remove(copies[i].string() + "-wal", ec);
    }
    return platform::sync_directory(file.parent_path().empty() ? fs::path(".") : file.parent_path());
}

} // namespace kiosk::telemetry
