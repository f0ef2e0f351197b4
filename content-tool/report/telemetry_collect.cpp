// Merging kiosk telemetry files into the office's report database.
#include "report/telemetry_collect.hpp"

#include "telemetry/sqlite_db.hpp"
#include "telemetry/telemetry_outbox.hpp"
#include "telemetry/telemetry_schema.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>

namespace content_tool {

namespace fs = std::filesystem;
namespace sql = kiosk::sql;
using kiosk::ErrorCode;
using kiosk::make_error;
using kiosk::Result;
using kiosk::Status;

namespace {

// Every row keeps its station's key and its own id from the station's file: (station_key, id) is the
// merge key, so a row that comes again (the same batch twice, a batch and a later USB export) is skipped.
// Names are spelled out (the stations' *_text views); the *_text views here add the station's name.
constexpr std::string_view kReportLayout = R"(
CREATE TABLE stations (
    key INTEGER PRIMARY KEY,
    station_db_id TEXT NOT NULL UNIQUE,
    station TEXT NOT NULL,
    created_ms INTEGER
);
CREATE TABLE runs (
    station_key INTEGER NOT NULL, id INTEGER NOT NULL, started_ms INTEGER NOT NULL,
    last_alive_ms INTEGER NOT NULL, clean_exit INTEGER NOT NULL, software TEXT NOT NULL,
    PRIMARY KEY (station_key, id)
) WITHOUT ROWID;
CREATE TABLE plays (
    station_key INTEGER NOT NULL, id INTEGER NOT NULL, run_id INTEGER NOT NULL, channel TEXT NOT NULL,
    pack_version INTEGER NOT NULL, slide TEXT NOT NULL, language TEXT NOT NULL, start_ms INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL, mode TEXT NOT NULL,
    PRIMARY KEY (station_key, id)
) WITHOUT ROWID;
CREATE TABLE sessions (
    station_key INTEGER NOT NULL, id INTEGER NOT NULL, run_id INTEGER NOT NULL, session INTEGER NOT NULL,
    start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, language TEXT NOT NULL, pages_viewed INTEGER NOT NULL,
    end_reason TEXT NOT NULL,
    PRIMARY KEY (station_key, id)
) WITHOUT ROWID;
CREATE TABLE page_views (
    station_key INTEGER NOT NULL, id INTEGER NOT NULL, run_id INTEGER NOT NULL, session INTEGER NOT NULL,
    at_ms INTEGER NOT NULL, slide TEXT NOT NULL, language TEXT NOT NULL, category TEXT NOT NULL,
    PRIMARY KEY (station_key, id)
) WITHOUT ROWID;
CREATE TABLE errors (
    station_key INTEGER NOT NULL, id INTEGER NOT NULL, run_id INTEGER NOT NULL, at_ms INTEGER NOT NULL,
    source TEXT NOT NULL, message TEXT NOT NULL,
    PRIMARY KEY (station_key, id)
) WITHOUT ROWID;
CREATE TABLE installs (
    station_key INTEGER NOT NULL, id INTEGER NOT NULL, run_id INTEGER NOT NULL, at_ms INTEGER NOT NULL,
    channel TEXT NOT NULL, version INTEGER NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL,
    PRIMARY KEY (station_key, id)
) WITHOUT ROWID;
CREATE TABLE clock_jumps (
    station_key INTEGER NOT NULL, id INTEGER NOT NULL, run_id INTEGER NOT NULL, at_ms INTEGER NOT NULL,
    jump_ms INTEGER NOT NULL,
    PRIMARY KEY (station_key, id)
) WITHOUT ROWID;
CREATE TABLE collected (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    station_key INTEGER NOT NULL,
    batch_id TEXT,
    collected_ms INTEGER NOT NULL,
    rows_added INTEGER NOT NULL,
    duplicates INTEGER NOT NULL
);

CREATE VIEW runs_text AS
SELECT s.station, s.station_db_id, r.id, r.started_ms, r.last_alive_ms, r.clean_exit, r.software,
       r.last_alive_ms - r.started_ms AS uptime_ms
FROM runs r JOIN stations s ON s.key = r.station_key;
CREATE VIEW plays_text AS
SELECT s.station, s.station_db_id, p.id, p.run_id, p.channel, p.pack_version, p.slide, p.language, p.start_ms,
       p.duration_ms, p.mode
FROM plays p JOIN stations s ON s.key = p.station_key;
CREATE VIEW sessions_text AS
SELECT s.station, s.station_db_id, x.id, x.run_id, x.session, x.start_ms, x.end_ms, x.language, x.pages_viewed,
       x.end_reason
FROM sessions x JOIN stations s ON s.key = x.station_key;
CREATE VIEW page_views_text AS
SELECT s.station, s.station_db_id, v.id, v.run_id, v.session, v.at_ms, v.slide, v.language, v.category
FROM page_views v JOIN stations s ON s.key = v.station_key;
CREATE VIEW errors_text AS
SELECT s.station, s.station_db_id, e.id, e.run_id, e.at_ms, e.source, e.message
FROM errors e JOIN stations s ON s.key = e.station_key;
CREATE VIEW installs_text AS
SELECT s.station, s.station_db_id, i.id, i.run_id, i.at_ms, i.channel, i.version, i.outcome, i.detail
FROM installs i JOIN stations s ON s.key = i.station_key;
CREATE VIEW clock_jumps_text AS
SELECT s.station, s.station_db_id, c.id, c.run_id, c.at_ms, c.jump_ms
FROM clock_jumps c JOIN stations s ON s.key = c.station_key;
)";

// Where each event table's rows are read in a station's file: its *_text view (names spelled out), in
// the column order of the report table after station_key.
constexpr std::pair<const char*, const char*> kSources[] = {
    {"plays", "plays_text"},   {"sessions", "sessions_text"}, {"page_views", "page_views_text"},
    {"errors", "errors_text"}, {"installs", "installs_text"}, {"clock_jumps", "clock_jumps"},
};

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// "file:/path?mode=ro", with the characters a URI gives meaning to escaped.
std::string read_only_uri(const fs::path& file) {
    std::string out = "file:";
    for (char ch : fs::absolute(file).string()) {
        if (ch == '%' || ch == '?' || ch == '#') {
            static const char* hex = "0123456789ABCDEF";
            out += '%';
            out += hex[static_cast<unsigned char>(ch) >> 4];
            out += hex[static_cast<unsigned char>(ch) & 15];
        } else {
            out += ch;
        }
    }
    return out + "?mode=ro";
}

Result<sql::DbPtr> open_report(const fs::path& out) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(out.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI,
                             nullptr);
    sql::DbPtr db(raw);
    if (rc != SQLITE_OK)
        return sql::error_from(db.get(), rc, "cannot open " + out.string());
    sqlite3_extended_result_codes(db.get(), 1);
    sqlite3_busy_timeout(db.get(), 5000);
    auto pages = TRY(sql::query_int(db.get(), "PRAGMA page_count")).value_or(0);
    auto application_id = TRY(sql::query_int(db.get(), "PRAGMA application_id")).value_or(0);
    if (pages == 0) {
        TRY(sql::exec(db.get(), "BEGIN IMMEDIATE"));
        Status made = sql::exec(db.get(), kReportLayout);
        if (made)
            made = sql::exec(db.get(), "PRAGMA application_id=" + std::to_string(kReportApplicationId) +
                                           "; PRAGMA user_version=1; COMMIT");
        if (!made) {
            (void)sql::exec(db.get(), "ROLLBACK");
            return std::move(made).error();
        }
    } else if (application_id != kReportApplicationId) {
        return make_error(ErrorCode::Invalid, out.string() + " exists and is not a report database made by "
                                                             "content-tool collect; choose another name");
    }
    return db;
}

