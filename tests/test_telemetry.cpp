// Telemetry on real SQLite files: what the kiosk records is stored, batched, kept within its bounds,
// survives kill -9, damage and a full disk, and reads back for the operator screen and the office.
#include "support.hpp"
#include "telemetry/telemetry.hpp"
#include "telemetry/telemetry_schema.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace kiosk;
using namespace test_support;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t kDayMs = 24ll * 3600 * 1000;
// 2026-06-15 12:00 UTC, the "now" of tests that move the clock.
constexpr std::int64_t kNow = 1781524800000;

using Rows = std::vector<std::vector<std::string>>;

// The test's own view of a file through the plain SQLite API, as the office's tools would read it.
class Db {
public:
    explicit Db(const fs::path& file) {
        REQUIRE(sqlite3_open_v2(file.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) ==
                SQLITE_OK);
        sqlite3_busy_timeout(m_db, 5000);
    }
    ~Db() { sqlite3_close(m_db); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    Rows rows(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        int rc = sqlite3_prepare_v2(m_db, sql.c_str(), -1, &statement, nullptr);
        INFO(sql << ": " << sqlite3_errmsg(m_db));
        REQUIRE(rc == SQLITE_OK);
        Rows out;
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(statement); ++i) {
                auto text = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
                row.push_back(text ? text : "NULL");
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(statement);
        REQUIRE(rc == SQLITE_DONE);
        return out;
    }
    std::string text(const std::string& sql) {
        auto r = rows(sql);
        return r.empty() || r[0].empty() ? std::string() : r[0][0];
    }
    std::int64_t number(const std::string& sql) { return std::stoll(text(sql)); }
    void exec(const std::string& sql) {
        char* error = nullptr;
        int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error);
        INFO(sql << ": " << (error ? error : ""));
        sqlite3_free(error);
        REQUIRE(rc == SQLITE_OK);
    }
    // Every event row, whatever its kind.
    std::int64_t event_rows() {
        return number("SELECT (SELECT count(*) FROM plays) + (SELECT count(*) FROM sessions) + "
                      "(SELECT count(*) FROM page_views) + (SELECT count(*) FROM errors) + "
                      "(SELECT count(*) FROM installs) + (SELECT count(*) FROM clock_jumps)");
    }

private:
    sqlite3* m_db = nullptr;
};

// A wall clock the test moves by hand.
struct FakeClock {
    std::shared_ptr<std::atomic<std::int64_t>> now = std::make_shared<std::atomic<std::int64_t>>(kNow);
    std::function<std::int64_t()> function() const {
        return [now = now] { return now->load(); };
    }
    void advance(std::int64_t ms) { *now += ms; }
};

// Options under which nothing is committed until a batch fills or flush() is called.
TelemetryOptions quiet_options(const FakeClock& clock) {
    TelemetryOptions options;
    options.station = "na-meo";
    options.software = "kiosk-test";
    options.flush_interval = std::chrono::hours(1);
    options.alive_interval = std::chrono::hours(1);
    options.clock = clock.function();
    return options;
}

std::unique_ptr<Telemetry> open_telemetry(const fs::path& file, TelemetryOptions options) {
    auto opened = Telemetry::open(file, std::move(options));
    INFO((opened ? std::string() : opened.error().message));
    REQUIRE(opened.ok());
    return std::move(opened.value());
}

PlayEvent play(std::int64_t at, std::string slide = "welcome") {
    return PlayEvent{"ha-tinh", 12, std::move(slide), "vi", at, 10000, PlayMode::Attract};
}

std::vector<fs::path> files_starting_with(const fs::path& dir, const std::string& prefix) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().filename().string().starts_with(prefix))
            found.push_back(entry.path());
    }
    return found;
}

// The telemetry_writer helper, with its stdout on a pipe.
struct Child {
    pid_t pid = -1;
    int out = -1;
};

