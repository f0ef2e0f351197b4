// Switching the station's screen on and off by the configured hours, behind an interface with a fake.
#pragma once

#include "base/time_of_day.hpp"

#include <optional>
#include <vector>

namespace kiosk::platform {

// Turns the physical screen on or off. Implementations never block the caller.
class DisplayPower {
public:
    virtual ~DisplayPower() = default;
    virtual void set(bool on) = 0;
};

// For stations whose screen has no way to be switched (no command configured).
class NoDisplayPower final : public DisplayPower {
public:
    void set(bool) override {}
};

// Records every call, for tests.
class FakeDisplayPower final : public DisplayPower {
public:
    void set(bool on) override { calls.push_back(on); }
    std::optional<bool> last() const {
        return calls.empty() ? std::nullopt : std::optional<bool>(calls.back());
    }
    std::vector<bool> calls;
};

// Whether the screen should be on at a minute of the local day: inside any of the on-hours, or always
// when there are none.
bool display_should_be_on(const std::vector<TimeRange>& on_hours, int minute_of_day);

} // namespace kiosk::platform
