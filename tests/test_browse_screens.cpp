// What travellers see and touch on the browse screens: QR codes, touch targets of at least 9 mm on every
// screen of every profile, what each button does, every script without a missing glyph or text
// overflowing its box, pictures never stretched or waited for, and how long a paint takes.
#include "render/screens/qr_code.hpp"
#include "screens_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace kiosk;
using namespace screens_support;
using namespace test_support;

TEST_CASE("QR codes have their three finder patterns and whole-pixel modules", "[screens][qr]") {
    auto text = GENERATE(as<std::string>{}, "https://thanhhoa.gov.vn/na-meo",
                         "https://example.gov.vn/" + std::string(977, 'a'));
    int max_side = GENERATE(200, 333, 600);
    auto qr = make_qr(text, max_side);
    INFO(text.size() << " bytes in " << max_side << " px");
    if (!qr) {
        // Only a long address in a small square may fail, and it says why.
        CHECK(text.size() > 500);
        CHECK(max_side < 200 + 1);
        CHECK(qr.error().code == ErrorCode::TooLarge);
        CHECK(qr.error().message.find("shorter web address") != std::string::npos);
        return;
    }
    SDL_Surface* s = qr->get();
    REQUIRE(s->w == s->h);
    CHECK(s->w <= max_side);
    auto dark = [&](int x, int y) {
        return (static_cast<const Uint32*>(s->pixels)[y * s->pitch / 4 + x] & 0xFFFFFF) == 0;
    };
    // The first dark pixel on the diagonal is the top-left finder's corner, four modules in.
    int corner = 0;
    while (corner < s->w && !dark(corner, corner))
        ++corner;
    REQUIRE(corner % kQrQuietModules == 0);
    int module = corner / kQrQuietModules;
    REQUIRE(module >= 1);
    REQUIRE(s->w % module == 0);
    int modules = s->w / module - 2 * kQrQuietModules;
    CHECK((modules - 17) % 4 == 0); // a QR code is 17 + 4 x version modules wide
    // Every pixel of a module has its colour, and the quiet zone is white.
    for (int y = 0; y < s->h; ++y)
        for (int x = 0; x < s->w; ++x) {
            int mx = x / module, my = y / module;
            if (dark(x, y) != dark(mx * module, my * module))
                FAIL("module " << mx << "," << my << " is not whole");
            if (mx < kQrQuietModules || my < kQrQuietModules || mx >= modules + kQrQuietModules ||
                my >= modules + kQrQuietModules)
                REQUIRE_FALSE(dark(x, y));
        }
    auto finder_at = [&](int mx, int my) {
        for (int j = 0; j < 7; ++j)
            for (int i = 0; i < 7; ++i) {
                bool ring = i == 0 || j == 0 || i == 6 || j == 6;
                bool centre = i >= 2 && i <= 4 && j >= 2 && j <= 4;
                int px = (kQrQuietModules + mx + i) * module + module / 2;
                int py = (kQrQuietModules + my + j) * module + module / 2;
                if (dark(px, py) != (ring || centre))
                    return false;
            }
        return true;
    };
    CHECK(finder_at(0, 0));
    CHECK(finder_at(modules - 7, 0));
    CHECK(finder_at(0, modules - 7));
    CHECK_FALSE(finder_at(modules - 7, modules - 7));
}

TEST_CASE("QR codes refuse what cannot be shown with a clear reason", "[screens][qr]") {
    CHECK_FALSE(make_qr("", 300).ok());
    auto small = make_qr("https://thanhhoa.gov.vn/na-meo", 20);
    REQUIRE_FALSE(small.ok());
    CHECK(small.error().message.find("does not fit 20 pixels") != std::string::npos);
    auto huge = make_qr(std::string(4000, 'x'), 2000);
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.error().code == ErrorCode::TooLarge);
    // The longest link content-tool accepts fits the page's QR square on both touch profiles.
    auto longest = make_qr("https://example.gov.vn/" + std::string(977, 'a'), 205);
    CHECK(longest.ok());
}