Child spawn_writer(const fs::path& db, const std::vector<std::string>& extra = {}) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_t pid = ::fork();
    if (pid == 0) {
        std::vector<std::string> args = {TELEMETRY_WRITER_BIN, db.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::dup2(fds[1], 1);
        int devnull = ::open("/dev/null", O_WRONLY);
        ::dup2(devnull, 2);
        ::close(fds[0]);
        ::close(fds[1]);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(fds[1]);
    return {pid, fds[0]};
}

// Reads until the child's stdout closes.
std::string read_all(int fd) {
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)) {
        if (n > 0)
            out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

// Reads until a whole line containing `marker` has arrived.
std::string read_until(int fd, const std::string& marker) {
    std::string out;
    char c;
    while (out.find(marker) == std::string::npos || out.back() != '\n') {
        ssize_t n = ::read(fd, &c, 1);
        if (n <= 0)
            break;
        out.push_back(c);
    }
    return out;
}

// The count in the child's last whole "flushed N" line: events it knows to be committed.
std::uint64_t last_flushed(const std::string& out) {
    std::uint64_t flushed = 0;
    std::size_t start = 0;
    while (true) {
        std::size_t end = out.find('\n', start);
        if (end == std::string::npos)
            break;
        auto line = out.substr(start, end - start);
        if (line.starts_with("flushed "))
            flushed = std::stoull(line.substr(8));
        start = end + 1;
    }
    return flushed;
}

} // namespace

TEST_CASE("every kind of event is stored with its fields", "[telemetry]") {
    TempDir dir;
    FakeClock clock;
    auto file = dir / "telemetry.db";
    auto telemetry = open_telemetry(file, quiet_options(clock));
    std::uint32_t session = telemetry->next_session();
    telemetry->record(PlayEvent{"ha-tinh", 12, "welcome", "vi", kNow - 10000, 10000, PlayMode::Attract});
    telemetry->record(PlayEvent{"national", 3, "asean", "lo", kNow - 4000, 7000, PlayMode::Browse});
    telemetry->record(PageViewEvent{session, kNow - 5000, "visa-exemptions", "lo", "entry-exit"});
    telemetry->record(SessionEvent{session, kNow - 60000, kNow, "lo", 1, SessionEnd::Timeout});
    telemetry->record(ErrorEvent{kNow, "media", "film would not decode"});
    telemetry->record(InstallEvent{kNow, "ha-tinh", 13, InstallOutcome::RolledBack, "operator asked"});
    telemetry->record(ClockEvent{kNow, -3600000});
    telemetry->flush();

    Db db(file);
    CHECK(
        db.rows("SELECT channel, pack_version, slide, language, start_ms, duration_ms, mode FROM plays_text "
                "ORDER BY id") ==
        Rows{{"ha-tinh", "12", "welcome", "vi", std::to_string(kNow - 10000), "10000", "attract"},
             {"national", "3", "asean", "lo", std::to_string(kNow - 4000), "7000", "browse"}});
    CHECK(db.rows("SELECT at_ms, slide, language, category FROM page_views_text") ==
          Rows{{std::to_string(kNow - 5000), "visa-exemptions", "lo", "entry-exit"}});
    CHECK(db.rows("SELECT start_ms, end_ms, language, pages_viewed, end_reason FROM sessions_text") ==
          Rows{{std::to_string(kNow - 60000), std::to_string(kNow), "lo", "1", "timeout"}});
    CHECK(db.rows("SELECT at_ms, source, message FROM errors_text") ==
          Rows{{std::to_string(kNow), "media", "film would not decode"}});
    CHECK(db.rows("SELECT at_ms, channel, version, outcome, detail FROM installs_text") ==
          Rows{{std::to_string(kNow), "ha-tinh", "13", "rolled-back", "operator asked"}});
    CHECK(db.rows("SELECT at_ms, jump_ms FROM clock_jumps") == Rows{{std::to_string(kNow), "-3600000"}});

    // A page view finds its session by run and session number.
    CHECK(db.number("SELECT count(*) FROM page_views p JOIN sessions s ON p.run_id = s.run_id AND "
                    "p.session = s.session") == 1);
    // Every row names the run that wrote it.
    CHECK(db.rows("SELECT id, started_ms, clean_exit, software FROM runs") ==
          Rows{{"1", std::to_string(kNow), "0", "kiosk-test"}});
    CHECK(db.number("SELECT count(*) FROM plays WHERE run_id <> 1") == 0);

    // A name is stored once however many rows use it.
    CHECK(db.number("SELECT count(*) FROM labels WHERE text = 'ha-tinh'") == 1);
    CHECK(db.text("SELECT value FROM meta WHERE key = 'station'") == "na-meo");
    CHECK(db.text("PRAGMA journal_mode") == "wal");
    CHECK(db.text("PRAGMA auto_vacuum") == "2"); // incremental
    CHECK(db.number("PRAGMA user_version") == telemetry::migrations().back().version);
    CHECK(db.number("PRAGMA application_id") == telemetry::kApplicationId);
}

