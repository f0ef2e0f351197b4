// Replay scripts: the format editors write, and (below) whole scripted sessions played by the real kiosk.
#include "app/replay_script.hpp"
#include "base/civil_time.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

TEST_CASE("A replay script reads every kind of step", "[replay]") {
    auto script = ReplayScript::parse("# entry rules in Lao\n"
                                      "at 2026-04-30T16:55\n"
                                      "tap 540 1700   # the Lao button\n"
                                      "click 10 20\n"
                                      "swipe 900 900 150 900\n"
                                      "swipe 900 900 150 900 600ms\n"
                                      "hold 30 30 3s\n"
                                      "wait 1.5s\n"
                                      "wait 2m\n"
                                      "screenshot entry-rules\n");
    REQUIRE(script);
    CHECK(script->start == parse_local_datetime("2026-04-30T16:55").value());
    REQUIRE(script->steps.size() == 8);
    CHECK(script->steps[0].kind == ReplayStep::Kind::Tap);
    CHECK(script->steps[0].x == 540);
    CHECK(script->steps[0].y == 1700);
    CHECK(script->steps[0].line == 3);
    CHECK(script->steps[0].text == "tap 540 1700");
    CHECK(script->steps[1].kind == ReplayStep::Kind::Click);
    CHECK(script->steps[2].ms == 300);
    CHECK(script->steps[3].x2 == 150);
    CHECK(script->steps[3].ms == 600);
    CHECK(script->steps[4].kind == ReplayStep::Kind::Hold);
    CHECK(script->steps[4].ms == 3000);
    CHECK(script->steps[5].ms == 1500);
    CHECK(script->steps[6].ms == 120000);
    CHECK(script->steps[7].name == "entry-rules");
}

TEST_CASE("A replay script names what it touches: buttons, languages, tiles, items, the map", "[replay]") {
    auto script = ReplayScript::parse("tap home\nclick back\ntap language\ntap language lo\n"
                                      "tap tile \"Bản đồ\"\ntap item 2\npinch map 2\npinch 100 200 0.5\n"
                                      "wheel map -2\nwheel 10 20 1.5\n");
    REQUIRE(script);
    REQUIRE(script->steps.size() == 10);
    using K = ReplayTarget::Kind;
    CHECK(script->steps[0].target.kind == K::Home);
    CHECK(script->steps[1].kind == ReplayStep::Kind::Click);
    CHECK(script->steps[1].target.kind == K::Back);
    CHECK(script->steps[2].target.kind == K::Language);
    CHECK(script->steps[2].target.name.empty());
    CHECK(script->steps[3].target.name == "lo");
    CHECK(script->steps[4].target.kind == K::Tile);
    CHECK(script->steps[4].target.name == "Bản đồ");
    CHECK(script->steps[5].target.index == 2);
    CHECK(script->steps[6].kind == ReplayStep::Kind::Pinch);
    CHECK(script->steps[6].target.kind == K::Media);
    CHECK(script->steps[6].amount == 2);
    CHECK(script->steps[7].target.kind == K::Point);
    CHECK(script->steps[7].x == 100);
    CHECK(script->steps[7].amount == 0.5);
    CHECK(script->steps[8].kind == ReplayStep::Kind::Wheel);
    CHECK(script->steps[8].amount == -2);
    CHECK(script->steps[9].y == 20);
}