TEST_CASE("screen metrics turn millimetres into pixels for the panel's size", "[screens]") {
    auto landscape = ScreenMetrics::of(1920, 1080, 43);
    CHECK(landscape.px_per_mm == Approx(2.017).epsilon(0.01));
    CHECK(landscape.min_target_px() == 19);
    CHECK(ScreenMetrics::of(1080, 1920, 43).min_target_px() == 19);
    CHECK(ScreenMetrics::of(1080, 1920, 32).min_target_px() == 25);
    CHECK(ScreenMetrics::of(3840, 2160, 55).min_target_px() == 29);
    CHECK(ScreenMetrics::of(1920, 1080, 0).min_target_px() == 19); // no diagonal configured: 43"
}

TEST_CASE("every button on every screen is at least 9 mm on both sides", "[screens][targets]") {
    auto profile = GENERATE(kLandscape, kPortrait);
    float inches = GENERATE(32.0f, 43.0f, 55.0f, 86.0f);
    auto which = GENERATE(0, 1);
    Station& station = which == 0 ? demo_station() : synthetic_station();
    const std::string lang = which == 0 ? "lo" : "km";
    BrowsePainter painter(shared_text_engine(), station.sources, profile, inches);
    auto canvas = make_canvas(profile.width, profile.height);
    int min = ScreenMetrics::of(profile.width, profile.height, inches).min_target_px();
    INFO(profile.name << " at " << inches << "\" needs " << min << " px");
    auto check = [&](const std::vector<HitTarget>& targets, const std::string& what) {
        INFO(what);
        for (const auto& t : targets) {
            INFO("command " << static_cast<int>(t.command.kind) << " at " << t.box.x << "," << t.box.y << " "
                            << t.box.w << "x" << t.box.h);
            CHECK(t.box.w >= min);
            CHECK(t.box.h >= min);
            CHECK(t.box.x >= 0);
            CHECK(t.box.y >= 0);
            CHECK(t.box.x + t.box.w <= profile.width);
            CHECK(t.box.y + t.box.h <= profile.height);
        }
        // No two buttons share a pixel: a tap means one thing.
        for (std::size_t i = 0; i < targets.size(); ++i)
            for (std::size_t j = i + 1; j < targets.size(); ++j) {
                const Box &a = targets[i].box, &b = targets[j].box;
                bool apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
                CHECK(apart);
            }
    };
    for (const auto& state : every_screen(station.catalog, lang)) {
        auto targets = painter.paint(canvas, state, station.catalog, profile.width, profile.height);
        CHECK(targets.size() >= 3);
        check(targets, "screen " + std::to_string(static_cast<int>(state.screen)) + " " +
                           std::to_string(state.category) + "/" + std::to_string(state.page));
    }
    Box strip = painter.language_strip_box(station.catalog, profile.width, profile.height);
    auto strip_canvas = make_canvas(strip.w, strip.h);
    auto strip_targets =
        painter.paint_language_strip(strip_canvas, station.catalog, profile.width, profile.height);
    CHECK(strip_targets.size() == station.catalog.languages.size());
    check(strip_targets, "language strip");
}