TEST_CASE("each file gets its own random station_db_id that stays across restarts", "[telemetry]") {
    TempDir dir;
    FakeClock clock;
    std::string first_id, other_id;
    {
        auto telemetry = open_telemetry(dir / "a.db", quiet_options(clock));
        first_id = telemetry->station_db_id();
        telemetry->record(play(kNow));
    }
    {
        auto telemetry = open_telemetry(dir / "b.db", quiet_options(clock));
        other_id = telemetry->station_db_id();
    }
    CHECK(first_id.size() == 32);
    CHECK(first_id.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(first_id != other_id);
    {
        auto telemetry = open_telemetry(dir / "a.db", quiet_options(clock));
        CHECK(telemetry->station_db_id() == first_id);
        telemetry->record(play(kNow));
    }
    Db db(dir / "a.db");
    CHECK(db.text("SELECT value FROM meta WHERE key = 'station_db_id'") == first_id);
    // Ids keep counting across runs, so (station_db_id, id) never names two rows.
    CHECK(db.rows("SELECT id, run_id FROM plays ORDER BY id") == Rows{{"1", "1"}, {"2", "2"}});
}

TEST_CASE("row ids are never reused after retention empties a table", "[telemetry]") {
    TempDir dir;
    FakeClock clock;
    auto options = quiet_options(clock);
    options.retention_days = 30;
    {
        auto telemetry = open_telemetry(dir / "t.db", options);
        for (int i = 0; i < 5; ++i)
            telemetry->record(play(kNow));
    }
    clock.advance(60 * kDayMs);
    {
        auto telemetry = open_telemetry(dir / "t.db", options);
        telemetry->flush(); // retention at start has deleted the five old plays
        telemetry->record(play(clock.now->load()));
    }
    Db db(dir / "t.db");
    CHECK(db.rows("SELECT id FROM plays") == Rows{{"6"}});
}

TEST_CASE("a burst of events is committed in a few transactions and each flush commits", "[telemetry]") {
    TempDir dir;
    FakeClock clock;
    auto options = quiet_options(clock);
    options.batch_events = 64;
    options.queue_limit = 100000;
    auto telemetry = open_telemetry(dir / "t.db", options);
    telemetry->flush(); // the start-up checks and retention are done
    auto before = telemetry->counters().transactions;
    for (int i = 0; i < 640; ++i)
        telemetry->record(play(kNow + i));
    telemetry->flush();
    auto after_burst = telemetry->counters().transactions;
    // At most ten full batches and the flush's remainder; fewer when the writer takes several at once.
    CHECK(after_burst - before >= 1);
    CHECK(after_burst - before <= 11);

    for (int i = 0; i < 10; ++i) {
        telemetry->record(play(kNow + i));
        telemetry->flush();
    }
    CHECK(telemetry->counters().transactions - after_burst == 10);
    CHECK(telemetry->counters().written == 650);
    Db db(dir / "t.db");
    CHECK(db.number("SELECT count(*) FROM plays") == 650);
}

TEST_CASE("a lone event is committed after flush_interval without a flush", "[telemetry]") {
    TempDir dir;
    FakeClock clock;
    auto options = quiet_options(clock);
    options.flush_interval = 100ms;
    auto telemetry = open_telemetry(dir / "t.db", options);
    telemetry->record(play(kNow));
    Db db(dir / "t.db");
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (db.number("SELECT count(*) FROM plays") == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    CHECK(db.number("SELECT count(*) FROM plays") == 1);
}

TEST_CASE("beyond the queue limit the oldest events are dropped and counted", "[telemetry]") {
    TempDir dir;
    FakeClock clock;
    auto options = quiet_options(clock);
    options.queue_limit = 10;
    options.batch_events = 1000; // the writer takes nothing before the flush
    auto telemetry = open_telemetry(dir / "t.db", options);
    for (int i = 0; i < 100; ++i)
        telemetry->record(play(kNow + i, "slide-" + std::to_string(i)));
    telemetry->flush();
    auto counters = telemetry->counters();
    CHECK(counters.recorded == 100);
    CHECK(counters.dropped_queue_full == 90);
    CHECK(counters.written == 10);
    Db db(dir / "t.db");
    CHECK(db.text("SELECT min(slide) FROM plays_text") == "slide-90");
    CHECK(telemetry->summary(kNow)->dropped_events == 90);
}

TEST_CASE("names and messages are capped without splitting a character", "[telemetry]") {
    TempDir dir;
    FakeClock clock;
    auto telemetry = open_telemetry(dir / "t.db", quiet_options(clock));
    std::string long_text;
    for (int i = 0; i < 1000; ++i)
        long_text += "ữ"; // three bytes in UTF-8
    telemetry->record(ErrorEvent{kNow, long_text, long_text});
    telemetry->flush();
    Db db(dir / "t.db");
    CHECK(db.number("SELECT length(CAST(message AS BLOB)) FROM errors_text") == 198);
    CHECK(db.number("SELECT length(CAST(source AS BLOB)) FROM errors_text") == 99);
    CHECK(db.number("SELECT length(message) FROM errors_text") == 66); // whole characters only
}

TEST_CASE("a folder that cannot hold the file is an error and not a crash", "[telemetry]") {
    FakeClock clock;
    auto opened = Telemetry::open("/nonexistent-folder/telemetry.db", quiet_options(clock));
    CHECK_FALSE(opened.ok());
}

namespace {

// The first telemetry layout exactly as the first release wrote it, frozen here: files made by it are
// on stations and must open in every later release.
constexpr const char* kLayoutV1AsShipped = R"(
PRAGMA auto_vacuum=INCREMENTAL;
BEGIN;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE labels (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_ms INTEGER NOT NULL,
    last_alive_ms INTEGER NOT NULL, clean_exit INTEGER NOT NULL DEFAULT 0, software TEXT NOT NULL DEFAULT '');
CREATE TABLE plays (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL,
    channel_label INTEGER NOT NULL, pack_version INTEGER NOT NULL, slide_label INTEGER NOT NULL,
    language_label INTEGER NOT NULL, start_ms INTEGER NOT NULL, duration_ms INTEGER NOT NULL,
    mode_label INTEGER NOT NULL);
CREATE INDEX plays_by_start ON plays(start_ms);
CREATE TABLE sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL, session INTEGER NOT NULL,
    start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, language_label INTEGER NOT NULL,
    pages_viewed INTEGER NOT NULL, end_reason_label INTEGER NOT NULL);
CREATE INDEX sessions_by_start ON sessions(start_ms);
CREATE TABLE page_views (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL, session INTEGER NOT NULL,
    at_ms INTEGER NOT NULL, slide_label INTEGER NOT NULL, language_label INTEGER NOT NULL,
    category_label INTEGER NOT NULL);
CREATE INDEX page_views_by_time ON page_views(at_ms);
CREATE TABLE errors (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL, at_ms INTEGER NOT NULL,
    source_label INTEGER NOT NULL, message TEXT NOT NULL);
CREATE INDEX errors_by_time ON errors(at_ms);
CREATE TABLE installs (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL, at_ms INTEGER NOT NULL,
    channel_label INTEGER NOT NULL, version INTEGER NOT NULL, outcome_label INTEGER NOT NULL,
    detail TEXT NOT NULL);
CREATE TABLE clock_jumps (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL, at_ms INTEGER NOT NULL,
    jump_ms INTEGER NOT NULL);
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
INSERT INTO meta VALUES ('station_db_id', '00112233445566778899aabbccddeeff'), ('station', 'cau-treo');
INSERT INTO labels VALUES (1, 'ha-tinh'), (2, 'welcome'), (3, 'vi'), (4, 'attract'), (5, 'border-map'), (6, 'en');
INSERT INTO runs VALUES (1, 1781000000000, 1781000600000, 1, 'kiosk 0.1');
INSERT INTO plays VALUES (1, 1, 1, 5, 2, 3, 1781000100000, 10000, 4), (2, 1, 1, 5, 5, 6, 1781000110000, 10000, 4);
PRAGMA application_id = 1263813964; -- "KTEL"
PRAGMA user_version = 1;
COMMIT;
)";

void write_v1_file(const fs::path& file) {
    Db db(file);
    db.exec(kLayoutV1AsShipped);
}

} // namespace

