// Time-of-day ranges as a station's config writes them: display hours, and the schedule's times of day.
#include "base/time_of_day.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

TEST_CASE("hours parse into ranges and test minutes of the day", "[operator][time_of_day]") {
    auto day = parse_hours("06:00-22:00");
    REQUIRE(day.ok());
    REQUIRE(day->size() == 1);
    CHECK((*day)[0] == TimeRange{360, 1320});
    CHECK_FALSE(in_any(*day, 5 * 60 + 59));
    CHECK(in_any(*day, 6 * 60));
    CHECK(in_any(*day, 21 * 60 + 59));
    CHECK_FALSE(in_any(*day, 22 * 60)); // the end is the first minute off

    auto split = parse_hours(" 05:30-12:00,13:00 - 23:30 ");
    REQUIRE(split.ok());
    CHECK(*split == std::vector<TimeRange>{{330, 720}, {780, 1410}});
    CHECK(in_any(*split, 11 * 60));
    CHECK_FALSE(in_any(*split, 12 * 60 + 30)); // lunch break: screen off
    CHECK(format_hours(*split) == "05:30-12:00, 13:00-23:30");

    auto empty = parse_hours("  ");
    REQUIRE(empty.ok());
    CHECK(empty->empty());
}

TEST_CASE("a range that ends before it starts runs across midnight", "[operator][time_of_day]") {
    auto night = parse_hours("22:00-06:00");
    REQUIRE(night.ok());
    CHECK(in_any(*night, 23 * 60));
    CHECK(in_any(*night, 0));
    CHECK(in_any(*night, 5 * 60 + 59));
    CHECK_FALSE(in_any(*night, 6 * 60));
    CHECK_FALSE(in_any(*night, 12 * 60));

    auto whole = parse_hours("00:00-24:00");
    REQUIRE(whole.ok());
    for (int minute : {0, 1, 720, kMinutesPerDay - 1})
        CHECK(in_any(*whole, minute));
    auto to_midnight = parse_hours("7:15-24:00");
    REQUIRE(to_midnight.ok());
    CHECK((*to_midnight)[0] == TimeRange{435, 1440});
    CHECK(in_any(*to_midnight, kMinutesPerDay - 1));
    CHECK(format_minute(1440) == "24:00");
}

TEST_CASE("wrong hours are refused naming the wrong part", "[operator][time_of_day]") {
    struct Case {
        const char* text;
        const char* named;
    };
    auto c = GENERATE(Case{"06:00", "'06:00' is not a range"}, Case{"6-22", "'6-22' is not a range of times"},
                      Case{"06:00-25:00", "'06:00-25:00'"}, Case{"06:60-22:00", "'06:60-22:00'"},
                      Case{"06:00-22:00, 23:00", "'23:00' is not a range"},
                      Case{"06:00-22:00,,23:00-23:30", "an empty part"},
                      Case{"08:00-08:00", "starts and ends at the same time"},
                      Case{"24:00-06:00", "starts at 24:00"}, Case{"06h00-22h00", "'06h00-22h00'"},
                      Case{"-06:00-22:00", "'-06:00-22:00'"}, Case{"06:00-22:000", "'06:00-22:000'"});
    INFO(c.text);
    auto parsed = parse_hours(c.text);
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(parsed.error().message, Catch::Contains(c.named));
    CHECK_THAT(parsed.error().message, Catch::Contains("06:00-22:00"));
}