TEST_CASE("each button does what it shows", "[screens][targets]") {
    Station& station = demo_station();
    const Catalog& catalog = station.catalog;
    auto profile = GENERATE(kLandscape, kPortrait);
    int w = profile.width, h = profile.height;
    BrowsePainter painter(shared_text_engine(), station.sources, profile);
    auto canvas = make_canvas(w, h);
    INFO(profile.name);

    SECTION("the language picker lists the station's languages in order") {
        auto targets = painter.paint(canvas, at(Screen::Languages, ""), catalog, w, h);
        auto choices = of_kind(targets, Command::Kind::ChooseLanguage);
        REQUIRE(choices.size() == 3);
        CHECK(choices[0].command.text == "vi");
        CHECK(choices[1].command.text == "en");
        CHECK(choices[2].command.text == "lo");
    }
    SECTION("the bar's buttons are in the same place on every screen") {
        std::optional<std::vector<Box>> first;
        for (const auto& state : every_screen(catalog, "en")) {
            auto targets = painter.paint(canvas, state, catalog, w, h);
            std::vector<Box> bar;
            for (auto kind : {Command::Kind::Home, Command::Kind::Back, Command::Kind::ChangeLanguage}) {
                auto found = of_kind(targets, kind);
                REQUIRE(found.size() == 1);
                bar.push_back(found[0].box);
            }
            if (!first)
                first = bar;
            CHECK(bar == *first);
        }
        // Home at the top left, the language at the top right.
        auto targets = painter.paint(canvas, at(Screen::Page, "en", 1), catalog, w, h);
        const auto& home = (*first)[0];
        REQUIRE(tap(targets, home.x + 2, home.y + 2));
        CHECK(tap(targets, home.x + 2, home.y + 2)->command.kind == Command::Kind::Home);
        CHECK(home.x < w / 4);
        CHECK((*first)[2].x > w / 2);
    }
    SECTION("tapping the second tile opens the second category") {
        auto targets = painter.paint(canvas, at(Screen::Home, "vi"), catalog, w, h);
        auto tiles = of_kind(targets, Command::Kind::OpenCategory);
        REQUIRE(tiles.size() == catalog.categories.size());
        for (std::size_t i = 0; i < tiles.size(); ++i)
            CHECK(tiles[i].command.index == i); // in reading order
        const Box& second = tiles[1].box;
        const HitTarget* hit = tap(targets, second.x + second.w / 2, second.y + second.h / 2);
        REQUIRE(hit);
        CHECK(hit->command == Command{Command::Kind::OpenCategory, 1});
    }
    SECTION("a category lists its pages and a page leads to the next") {
        std::size_t tourism = catalog.find("tourism");
        auto targets = painter.paint(canvas, at(Screen::Category, "lo", tourism), catalog, w, h);
        auto pages = of_kind(targets, Command::Kind::OpenPage);
        REQUIRE(pages.size() == 2);
        CHECK(pages[0].command.index == 0);
        CHECK(pages[1].command.index == 1);
        auto first = painter.paint(canvas, at(Screen::Page, "lo", tourism, 0), catalog, w, h);
        CHECK(of_kind(first, Command::Kind::NextPage).size() == 1);
        CHECK(of_kind(first, Command::Kind::PreviousPage).empty());
        auto second = painter.paint(canvas, at(Screen::Page, "lo", tourism, 1), catalog, w, h);
        CHECK(of_kind(second, Command::Kind::NextPage).empty());
        CHECK(of_kind(second, Command::Kind::PreviousPage).size() == 1);
        auto single = painter.paint(canvas, at(Screen::Page, "lo", catalog.find("hours")), catalog, w, h);
        CHECK(of_kind(single, Command::Kind::NextPage).empty());
        CHECK(of_kind(single, Command::Kind::PreviousPage).empty());
    }
    SECTION("the map page tells the app where the zoomable map goes") {
        auto state = at(Screen::Page, "en", catalog.find("maps"));
        Box map = painter.media_box(state, catalog, w, h);
        CHECK(map.w > w / 3);
        CHECK(map.h > h / 5);
        CHECK(painter.media_box(at(Screen::Page, "en", catalog.find("hours")), catalog, w, h) == Box{});
        CHECK(painter.media_box(at(Screen::Home, "en"), catalog, w, h) == Box{});
    }
}