TEST_CASE("a file written by the first layout opens with its rows and identity kept", "[telemetry]") {
    TempDir dir;
    FakeClock clock;
    auto file = dir / "telemetry.db";
    write_v1_file(file);
    {
        auto telemetry = open_telemetry(file, quiet_options(clock));
        CHECK(telemetry->station_db_id() == "00112233445566778899aabbccddeeff");
        telemetry->record(play(kNow, "new-slide"));
    }
    Db db(file);
    CHECK(db.number("PRAGMA user_version") == telemetry::migrations().back().version);
    CHECK(db.text("PRAGMA journal_mode") == "wal");
    CHECK(db.rows("SELECT id, run_id, slide FROM plays_text ORDER BY id") ==
          Rows{{"1", "1", "welcome"}, {"2", "1", "border-map"}, {"3", "2", "new-slide"}});
    CHECK(db.rows("SELECT id, clean_exit FROM runs ORDER BY id") == Rows{{"1", "1"}, {"2", "1"}});
    CHECK(db.text("SELECT value FROM meta WHERE key = 'station'") == "na-meo");
    CHECK(files_starting_with(dir.path(), "telemetry.db.").empty());
}

TEST_CASE("a later layout step is applied once and keeps the rows", "[telemetry]") {
    TempDir dir;
    auto file = dir / "telemetry.db";
    write_v1_file(file);
    std::vector<telemetry::Migration> steps(telemetry::migrations().begin(), telemetry::migrations().end());
    int next = steps.back().version + 1;
    steps.push_back({next, "ALTER TABLE plays ADD COLUMN screen TEXT NOT NULL DEFAULT 'touch'"});
    for (int i = 0; i < 2; ++i) {
        auto db = telemetry::open_for_writing(file, kNow, steps);
        INFO((db ? std::string() : db.error().message));
        REQUIRE(db.ok());
    }
    Db db(file);
    CHECK(db.number("PRAGMA user_version") == next);
    CHECK(db.rows("SELECT id, screen FROM plays ORDER BY id") == Rows{{"1", "touch"}, {"2", "touch"}});
}

