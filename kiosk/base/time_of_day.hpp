// Times of day as minutes since local midnight, and ranges of them such as "06:00-22:00" or "21:30-06:00".
#pragma once

#include "base/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

constexpr int kMinutesPerDay = 24 * 60;

// The minutes [from_minute, to_minute) of a local day. A range whose end is before its start runs
// across midnight ("22:00-06:00"); an end of 1440 ("24:00") is the end of the day.
struct TimeRange {
    int from_minute = 0;
    int to_minute = 0;

    bool contains(int minute_of_day) const;
    bool operator==(const TimeRange&) const = default;
};

// Whether a minute of the day falls in any of the ranges.
bool in_any(const std::vector<TimeRange>& ranges, int minute_of_day);

// Parses a comma-separated list of "HH:MM-HH:MM" ranges; spaces around parts are allowed and "" is
// the empty list. Errors name the part that is wrong and show the expected form.
Result<std::vector<TimeRange>> parse_hours(std::string_view text);

// "HH:MM" for a minute of the day (1440 is "24:00"); ranges print as "06:00-22:00, 23:00-24:00".
std::string format_minute(int minute_of_day);
std::string format_hours(const std::vector<TimeRange>& ranges);


} // namespace kiosk