TEST_CASE("a gallery swipes by its arrows and a film has a 16:9 place", "[screens][targets]") {
    Station& station = synthetic_station();
    const Catalog& catalog = station.catalog;
    auto profile = GENERATE(kLandscape, kPortrait);
    int w = profile.width, h = profile.height;
    BrowsePainter painter(shared_text_engine(), station.sources, profile);
    auto canvas = make_canvas(w, h);
    auto gallery_page = at(Screen::Page, "th", catalog.find("tourism"));
    auto targets = painter.paint(canvas, gallery_page, catalog, w, h);
    auto previous = of_kind(targets, Command::Kind::PreviousPicture);
    auto next = of_kind(targets, Command::Kind::NextPicture);
    REQUIRE(previous.size() == 1);
    REQUIRE(next.size() == 1);
    Box gallery = painter.gallery_box(gallery_page, catalog, w, h);
    CHECK(gallery.contains(previous[0].box.x, previous[0].box.y));
    CHECK(gallery.contains(next[0].box.x + next[0].box.w - 1, next[0].box.y));
    CHECK(previous[0].box.x < next[0].box.x);
    CHECK(page_pictures(synthetic().content.slides[1]).size() == 3);

    auto film_page = at(Screen::Page, "zh", catalog.find("films"));
    Box film = painter.media_box(film_page, catalog, w, h);
    CHECK(std::abs(film.w * 9 - film.h * 16) <= 16);
    CHECK(film.w > w / 3);
    CHECK(painter.gallery_box(film_page, catalog, w, h) == Box{});

    // The still-there panel keeps the whole screen alive.
    Box panel = painter.still_there_box(w, h);
    auto panel_canvas = make_canvas(panel.w, panel.h);
    auto still = painter.paint_still_there(panel_canvas, "zh", 7, w, h);
    REQUIRE(still.size() == 1);
    CHECK(still[0].box == Box{0, 0, w, h});
    CHECK(still[0].command.kind == Command::Kind::Touch);
}

TEST_CASE("the language strip goes straight to Home in each language", "[screens][targets]") {
    Station& station = demo_station();
    auto profile = GENERATE(kLandscape, kPortrait);
    BrowsePainter painter(shared_text_engine(), station.sources, profile);
    Box box = painter.language_strip_box(station.catalog, profile.width, profile.height);
    CHECK(box.y + box.h == profile.height);
    CHECK(box.h < profile.height / 4);
    auto canvas = make_canvas(box.w, box.h);
    auto targets = painter.paint_language_strip(canvas, station.catalog, profile.width, profile.height, 2);
    auto choices = of_kind(targets, Command::Kind::ChooseLanguage);
    REQUIRE(choices.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(choices[i].command.text == station.catalog.languages[i]);
        CHECK(box.contains(choices[i].box.x, choices[i].box.y));
    }
    // A banner along the bottom lifts the strip above it.
    Box banner = painter.notice_box(NoticeMode::Banner, profile.width, profile.height);
    painter.set_bottom_inset(banner.h);
    CHECK(painter.language_strip_box(station.catalog, profile.width, profile.height).y + box.h == banner.y);
}

TEST_CASE("every screen of the demo and of five scripts renders without a missing glyph or overflow",
          "[screens][text]") {
    auto profile = GENERATE(kLandscape, kPortrait);
    auto which = GENERATE(0, 1, 2);
    Station& station = which == 0 ? demo_station() : which == 1 ? plain_station() : synthetic_station();
    BrowsePainter painter(shared_text_engine(), station.sources, profile);
    auto canvas = make_canvas(profile.width, profile.height);
    for (const auto& lang : station.catalog.languages) {
        for (const auto& state : every_screen(station.catalog, lang))
            painter.paint(canvas, state, station.catalog, profile.width, profile.height);
        Box strip = painter.language_strip_box(station.catalog, profile.width, profile.height);
        auto strip_canvas = make_canvas(strip.w, strip.h);
        for (std::size_t hint = 0; hint < station.catalog.languages.size(); ++hint)
            painter.paint_language_strip(strip_canvas, station.catalog, profile.width, profile.height, hint);
        Box still = painter.still_there_box(profile.width, profile.height);
        auto still_canvas = make_canvas(still.w, still.h);
        painter.paint_still_there(still_canvas, lang, 9, profile.width, profile.height);
    }
    INFO(profile.name << " content " << which);
    CHECK(joined(painter.overflows()) == "");
    CHECK(joined(painter.missing_glyphs()) == "");
}

