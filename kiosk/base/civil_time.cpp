// Civil calendar arithmetic (Howard Hinnant's days-from-civil algorithm) and the date and time formats
// that content and configuration use.
#include "base/civil_time.hpp"

#include <array>
#include <charconv>
#include <ctime>

namespace kiosk {

namespace {

Error bad(std::string_view text, const char* expected) {
    return make_error(ErrorCode::Invalid, "'" + std::string(text) + "' is not " + expected);
}

// Reads exactly `digits` decimal digits at `pos`.
bool read_number(std::string_view text, std::size_t pos, std::size_t digits, int& out) {
    if (pos + digits > text.size())
        return false;
    auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + digits, out);
    return ec == std::errc() && end == text.data() + pos + digits;
}

Result<int> parse_clock(std::string_view text) {
    int h = 0, m = 0;
    if (text.size() != 5 || text[2] != ':' || !read_number(text, 0, 2, h) || !read_number(text, 3, 2, m) ||
        h > 24 || m > 59 || (h == 24 && m != 0))
        return bad(text, "a time of day like 08:30");
    return h * 60 + m;
}

constexpr std::array<const char*, 7> kWeekdays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

} // namespace

std::int64_t days_from_civil(int year, int month, int day) {
    std::int64_t y = year - (month <= 2 ? 1 : 0);
    std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    std::int64_t yoe = y - era * 400;
    std::int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

LocalTime LocalTime::from_minute(std::int64_t civil_minute) {
    LocalTime t;
    t.minute = civil_minute;
    std::int64_t day = civil_minute >= 0 ? civil_minute / 1440 : (civil_minute - 1439) / 1440;
    t.minute_of_day = static_cast<int>(civil_minute - day * 1440);
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    t.weekday = static_cast<int>(((day + 3) % 7 + 7) % 7);
    return t;
}

LocalTime LocalTime::from_unix(std::int64_t unix_seconds) {
    std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    std::int64_t days = days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return from_minute(days * 1440 + tm.tm_hour * 60 + tm.tm_min);
}

Result<std::int64_t> parse_local_datetime(std::string_view text) {
    int y = 0, mo = 0, d = 0;
    const char* expected = "a date like 2026-04-30 or a date and time like 2026-04-30T17:00";
    if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !read_number(text, 0, 4, y) ||
        !read_number(text, 5, 2, mo) || !read_number(text, 8, 2, d) || mo < 1 || mo > 12 || d < 1)
        return bad(text, expected);
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > kDays[mo - 1] || (mo == 2 && d == 29 && !leap))
        return make_error(ErrorCode::Invalid, "'" + std::string(text) + "' is not a day of the calendar");
    std::int64_t minute = days_from_civil(y, mo, d) * 1440;
    if (text.size() == 10)
        return minute;
    if (text[10] != 'T' && text[10] != ' ')
        return bad(text, expected);
    auto clock = text.substr(11);
    if (clock.size() == 8 && clock.substr(5) == ":00") // seconds, as TOML writes them
        clock = clock.substr(0, 5);
    auto m = parse_clock(clock);
    if (!m || *m == 24 * 60)
        return bad(text, expected);
    return minute + *m;
}

std::string format_local_datetime(std::int64_t civil_minute) {
    std::int64_t day = civil_minute >= 0 ? civil_minute / 1440 : (civil_minute - 1439) / 1440;
    int minute = static_cast<int>(civil_minute - day * 1440);
    // civil_from_days, the inverse of days_from_civil.
    std::int64_t z = day + 719468;
    std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    std::int64_t doe = z - era * 146097;
    std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    std::int64_t mp = (5 * doy + 2) / 153;
    int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char out[48];
    std::snprintf(out, sizeof out, "%04lld-%02d-%02dT%02d:%02d", static_cast<long long>(y), m, d, minute / 60,
                  minute % 60);
    return out;
}

Result<DailyWindow> parse_daily_window(std::string_view text) {
    auto windows = TRY(parse_hours(text));
    if (windows.size() != 1)
        return bad(text, "one span of the day like 08:00-17:00");
    return windows.front();
}

std::string format_daily_window(const DailyWindow& w) {
    return format_hours({w});
}

Result<int> parse_weekday(std::string_view name) {
    for (int i = 0; i < 7; ++i)
        if (name == kWeekdays[i])
            return i;
    return bad(name, "a weekday (mon, tue, wed, thu, fri, sat, sun)");
}

const char* weekday_name(int weekday) {
    return kWeekdays[static_cast<std::size_t>(weekday) % 7];
}

} // namespace kiosk
