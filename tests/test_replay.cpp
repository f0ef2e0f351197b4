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

TEST_CASE("A wrong replay script is refused with its line and what to write", "[replay]") {
    auto error = [](const char* text) {
        auto script = ReplayScript::parse(text);
        REQUIRE_FALSE(script);
        return script.error().message;
    };
    CHECK(error("tap 1\n") == "replay script line 1: 'tap' needs a point: tap X Y");
    CHECK(error("\n\njump 1 2\n").find("line 3: unknown step 'jump'") != std::string::npos);
    CHECK(error("wait soon\n").find("500ms, 5s or 2m") != std::string::npos);
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