TEST_CASE("A wrong replay script is refused with its line and what to write", "[replay]") {
    auto error = [](const char* text) {
        auto script = ReplayScript::parse(text);
        REQUIRE_FALSE(script);
        return script.error().message;
    };
    CHECK(error("tap 1\n").starts_with("replay script line 1: 'tap' needs a point or a name: tap X Y, tap home"));
    CHECK(error("tap tile \"Bản đồ\n").find("quoted name is not closed") != std::string::npos);
    CHECK(error("tap item 0\n").find("tap item N") != std::string::npos);
    CHECK(error("tap map\n").find("needs a point or a name") != std::string::npos);
    CHECK(error("pinch 1 2\n").find("pinch X Y 2") != std::string::npos);
    CHECK(error("pinch map 50\n").find("between 0.1 and 10") != std::string::npos);
    CHECK(error("wheel map 0\n").find("not 0") != std::string::npos);
    CHECK(error("wheel home 2\n").find("wheel X Y 3") != std::string::npos);
    CHECK(error("\n\njump 1 2\n").find("line 3: unknown step 'jump'") != std::string::npos);
    CHECK(error("wait soon\n").find("500ms, 5s, 2m or 1h") != std::string::npos);
    CHECK(error("tap 1 2\nat 2026-01-01\n").find("comes before the first step") != std::string::npos);
    CHECK(error("at 2026-02-30\n").find("not a day of the calendar") != std::string::npos);
    CHECK(error("screenshot ../x\n").find("only letters") != std::string::npos);
    CHECK(error("tap -5 10\n").find("tap X Y") != std::string::npos);
}

TEST_CASE("Civil time crosses month and year ends and knows leap days", "[replay]") {
    auto at = [](const char* text) { return LocalTime::from_minute(parse_local_datetime(text).value()); };
    CHECK(at("2026-11-30T08:41").weekday == 0); // a Monday
    CHECK(at("2026-12-31T23:59").minute + 1 == at("2027-01-01").minute);
    CHECK(at("2028-02-28").minute + 1440 == at("2028-02-29").minute);
    CHECK_FALSE(parse_local_datetime("2027-02-29"));
    CHECK(format_local_datetime(parse_local_datetime("2024-02-29T07:05").value()) == "2024-02-29T07:05");
    CHECK(format_local_datetime(parse_local_datetime("1969-12-31T23:00").value()) == "1969-12-31T23:00");
    CHECK(at("1970-01-01").weekday == 3);
    auto night = parse_daily_window("22:00-06:00").value();
    CHECK(night.contains(23 * 60));
    CHECK(night.contains(5 * 60 + 59));
    CHECK_FALSE(night.contains(6 * 60));
    CHECK(parse_daily_window("08:00-24:00").value().contains(23 * 60 + 59));
    CHECK(parse_hours("05:30-12:00, 13:00-23:30").value().size() == 2);
    CHECK_FALSE(parse_daily_window("8-17"));
}

#include "support.hpp"

#include "notice/notice_board.hpp"

#include <ctime>
#include <sqlite3.h>

using namespace test_support;

