// Local civil time to Unix time for the simulated clock, through the C library's time zone rules.
#include "app/app_clock.hpp"

#include <ctime>

namespace kiosk {

std::int64_t SimulatedClock::unix_ms_of_local(std::int64_t civil_minute) {
    auto day = civil_minute >= 0 ? civil_minute / 1440 : (civil_minute - 1439) / 1440;
    int minute = static_cast<int>(civil_minute - day * 1440);
    std::tm tm{};
    // mktime normalises days past the month's end, so the day count from 1970 can go in tm_mday.
    tm.tm_year = 70;
    tm.tm_mon = 0;
    tm.tm_mday = 1 + static_cast<int>(day);
    tm.tm_hour = minute / 60;
    tm.tm_min = minute % 60;
    tm.tm_isdst = -1;
    return static_cast<std::int64_t>(std::mktime(&tm)) * 1000;
}

} // namespace kiosk
