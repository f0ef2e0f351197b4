// Writes telemetry batches, heartbeats and retention through one SQLite connection.
#include "telemetry/telemetry_store.hpp"

#include "base/hex.hpp"
#include "base/log.hpp"
#include "crypto/sodium_init.hpp"
#include "telemetry/telemetry_schema.hpp"

#include <array>

namespace kiosk::telemetry {

namespace {

constexpr std::int64_t kDayMs = 24ll * 3600 * 1000;
// Rows stamped before 2024 were written while the clock had lost its time (a flat RTC battery and no
// network); age cannot be judged from such stamps, so only the size bound ever removes them.
constexpr std::int64_t kPlausibleSinceMs = 1704067200000;

// Cuts text to at most max bytes without splitting a UTF-8 sequence.
std::string_view capped(std::string_view text, std::size_t max) {
    if (text.size() <= max)
        return text;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return text.substr(0, cut);
}

std::string_view name(std::string_view text) {
    return capped(text, kMaxNameBytes);
}

std::string_view message(std::string_view text) {
    return capped(text, kMaxMessageBytes);
}

std::string new_station_db_id() {
    ensure_sodium();
    std::array<std::uint8_t, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return to_hex(bytes);
}

// Tables in the order the size bound sacrifices them, each with its time column.
constexpr std::pair<const char*, const char*> kAgedTables[] = {
    {"plays", "start_ms"}, {"page_views", "at_ms"}, {"sessions", "start_ms"},
    {"errors", "at_ms"},   {"installs", "at_ms"},   {"clock_jumps", "at_ms"},
};

} // namespace

int TelemetryStore::count_commit(void* self) {
    ++static_cast<TelemetryStore*>(self)->m_transactions;
    return 0; // let the commit go ahead
}

Result<std::unique_ptr<TelemetryStore>>
TelemetryStore::open(const std::filesystem::path& file, const StoreSettings& settings, std::int64_t now_ms) {
    auto store = open_once(file, settings, now_ms);
    if (store.ok() || !sql::is_corruption(store.error()))
        return store;
    // The header was sound but the pages the first writes touch are not.
    log_warn("telemetry: " + store.error().message + "; moving it aside and starting a fresh file");
    TRY(move_aside(file, "corrupt", now_ms));
    return open_once(file, settings, now_ms);
}

Result<std::unique_ptr<TelemetryStore>> TelemetryStore::open_once(const std::filesystem::path& file,
                                                                  const StoreSettings& settings,
                                                                  std::int64_t now_ms) {
    std::unique_ptr<TelemetryStore> store(new TelemetryStore());
    store->m_settings = settings;
    store->m_db = TRY(open_for_writing(file, now_ms));
    sqlite3* db = store->m_db.get();

    TRY(sql::exec(db, "BEGIN IMMEDIATE"));
    auto started = [&]() -> Status {
        // Made once, when the file is new; a fresh file after damage gets a new one, so its rows can never
        // be mistaken for the old file's in the office's merged database.
        auto identity = TRY(sql::Statement::prepare(db, "INSERT OR IGNORE INTO meta(key, value) VALUES "
                                                        "('station_db_id', ?1), ('created_ms', ?2)"));
        TRY(identity.bind(1, new_station_db_id()).bind(2, std::to_string(now_ms)).run());
        auto station = TRY(
            sql::Statement::prepare(db, "INSERT OR REPLACE INTO meta(key, value) VALUES ('station', ?1)"));
        TRY(station.bind(1, name(settings.station)).run());
        auto run = TRY(sql::Statement::prepare(
            db, "INSERT INTO runs(started_ms, last_alive_ms, clean_exit, software) VALUES (?1, ?1, 0, ?2)"));
        TRY(run.bind(1, now_ms).bind(2, name(settings.software)).run());
        store->m_run_id = sqlite3_last_insert_rowid(db);
        store->m_run_started_ms = now_ms;
        auto id = TRY(sql::query_text(db, "SELECT value FROM meta WHERE key = 'station_db_id'"));
        store->m_station_db_id = id.value_or("");
        return sql::exec(db, "COMMIT");
    }();
    if (!started) {
        (void)sql::exec(db, "ROLLBACK");
        return std::move(started).error();
    }
    TRY(store->prepare_statements());
    sqlite3_commit_hook(db, &TelemetryStore::count_commit, store.get());
    return store;
}

TelemetryStore::~TelemetryStore() {
    if (m_db)
        sqlite3_commit_hook(m_db.get(), nullptr, nullptr);
}

Status TelemetryStore::prepare_statements() {
    sqlite3* db = m_db.get();
    auto prepare = [db](std::string_view text) -> Result<std::unique_ptr<sql::Statement>> {
        return std::make_unique<sql::Statement>(TRY(sql::Statement::prepare(db, text)));
    };
    m_find_label = TRY(prepare("SELECT id FROM labels WHERE text = ?1"));
    m_insert_label = TRY(prepare("INSERT INTO labels(text) VALUES (?1)"));
    m_insert_play = TRY(prepare("INSERT INTO plays(run_id, channel_label, pack_version, slide_label, "
                                "language_label, start_ms, duration_ms, mode_label) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    m_insert_session = TRY(prepare("INSERT INTO sessions(run_id, session, start_ms, end_ms, language_label, "
                                   "pages_viewed, end_reason_label) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    m_insert_page_view = TRY(prepare("INSERT INTO page_views(run_id, session, at_ms, slide_label, "
                                     "language_label, category_label) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    m_insert_error =
        TRY(prepare("INSERT INTO errors(run_id, at_ms, source_label, message) VALUES (?1, ?2, ?3, ?4)"));
    m_insert_install =
        TRY(prepare("INSERT INTO installs(run_id, at_ms, channel_label, version, outcome_label, "
                    "detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    m_insert_clock = TRY(prepare("INSERT INTO clock_jumps(run_id, at_ms, jump_ms) VALUES (?1, ?2, ?3)"));
    m_update_alive = TRY(prepare("UPDATE runs SET last_alive_ms = ?2, clean_exit = ?3 WHERE id = ?1"));
    return {};
}

Status TelemetryStore::check_integrity() {
    return telemetry::check_integrity(m_db.get());
}

Result<std::int64_t> TelemetryStore::label(std::string_view text) {
    if (auto found = m_labels.find(text); found != m_labels.end())
        return found->second;
    auto& find = *m_find_label;
    find.bind(1, text);
    auto row = find.step();
    std::int64_t id = row.ok() && *row ? find.column_int(0) : 0;
    find.reset();
    TRY(std::move(row));
    if (id == 0) {
        auto& insert = *m_insert_label;
        Status inserted = insert.bind(1, text).run();
        insert.reset();
        TRY(std::move(inserted));
        id = sqlite3_last_insert_rowid(m_db.get());
    }
    m_labels.emplace(std::string(text), id);
    return id;
}

Status TelemetryStore::insert(const TelemetryEvent& event) {
    auto run_one = [](sql::Statement& statement) {
        Status status = statement.run();
        statement.reset();
        return status;
    };
    auto as_int = [](std::uint64_t v) { return static_cast<std::int64_t>(v); };
    return std::visit(
        [&](const auto& e) -> Status {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, PlayEvent>) {
                std::int64_t channel = TRY(label(name(e.channel)));
                std::int64_t slide = TRY(label(name(e.slide)));
                std::int64_t language = TRY(label(name(e.language)));
                std::int64_t mode = TRY(label(to_string(e.mode)));
                auto& s = *m_insert_play;
                s.bind(1, m_run_id).bind(2, channel).bind(3, as_int(e.pack_version)).bind(4, slide);
                s.bind(5, language).bind(6, e.start_ms).bind(7, std::int64_t{e.duration_ms}).bind(8, mode);
                return run_one(s);
            } else if constexpr (std::is_same_v<T, SessionEvent>) {
                std::int64_t language = TRY(label(name(e.language)));
                std::int64_t reason = TRY(label(to_string(e.end_reason)));
                auto& s = *m_insert_session;
                s.bind(1, m_run_id).bind(2, std::int64_t{e.session}).bind(3, e.start_ms).bind(4, e.end_ms);
                s.bind(5, language).bind(6, std::int64_t{e.pages_viewed}).bind(7, reason);
                return run_one(s);
            } else if constexpr (std::is_same_v<T, PageViewEvent>) {
                std::int64_t slide = TRY(label(name(e.slide)));
                std::int64_t language = TRY(label(name(e.language)));
                std::int64_t category = TRY(label(name(e.category)));
                auto& s = *m_insert_page_view;
                s.bind(1, m_run_id).bind(2, std::int64_t{e.session}).bind(3, e.at_ms).bind(4, slide);
                s.bind(5, language).bind(6, category);
                return run_one(s);
            } else if constexpr (std::is_same_v<T, ErrorEvent>) {
                std::int64_t source = TRY(label(name(e.source)));
                auto& s = *m_insert_error;
                s.bind(1, m_run_id).bind(2, e.at_ms).bind(3, source).bind(4, message(e.message));
                return run_one(s);
            } else if constexpr (std::is_same_v<T, InstallEvent>) {
                std::int64_t channel = TRY(label(name(e.channel)));
                std::int64_t outcome = TRY(label(to_string(e.outcome)));
                auto& s = *m_insert_install;
                s.bind(1, m_run_id).bind(2, e.at_ms).bind(3, channel).bind(4, as_int(e.version));
                s.bind(5, outcome).bind(6, message(e.detail));
                return run_one(s);
            } else {
                static_assert(std::is_same_v<T, ClockEvent>);
                auto& s = *m_insert_clock;
                s.bind(1, m_run_id).bind(2, e.at_ms).bind(3, e.jump_ms);
                return run_one(s);
            }
        },
        event);
}

Status TelemetryStore::write(const std::deque<TelemetryEvent>& events, std::int64_t now_ms) {
    sqlite3* db = m_db.get();
    TRY(sql::exec(db, "BEGIN IMMEDIATE"));
    Status status;
    for (const auto& event : events) {
        status = insert(event);
        if (!status)
            break;
    }
    if (status) {
        m_update_alive->bind(1, m_run_id).bind(2, now_ms).bind(3, std::int64_t{0});
        status = m_update_alive->run();
        m_update_alive->reset();
    }
    if (status)
        status = sql::exec(db, "COMMIT");
    if (!status) {
        if (!sqlite3_get_autocommit(db))
            (void)sql::exec(db, "ROLLBACK");
        m_labels.clear();
        return status;
    }
    // The batch is in; a failure to trim only delays the size bound to the next batch.
    if (auto trimmed = trim_to_size(); !trimmed)
        log_warn("telemetry: cannot trim the file: " + trimmed.error().message);
    return {};
}

Status TelemetryStore::mark_alive(std::int64_t now_ms) {
    m_update_alive->bind(1, m_run_id).bind(2, now_ms).bind(3, std::int64_t{0});
    Status status = m_update_alive->run();
    m_update_alive->reset();
    return status;
}

Status TelemetryStore::mark_clean_exit(std::int64_t now_ms) {
    m_update_alive->bind(1, m_run_id).bind(2, now_ms).bind(3, std::int64_t{1});
    Status status = m_update_alive->run();
    m_update_alive->reset();
    return status;
}

Status TelemetryStore::apply_retention(std::int64_t now_ms) {
    std::int64_t cutoff = now_ms - std::int64_t{m_settings.retention_days} * kDayMs;
    if (cutoff > kPlausibleSinceMs) {
        sqlite3* db = m_db.get();
        TRY(sql::exec(db, "BEGIN IMMEDIATE"));
        Status status;
        for (const auto& [table, column] : kAgedTables) {
            auto statement = sql::Statement::prepare(db, std::string("DELETE FROM ") + table + " WHERE " +
                                                             column + " < ?1 AND " + column + " >= ?2");
            status = statement ? statement->bind(1, cutoff).bind(2, kPlausibleSinceMs).run()
                               : Status(statement.error());
            if (!status)
                break;
        }
        if (status) {
            auto runs = sql::Statement::prepare(db, "DELETE FROM runs WHERE last_alive_ms < ?1 AND "
                                                    "last_alive_ms >= ?2 AND id <> ?3");
            status = runs ? runs->bind(1, cutoff).bind(2, kPlausibleSinceMs).bind(3, m_run_id).run()
                          : Status(runs.error());
        }
        if (status)
            status = sql::exec(db, "COMMIT");
        if (!status) {
            if (!sqlite3_get_autocommit(db))
                (void)sql::exec(db, "ROLLBACK");
            return status;
        }
        TRY(sql::exec(db, "PRAGMA incremental_vacuum"));
    }
    return trim_to_size();
}

Result<std::uint64_t> TelemetryStore::used_bytes() {
    auto pages = TRY(sql::query_int(m_db.get(), "PRAGMA page_count")).value_or(0);
    auto free_pages = TRY(sql::query_int(m_db.get(), "PRAGMA freelist_count")).value_or(0);
    auto page_size = TRY(sql::query_int(m_db.get(), "PRAGMA page_size")).value_or(4096);
    return static_cast<std::uint64_t>(std::max<std::int64_t>(0, pages - free_pages) * page_size);
}

Status TelemetryStore::delete_oldest_day(std::span<const std::pair<const char*, const char*>> tables) {
    sqlite3* db = m_db.get();
    std::optional<std::int64_t> oldest;
    for (const auto& [table, column] : tables) {
        auto first = TRY(sql::query_int(db, std::string("SELECT min(") + column + ") FROM " + table));
        if (first && (!oldest || *first < *oldest))
            oldest = first;
    }
    if (!oldest)
        return make_error(ErrorCode::NotFound, "nothing left to delete");
    TRY(sql::exec(db, "BEGIN IMMEDIATE"));
    Status status;
    for (const auto& [table, column] : tables) {
        auto statement =
            sql::Statement::prepare(db, std::string("DELETE FROM ") + table + " WHERE " + column + " < ?1");
        status = statement ? statement->bind(1, *oldest + kDayMs).run() : Status(statement.error());
        if (!status)
            break;
    }
    if (status)
        status = sql::exec(db, "COMMIT");
    if (!status && !sqlite3_get_autocommit(db))
        (void)sql::exec(db, "ROLLBACK");
    return status;
}

Status TelemetryStore::trim_to_size() {
    std::uint64_t used = TRY(used_bytes());
    if (used <= m_settings.max_bytes)
        return {};
    std::uint64_t target = m_settings.max_bytes / 10 * 9;
    std::uint64_t before = used;
    // Plays and page views are by far the most numerous rows, so they go first; the rarer sessions,
    // errors, installs and clock jumps only if those are gone and the file is still too big.
    const std::span<const std::pair<const char*, const char*>> tiers[] = {
        std::span(kAgedTables).subspan(0, 2), std::span(kAgedTables).subspan(2)};
    for (const auto& tier : tiers) {
        while (used > target) {
            Status deleted = delete_oldest_day(tier);
            if (!deleted && deleted.error().code == ErrorCode::NotFound)
                break;
            TRY(std::move(deleted));
            used = TRY(used_bytes());
        }
    }
    TRY(sql::exec(m_db.get(), "PRAGMA incremental_vacuum"));
    log_info("telemetry: deleted the oldest rows to keep the file under " +
             std::to_string(m_settings.max_bytes >> 10) + " KiB (" + std::to_string(before >> 10) +
             " KiB -> " + std::to_string(used >> 10) + " KiB)");
    return {};
}

} // namespace kiosk::telemetry