TEST_CASE("a layout step that fails leaves the file at its last whole version", "[telemetry]") {
    TempDir dir;
    auto file = dir / "telemetry.db";
    write_v1_file(file);
    std::vector<telemetry::Migration> steps(telemetry::migrations().begin(), telemetry::migrations().end());
    steps.push_back({steps.back().version + 1, "CREATE TABLE extra(x); CREATE TABLE plays(x)"});
    auto opened = telemetry::open_for_writing(file, kNow, steps);
    CHECK_FALSE(opened.ok());
    Db db(file);
    CHECK(db.number("PRAGMA user_version") == 1);
    CHECK(db.number("SELECT count(*) FROM sqlite_master WHERE name = 'extra'") == 0);
    CHECK(db.number("SELECT count(*) FROM plays") == 2);
    // A bug in a step is not damage: the file stays where it is for a build that can read it.
    CHECK(files_starting_with(dir.path(), "telemetry.db.").empty());
}

TEST_CASE("a file from a newer kiosk is moved aside and a fresh one started", "[telemetry]") {
    TempDir dir;
    FakeClock clock;
    auto file = dir / "telemetry.db";
    write_v1_file(file);
    {
        Db db(file);
        db.exec("PRAGMA user_version = 99");
    }
    auto telemetry = open_telemetry(file, quiet_options(clock));
    CHECK(telemetry->station_db_id() != "00112233445566778899aabbccddeeff");
    CHECK(files_starting_with(dir.path(), "telemetry.db.newer-").size() == 1);
}

TEST_CASE("a damaged or foreign file is moved aside and telemetry starts afresh", "[telemetry]") {
    auto kind = GENERATE(as<std::string>{}, "garbage", "foreign-sqlite", "damaged-pages");
    INFO(kind);
    TempDir dir;
    FakeClock clock;
    auto file = dir / "telemetry.db";
    std::string old_id;
    if (kind == "garbage") {
        write_text(file, std::string(100000, 'x'));
    } else if (kind == "foreign-sqlite") {
        Db db(file);
        db.exec("CREATE TABLE songs(title TEXT); INSERT INTO songs VALUES ('Quê hương')");
    } else {
        {
            auto telemetry = open_telemetry(file, quiet_options(clock));
            old_id = telemetry->station_db_id();
            for (int i = 0; i < 3000; ++i)
                telemetry->record(play(kNow + i, "slide-with-a-long-name-" + std::to_string(i)));
        }
        REQUIRE(fs::file_size(file) > 40 * 4096);
        std::fstream bytes(file, std::ios::in | std::ios::out | std::ios::binary);
        bytes.seekp(20 * 4096);
        std::string noise(3 * 4096, '\xA5');
        bytes.write(noise.data(), static_cast<std::streamsize>(noise.size()));
    }

    auto telemetry = open_telemetry(file, quiet_options(clock));
    telemetry->record(play(kNow, "after"));
    telemetry->flush();
    CHECK(files_starting_with(dir.path(), "telemetry.db.corrupt-").size() == 1);
    CHECK(telemetry->station_db_id() != old_id);
    Db db(file);
    CHECK(db.text("PRAGMA integrity_check") == "ok");
    CHECK(db.rows("SELECT slide FROM plays_text") == Rows{{"after"}});
}