TEST_CASE("pictures keep their shape in every box", "[screens][pictures]") {
    auto profile = GENERATE(kLandscape, kPortrait);
    auto which = GENERATE(0, 1);
    Station& station = which == 0 ? demo_station() : synthetic_station();
    BrowsePainter painter(shared_text_engine(), station.sources, profile);
    auto canvas = make_canvas(profile.width, profile.height);
    std::size_t drawn = 0;
    for (const auto& state : every_screen(station.catalog, "en")) {
        paint_settled(painter, canvas, state, station.catalog);
        for (const auto& p : painter.drawn_pictures()) {
            INFO(p.path << " region " << p.region.w << "x" << p.region.h << " in " << p.box.w << "x"
                        << p.box.h);
            // The box's height is the region's shape at the box's width, to a pixel.
            double expected_h = static_cast<double>(p.box.w) * p.region.h / p.region.w;
            double expected_w = static_cast<double>(p.box.h) * p.region.w / p.region.h;
            CHECK((std::abs(expected_h - p.box.h) <= 1.0 || std::abs(expected_w - p.box.w) <= 1.0));
            CHECK(p.box.x >= 0);
            CHECK(p.box.x + p.box.w <= profile.width);
            ++drawn;
        }
    }
    CHECK(drawn > 5);
}

