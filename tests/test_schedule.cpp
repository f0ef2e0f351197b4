// The attract loop: which views exist for each profile, and how time moves through them.
#include "schedule/attract.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {

Content three_language_content() {
    Content c;
    c.channel = "x";
    c.languages = {"vi", "en", "lo"};
    c.default_language = "vi";
    Slide a;
    a.id = "a";
    a.duration_ms = 5000;
    a.title = {{"vi", "A"}, {"en", "A"}, {"lo", "ກ"}};
    Slide b;
    b.id = "b";
    b.duration_ms = 8000;
    b.title = {{"vi", "B"}, {"en", "B"}}; // no Lao yet
    c.slides = {a, b};
    return c;
}

} // namespace

TEST_CASE("a single-language profile shows each language of each slide in turn", "[schedule]") {
    auto c = three_language_content();
    auto views = attract_sequence(c, {"landscape", 1920, 1080, true, ProfileLayout::Single});
    REQUIRE(views.size() == 5);
    CHECK(views[0] == SlideView{0, {"vi"}, 5000});
    CHECK(views[2] == SlideView{0, {"lo"}, 5000});
    CHECK(views[4] == SlideView{1, {"en"}, 8000}); // slide b has no Lao view
}

TEST_CASE("a dual profile pairs the default language with each other language", "[schedule]") {
    auto c = three_language_content();
    auto views = attract_sequence(c, {"led-wall", 1536, 768, false, ProfileLayout::Dual});
    REQUIRE(views.size() == 3);
    CHECK(views[0].languages == std::vector<std::string>{"vi", "en"});
    CHECK(views[1].languages == std::vector<std::string>{"vi", "lo"});
    CHECK(views[2].languages == std::vector<std::string>{"vi", "en"});
}

TEST_CASE("time moves the loop forward with a crossfade, one view at a time", "[schedule]") {
    auto c = three_language_content();
    AttractLoop loop(attract_sequence(c, {"landscape", 1920, 1080, true, ProfileLayout::Single}));
    CHECK(loop.fade_in() == 1.0f);
    CHECK_FALSE(loop.advance(4999));
    CHECK(loop.index() == 0);
    CHECK(loop.advance(1));
    CHECK(loop.index() == 1);
    CHECK(loop.fading());
    CHECK(loop.fade_in() == 0.0f);
    loop.advance(AttractLoop::kCrossfadeMs / 2);
    CHECK(loop.fade_in() == Approx(0.5f).margin(0.01));
    loop.advance(AttractLoop::kCrossfadeMs);
    CHECK_FALSE(loop.fading());
    // A long stall (suspend) moves on by one view only; nothing is skipped unseen.
    CHECK(loop.advance(3600 * 1000));
    CHECK(loop.index() == 2);
    for (int i = 0; i < 3; ++i)
        loop.advance(10000);
    CHECK(loop.index() == 0); // wrapped around
}

TEST_CASE("a broken view is left out of the loop, but never the last one", "[schedule]") {
    auto c = three_language_content();
    AttractLoop loop(attract_sequence(c, {"landscape", 1920, 1080, true, ProfileLayout::Single}));
    std::size_t n = loop.views().size();
    REQUIRE(n >= 3);
    loop.exclude(1);
    CHECK(loop.excluded(1));
    CHECK(loop.next_index() == 2);
    CHECK(loop.advance(loop.current().duration_ms));
    CHECK(loop.index() == 2);
    CHECK(loop.previous_index() == 0); // the crossfade is from what was on screen
    // Broken while showing: it moves on at once, with a crossfade from it.
    loop.exclude(2);
    CHECK(loop.advance(0));
    CHECK(loop.index() == (n > 3 ? 3u : 0u));
    CHECK(loop.previous_index() == 2);
    // The only view left stays, whatever else breaks.
    for (std::size_t i = 0; i < n; ++i)
        loop.exclude(i);
    std::size_t left = 0;
    for (std::size_t i = 0; i < n; ++i)
        left += !loop.excluded(i);
    CHECK(left == 1);
    CHECK_FALSE(loop.excluded(loop.next_index()));
}
