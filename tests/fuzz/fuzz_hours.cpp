// libFuzzer target: the time-of-day range parser (display hours, slide times) on arbitrary bytes.
#include "base/time_of_day.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    auto ranges = kiosk::parse_hours(std::string_view(reinterpret_cast<const char*>(data), size));
    if (ranges.ok())
        (void)kiosk::in_any(*ranges, 0);
    return 0;
}