namespace {

// The demo pack and a station that trusts its key, for scripted sessions.
struct ReplayStation {
    TempDir dir;
    SecretKey key = generate_key();
    fs::path pack = dir / "demo.kpack";
    ReplayStation() {
        auto project = dir / "demo";
        fs::copy(source_dir() / "assets" / "demo", project, fs::copy_options::recursive);
        build_source(project, key, pack, 1);
        write_public_key(key, dir / "office.pub");
        write_text(dir / "kiosk.conf", "station = na-meo\n");
    }
    std::string kiosk() const {
        return "SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy " + kiosk_bin() + " --config " + quote(dir / "kiosk.conf") +
               " --set trusted_keys=" + quote(dir / "office.pub") + " --set store=" + quote(dir / "store") +
               " --set telemetry=" + quote(dir / "telemetry.sqlite");
    }
    // Plays a script on the demo pack file (or, with from_store, on what is installed).
    CommandResult replay(const std::string& script, const std::string& shots, const std::string& extra = "",
                         bool from_store = false) {
        write_text(dir / "script.txt", script);
        return run(kiosk() + (from_store ? "" : " --content " + quote(pack)) +
                   " --profile landscape --size 960x540 --replay " + quote(dir / "script.txt") +
                   " --screenshot-dir " + quote(dir / shots) + " " + extra);
    }
    TrustedKeys keys() const {
        TrustedKeys k;
        k.add(key.public_key());
        return k;
    }
    // The rows of a query on the telemetry a replay left beside its screenshots, as "a|b|c" lines.
    std::vector<std::string> rows(const std::string& sql, const std::string& shots = "shots") {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open_v2((dir / shots / "telemetry.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
                SQLITE_OK);
        std::vector<std::string> out;
        sqlite3_exec(
            db, sql.c_str(),
            [](void* rows, int n, char** values, char**) {
                std::string row;
                for (int i = 0; i < n; ++i)
                    row += (i ? "|" : "") + std::string(values[i] ? values[i] : "");
                static_cast<std::vector<std::string>*>(rows)->push_back(row);
                return 0;
            },
            &out, nullptr);
        sqlite3_close(db);
        return out;
    }
};

// A Lao traveller: the Lao button of the attract loop's strip, the entry and exit tile (a category of one
// page, which opens at once), Home by mouse, then nothing until the screen forgets them.
const char* kLaoTraveller = "at 2026-04-30T16:55\n"
                            "wait 1s\n"
                            "tap 790 505\n"
                            "tap 360 180\n"
                            "click 90 28\n"
                            "wait 50s\n"
                            "wait 12s\n";

} // namespace

TEST_CASE("a scripted Lao traveller reaches the entry rules in two touches and is forgotten after a minute",
          "[replay]") {
    ReplayStation station;
    auto result = station.replay(kLaoTraveller, "shots");
    INFO(result.output);
    REQUIRE(result.status == 0);
    for (const char* shot : {"000-start", "001-wait", "002-tap", "003-tap", "004-click", "005-wait", "006-wait"})
        CHECK(fs::exists(station.dir / "shots" / (std::string(shot) + ".png")));
    compare_with_golden("replay-lao-home", station.dir / "shots" / "002-tap.png");
    compare_with_golden("replay-lao-entry-exit", station.dir / "shots" / "003-tap.png");
    compare_with_golden("replay-lao-still-there", station.dir / "shots" / "005-wait.png");
    // The mouse brought Home back exactly as a finger would; the minute later, the attract loop.
    CHECK(difference(load_argb(station.dir / "shots" / "004-click.png").get(),
                     load_argb(station.dir / "shots" / "002-tap.png").get()) < 0.001);
    CHECK(difference(load_argb(station.dir / "shots" / "006-wait.png").get(),
                     load_argb(station.dir / "shots" / "002-tap.png").get()) > 0.2);

    // What the session left: one visit in Lao with one page, ended by the timeout; the simulated date.
    CHECK(station.rows("select language, pages_viewed, end_reason, (end_ms - start_ms) / 1000 from sessions_text") ==
          std::vector<std::string>{"lo|1|timeout|60"});
    CHECK(station.rows("select slide, language, category from page_views_text") ==
          std::vector<std::string>{"entry-exit|lo|entry-exit"});
    CHECK(station.rows("select strftime('%Y-%m-%d', start_ms / 1000, 'unixepoch', 'localtime') from sessions") ==
          std::vector<std::string>{"2026-04-30"});
    auto plays = station.rows("select slide, language, mode from plays_text order by start_ms");
    REQUIRE(plays.size() >= 2);
    CHECK(plays.front() == "welcome|vi|attract");
    // Nothing is shown as played while the traveller browsed.
    CHECK(station.rows("select count(*) from plays_text p, sessions s where p.mode = 'attract' and "
                       "p.start_ms >= s.start_ms and p.start_ms < s.end_ms") == std::vector<std::string>{"0"});
    // The page, as long as it was open, in browsing.
    CHECK(station.rows("select slide, language, mode from plays_text where mode = 'browse'") ==
          std::vector<std::string>{"entry-exit|lo|browse"});
}

TEST_CASE("a replay script with a mistake is refused before anything plays", "[replay]") {
    ReplayStation station;
    auto result = station.replay("tap 10\n", "shots");
    CHECK(result.status == 2);
    CHECK_THAT(result.output, Catch::Contains("replay script line 1: 'tap' needs a point"));
    CHECK_FALSE(fs::exists(station.dir / "shots" / "000-start.png"));
    auto outside = station.replay("wait 1s\ntap 1000 300\n", "shots");
    CHECK(outside.status == 2);
    CHECK_THAT(outside.output, Catch::Contains("line 2: 'tap 1000 300' is outside the 960x540 screen"));
}

namespace {

void write_key_file(ReplayStation& station) {
    write_text(station.dir / "office.key", station.key.to_file_text("office"));
}

// When the notice tests happen: ten days from now (a notice must not have expired when it is made), and
// the local date and time a script starts at then.
std::int64_t notice_day() {
    return (static_cast<std::int64_t>(std::time(nullptr)) / 86400 + 10) * 86400;
}
std::string utc_text(std::int64_t t) {
    char out[32];
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return out;
}
std::string script_at(std::int64_t t) {
    return "at " + format_local_datetime(LocalTime::from_unix(t).minute) + "\n";
}

// A signed urgent notice for the demo's channel from 00:00 UTC that day for two days, made with
// content-tool and put on the station's notice board.
void install_notice(ReplayStation& station, const std::string& mode) {
    std::int64_t day = notice_day();
    write_text(station.dir / "notice.toml", "channel = \"vn.thanhhoa.na-meo\"\n"
                                            "id = \"gate-closing\"\n"
                                            "mode = \"" + mode + "\"\n"
                                            "starts = " + utc_text(day) + "\n"
                                            "expires = " + utc_text(day + 2 * 86400) + "\n"
                                            "stations = [\"*\"]\n"
                                            "[text]\n"
                                            "vi = \"Cửa khẩu đóng cửa lúc 17:00 ngày 30/4.\"\n"
                                            "en = \"The gate closes at 17:00 on 30 April.\"\n"
                                            "lo = \"ດ່ານ ປິດ ເວລາ 17:00 ວັນທີ 30/4.\"\n");
    write_key_file(station);
    auto made = run(content_tool_bin() + " notice " + quote(station.dir / "notice.toml") + " --key " +
                    quote(station.dir / "office.key") + " --out " + quote(station.dir / "gate.notice"));
    INFO(made.output);
    REQUIRE(made.status == 0);
    auto board = NoticeBoard::open(station.dir / "store" / "notices", station.keys(), "na-meo", "");
    REQUIRE(board.ok());
    auto installed = board->install(station.dir / "gate.notice", day + 3600);
    INFO((installed ? std::string() : installed.error().message));
    REQUIRE(installed.ok());
}

} // namespace

TEST_CASE("an urgent notice shows at once as a banner over the loop and the traveller's screens", "[replay]") {
    ReplayStation station;
    install_notice(station, "banner");
    auto result = station.replay(script_at(notice_day() + 12 * 3600) + "wait 2s\ntap 790 400\n", "shots");
    INFO(result.output);
    REQUIRE(result.status == 0);
    compare_with_golden("replay-notice-banner-loop", station.dir / "shots" / "001-wait.png");
    compare_with_golden("replay-notice-banner-home", station.dir / "shots" / "002-tap.png");
}

TEST_CASE("a takeover notice fills the screen and touches wait until it expires", "[replay]") {
    ReplayStation station;
    install_notice(station, "takeover");
    auto result = station.replay(script_at(notice_day() + 12 * 3600) + "wait 2s\ntap 790 505\n", "shots");
    INFO(result.output);
    REQUIRE(result.status == 0);
    compare_with_golden("replay-notice-takeover", station.dir / "shots" / "002-tap.png");
    CHECK(station.rows("select count(*) from sessions") == std::vector<std::string>{"0"});
    // After it expires the loop and the strip are back.
    auto later = station.replay(script_at(notice_day() + 3 * 86400) + "wait 2s\n", "later");
    REQUIRE(later.status == 0);
    CHECK(difference(load_argb(station.dir / "later" / "001-wait.png").get(),
                     load_argb(station.dir / "shots" / "002-tap.png").get()) > 0.2);
}

TEST_CASE("an LED wall without touch only plays the attract loop", "[replay]") {
    ReplayStation station;
    auto result = station.replay("at 2026-04-30T16:55\nwait 1s\ntap 480 240\nclick 100 400\n", "shots",
                                 "--profile led-wall --size 960x480");
    INFO(result.output);
    REQUIRE(result.status == 0);
    CHECK(difference(load_argb(station.dir / "shots" / "003-click.png").get(),
                     load_argb(station.dir / "shots" / "001-wait.png").get()) < 0.001);
    CHECK(station.rows("select count(*) from sessions") == std::vector<std::string>{"0"});
    compare_with_golden("replay-led-wall", station.dir / "shots" / "001-wait.png");
}

TEST_CASE("the operator holds the corner and types the PIN to reach the status menu and closes it", "[replay]") {
    ReplayStation station;
    auto hashed = run("printf '2580\\n' | " + kiosk_bin() + " --hash-pin");
    REQUIRE(hashed.status == 0);
    auto line = hashed.output.substr(hashed.output.find("operator_pin = "));
    line = line.substr(0, line.find('\n'));
    write_text(station.dir / "kiosk.conf", "station = na-meo\n" + line + "\n");
    // Landscape 960x540: the keypad's 2, 5, 8, 0 and OK; then the menu's Close.
    const std::string keys = "tap 715 138\ntap 715 249\ntap 715 360\ntap 715 471\ntap 868 471\n";
    SECTION("the right PIN opens the menu") {
        auto result = station.replay("at 2026-04-30T16:55\nwait 1s\nhold 20 20 5s\n" + keys + "tap 827 480\n", "shots");
        INFO(result.output);
        REQUIRE(result.status == 0);
        compare_with_golden("replay-operator-pin", station.dir / "shots" / "002-hold.png");
        CHECK_THAT(result.output, Catch::Contains("operator screen: PIN accepted"));
        CHECK_THAT(result.output, Catch::Contains("operator screen: closed"));
        // Closed: the attract loop again, with its language strip.
        CHECK(difference(load_argb(station.dir / "shots" / "008-tap.png").get(),
                         load_argb(station.dir / "shots" / "007-tap.png").get()) > 0.2);
    }
    SECTION("a wrong PIN is refused and three lock the pad") {
        const std::string wrong = "tap 563 138\ntap 563 138\ntap 563 138\ntap 563 138\ntap 868 471\n";
        auto result = station.replay("at 2026-04-30T16:55\nwait 1s\nhold 20 20 5s\n" + wrong + wrong + wrong + keys,
                                     "shots");
        INFO(result.output);
        REQUIRE(result.status == 0);
        CHECK_THAT(result.output, !Catch::Contains("PIN accepted"));
        CHECK(fs::exists(station.dir / "shots" / "operator-pin-state"));
    }
}

TEST_CASE("a national channel's campaign joins the province's loop as its merge rule says", "[replay]") {
    ReplayStation station;
    // The national channel: the init sample under its own channel name, signed by the same office key here.
    auto national = write_sample_project(station.dir / "national");
    auto toml = read_text(national / "project.toml");
    toml.replace(toml.find("vn.example.province"), std::string("vn.example.province").size(), "vn.gov.national");
    const std::string one = "stations = [\"station-1\"]";
    toml.replace(toml.find(one), one.size(), "stations = [\"*\"]");
    write_text(national / "project.toml", toml);
    build_source(national, station.key, station.dir / "national.kpack", 1);
    // The province's demo says: one national view after every one of ours.
    auto project = station.dir / "demo";
    write_text(project / "project.toml",
               read_text(project / "project.toml") + "\n[[merge]]\nchannel = \"vn.gov.national\"\nevery = 1\n");
    build_source(project, station.key, station.pack, 2);
    write_text(station.dir / "kiosk.conf", "station = na-meo\nalso_channels = vn.gov.national\n");
    for (const auto& pack : {station.pack, station.dir / "national.kpack"}) {
        auto installed = run(station.kiosk() + " --install " + quote(pack));
        INFO(installed.output);
        REQUIRE(installed.status == 0);
    }
    CHECK(fs::exists(station.dir / "store" / "also" / "vn.gov.national" / "current"));
    auto result = station.replay("at 2026-04-30T16:55\nwait 90s\n", "shots", "", true);
    INFO(result.output);
    REQUIRE(result.status == 0);
    auto channels = station.rows("select channel from plays_text order by start_ms limit 6");
    CHECK(channels == std::vector<std::string>{"vn.thanhhoa.na-meo", "vn.gov.national", "vn.thanhhoa.na-meo",
                                               "vn.gov.national", "vn.thanhhoa.na-meo", "vn.gov.national"});
}

TEST_CASE("outside its display hours the screen is black and nothing counts as played", "[replay]") {
    ReplayStation station;
    write_text(station.dir / "kiosk.conf", "station = na-meo\ndisplay_hours = 06:00-22:00\n");
    auto result = station.replay("at 2026-04-30T21:59\nwait 30s\nwait 60s\ntap 790 505\n", "shots");
    INFO(result.output);
    REQUIRE(result.status == 0);
    auto night = load_argb(station.dir / "shots" / "002-wait.png");
    REQUIRE(night);
    // Every pixel black, and a touch does not wake a session.
    auto* pixels = static_cast<const Uint32*>(night->pixels);
    bool black = true;
    for (int i = 0; i < night->w * night->h && black; ++i)
        black = (pixels[i] & 0xFFFFFF) == 0;
    CHECK(black);
    CHECK(station.rows("select count(*) from sessions") == std::vector<std::string>{"0"});
    CHECK_THAT(result.output, Catch::Contains("display hours: the screen is off"));
    // Plays end when the screen goes off: none started after 22:00.
    CHECK(station.rows("select count(*) from plays where strftime('%H', start_ms / 1000, 'unixepoch', "
                       "'localtime') >= '22'") == std::vector<std::string>{"0"});
}

TEST_CASE("named steps reach every control of a map page: Home, Back and the language button leave the map",
          "[replay]") {
    ReplayStation station;
    // By finger and by mouse, after the map was pinched and wheeled: the map must never keep a touch that
    // began on a button.
    auto result = station.replay("at 2026-04-30T16:55\n"
                                 "wait 1s\n"
                                 "tap language vi\n"     // 002: Home
                                 "tap tile \"Bản đồ\"\n" // 003: the map page
                                 "pinch map 2\n"         // 004
                                 "wheel map -1\n"        // 005
                                 "tap home\n"            // 006: Home again
                                 "tap tile maps\n"       // 007
                                 "tap back\n"            // 008
                                 "tap tile \"Bản đồ\"\n" // 009
                                 "click home\n"          // 010
                                 "tap tile \"Bản đồ\"\n" // 011
                                 "tap language\n"        // 012: the language picker
                                 "tap language lo\n"     // 013: back on the map page, in Lao
                                 "click back\n",         // 014
                                 "shots");
    INFO(result.output);
    REQUIRE(result.status == 0);
    auto shot = [&](const char* name) { return load_argb(station.dir / "shots" / (std::string(name) + ".png")); };
    auto same = [&](const char* a, const char* b) { return difference(shot(a).get(), shot(b).get()) < 0.001; };
    CHECK_FALSE(same("002-tap", "003-tap"));
    CHECK_FALSE(same("003-tap", "005-wheel")); // the map zoomed
    CHECK(same("006-tap", "002-tap"));         // Home, from the zoomed map
    CHECK_FALSE(same("007-tap", "006-tap"));
    CHECK_FALSE(same("008-tap", "007-tap")); // Back left the map
    CHECK(same("010-click", "002-tap"));     // the mouse's Home, too
    CHECK_FALSE(same("012-tap", "011-tap")); // the picker
    CHECK_FALSE(same("013-tap", "012-tap"));
    CHECK_FALSE(same("013-tap", "011-tap")); // the map page again, now in Lao
    CHECK_FALSE(same("014-click", "013-tap"));
    // Four visits of the map page (coming back from the language picker is the same visit).
    CHECK(station.rows("select count(*) from page_views_text where slide = 'route-map'") ==
          std::vector<std::string>{"4"});
}

TEST_CASE("a named step that is not on the screen stops the replay with what is missing", "[replay]") {
    ReplayStation station;
    auto result = station.replay("wait 1s\ntap back\n", "shots");
    CHECK(result.status == 1);
    CHECK_THAT(result.output, Catch::Contains("line 2: 'tap back': there is no 'back' on the attract screen"));
    auto tile = station.replay("tap language en\ntap tile \"Nowhere\"\n", "shots");
    CHECK(tile.status == 1);
    CHECK_THAT(tile.output, Catch::Contains("there is no 'tile \"Nowhere\"'"));
}
