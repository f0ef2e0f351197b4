// The station's local calendar as plain numbers: dates and times of day that editors write, and the
// arithmetic that schedules need (weekdays, days across month and year ends), with no time zone library.
#pragma once

#include "base/result.hpp"
#include "base/time_of_day.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// A span of the day in minutes from midnight (time_of_day.hpp): `to` before `from` runs across
// midnight, and 1440 is the end of the day.
using DailyWindow = TimeRange;

// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (negative before it).
std::int64_t days_from_civil(int year, int month, int day);

// A moment of local civil time: minutes since 1970-01-01 00:00 local, with its weekday and time of day.
struct LocalTime {
    std::int64_t minute = 0;
    int weekday = 0;       // 0 Monday ... 6 Sunday
    int minute_of_day = 0; // 0 ... 1439
    static LocalTime from_minute(std::int64_t civil_minute);
    // The local time of the machine's clock (seconds since the epoch) in its configured time zone.
    static LocalTime from_unix(std::int64_t unix_seconds);
};

// "2026-04-30" (the start of that day) or "2026-04-30T17:00" / "2026-04-30 17:00" as civil minutes.
Result<std::int64_t> parse_local_datetime(std::string_view text);
std::string format_local_datetime(std::int64_t civil_minute);
// "08:00-17:00" or "22:00-06:00" (across midnight): one span, as parse_hours reads them.
Result<DailyWindow> parse_daily_window(std::string_view text);
std::string format_daily_window(const DailyWindow& window);

// Weekday names as editors write them: "mon" ... "sun".
Result<int> parse_weekday(std::string_view name);
const char* weekday_name(int weekday);

} // namespace kiosk
