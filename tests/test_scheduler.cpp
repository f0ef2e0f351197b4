// The schedule as travellers see it: what plays across midnight, month and year ends and leap days, which
// priority wins, how another publisher's channel joins the loop, and that no date ever leaves it empty.
#include "schedule/scheduler.hpp"

#include <catch2/catch.hpp>
#include <random>

using namespace kiosk;

namespace {

const DisplayProfile kSingle{"landscape", 1920, 1080, true, ProfileLayout::Single};
const DisplayProfile kDual{"led-wall", 1536, 768, false, ProfileLayout::Dual};

LocalTime at(const char* text) {
    auto minute = parse_local_datetime(text);
    REQUIRE(minute);
    return LocalTime::from_minute(*minute);
}

std::int64_t minute(const char* text) {
    return at(text).minute;
}

ShowTimes times(std::optional<const char*> from, std::optional<const char*> until,
                std::vector<const char*> days = {}, const char* windows = "", int priority = 0) {
    ShowTimes t;
    if (from)
        t.from = minute(*from);
    if (until)
        t.until = minute(*until);
    if (!days.empty()) {
        t.weekdays = 0;
        for (const char* d : days)
            t.weekdays |= static_cast<std::uint8_t>(1u << *parse_weekday(d));
    }
    auto w = parse_hours(windows);
    REQUIRE(w);
    t.times = *w;
    t.priority = priority;
    return t;
}

const ShowTimes kAlways{};

Content channel(const std::string& name, std::vector<std::string> languages = {"vi"}) {
    Content c;
    c.channel = name;
    c.languages = std::move(languages);
    c.default_language = c.languages.front();
    return c;
}

void add_slide(Content& c, const std::string& id, ShowTimes t = {}, Showing showing = Showing::Both) {
    Slide s;
    s.id = id;
    s.duration_ms = 5000;
    for (const auto& lang : c.languages)
        s.title[lang] = id + " " + lang;
    s.times = std::move(t);
    s.showing = showing;
    c.slides.push_back(std::move(s));
}

// The slide ids of a loop, as "source:id" for merged channels and "id" for the station's own.
std::vector<std::string> ids(const ScheduleResult& r, const std::vector<const Content*>& contents) {
    std::vector<std::string> out;
    for (const auto& v : r.views) {
        const std::string& id = contents[v.source]->slides[v.slide].id;
        out.push_back(v.source == 0 ? id : contents[v.source]->channel + ":" + id);
    }
    return out;
}

std::vector<std::string> playing(const Content& c, const char* when) {
    std::vector<const Content*> contents{&c};
    return ids(schedule_views(contents, kSingle, at(when)), contents);
}

using Ids = std::vector<std::string>;

} // namespace

TEST_CASE("a time of day across midnight shows until the small hours and no longer", "[schedule]") {
    auto c = channel("p");
    add_slide(c, "usual");
    add_slide(c, "night", times({}, {}, {}, "22:00-02:00", 1));
    CHECK(playing(c, "2026-04-30T21:59") == Ids{"usual"});
    CHECK(playing(c, "2026-04-30T22:00") == Ids{"night"});
    CHECK(playing(c, "2026-04-30T23:59") == Ids{"night"});
    CHECK(playing(c, "2026-05-01T00:00") == Ids{"night"});
    CHECK(playing(c, "2026-05-01T01:59") == Ids{"night"});
    CHECK(playing(c, "2026-05-01T02:00") == Ids{"usual"});
}

TEST_CASE("a Friday night window across midnight belongs to Friday", "[schedule]") {
    // 2026-05-01 is a Friday.
    auto t = times({}, {}, {"fri"}, "22:00-02:00");
    CHECK(at("2026-05-01T12:00").weekday == 4);
    CHECK_FALSE(shows_at(t, at("2026-05-01T01:00"))); // Thursday night's small hours
    CHECK_FALSE(shows_at(t, at("2026-05-01T21:59")));
    CHECK(shows_at(t, at("2026-05-01T22:00")));
    CHECK(shows_at(t, at("2026-05-02T01:59"))); // Saturday 01:59, still Friday night
    CHECK_FALSE(shows_at(t, at("2026-05-02T02:00")));
    CHECK_FALSE(shows_at(t, at("2026-05-02T23:00"))); // Saturday night
    // Without a window the weekday is simply the day the moment falls on.
    auto weekend = times({}, {}, {"sat", "sun"});
    CHECK_FALSE(shows_at(weekend, at("2026-05-01T23:59")));
    CHECK(shows_at(weekend, at("2026-05-02T00:00")));
    CHECK(shows_at(weekend, at("2026-05-03T23:59")));
    CHECK_FALSE(shows_at(weekend, at("2026-05-04T00:00")));
    // Several windows: any one of them is enough, each on its own starting day.
    auto split = times({}, {}, {"mon"}, "05:30-12:00, 23:00-01:00");
    CHECK(shows_at(split, at("2026-05-04T06:00")));
    CHECK_FALSE(shows_at(split, at("2026-05-04T12:00")));
    CHECK(shows_at(split, at("2026-05-05T00:30")));       // Tuesday 00:30 from Monday 23:00
    CHECK_FALSE(shows_at(split, at("2026-05-04T00:30"))); // from Sunday 23:00: not a Monday window
}

