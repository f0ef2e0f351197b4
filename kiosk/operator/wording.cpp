// Bilingual durations and sizes for the operator screen and its messages.
#include "operator/wording.hpp"

#include <cstdio>

namespace kiosk {

namespace {

struct Unit {
    std::int64_t seconds;
    const char* vi;
    const char* en_one;
    const char* en_many;
};

// Days are written out in English ("1 day", "3 days"); the shorter units use their abbreviations.
constexpr Unit kUnits[] = {{86400, "ngày", "day", "days"},
                           {3600, "giờ", "h", "h"},
                           {60, "phút", "min", "min"},
                           {1, "giây", "s", "s"}};

std::string duration(std::int64_t seconds, bool vietnamese) {
    if (seconds < 0)
        seconds = 0;
    std::string out;
    int shown = 0;
    for (std::size_t i = 0; i < std::size(kUnits); ++i) {
        std::int64_t count = seconds / kUnits[i].seconds;
        if (count == 0 && shown == 0 && kUnits[i].seconds > 1)
            continue;
        // The second unit is shown only when it is not zero ("2 giờ", not "2 giờ 0 phút").
        if (shown == 1 && count == 0)
            break;
        seconds -= count * kUnits[i].seconds;
        if (!out.empty())
            out += ' ';
        out += std::to_string(count) + " " +
               (vietnamese   ? kUnits[i].vi
                : count == 1 ? kUnits[i].en_one
                             : kUnits[i].en_many);
        if (++shown == 2)
            break;
    }
    return out;
}

} // namespace

std::string duration_vi(std::int64_t seconds) {
    return duration(seconds, true);
}

std::string duration_en(std::int64_t seconds) {
    return duration(seconds, false);
}

std::string duration_both(std::int64_t seconds) {
    return duration_vi(seconds) + " / " + duration_en(seconds);
}

std::string size_text(std::uint64_t bytes) {
    char buf[32];
    if (bytes >= 1000000000ull)
        std::snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(bytes) / 1e9);
    else
        std::snprintf(buf, sizeof buf, "%llu MB", static_cast<unsigned long long>(bytes / 1000000ull));
    return buf;
}

} // namespace kiosk