TEST_CASE("a picture is never waited for: the screen shows at once and again when it arrives", "[screens]") {
    Station& station = synthetic_station();
    BrowsePainter painter(shared_text_engine(), station.sources, kPortrait);
    auto canvas = make_canvas(1080, 1920);
    auto page = at(Screen::Page, "vi", station.catalog.find("tourism"));
    painter.paint(canvas, page, station.catalog, 1080, 1920);
    CHECK(painter.drawn_pictures().empty());
    bool ready = false;
    for (int i = 0; i < 500 && !ready; ++i) {
        ready = painter.needs_repaint();
        if (!ready)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(ready);
    painter.paint(canvas, page, station.catalog, 1080, 1920);
    CHECK(painter.drawn_pictures().size() == 1);
    CHECK_FALSE(painter.needs_repaint());

    // Prefetching from Home reads the pages' pictures ahead, so they show on their first paint.
    auto home = at(Screen::Home, "vi");
    int calls = 1;
    while (painter.prefetch(home, station.catalog, 1080, 1920))
        ++calls;
    CHECK(calls <= 2 * static_cast<int>(station.catalog.categories.size()));
    CHECK_FALSE(painter.prefetch(home, station.catalog, 1080, 1920));
    painter.finish_pictures();
    painter.paint(canvas, at(Screen::Page, "vi", station.catalog.find("films")), station.catalog, 1080, 1920);
    CHECK(painter.drawn_pictures().size() == 1);
}

TEST_CASE("painting a screen on warm caches takes a few milliseconds", "[screens][timing]") {
    // A text engine of its own, so that "cold" means no text laid out and no glyph drawn before.
    auto opened = TextEngine::open(font_paths());
    REQUIRE(opened.ok());
    TextEngine& engine = *opened;
    auto ms_since = [](std::chrono::steady_clock::time_point t0) {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    };
    auto canvas = make_canvas(1080, 1920);
    auto warm_median = [&](BrowsePainter& painter, const BrowseState& state, const Catalog& catalog) {
        painter.finish_pictures();
        std::vector<double> times;
        for (int i = 0; i < 30; ++i) {
            auto start = std::chrono::steady_clock::now();
            painter.paint(canvas, state, catalog, 1080, 1920);
            times.push_back(ms_since(start));
        }
        std::sort(times.begin(), times.end());
        return std::pair{times[times.size() / 2], times.back()};
    };
    std::printf("\nBrowse screens at 1080x1920 (portrait), milliseconds per paint:\n");
    {
        // Cold: a long Lao page painted first, with nothing laid out before.
        Station& d = demo_station();
        BrowsePainter painter(engine, d.sources, kPortrait);
        auto page = at(Screen::Page, "lo", d.catalog.find("entry-exit"));
        auto t0 = std::chrono::steady_clock::now();
        painter.paint(canvas, page, d.catalog, 1080, 1920);
        std::printf("  %-34s cold %6.2f\n", "page entry-exit (lo), nothing warm", ms_since(t0));
    }
    struct Step {
        const char* name;
        Station* station;
        BrowseState state;
    };
    auto& d = demo_station();
    auto& s = synthetic_station();
    // A traveller's path: each screen painted first after the previous one prefetched it.
    std::vector<Step> steps = {
        {"languages", &d, at(Screen::Languages, "")},
        {"home (vi, 8 icon tiles)", &d, at(Screen::Home, "vi")},
        {"category tourism (vi)", &d, at(Screen::Category, "vi", d.catalog.find("tourism"))},
        {"page tourism 2 (vi)", &d, at(Screen::Page, "vi", d.catalog.find("tourism"), 1)},
        {"home (th)", &s, at(Screen::Home, "th")},
        {"page gallery + QR (th)", &s, at(Screen::Page, "th", s.catalog.find("tourism"))},
        {"page text + QR (km)", &s, at(Screen::Page, "km", s.catalog.find("entry"))},
    };
    BrowsePainter demo_painter(engine, d.sources, kPortrait);
    BrowsePainter scripts_painter(engine, s.sources, kPortrait);
    const Step* previous = nullptr;
    for (const auto& step : steps) {
        BrowsePainter& painter = step.station == &d ? demo_painter : scripts_painter;
        if (previous && previous->station == step.station) {
            while (painter.prefetch(previous->state, step.station->catalog, 1080, 1920)) {
            }
            painter.finish_pictures();
        }
        auto t0 = std::chrono::steady_clock::now();
        painter.paint(canvas, step.state, step.station->catalog, 1080, 1920);
        double first = ms_since(t0);
        auto [median, max] = warm_median(painter, step.state, step.station->catalog);
        std::printf("  %-34s first %6.2f   warm median %5.2f   max %5.2f\n", step.name, first, median, max);
        previous = &step;
    }
    Box box = demo_painter.language_strip_box(d.catalog, 1080, 1920);
    auto strip = make_canvas(box.w, box.h);
    demo_painter.paint_language_strip(strip, d.catalog, 1080, 1920, 0);
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 30; ++i)
        demo_painter.paint_language_strip(strip, d.catalog, 1080, 1920, static_cast<std::size_t>(i));
    std::printf("  %-34s warm mean %5.2f\n", "language strip (1080x~300)", ms_since(start) / 30);
    SUCCEED();
}

TEST_CASE("the language picker and strip hold two to eight languages on both orientations",
          "[screens][targets]") {
    auto profile = GENERATE(kLandscape, kPortrait);
    std::size_t count = GENERATE(2, 3, 4, 5, 6, 7, 8);
    const std::vector<std::string> all = {"lo", "vi", "km", "en", "th", "zh", "fr", "ru"};
    Content content = synthetic().content;
    content.languages.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(count));
    Station station(content, synthetic().objects);
    BrowsePainter painter(shared_text_engine(), station.sources, profile);
    auto canvas = make_canvas(profile.width, profile.height);
    int min = ScreenMetrics::of(profile.width, profile.height).min_target_px();
    INFO(profile.name << " with " << count << " languages");
    auto targets =
        painter.paint(canvas, at(Screen::Languages, ""), station.catalog, profile.width, profile.height);
    auto choices = of_kind(targets, Command::Kind::ChooseLanguage);
    REQUIRE(choices.size() == count);
    Box strip = painter.language_strip_box(station.catalog, profile.width, profile.height);
    auto strip_canvas = make_canvas(strip.w, strip.h);
    auto strip_targets =
        painter.paint_language_strip(strip_canvas, station.catalog, profile.width, profile.height);
    REQUIRE(strip_targets.size() == count);
    for (const auto& list : {choices, strip_targets})
        for (std::size_t i = 0; i < count; ++i) {
            CHECK(list[i].command.text == all[i]);
            CHECK(list[i].box.w >= min * 6);
            CHECK(list[i].box.h >= min * 3);
            CHECK(list[i].box.y + list[i].box.h <= profile.height);
        }
    CHECK(joined(painter.overflows()) == "");
}