TEST_CASE("only the two newest damaged copies are kept", "[telemetry]") {
    TempDir dir;
    FakeClock clock;
    auto file = dir / "telemetry.db";
    for (int i = 0; i < 4; ++i) {
        write_text(file, std::string(5000, 'x'));
        auto telemetry = open_telemetry(file, quiet_options(clock));
        clock.advance(1000);
    }
    CHECK(files_starting_with(dir.path(), "telemetry.db.corrupt-").size() == 2);
}

TEST_CASE("retention deletes rows older than retention_days", "[telemetry]") {
    TempDir dir;
    FakeClock clock;
    auto options = quiet_options(clock);
    options.retention_days = 30;
    options.retention_interval = std::chrono::hours(24);
    auto telemetry = open_telemetry(dir / "t.db", options);
    telemetry->record(play(kNow - 29 * kDayMs, "old"));
    telemetry->record(play(kNow - 10 * kDayMs, "recent"));
    telemetry->record(play(kNow, "today"));
    telemetry->record(play(300000, "clock-lost")); // stamped while the clock said 1970
    telemetry->record(PageViewEvent{1, kNow - 29 * kDayMs, "old", "vi", "c"});
    telemetry->record(
        SessionEvent{1, kNow - 29 * kDayMs, kNow - 29 * kDayMs + 1000, "vi", 1, SessionEnd::Timeout});
    telemetry->record(ErrorEvent{kNow - 29 * kDayMs, "media", "old"});
    telemetry->record(InstallEvent{kNow - 29 * kDayMs, "ha-tinh", 1, InstallOutcome::Installed, ""});
    telemetry->record(ClockEvent{kNow - 29 * kDayMs, 5});
    telemetry->flush();
    Db db(dir / "t.db");
    CHECK(db.event_rows() == 9); // retention is not due again yet

    clock.advance(2 * kDayMs);
    telemetry->flush();
    CHECK(db.rows("SELECT slide FROM plays_text ORDER BY id") == Rows{{"recent"}, {"today"}, {"clock-lost"}});
    CHECK(db.event_rows() == 3);
}

TEST_CASE("the file stays under max_bytes by dropping the oldest plays and page views first", "[telemetry]") {
    TempDir dir;
    FakeClock clock;
    auto file = dir / "t.db";
    auto options = quiet_options(clock);
    options.max_bytes = 512 * 1024;
    options.queue_limit = 100000;
    const int days = 40;
    {
        auto telemetry = open_telemetry(file, options);
        for (int day = 0; day < days; ++day) {
            std::int64_t midnight = kNow - (days - day) * kDayMs;
            for (int i = 0; i < 400; ++i) {
                std::string slide = "slide-" + std::to_string(i % 30);
                telemetry->record(play(midnight + i * 60000, slide));
                if (i % 5 == 0)
                    telemetry->record(PageViewEvent{1, midnight + i * 60000, slide, "lo", "tourism"});
            }
            telemetry->record(SessionEvent{1, midnight, midnight + 60000, "lo", 30, SessionEnd::Timeout});
            telemetry->record(ErrorEvent{midnight, "media", "day " + std::to_string(day)});
        }
    }
    CHECK(fs::file_size(file) <= options.max_bytes);
    Db db(file);
    CHECK(db.text("PRAGMA integrity_check") == "ok");
    // The newest day's plays are all there; the oldest days' plays and page views are gone...
    std::int64_t last_day = kNow - kDayMs;
    CHECK(db.number("SELECT count(*) FROM plays WHERE start_ms >= " + std::to_string(last_day)) == 400);
    CHECK(db.number("SELECT min(start_ms) FROM plays") > kNow - (days - 1) * kDayMs);
    CHECK(db.number("SELECT min(at_ms) FROM page_views") > kNow - (days - 1) * kDayMs);
    // ...while the rarer sessions and errors are all kept.
    CHECK(db.number("SELECT count(*) FROM sessions") == days);
    CHECK(db.number("SELECT count(*) FROM errors") == days);
}

