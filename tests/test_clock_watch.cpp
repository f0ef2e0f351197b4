// Clocks that cannot be trusted, as a station meets them: an NTP step back, a dead RTC battery that
// wakes in 1970, a forward jump, slow drift that is no jump, and a clock earlier than signed content.
#include "schedule/clock_watch.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {

constexpr std::int64_t kSecond = 1000, kMinute = 60 * kSecond, kHour = 60 * kMinute;
// 2026-04-30T01:00:00Z, when the station's content was signed, and a little after.
constexpr std::int64_t kSigned = 1777510800;
constexpr std::int64_t kNow = (kSigned + 86400) * kSecond;

// Feeds readings once a second for `seconds`, with the wall clock keeping pace; returns any jump seen.
std::optional<ClockJump> run_steady(ClockWatch& watch, std::int64_t& wall, std::int64_t& steady,
                                    int seconds) {
    std::optional<ClockJump> seen;
    for (int i = 0; i < seconds; ++i) {
        wall += kSecond;
        steady += kSecond;
        if (auto jump = watch.observe(wall, steady))
            seen = jump;
    }
    return seen;
}

} // namespace

TEST_CASE("an NTP step back of an hour is reported as a backward jump of that size", "[schedule][clock]") {
    ClockWatch watch;
    std::int64_t wall = kNow, steady = 5 * kSecond;
    CHECK_FALSE(watch.observe(wall, steady)); // the first reading only sets the baseline
    CHECK_FALSE(run_steady(watch, wall, steady, 120));
    wall -= kHour;
    steady += kSecond;
    wall += kSecond;
    auto jump = watch.observe(wall, steady);
    REQUIRE(jump);
    CHECK(jump->direction == ClockJump::Direction::Backward);
    CHECK(jump->size_ms == kHour);
    CHECK(jump->actual_ms == wall);
    CHECK(jump->expected_ms == wall + kHour);
    CHECK_THAT(jump->describe(), Catch::Contains("jumped back 1 h 0 min 0.0 s"));
    // Reported once: the clock runs on from its new time.
    CHECK_FALSE(run_steady(watch, wall, steady, 60));
}

TEST_CASE("a dead RTC battery that wakes the station in 1970 is a backward jump and a wrong clock",
          "[schedule][clock]") {
    ClockWatch watch;
    std::int64_t steady = 1000;
    CHECK_FALSE(watch.observe(kNow, steady));
    auto jump = watch.observe(30 * kSecond, steady + 2 * kSecond); // 1970-01-01T00:00:30Z
    REQUIRE(jump);
    CHECK(jump->direction == ClockJump::Direction::Backward);
    CHECK(jump->size_ms == kNow + 2 * kSecond - 30 * kSecond);
    CHECK_THAT(jump->describe(), Catch::Contains("to 1970-01-01T00:00 UTC"));
    CHECK(check_clock(30, kSigned) == ClockTrust::BeforeSoftware);
    CHECK(check_clock(30, 0) == ClockTrust::BeforeSoftware); // even before any pack is installed
    auto warning = clock_warning(ClockTrust::BeforeSoftware, 30, kSigned);
    CHECK_THAT(warning, Catch::Contains("Đồng hồ của trạm sai"));
    CHECK_THAT(warning, Catch::Contains("The station's clock is wrong"));
}

TEST_CASE("a forward jump beyond two minutes is reported and smaller steps are not", "[schedule][clock]") {
    ClockWatch watch;
    std::int64_t wall = kNow, steady = 0;
    CHECK_FALSE(watch.observe(wall, steady));
    // Someone sets the clock 90 s ahead: under the forward threshold.
    wall += 90 * kSecond;
    CHECK_FALSE(run_steady(watch, wall, steady, 1));
    // A day ahead (a hand-set date): reported.
    wall += 24 * kHour;
    auto jump = run_steady(watch, wall, steady, 1);
    REQUIRE(jump);
    CHECK(jump->direction == ClockJump::Direction::Forward);
    CHECK(jump->size_ms == 24 * kHour);
    CHECK_THAT(jump->describe(), Catch::Contains("jumped forward 1 d 0 h 0 min 0.0 s"));
    // A small step back is still a step back.
    wall -= 3 * kSecond;
    jump = run_steady(watch, wall, steady, 1);
    REQUIRE(jump);
    CHECK(jump->direction == ClockJump::Direction::Backward);
    CHECK(jump->size_ms == 3 * kSecond);
}

TEST_CASE("slow drift and slewing never add up to a jump", "[schedule][clock]") {
    ClockWatch watch;
    std::int64_t wall = kNow, steady = 0;
    CHECK_FALSE(watch.observe(wall, steady));
    // The wall clock gains 50 ms every second for a day: 72 minutes in all, never a step.
    bool any = false;
    for (int i = 0; i < 86400; ++i) {
        wall += kSecond + 50;
        steady += kSecond;
        any = any || watch.observe(wall, steady).has_value();
    }
    CHECK_FALSE(any);
    // Readings far apart (a slow frame, a busy machine) with both clocks in step are no jump either.
    wall += 10 * kMinute;
    steady += 10 * kMinute;
    CHECK_FALSE(watch.observe(wall, steady));
}

TEST_CASE("a clock earlier than signed content is plainly wrong, with an hour's slack", "[schedule][clock]") {
    CHECK(check_clock(kSigned + 86400, kSigned) == ClockTrust::Plausible);
    CHECK(check_clock(kSigned - 1800, kSigned) == ClockTrust::Plausible); // the office's clock ran ahead
    CHECK(check_clock(kSigned - 2 * 3600, kSigned) == ClockTrust::BeforeSignedContent);
    CHECK(check_clock(kSigned, 0) == ClockTrust::Plausible);
    CHECK(clock_warning(ClockTrust::Plausible, kSigned, kSigned).empty());
    auto warning = clock_warning(ClockTrust::BeforeSignedContent, kSigned - 86400, kSigned);
    CHECK_THAT(warning, Catch::Contains("2026-04-30T01:00 UTC"));
    CHECK_THAT(warning, Catch::Contains("earlier than content signed at"));
}