TEST_CASE("dates across the end of a month take effect at the right minute", "[schedule]") {
    auto c = channel("p");
    add_slide(c, "usual");
    add_slide(c, "holiday", times("2026-04-30T18:00", "2026-05-02", {}, "", 2));
    add_slide(c, "january", times("2026-01-31T23:00", "2026-02-01T01:00", {}, "", 2));
    CHECK(playing(c, "2026-04-30T17:59") == Ids{"usual"});
    CHECK(playing(c, "2026-04-30T18:00") == Ids{"holiday"});
    CHECK(playing(c, "2026-05-01T23:59") == Ids{"holiday"});
    CHECK(playing(c, "2026-05-02T00:00") == Ids{"usual"});
    CHECK(playing(c, "2026-01-31T22:59") == Ids{"usual"});
    CHECK(playing(c, "2026-01-31T23:30") == Ids{"january"});
    CHECK(playing(c, "2026-02-01T00:59") == Ids{"january"});
    CHECK(playing(c, "2026-02-01T01:00") == Ids{"usual"});
}

TEST_CASE("a slide for the 29th of February shows on that day of a leap year only", "[schedule]") {
    auto c = channel("p");
    add_slide(c, "usual");
    add_slide(c, "leap", times("2028-02-29", "2028-03-01", {"tue"}, "08:00-17:00", 1));
    CHECK(at("2028-02-29T08:00").weekday == 1); // a Tuesday
    CHECK(playing(c, "2028-02-28T12:00") == Ids{"usual"});
    CHECK(playing(c, "2028-02-29T07:59") == Ids{"usual"});
    CHECK(playing(c, "2028-02-29T08:00") == Ids{"leap"});
    CHECK(playing(c, "2028-02-29T16:59") == Ids{"leap"});
    CHECK(playing(c, "2028-02-29T17:00") == Ids{"usual"});
    CHECK(playing(c, "2028-03-01T12:00") == Ids{"usual"});
    CHECK(minute("2028-03-01") - minute("2028-02-28") == 2 * 1440);
    CHECK(minute("2027-03-01") - minute("2027-02-28") == 1440);
    CHECK_FALSE(parse_local_datetime("2027-02-29"));
    CHECK_FALSE(parse_local_datetime("2100-02-29")); // a century that is not a leap year
    CHECK(parse_local_datetime("2000-02-29"));
}

TEST_CASE("New Year's Eve runs from December 31 into January 1", "[schedule]") {
    // 2026-12-31 is a Thursday, 2027-01-01 a Friday.
    auto c = channel("p");
    add_slide(c, "usual");
    add_slide(c, "new-year", times("2026-12-31T20:00", "2027-01-01T02:00", {"thu"}, "20:00-02:00", 5));
    CHECK(playing(c, "2026-12-31T19:59") == Ids{"usual"});
    CHECK(playing(c, "2026-12-31T20:00") == Ids{"new-year"});
    CHECK(playing(c, "2026-12-31T23:59") == Ids{"new-year"});
    CHECK(playing(c, "2027-01-01T00:00") == Ids{"new-year"}); // Friday, from Thursday's window
    CHECK(playing(c, "2027-01-01T01:59") == Ids{"new-year"});
    CHECK(playing(c, "2027-01-01T02:00") == Ids{"usual"});
    CHECK(at("2027-01-01T00:00").weekday == 4);
    CHECK(at("2026-12-31T23:59").minute + 1 == at("2027-01-01T00:00").minute);
}

