// What the attract loop plays at a moment, as a pure function of the contents and the local time: dates,
// weekdays and times of day, priorities, other publishers' channels merged by the station's own rules, and
// evergreen content whenever nothing dated applies, so that no date ever leaves the screen blank.
#pragma once

#include "content/content.hpp"
#include "schedule/attract.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct ScheduleResult {
    enum class Basis {
        Scheduled,  // the slides whose times allow the moment, at the highest priority among them
        Evergreen,  // nothing dated applies: the slides that have no times of their own
        Everything, // no evergreen slide either: every attract slide whatever its times
    };
    std::vector<SlideView> views;
    Basis basis = Basis::Scheduled;
    // Why the loop is not simply what was scheduled (a fallback, a channel left out), for the log; empty
    // when there is nothing to say.
    std::string note;
};

// Whether the times allow the moment: from <= now < until, and a weekday and time of day they name.
// A time of day that runs across midnight belongs to the day it starts on: "fri" with 22:00-02:00 shows
// from Friday 22:00 to Saturday 02:00, and not from Friday 00:00 to 02:00. Without times of day, the
// weekday is the one the moment falls on.
bool shows_at(const ShowTimes& times, const LocalTime& now);

// The attract loop at `now`. contents[0] is the station's own channel; the others are other publishers'
// channels, shown only where contents[0] has a merge rule for them. A slide is eligible when it shows in
// the attract loop, its own times and those of every playlist it belongs to allow `now`; it plays at the
// highest of those priorities, and only the highest priority among all eligible slides of all channels
// plays. Merged channels join as their rule says: one of their views after every `every` of ours,
// cycling through theirs (the loop repeats ours until each merged channel has been shown whole), or
// (every = 0) their whole sequence after ours. When nothing is eligible, the evergreen slides play; when
// there are none, every attract slide plays.
ScheduleResult schedule_views(const std::vector<const Content*>& contents, const DisplayProfile& profile,
                              const LocalTime& now);

// How far ahead next_change looks.
constexpr std::int64_t kNextChangeHorizonMinutes = 8 * 1440;

// The first civil minute after `now` at which schedule_views gives different views or basis, looking at
// most kNextChangeHorizonMinutes ahead; nothing when the loop stays the same all that time.
std::optional<std::int64_t> next_change(const std::vector<const Content*>& contents, const LocalTime& now);

} // namespace kiosk