struct Source {
    std::string station_db_id, station, batch_id;
    std::int64_t created_ms = 0;
};

// Reads the identity of a station's file, or says (in both languages) why it is not one.
Result<Source> inspect(const fs::path& file) {
    auto refuse = [&](const std::string& vi, const std::string& en) {
        return make_error(ErrorCode::Invalid, vi + " / " + en);
    };
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return refuse("không có tệp này", "no such file");
    auto db = sql::open(file, sql::Access::ReadOnly);
    if (!db)
        return refuse("không mở được", "cannot be opened: " + db.error().message);
    auto application_id = sql::query_int(db->get(), "PRAGMA application_id");
    if (!application_id)
        return refuse("không phải tệp SQLite", "not an SQLite file (" + application_id.error().message + ")");
    auto version = sql::query_int(db->get(), "PRAGMA user_version");
    if (application_id->value_or(0) != kiosk::telemetry::kApplicationId || !version ||
        version->value_or(0) < 1)
        return refuse("không phải dữ liệu thống kê của trạm", "not kiosk telemetry");
    int latest = kiosk::telemetry::migrations().back().version;
    if (version->value_or(0) > latest)
        return refuse("của phiên bản kiosk mới hơn; hãy cập nhật content-tool",
                      "from a newer kiosk (layout v" + std::to_string(version->value_or(0)) +
                          "); update content-tool");
    Source source;
    auto meta = sql::Statement::prepare(db->get(), "SELECT key, value FROM meta");
    if (!meta)
        return refuse("tệp bị hỏng", "damaged: " + meta.error().message);
    while (true) {
        auto row = meta->step();
        if (!row)
            return refuse("tệp bị hỏng", "damaged: " + row.error().message);
        if (!*row)
            break;
        std::string key = meta->column_text(0), value = meta->column_text(1);
        if (key == "station_db_id")
            source.station_db_id = value;
        else if (key == "station")
            source.station = value;
        else if (key == "batch_id")
            source.batch_id = value;
        else if (key == "created_ms")
            source.created_ms = std::atoll(value.c_str());
    }
    if (source.station_db_id.empty())
        return refuse("không có mã tệp (station_db_id)", "has no station_db_id");
    return source;
}