TEST_CASE("a priority campaign replaces the usual loop during its week", "[schedule]") {
    auto c = channel("p", {"vi", "en"});
    add_slide(c, "welcome");
    add_slide(c, "hours");
    add_slide(c, "asean-1", times("2026-08-03", "2026-08-10", {}, "", 1));
    add_slide(c, "asean-2", times("2026-08-03", "2026-08-10", {}, "", 1));
    add_slide(c, "fireworks", times("2026-08-08T19:00", "2026-08-08T22:00", {}, "", 3));
    add_slide(c, "low", times("2026-08-01", "2026-08-31", {}, ""));
    CHECK(playing(c, "2026-08-02T12:00") == Ids{"welcome", "welcome", "hours", "hours", "low", "low"});
    CHECK(playing(c, "2026-08-03T00:00") == Ids{"asean-1", "asean-1", "asean-2", "asean-2"});
    CHECK(playing(c, "2026-08-08T20:00") == Ids{"fireworks", "fireworks"});
    CHECK(playing(c, "2026-08-09T23:59") == Ids{"asean-1", "asean-1", "asean-2", "asean-2"});
    CHECK(playing(c, "2026-08-10T00:00") == Ids{"welcome", "welcome", "hours", "hours", "low", "low"});
    // The views are built as the attract loop builds them: in Dual, the default language beside each other.
    std::vector<const Content*> contents{&c};
    auto dual = schedule_views(contents, kDual, at("2026-08-04T10:00"));
    REQUIRE(dual.views.size() == 2);
    CHECK(dual.views[0] == SlideView{2, {"vi", "en"}, 5000, 0});
    CHECK(dual.basis == ScheduleResult::Basis::Scheduled);
    CHECK(dual.note.empty());
}

TEST_CASE("a slide in a playlist shows only when both allow and at the higher priority", "[schedule]") {
    auto c = channel("p");
    add_slide(c, "usual");
    add_slide(c, "weekend-market", times({}, {}, {"sat", "sun"}));
    add_slide(c, "border-week", times({}, {}, {}, "08:00-17:00"));
    add_slide(c, "unlisted-weekend", times({}, {}, {"sat", "sun"}));
    c.playlists.push_back(
        {"campaign", {"weekend-market", "border-week"}, times("2026-05-01", "2026-05-08", {}, "", 2)});
    c.playlists.push_back(
        {"office-hours", {"border-week"}, times({}, {}, {"mon", "tue", "wed", "thu", "fri"})});
    // Before the campaign, the playlist's dates keep its slides out; the usual slides play.
    CHECK(playing(c, "2026-04-25T10:00") == Ids{"usual", "unlisted-weekend"});
    // Friday in the campaign, in office hours: the weekday slide of both playlists, at priority 2.
    CHECK(playing(c, "2026-05-01T10:00") == Ids{"border-week"});
    // Friday evening: border-week's own hours are over; nothing of the campaign is eligible.
    CHECK(playing(c, "2026-05-01T18:00") == Ids{"usual"});
    // Saturday in the campaign: the weekend slide at the playlist's priority 2; border-week is out
    // because its second playlist is for weekdays.
    CHECK(playing(c, "2026-05-02T10:00") == Ids{"weekend-market"});
    CHECK(playing(c, "2026-05-09T10:00") == Ids{"usual", "unlisted-weekend"});
}

TEST_CASE("a national channel joins every second view and cycles through its own slides", "[schedule]") {
    auto ours = channel("province");
    for (const char* id : {"a", "b", "c", "d", "e"})
        add_slide(ours, id);
    auto national = channel("national");
    for (const char* id : {"x", "y", "z"})
        add_slide(national, id);
    ours.merge.push_back({"national", 2, true});
    std::vector<const Content*> contents{&ours, &national};
    auto r = schedule_views(contents, kSingle, at("2026-05-01T10:00"));
    // Two passes of ours, so that every national view is seen; theirs continue where they were.
    CHECK(ids(r, contents) == Ids{"a", "b", "national:x", "c", "d", "national:y", "e", "a", "b", "national:z",
                                  "c", "d", "national:x", "e"});
    CHECK(r.views[2].source == 1);
    CHECK(r.basis == ScheduleResult::Basis::Scheduled);

    // A rule longer than our loop puts one of theirs after our whole loop.
    ours.merge[0].every = 9;
    CHECK(ids(schedule_views(contents, kSingle, at("2026-05-01T10:00")), contents) ==
          Ids{"a", "b", "c", "d", "e", "national:x", "a", "b", "c", "d", "e", "national:y", "a", "b", "c",
              "d", "e", "national:z"});
}

