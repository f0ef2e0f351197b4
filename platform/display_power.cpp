// The display power schedule: on-hours to on or off.
#include "platform/display_power.hpp"

namespace kiosk::platform {

bool display_should_be_on(const std::vector<TimeRange>& on_hours, int minute_of_day) {
    return on_hours.empty() || in_any(on_hours, minute_of_day);
}

} // namespace kiosk::platform
