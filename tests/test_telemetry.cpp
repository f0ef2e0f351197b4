// Telemetry on real SQLite files: what the kiosk records is stored with its fields, batched, kept within
// its age and size bounds, and read back for the operator screen and the office's export.
#include "telemetry/telemetry_schema.hpp"
#include "telemetry_support.hpp"

#include <thread>

using namespace kiosk;
using namespace test_support;
using namespace std::chrono_literals;

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
