// What travellers can browse at a moment: categories in content order with the pages whose showing and
// times allow it, merged channels' categories when the merge rules let travellers browse them.
#include "screens_support.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;
using namespace screens_support;
using namespace test_support;

TEST_CASE("the catalog holds the categories with pages open now in content order", "[screens][catalog]") {
    Content own;
    own.channel = "own";
    own.languages = {"vi", "en"};
    own.categories = {{"a", {}, ""}, {"b", {}, ""}, {"c", {}, ""}, {"d", {}, ""}};
    auto slide = [](std::string id, std::string category) {
        Slide s;
        s.id = std::move(id);
        s.category = std::move(category);
        return s;
    };
    Slide loop_only = slide("loop-only", "a");
    loop_only.showing = Showing::Attract;
    Slide later = slide("later", "b");
    later.times.from = *parse_local_datetime("2026-06-01");
    Slide weekend = slide("weekend", "b");
    weekend.times.weekdays = 0x60; // Saturday and Sunday
    Slide mornings = slide("mornings", "c");
    mornings.times.times = {*parse_daily_window("08:00-12:00")};
    Slide nights = slide("nights", "c");
    nights.times.times = {*parse_daily_window("22:00-06:00")};
    nights.times.weekdays = 0x40; // Sunday nights, into Monday morning
    Slide browse = slide("browse", "d");
    browse.showing = Showing::Browse;
    Slide campaign = slide("campaign", "d");
    own.slides = {slide("a1", "a"), loop_only, later,    weekend,         mornings,
                  nights,           browse,    campaign, slide("a2", "a")};
    Playlist week;
    week.id = "week";
    week.slides = {"campaign"};
    week.times.until = *parse_local_datetime("2026-05-01");
    own.playlists = {week};

    auto monday_10 = LocalTime::from_minute(*parse_local_datetime("2026-05-04T10:00"));
    Catalog catalog = make_catalog({&own}, monday_10);
    CHECK(catalog.languages == std::vector<std::string>{"vi", "en"});
    REQUIRE(catalog.categories.size() == 3); // b has nothing open on a Monday in May
    CHECK(catalog.categories[0].id == "a");
    CHECK(catalog.categories[0].pages == std::vector<SlideRef>{{0, 0}, {0, 8}});
    CHECK(catalog.categories[1].id == "c");
    CHECK(catalog.categories[1].pages == std::vector<SlideRef>{{0, 4}});
    CHECK(catalog.categories[2].id == "d");
    CHECK(catalog.categories[2].pages == std::vector<SlideRef>{{0, 6}}); // the campaign's week is over
    CHECK(catalog.find("c") == 1);
    CHECK(catalog.find("b") == SIZE_MAX);

    // Sunday night's window still holds at 02:00 on Monday, and not on Tuesday.
    auto monday_2 = LocalTime::from_minute(*parse_local_datetime("2026-05-04T02:00"));
    auto tuesday_2 = LocalTime::from_minute(*parse_local_datetime("2026-05-05T02:00"));
    CHECK(make_catalog({&own}, monday_2).categories[1].pages == std::vector<SlideRef>{{0, 5}});
    CHECK(make_catalog({&own}, tuesday_2).find("c") == SIZE_MAX);
    auto saturday = LocalTime::from_minute(*parse_local_datetime("2026-05-09T15:00"));
    CHECK(make_catalog({&own}, saturday).categories[1].pages == std::vector<SlideRef>{{0, 3}});
    CHECK(make_catalog({}, monday_10).categories.empty());
}

TEST_CASE("merged channels add their categories only when a merge rule lets travellers browse them",
          "[screens][catalog]") {
    Content own, national, other;
    own.channel = "province";
    own.languages = {"vi", "en", "lo"};
    own.categories = {{"rules", {}, ""}};
    own.slides = {Slide{.id = "r", .category = "rules"}};
    national.channel = "national";
    national.categories = {{"asean", {}, ""}, {"empty", {}, ""}};
    national.slides = {Slide{.id = "n", .category = "asean"}};
    other.channel = "other";
    other.categories = {{"other", {}, ""}};
    other.slides = {Slide{.id = "o", .category = "other"}};
    own.merge = {{"national", 3, true}, {"other", 0, false}};
    auto catalog = make_catalog({&own, &national, &other}, some_time());
    REQUIRE(catalog.categories.size() == 2);
    CHECK(catalog.categories[1].id == "asean");
    CHECK(catalog.categories[1].source == 1);
    CHECK(catalog.categories[1].pages == std::vector<SlideRef>{{1, 0}});
    CHECK(catalog.languages == own.languages);
    own.merge = {};
    CHECK(make_catalog({&own, &national, &other}, some_time()).categories.size() == 1);
}

TEST_CASE("the demo's catalog has every category with its pages", "[screens][catalog]") {
    const Catalog& catalog = plain_station().catalog;
    REQUIRE(catalog.categories.size() == 8);
    for (std::size_t i = 0; i < 8; ++i)
        CHECK(catalog.categories[i].id == kDemoCategories[i]);
    CHECK(catalog.categories[4].pages.size() == 2); // Thanh Hoa tourism and the Ho citadel
    CHECK(catalog.languages == std::vector<std::string>{"vi", "en", "lo"});
}
