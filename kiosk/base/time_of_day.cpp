// Parsing and testing of local time-of-day ranges, shared by the display power hours and the schedule.
#include "base/time_of_day.hpp"

#include <cstdio>

namespace kiosk {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// "H:MM" or "HH:MM", 00:00 to 24:00; returns -1 for anything else.
int parse_clock(std::string_view s) {
    s = trim(s);
    auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() != colon + 3)
        return -1;
    int value[2] = {0, 0};
    std::string_view parts[2] = {s.substr(0, colon), s.substr(colon + 1)};
    for (int i = 0; i < 2; ++i)
        for (char c : parts[i]) {
            if (c < '0' || c > '9')
                return -1;
            value[i] = value[i] * 10 + (c - '0');
        }
    int hours = value[0], minutes = value[1];
    if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
        return -1;
    return hours * 60 + minutes;
}

} // namespace

bool TimeRange::contains(int minute) const {
    if (from_minute <= to_minute)
        return minute >= from_minute && minute < to_minute;
    return minute >= from_minute || minute < to_minute;
}

bool in_any(const std::vector<TimeRange>& ranges, int minute_of_day) {
    for (const auto& range : ranges)
        if (range.contains(minute_of_day))
            return true;
    return false;
}

Result<std::vector<TimeRange>> parse_hours(std::string_view text) {
    std::vector<TimeRange> ranges;
    if (trim(text).empty())
        return ranges;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto comma = text.find(',', start);
        auto end = comma == std::string_view::npos ? text.size() : comma;
        std::string_view part = trim(text.substr(start, end - start));
        std::string quoted = "'" + std::string(part) + "'";
        if (part.empty())
            return make_error(ErrorCode::Parse, "an empty part between commas in '" + std::string(text) +
                                                    "'; write ranges like 06:00-22:00, 23:00-23:30");
        auto dash = part.find('-');
        if (dash == std::string_view::npos)
            return make_error(ErrorCode::Parse,
                              quoted + " is not a range of times; write it like 06:00-22:00");
        int from = parse_clock(part.substr(0, dash));
        int to = parse_clock(part.substr(dash + 1));
        if (from < 0 || to < 0)
            return make_error(ErrorCode::Parse, quoted +
                                                    " is not a range of times from 00:00 to 24:00; write it "
                                                    "like 06:00-22:00");
        if (from == kMinutesPerDay)
            return make_error(ErrorCode::Invalid, quoted + " starts at 24:00; start at 00:00 instead, in a "
                                                           "range like 00:00-06:00 or 06:00-22:00");
        if (from == to)
            return make_error(ErrorCode::Invalid, quoted +
                                                      " starts and ends at the same time; write 00:00-24:00 "
                                                      "for the whole day, or a range like 06:00-22:00");
        ranges.push_back(TimeRange{from, to});
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    return ranges;
}

std::string format_minute(int minute_of_day) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
    return buf;
}

std::string format_hours(const std::vector<TimeRange>& ranges) {
    std::string out;
    for (const auto& range : ranges) {
        if (!out.empty())
            out += ", ";
        out += format_minute(range.from_minute) + "-" + format_minute(range.to_minute);
    }
    return out;
}

} // namespace kiosk