TEST_CASE("the summary counts today and lists the newest errors first", "[telemetry]") {
    TempDir dir;
    FakeClock clock;
    // Local noon of the test's day, so "today" is the same whatever the machine's time zone.
    std::time_t seconds = kNow / 1000;
    std::tm tm{};
    localtime_r(&seconds, &tm);
    tm.tm_hour = 12;
    tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    std::int64_t noon = static_cast<std::int64_t>(std::mktime(&tm)) * 1000;
    *clock.now = noon;
    auto file = dir / "t.db";
    open_telemetry(file, quiet_options(clock)).reset(); // an earlier run that stopped cleanly
    {
        Db db(file);
        db.exec("INSERT INTO runs(started_ms, last_alive_ms, clean_exit) VALUES (" +
                std::to_string(noon - kDayMs) + ", " + std::to_string(noon - kDayMs + 5000) +
                ", 0)"); // and one that lost power
    }
    auto telemetry = open_telemetry(file, quiet_options(clock));
    for (int hours : {1, 2, 3})
        telemetry->record(play(noon - hours * 3600000));
    telemetry->record(play(noon - kDayMs));
    telemetry->record(play(noon + kDayMs));
    telemetry->record(SessionEvent{1, noon - 60000, noon, "lo", 2, SessionEnd::Timeout});
    telemetry->record(PageViewEvent{1, noon - 30000, "visa", "lo", "entry-exit"});
    telemetry->record(PageViewEvent{1, noon - 20000, "hours", "lo", "entry-exit"});
    telemetry->record(InstallEvent{noon - 7200000, "ha-tinh", 13, InstallOutcome::Refused, "unsigned"});
    telemetry->record(InstallEvent{noon - 3600000, "ha-tinh", 14, InstallOutcome::Installed, ""});
    for (int i = 0; i < 12; ++i)
        telemetry->record(ErrorEvent{noon - 1000, "media", "error " + std::to_string(i)});
    telemetry->flush();

    auto summary = telemetry->summary(noon);
    REQUIRE(summary.ok());
    CHECK(summary->plays_today == 3);
    CHECK(summary->sessions_today == 1);
    CHECK(summary->page_views_today == 2);
    REQUIRE(summary->last_errors.size() == 10);
    CHECK(summary->last_errors.front().message == "error 11");
    CHECK(summary->last_errors.back().message == "error 2");
    CHECK(summary->last_errors.front().source == "media");
    REQUIRE(summary->last_install.has_value());
    CHECK(summary->last_install->version == 14);
    CHECK(summary->last_install->outcome == InstallOutcome::Installed);
    CHECK(summary->unclean_stops_30_days == 1);
    CHECK(summary->running_since_ms == noon);
    CHECK(summary->file_bytes > 0);
    CHECK(summary->station_db_id == telemetry->station_db_id());
    CHECK(summary->dropped_events == 0);
}

TEST_CASE("export_to writes a copy that opens on its own with every row", "[telemetry]") {
    TempDir dir;
    FakeClock clock;
    auto telemetry = open_telemetry(dir / "t.db", quiet_options(clock));
    for (int i = 0; i < 100; ++i)
        telemetry->record(play(kNow + i));
    telemetry->record(ErrorEvent{kNow, "usb", "stick not signed"});
    fs::create_directories(dir / "usb");
    auto copy = dir / "usb" / "telemetry-na-meo.sqlite";
    for (int round = 0; round < 2; ++round) { // the second export replaces the first
        auto exported = telemetry->export_to(copy);
        INFO((exported ? std::string() : exported.error().message));
        REQUIRE(exported.ok());
        telemetry->record(play(kNow + 1000));
    }
    CHECK(files_starting_with(dir / "usb", "telemetry-na-meo.sqlite.").empty());
    Db db(copy);
    CHECK(db.text("PRAGMA integrity_check") == "ok");
    CHECK(db.text("PRAGMA journal_mode") == "delete");
    CHECK(db.number("SELECT count(*) FROM plays") == 101);
    CHECK(db.number("SELECT count(*) FROM errors") == 1);
    CHECK(db.text("SELECT value FROM meta WHERE key = 'station_db_id'") == telemetry->station_db_id());
    CHECK(db.number("PRAGMA user_version") == telemetry::migrations().back().version);
}