TEST_CASE("a merged channel with every 0 follows our whole loop", "[schedule]") {
    auto ours = channel("province");
    add_slide(ours, "a");
    add_slide(ours, "b");
    auto national = channel("national", {"vi", "en"});
    add_slide(national, "x");
    add_slide(national, "old", times("2020-01-01", "2021-01-01"));
    ours.merge.push_back({"national", 0, false});
    std::vector<const Content*> contents{&ours, &national};
    auto r = schedule_views(contents, kSingle, at("2026-05-01T10:00"));
    CHECK(ids(r, contents) == Ids{"a", "b", "national:x", "national:x"});
    CHECK(r.views[3].languages == std::vector<std::string>{"en"}); // their own languages
}

TEST_CASE("priorities compare across channels and unmerged channels never show", "[schedule]") {
    auto ours = channel("province");
    add_slide(ours, "usual");
    auto national = channel("national");
    add_slide(national, "anniversary", times("2026-07-18", "2026-07-19", {}, "", 5));
    add_slide(national, "evergreen-national");
    auto stranger = channel("stranger");
    add_slide(stranger, "spam", times({}, {}, {}, "", 100));
    ours.merge.push_back({"national", 3, true});
    std::vector<const Content*> contents{&ours, &national, &stranger};
    auto normal = schedule_views(contents, kSingle, at("2026-07-17T10:00"));
    CHECK(ids(normal, contents) == Ids{"usual", "national:evergreen-national"});
    CHECK_THAT(normal.note, Catch::Contains("'stranger' is not shown"));
    auto campaign = schedule_views(contents, kSingle, at("2026-07-18T10:00"));
    CHECK(ids(campaign, contents) == Ids{"national:anniversary"});
}

TEST_CASE("when nothing dated applies the evergreen slides fill the screen", "[schedule]") {
    auto c = channel("p");
    add_slide(c, "spring", times("2026-03-01", "2026-06-01", {}, "", 1));
    add_slide(c, "welcome");
    add_slide(c, "only-browse", {}, Showing::Browse);
    add_slide(c, "hours", {}, Showing::Attract);
    add_slide(c, "in-campaign");
    c.playlists.push_back({"summer", {"in-campaign"}, times("2026-06-01", "2026-09-01")});
    // Normally the undated slides are simply eligible.
    CHECK(playing(c, "2026-01-10T10:00") == Ids{"welcome", "hours"});
    // When every one of them is out (here: within a playlist's dates only), undated ones still fill.
    auto d = channel("p");
    add_slide(d, "spring", times("2026-03-01", "2026-06-01"));
    add_slide(d, "in-campaign");
    d.playlists.push_back({"summer", {"in-campaign"}, times("2026-06-01", "2026-09-01")});
    std::vector<const Content*> contents{&d};
    auto r = schedule_views(contents, kSingle, at("2026-10-01T10:00"));
    CHECK(ids(r, contents) == Ids{"in-campaign"});
    CHECK(r.basis == ScheduleResult::Basis::Evergreen);
    CHECK_THAT(r.note, Catch::Contains("nothing is scheduled for 2026-10-01T10:00 (thu)"));
}

TEST_CASE("a clock in 1970 or 2099 still fills the screen with every slide", "[schedule]") {
    auto c = channel("p", {"vi", "en"});
    add_slide(c, "campaign", times("2026-05-01", "2026-06-01"));
    add_slide(c, "market", times("2026-01-01", "2027-01-01", {"sat"}, "06:00-11:00"));
    add_slide(c, "page-only", times("2026-01-01", "2027-01-01"), Showing::Browse);
    for (const char* when : {"1970-01-01T00:00", "1970-01-01T08:30", "2099-06-15T12:00"}) {
        std::vector<const Content*> contents{&c};
        auto r = schedule_views(contents, kSingle, at(when));
        INFO(when);
        CHECK(r.basis == ScheduleResult::Basis::Everything);
        CHECK(ids(r, contents) == Ids{"campaign", "campaign", "market", "market"});
        CHECK_THAT(r.note, Catch::Contains("is the clock right?"));
    }
    // A moment before the epoch (a clock set far back) is still a moment.
    CHECK(at("1969-12-31T23:59").weekday == 2);
    CHECK(at("1969-12-31T23:59").minute_of_day == 1439);
}