struct Merged {
    std::map<std::string, std::int64_t> added, duplicates;
    std::int64_t runs_updated = 0;
};

Result<Merged> merge_attached(sqlite3* db, const fs::path& file, const Source& source) {
    Merged merged;
    auto station = TRY(sql::Statement::prepare(
        db, "INSERT INTO stations(station_db_id, station, created_ms) VALUES (?1, ?2, ?3) "
            "ON CONFLICT(station_db_id) DO UPDATE SET station = excluded.station"));
    TRY(station.bind(1, source.station_db_id).bind(2, source.station).bind(3, source.created_ms).run());
    auto key_query = TRY(sql::Statement::prepare(db, "SELECT key FROM stations WHERE station_db_id = ?1"));
    key_query.bind(1, source.station_db_id);
    TRY(key_query.step());
    std::int64_t key = key_query.column_int(0);

    std::int64_t added_total = 0, duplicates_total = 0;
    for (const auto& [table, view] : kSources) {
        auto count = TRY(sql::query_int(db, std::string("SELECT count(*) FROM src.") + view)).value_or(0);
        auto insert = TRY(sql::Statement::prepare(db, std::string("INSERT OR IGNORE INTO main.") + table +
                                                          " SELECT ?1, * FROM src." + view));
        TRY(insert.bind(1, key).run());
        std::int64_t added = sqlite3_changes(db);
        merged.added[table] += added;
        merged.duplicates[table] += count - added;
        added_total += added;
        duplicates_total += count - added;
    }
    // A run seen again carries a newer last_alive_ms (and maybe its clean exit): the newest wins.
    auto before = sqlite3_total_changes(db);
    auto runs_count =
        TRY(sql::query_int(db, "SELECT count(*) FROM main.runs WHERE station_key = " + std::to_string(key)))
            .value_or(0);
    auto runs = TRY(sql::Statement::prepare(
        db,
        "INSERT INTO main.runs SELECT ?1, id, started_ms, last_alive_ms, clean_exit, software FROM src.runs "
        "WHERE true ON CONFLICT(station_key, id) DO UPDATE SET last_alive_ms = excluded.last_alive_ms, "
        "clean_exit = excluded.clean_exit WHERE excluded.last_alive_ms > runs.last_alive_ms OR "
        "(excluded.last_alive_ms = runs.last_alive_ms AND excluded.clean_exit > runs.clean_exit)"));
    TRY(runs.bind(1, key).run());
    auto runs_after =
        TRY(sql::query_int(db, "SELECT count(*) FROM main.runs WHERE station_key = " + std::to_string(key)))
            .value_or(0);
    std::int64_t changed = sqlite3_total_changes(db) - before;
    merged.added["runs"] += runs_after - runs_count;
    merged.runs_updated += changed - (runs_after - runs_count);

    auto note = TRY(sql::Statement::prepare(
        db, "INSERT INTO collected(file, station_key, batch_id, collected_ms, rows_added, duplicates) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    note.bind(1, file.string()).bind(2, key).bind(4, now_ms()).bind(5, added_total).bind(6, duplicates_total);
    if (!source.batch_id.empty())
        note.bind(3, source.batch_id);
    TRY(note.run());
    return merged;
}

Result<Merged> merge_one(sqlite3* db, const fs::path& file, const Source& source) {
    auto attach = TRY(sql::Statement::prepare(db, "ATTACH ?1 AS src"));
    TRY(attach.bind(1, read_only_uri(file)).run());
    Result<Merged> merged = [&]() -> Result<Merged> {
        TRY(sql::exec(db, "BEGIN IMMEDIATE"));
        auto done = merge_attached(db, file, source);
        Status committed = done ? sql::exec(db, "COMMIT") : Status(done.error());
        if (!committed) {
            if (!sqlite3_get_autocommit(db))
                (void)sql::exec(db, "ROLLBACK");
            return std::move(committed).error();
        }
        return done;
    }();
    (void)sql::exec(db, "DETACH src");
    return merged;
}

} // namespace

std::vector<fs::path> collect_inputs(const std::vector<fs::path>& inputs, const fs::path& out) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& input : inputs) {
        if (fs::is_directory(input, ec)) {
            for (auto it = fs::recursive_directory_iterator(
                     input, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (it->is_regular_file(ec) && it->path().extension() == ".sqlite")
                    files.push_back(it->path());
            }
        } else {
            files.push_back(input);
        }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    fs::path out_canonical = fs::weakly_canonical(out, ec);
    std::erase_if(files, [&](const fs::path& file) {
        std::error_code e;
        return fs::weakly_canonical(file, e) == out_canonical;
    });
    return files;
}

Result<CollectSummary> collect_telemetry(const fs::path& out, const std::vector<fs::path>& files) {
    auto db = TRY(open_report(out));
    CollectSummary summary;
    for (const char* table :
         {"runs", "plays", "sessions", "page_views", "errors", "installs", "clock_jumps"}) {
        summary.added[table] = 0;
        if (std::string_view(table) != "runs")
            summary.duplicates[table] = 0;
    }
    for (const auto& file : files) {
        auto source = inspect(file);
        if (!source) {
            summary.refused.push_back({file, source.error().message});
            continue;
        }
        auto merged = merge_one(db.get(), file, *source);
        if (!merged) {
            summary.refused.push_back(
                {file, "không đọc được / could not be merged: " + merged.error().message});
            continue;
        }
        ++summary.files_merged;
        summary.stations[source->station_db_id] = source->station;
        for (const auto& [table, n] : merged->added)
            summary.added[table] += n;
        for (const auto& [table, n] : merged->duplicates)
            summary.duplicates[table] += n;
        summary.runs_updated += merged->runs_updated;
    }
    return summary;
}

} // namespace content_tool
