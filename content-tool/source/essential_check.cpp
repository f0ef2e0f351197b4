// Essential slides against the schedule: the kiosk plays only the highest priority that may show, and a
// slide only when every playlist it is in allows the moment, so a campaign can silently hide the
// emergency numbers; the editor is told which slide, by what, and when.
#include "source/essential_check.hpp"

#include "base/civil_time.hpp"

#include <algorithm>

namespace content_tool {

namespace {

// "2026-04-25" for midnight, as editors write dates, else "2026-04-25T08:00".
std::string moment(std::int64_t civil_minute) {
    auto text = kiosk::format_local_datetime(civil_minute);
    return civil_minute % 1440 == 0 ? text.substr(0, 10) : text;
}

// "from 2026-04-25 until 2026-05-02T18:00, sat sun, 07:00-11:30", or "at all times".
std::string describe(const kiosk::ShowTimes& times) {
    std::vector<std::string> parts;
    if (times.from)
        parts.push_back("from " + moment(*times.from));
    if (times.until)
        parts.push_back("until " + moment(*times.until));
    if (times.weekdays != kiosk::ShowTimes::kEveryDay) {
        std::string days;
        for (int w = 0; w < 7; ++w)
            if ((times.weekdays >> w) & 1u)
                days += (days.empty() ? "" : " ") + std::string(kiosk::weekday_name(w));
        parts.push_back(days);
    }
    for (const auto& window : times.times)
        parts.push_back(kiosk::format_daily_window(window));
    if (parts.empty())
        return "at all times";
    std::string out;
    for (const auto& part : parts)
        out += (out.empty() ? "" : part.rfind("until", 0) == 0 ? " " : ", ") + part;
    return out;
}

bool in_playlist(const kiosk::Playlist& playlist, const std::string& id) {
    return std::find(playlist.slides.begin(), playlist.slides.end(), id) != playlist.slides.end();
}

bool in_loop(const kiosk::Slide& slide) {
    return slide.showing != kiosk::Showing::Browse;
}

} // namespace

void check_essential(const SourceProject& project, Diagnostics& d) {
    const auto& playlists = project.content.playlists;
    for (const auto& essential : project.slides) {
        if (!essential.essential)
            continue;
        const kiosk::Slide& slide = essential.slide;
        int line = essential.essential_line;
        // Its playlists' dates and times bound it: outside them it is neither in the loop nor a page.
        for (const auto& playlist : playlists)
            if (in_playlist(playlist, slide.id) && !playlist.times.evergreen())
                d.warning(
                    essential.file, line,
                    "essential slide '" + slide.id + "' is in playlist '" + playlist.id + "' (" +
                        describe(playlist.times) + "): at any other time travellers do not see it" +
                        (in_loop(slide) ? " in the loop" : "") +
                        (slide.showing != kiosk::Showing::Attract ? " or among its category's pages" : "") +
                        "; take it out of the playlist, or give the playlist no dates or times");
        if (!in_loop(slide))
            continue; // priorities choose only what the loop plays
        // In the loop it plays at the highest priority of its own and its playlists'; anything higher that
        // may show at the same moment plays instead of it.
        int priority = slide.times.priority;
        for (const auto& playlist : playlists)
            if (in_playlist(playlist, slide.id))
                priority = std::max(priority, playlist.times.priority);
        std::vector<std::string> above;
        for (const auto& other : project.slides)
            if (other.slide.id != slide.id && in_loop(other.slide) && other.slide.times.priority > priority) {
                above.push_back("slide '" + other.slide.id + "' (priority " +
                                std::to_string(other.slide.times.priority) + ", " +
                                describe(other.slide.times) + ")");
            }
        for (const auto& playlist : playlists) {
            bool plays = std::any_of(project.slides.begin(), project.slides.end(), [&](const SourceSlide& s) {
                return in_playlist(playlist, s.slide.id) && in_loop(s.slide);
            });
            if (plays && playlist.times.priority > priority) {
                above.push_back("playlist '" + playlist.id + "' (priority " +
                                std::to_string(playlist.times.priority) + ", " + describe(playlist.times) +
                                ")");
            }
        }
        if (above.empty())
            continue;
        std::string list;
        for (const auto& item : above)
            list += (list.empty() ? "" : "; ") + item;
        d.warning(essential.file, line,
                  "essential slide '" + slide.id + "' (priority " + std::to_string(priority) +
                      ") leaves the loop whenever something of higher priority may show: " + list +
                      ". To keep it on screen then, put a copy of it (with its own id) in that playlist or "
                      "schedule, or lower their priority to " +
                      std::to_string(priority));
    }
}

} // namespace content_tool
