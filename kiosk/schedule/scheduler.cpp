// Choosing the slides that may show at a moment, and merging the channels' loops into one.
#include "schedule/scheduler.hpp"

#include <algorithm>
#include <map>

namespace kiosk {

namespace {

using Basis = ScheduleResult::Basis;

// Views of more than this many passes of our loop are not worth building: a merged channel that long is
// shown in part, and continues where it was only after the loop is rebuilt.
constexpr std::size_t kMaxPasses = 64;

// Which slides play, before they are turned into views: the answer that changes with time.
struct Selection {
    Basis basis = Basis::Scheduled;
    std::vector<std::vector<std::size_t>> slides; // by source, in content order
    bool operator==(const Selection&) const = default;
};

bool weekday_allowed(const ShowTimes& times, int weekday) {
    return (times.weekdays >> weekday) & 1u;
}

bool in_attract(const Slide& slide) {
    return slide.showing != Showing::Browse;
}

// The merge rule under which each content shows; null for a channel the station's content does not merge
// (and for the station's own, which needs none).
std::vector<const MergeRule*> merge_rules(const std::vector<const Content*>& contents, std::string* note) {
    std::vector<const MergeRule*> rules(contents.size(), nullptr);
    for (std::size_t s = 1; s < contents.size(); ++s) {
        if (!contents[s])
            continue;
        for (const auto& rule : contents[0]->merge)
            if (rule.channel == contents[s]->channel)
                rules[s] = &rule;
        if (!rules[s] && note) {
            if (!note->empty())
                *note += "; ";
            *note += "channel '" + contents[s]->channel + "' is not shown: channel '" + contents[0]->channel +
                     "' has no merge rule for it";
        }
    }
    return rules;
}

bool usable(const std::vector<const Content*>& contents, const std::vector<const MergeRule*>& rules,
            std::size_t s) {
    return contents[s] && (s == 0 || rules[s]);
}

// An attract slide of a channel that may show, with every set of times that limits it.
struct Candidate {
    std::size_t source = 0;
    std::size_t slide = 0;
    const ShowTimes* own = nullptr;
    std::vector<const ShowTimes*> playlists;
};

// What the schedule is made from, worked out once for all the moments it is asked about.
struct Plan {
    std::size_t sources = 0;
    std::vector<const MergeRule*> rules;
    std::vector<Candidate> candidates; // by source, in content order
};

Plan make_plan(const std::vector<const Content*>& contents, std::string* note) {
    Plan plan;
    plan.sources = contents.size();
    plan.rules = merge_rules(contents, note);
    for (std::size_t s = 0; s < contents.size(); ++s) {
        if (!usable(contents, plan.rules, s))
            continue;
        const Content& content = *contents[s];
        std::map<std::string_view, std::vector<const ShowTimes*>> listed;
        for (const auto& playlist : content.playlists)
            for (const auto& id : playlist.slides)
                listed[id].push_back(&playlist.times);
        for (std::size_t i = 0; i < content.slides.size(); ++i) {
            const Slide& slide = content.slides[i];
            if (!in_attract(slide))
                continue;
            Candidate c{s, i, &slide.times, {}};
            if (auto it = listed.find(slide.id); it != listed.end())
                c.playlists = it->second;
            plan.candidates.push_back(std::move(c));
        }
    }
    return plan;
}

Selection select(const Plan& plan, const LocalTime& now) {
    Selection out;
    out.slides.resize(plan.sources);
    // Eligible slides with their effective priorities.
    std::vector<std::pair<const Candidate*, int>> eligible;
    std::optional<int> top;
    for (const auto& c : plan.candidates) {
        if (!shows_at(*c.own, now))
            continue;
        int priority = c.own->priority;
        bool allowed = true;
        for (const ShowTimes* times : c.playlists) {
            allowed = allowed && shows_at(*times, now);
            priority = std::max(priority, times->priority);
        }
        if (!allowed)
            continue;
        eligible.emplace_back(&c, priority);
        top = std::max(top.value_or(priority), priority);
    }
    if (top) {
        for (auto [c, priority] : eligible)
            if (priority == *top)
                out.slides[c->source].push_back(c->slide);
        return out;
    }
    // Nothing dated applies (a gap between campaigns, or a clock that is wrong): whatever has no times of
    // its own fills the screen, whatever playlists it is in; failing that, everything.
    out.basis = Basis::Evergreen;
    for (const auto& c : plan.candidates)
        if (c.own->evergreen())
            out.slides[c.source].push_back(c.slide);
    if (std::any_of(out.slides.begin(), out.slides.end(), [](const auto& v) { return !v.empty(); }))
        return out;
    out.basis = Basis::Everything;
    for (const auto& c : plan.candidates)
        out.slides[c.source].push_back(c.slide);
    return out;
}

std::vector<SlideView> views_of(const Content& content, const std::vector<std::size_t>& slides,
                                const DisplayProfile& profile, std::size_t source) {
    std::vector<SlideView> views;
    for (std::size_t slide : slides) {
        auto more = slide_views(content, slide, profile, source);
        views.insert(views.end(), more.begin(), more.end());
    }
    return views;
}

// Our loop with the merged channels' views placed as their rules say.
std::vector<SlideView> merge_views(const std::vector<const Content*>& contents,
                                   const std::vector<const MergeRule*>& rules, const Selection& selection,
                                   const DisplayProfile& profile) {
    std::vector<std::vector<SlideView>> by_source(contents.size());
    for (std::size_t s = 0; s < contents.size(); ++s)
        if (usable(contents, rules, s))
            by_source[s] = views_of(*contents[s], selection.slides[s], profile, s);
    const auto& ours = by_source[0];
    if (ours.empty()) {
        // Only other channels have something to show now (say, a national campaign that outranks every
        // slide of ours): their loops one after the other.
        std::vector<SlideView> out;
        for (const auto& theirs : by_source)
            out.insert(out.end(), theirs.begin(), theirs.end());
        return out;
    }
    // One pass of ours holds ours.size() / every views of an interleaved channel (at least one, after our
    // whole loop when `every` is longer than it); pass ours again until each such channel has been seen.
    std::size_t passes = 1;
    for (std::size_t s = 1; s < contents.size(); ++s) {
        if (!rules[s] || rules[s]->every <= 0 || by_source[s].empty())
            continue;
        std::size_t slots = std::max<std::size_t>(1, ours.size() / static_cast<std::size_t>(rules[s]->every));
        passes = std::max(passes, (by_source[s].size() + slots - 1) / slots);
    }
    passes = std::min(passes, kMaxPasses);
    std::vector<std::size_t> cursor(contents.size(), 0);
    std::vector<SlideView> out;
    for (std::size_t pass = 0; pass < passes; ++pass) {
        for (std::size_t k = 0; k < ours.size(); ++k) {
            out.push_back(ours[k]);
            std::size_t count = k + 1;
            for (std::size_t s = 1; s < contents.size(); ++s) {
                if (!rules[s] || rules[s]->every <= 0 || by_source[s].empty())
                    continue;
                auto every = static_cast<std::size_t>(rules[s]->every);
                bool due = every > ours.size() ? count == ours.size() : count % every == 0;
                if (due)
                    out.push_back(by_source[s][cursor[s]++ % by_source[s].size()]);
            }
        }
        for (std::size_t s = 1; s < contents.size(); ++s)
            if (rules[s] && rules[s]->every <= 0)
                out.insert(out.end(), by_source[s].begin(), by_source[s].end());
    }
    return out;
}

std::string describe(const LocalTime& now) {
    return format_local_datetime(now.minute) + " (" + weekday_name(now.weekday) + ")";
}

// Every minute at which some times could start or stop allowing, from just before `now` to the horizon.
void add_edges(const ShowTimes& times, std::int64_t first_day, std::int64_t last_day,
               std::vector<std::int64_t>& out) {
    if (times.from)
        out.push_back(*times.from);
    if (times.until)
        out.push_back(*times.until);
    for (std::int64_t day = first_day; day <= last_day; ++day) {
        if (times.weekdays != ShowTimes::kEveryDay)
            out.push_back(day * 1440);
        for (const auto& window : times.times) {
            out.push_back(day * 1440 + window.from_minute);
            out.push_back(day * 1440 + window.to_minute);
        }
    }
}

} // namespace

bool shows_at(const ShowTimes& times, const LocalTime& now) {
    if ((times.from && now.minute < *times.from) || (times.until && now.minute >= *times.until))
        return false;
    if (times.times.empty())
        return weekday_allowed(times, now.weekday);
    int yesterday = (now.weekday + 6) % 7;
    for (const auto& w : times.times) {
        if (w.from_minute < w.to_minute || w.from_minute == w.to_minute) {
            if (w.contains(now.minute_of_day) && weekday_allowed(times, now.weekday))
                return true;
        } else if (now.minute_of_day >= w.from_minute) {
            if (weekday_allowed(times, now.weekday)) // the evening part, started today
                return true;
        } else if (now.minute_of_day < w.to_minute) {
            if (weekday_allowed(times, yesterday)) // the small hours, started yesterday evening
                return true;
        }
    }
    return false;
}

ScheduleResult schedule_views(const std::vector<const Content*>& contents, const DisplayProfile& profile,
                              const LocalTime& now) {
    ScheduleResult result;
    if (contents.empty() || !contents[0]) {
        result.basis = Basis::Everything;
        result.note = "no content to schedule";
        return result;
    }
    std::string merge_note;
    Plan plan = make_plan(contents, &merge_note);
    Selection selection = select(plan, now);
    result.basis = selection.basis;
    result.views = merge_views(contents, plan.rules, selection, profile);
    if (selection.basis == Basis::Evergreen)
        result.note = "nothing is scheduled for " + describe(now) + ": showing the slides that have no dates";
    else if (selection.basis == Basis::Everything)
        result.note =
            "nothing is scheduled for " + describe(now) +
            " and no slide is undated: showing every slide whatever its dates (is the clock right?)";
    if (!merge_note.empty())
        result.note += (result.note.empty() ? "" : "; ") + merge_note;
    return result;
}

std::optional<std::int64_t> next_change(const std::vector<const Content*>& contents, const LocalTime& now) {
    if (contents.empty() || !contents[0])
        return std::nullopt;
    Plan plan = make_plan(contents, nullptr);
    // The selection can only change at an edge of some slide's or playlist's times: it is constant
    // between consecutive edges, so the first edge where it differs is the answer.
    std::vector<const ShowTimes*> limits;
    for (const auto& c : plan.candidates) {
        limits.push_back(c.own);
        limits.insert(limits.end(), c.playlists.begin(), c.playlists.end());
    }
    std::sort(limits.begin(), limits.end());
    limits.erase(std::unique(limits.begin(), limits.end()), limits.end());
    std::int64_t today = (now.minute - now.minute_of_day) / 1440;
    std::int64_t last_day = today + kNextChangeHorizonMinutes / 1440 + 1;
    std::vector<std::int64_t> edges;
    for (const ShowTimes* times : limits)
        add_edges(*times, today - 1, last_day, edges);
    std::int64_t horizon = now.minute + kNextChangeHorizonMinutes;
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    Selection current = select(plan, now);
    for (std::int64_t edge : edges) {
        if (edge <= now.minute)
            continue;
        if (edge > horizon)
            break;
        if (!(select(plan, LocalTime::from_minute(edge)) == current))
            return edge;
    }
    return std::nullopt;
}

} // namespace kiosk