TEST_CASE("a clean stop is marked in runs and a killed run is not", "[telemetry]") {
    TempDir dir;
    auto file = dir / "t.db";
    auto clean = run(std::string(TELEMETRY_WRITER_BIN) + " " + quote(file) + " --total 100");
    INFO(clean.output);
    REQUIRE(clean.status == 0);

    auto child = spawn_writer(file);
    read_until(child.out, "flushed");
    ::kill(child.pid, SIGKILL);
    int status = 0;
    ::waitpid(child.pid, &status, 0);
    read_all(child.out);

    Db db(file);
    auto runs = db.rows("SELECT clean_exit, last_alive_ms >= started_ms FROM runs ORDER BY id");
    CHECK(runs == Rows{{"1", "1"}, {"0", "1"}});
}

TEST_CASE("kill -9 at random moments never damages the file or loses a flushed event",
          "[telemetry][killloop]") {
    TempDir dir;
    auto file = dir / "telemetry.db";
    int iterations = 30;
    if (const char* env = std::getenv("TELEMETRY_KILL_ITERATIONS"))
        iterations = std::max(1, std::atoi(env));
    std::mt19937_64 rng(20261130);
    std::uint64_t must_have = 0;
    int killed_after_flushes = 0;
    for (int i = 0; i < iterations; ++i) {
        auto child = spawn_writer(file);
        auto delay = std::chrono::microseconds(2000 + rng() % 150000);
        std::this_thread::sleep_for(delay);
        ::kill(child.pid, SIGKILL);
        int status = 0;
        ::waitpid(child.pid, &status, 0);
        std::uint64_t flushed = last_flushed(read_all(child.out));
        must_have += flushed;
        if (flushed > 0)
            ++killed_after_flushes;
        // Every other time the next writer finds the log the kill left, as a kiosk restarting would.
        if (i % 2 == 1 || i + 1 == iterations) {
            Db db(file);
            INFO("iteration " << i << " killed after " << delay.count() << " us, " << flushed << " flushed");
            REQUIRE(db.text("PRAGMA integrity_check") == "ok");
            REQUIRE(static_cast<std::uint64_t>(db.event_rows()) >= must_have);
            CHECK(db.number("SELECT count(*) FROM runs WHERE clean_exit = 1") == 0);
        }
    }
    // The kills must have landed while events were being written for this test to mean anything.
    CHECK(killed_after_flushes >= iterations / 2);
}

TEST_CASE("a full disk drops events with a counter and the kiosk carries on", "[telemetry]") {
    TempDir dir;
    auto file = dir / "t.db";
    auto result = run(std::string(TELEMETRY_WRITER_BIN) + " " + quote(file) +
                      " --total 20000 --per-flush 100 --file-size-limit 262144 --free-space-after 15000");
    INFO(result.output);
    REQUIRE(result.status == 0);
    std::size_t at = result.output.find("written ");
    REQUIRE(at != std::string::npos);
    unsigned long long written = 0, dropped = 0;
    REQUIRE(std::sscanf(result.output.c_str() + at, "written %llu dropped %llu", &written, &dropped) == 2);
    CHECK(dropped > 0);
    CHECK(written > 5000); // before the disk filled, and again once space was freed
    CHECK(written + dropped == 20000);
    // The failure is logged once per failing spell, not once for each of the ~140 refused batches (a
    // small batch may still fit into the last free bytes and open a second spell).
    std::size_t failures = 0;
    for (std::size_t p = 0; (p = result.output.find("cannot write events", p)) != std::string::npos; ++p)
        ++failures;
    CHECK(failures >= 1);
    CHECK(failures <= 3);
    CHECK(result.output.find("writing again") != std::string::npos);
    Db db(file);
    CHECK(db.text("PRAGMA integrity_check") == "ok");
    CHECK(static_cast<unsigned long long>(db.event_rows()) == written);
    // Names first stored in a batch the disk refused were stored again once it accepted writes.
    CHECK(db.number("SELECT count(*) FROM plays_text") == db.number("SELECT count(*) FROM plays"));
    CHECK(db.number("SELECT count(*) FROM page_views_text") == db.number("SELECT count(*) FROM page_views"));
}