TEST_CASE("an urgent notice is never smaller than the readable size: a long one takes turns in pages",
          "[screens][notice]") {
    static const DisplayProfile kWall{"led-wall", 1536, 768, false, ProfileLayout::Dual};
    auto profile = GENERATE(kLandscape, kPortrait, kWall);
    auto mode = GENERATE(NoticeMode::Banner, NoticeMode::Takeover);
    BrowsePainter painter(shared_text_engine(), demo_station().sources, profile);
    int w = profile.width, h = profile.height;
    std::string heading = "Thông báo khẩn";
    std::string longer;
    // Numbered, so that no two pages can show the same words even when the sentences break alike.
    for (int i = 0; i < 4; ++i)
        longer += "(" + std::to_string(i + 1) + ") Cửa khẩu tạm dừng làm thủ tục từ 14:00 đến 16:00 do sạt lở đất "
                  "trên Quốc lộ 217. ";
    INFO(profile.name << (mode == NoticeMode::Banner ? " banner" : " takeover"));
    // The rule: capitals of 20 arc-minutes from 2 m on a 43-inch cabinet (33 px at 1080p), 4 m on a wall.
    auto fit = painter.notice_fit(mode, longer, heading, "vi", w, h);
    CHECK(fit.min_px == (profile.touch ? 33 : 52));
    CHECK(fit.text_px >= fit.min_px);
    if (mode == NoticeMode::Banner) {
        CHECK(fit.pages > 1);
        CHECK(fit.page_ms >= 5000);
        CHECK(fit.page_ms <= 15000);
        CHECK(fit.page_at(0) == 0);
        CHECK(fit.page_at(fit.page_ms) == 1);
        CHECK(fit.page_at(static_cast<std::int64_t>(fit.pages) * fit.page_ms) == 0);
        // Each page shows other words.
        auto first = make_canvas(fit.box.w, fit.box.h), second = make_canvas(fit.box.w, fit.box.h);
        painter.paint_notice(first, mode, longer, heading, "vi", w, h, 0);
        painter.paint_notice(second, mode, longer, heading, "vi", w, h, 1);
        CHECK(difference(first.surface(), second.surface()) > 0.001); // the same page twice differs by 0
    }
    // A short notice shows whole, and a takeover's words grow to fill the screen.
    auto short_fit = painter.notice_fit(mode, "Cửa khẩu đóng lúc 17:00.", heading, "vi", w, h);
    CHECK(short_fit.pages == 1);
    CHECK(short_fit.page_ms == 0);
    CHECK(short_fit.text_px >= short_fit.min_px);
    if (mode == NoticeMode::Takeover)
        CHECK(short_fit.text_px >= std::min(w, h) * 8 / 100);
    CHECK(joined(painter.missing_glyphs()) == "");
}

TEST_CASE("a notice banner holds two readable lines on every profile", "[screens][notice]") {
    for (const auto& profile : builtin_profiles()) {
        BrowsePainter painter(shared_text_engine(), demo_station().sources, profile);
        auto fit = painter.notice_fit(NoticeMode::Banner, "Cửa khẩu đóng lúc 17:00. ດ່ານປິດ ເວລາ 17:00.", "!", "vi",
                                      profile.width, profile.height);
        INFO(profile.name);
        CHECK(fit.box.h >= 2 * fit.min_px);
        CHECK(fit.box.h <= profile.height * 3 / 10);
        CHECK(fit.text_px >= fit.min_px);
    }
}