namespace {

// A random but valid schedule around the week of 2026-04-27 (Monday): dated, weekday and window slides at
// a few priorities, and playlists; when `listed`, every slide is in a playlist, so that at times nothing
// is eligible and the undated slides fill in.
Content random_channel(std::mt19937& rng, const std::string& name, int slides, bool listed) {
    auto c = channel(name);
    std::int64_t monday = minute("2026-04-27");
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    auto random_times = [&] {
        ShowTimes t;
        if (pick(3) == 0) {
            t.from = monday + pick(9 * 1440) - 1440;
            if (pick(2) == 0)
                t.until = *t.from + 1 + pick(4 * 1440);
        } else if (pick(4) == 0) {
            t.until = monday + pick(8 * 1440);
        }
        if (pick(3) == 0)
            t.weekdays = static_cast<std::uint8_t>(1 + pick(127));
        for (int w = pick(3); w > 0; --w) {
            // Quarter hours, some across midnight, some whole days.
            t.times.push_back({pick(96) * 15, pick(96) * 15});
        }
        t.priority = pick(4) == 0 ? pick(3) : 0;
        return t;
    };
    for (int i = 0; i < slides; ++i)
        add_slide(c, "s" + std::to_string(i), random_times(), pick(6) == 0 ? Showing::Browse : Showing::Both);
    int playlists = listed ? 1 + pick(2) : pick(3);
    for (int p = 0; p < playlists; ++p) {
        Playlist playlist{"p" + std::to_string(p), {}, random_times()};
        if (listed && !playlist.times.from && !playlist.times.until)
            playlist.times.from = minute("2026-04-29");
        for (int i = 0; i < slides; ++i)
            if (listed ? i % playlists == p : pick(3) == 0)
                playlist.slides.push_back("s" + std::to_string(i));
        c.playlists.push_back(std::move(playlist));
    }
    return c;
}

} // namespace

TEST_CASE("next_change names exactly the next minute the loop changes, checked minute by minute",
          "[schedule]") {
    auto seed = GENERATE(1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u, 9u);
    std::mt19937 rng(seed);
    bool listed = seed > 6;
    auto ours = random_channel(rng, "province", 6, listed);
    auto national = random_channel(rng, "national", 3, listed);
    ours.merge.push_back({"national", static_cast<int>(rng() % 3), true});
    std::vector<const Content*> contents{&ours, &national};

    // Every minute of the week and the horizon after it, by brute force.
    std::int64_t start = minute("2026-04-27") - 2 * 1440;
    std::int64_t week = 7 * 1440;
    std::vector<ScheduleResult> loop;
    for (std::int64_t m = start; m < start + week + kNextChangeHorizonMinutes + 1; ++m)
        loop.push_back(schedule_views(contents, kSingle, LocalTime::from_minute(m)));
    auto same = [&](std::size_t a, std::size_t b) {
        return loop[a].views == loop[b].views && loop[a].basis == loop[b].basis;
    };
    std::size_t changes = 0;
    for (std::int64_t m = start; m < start + week;
         m += 7) { // every 7th minute: all times of day and weekdays
        auto i = static_cast<std::size_t>(m - start);
        std::size_t expected = i + 1;
        while (expected <= i + kNextChangeHorizonMinutes && same(i, expected))
            ++expected;
        auto next = next_change(contents, LocalTime::from_minute(m));
        INFO("seed " << seed << " at " << format_local_datetime(m));
        if (expected > i + kNextChangeHorizonMinutes) {
            CHECK_FALSE(next);
        } else {
            REQUIRE(next);
            CHECK(format_local_datetime(*next) ==
                  format_local_datetime(start + static_cast<std::int64_t>(expected)));
            ++changes;
        }
    }
    CHECK(changes > 0); // the random schedules do change within the week
}

TEST_CASE("next_change is empty for content without dates", "[schedule]") {
    auto c = channel("p");
    add_slide(c, "a");
    add_slide(c, "b", kAlways);
    std::vector<const Content*> contents{&c};
    CHECK_FALSE(next_change(contents, at("2026-05-01T10:00")));
    add_slide(c, "night", times({}, {}, {}, "22:00-06:00", 1));
    CHECK(next_change(contents, at("2026-05-01T10:00")) == minute("2026-05-01T22:00"));
    CHECK(next_change(contents, at("2026-05-01T23:00")) == minute("2026-05-02T06:00"));
}
