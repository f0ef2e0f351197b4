// Golden images of the touch screens (half the profiles' sizes) in portrait and landscape: the demo in
// Vietnamese, English and Lao, content in Khmer, Thai and Chinese, and the overlays; and full-size
// screenshots on demand for a person to look at.
#include "render/screens/shapes.hpp"
#include "render/theme.hpp"
#include "screens_support.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>

using namespace kiosk;
using namespace screens_support;
using namespace test_support;

TEST_CASE("golden images of the touch screens", "[screens][golden]") {
    struct Shot {
        const char* name;
        int which; // 0 demo with icons, 1 demo as it is, 2 five scripts
        BrowseState state;
    };
    auto& d = demo_station().catalog;
    auto& s = synthetic_station().catalog;
    std::vector<Shot> shots = {
        {"languages", 0, at(Screen::Languages, "")},
        {"home-vi", 0, at(Screen::Home, "vi")},
        {"home-en", 0, at(Screen::Home, "en")},
        {"home-lo", 0, at(Screen::Home, "lo")},
        {"home-plain-en", 1, at(Screen::Home, "en")},
        {"category-tourism-en", 0, at(Screen::Category, "en", d.find("tourism"))},
        {"category-tourism-lo", 0, at(Screen::Category, "lo", d.find("tourism"))},
        {"page-entry-exit-vi", 0, at(Screen::Page, "vi", d.find("entry-exit"))},
        {"page-entry-exit-en", 0, at(Screen::Page, "en", d.find("entry-exit"))},
        {"page-entry-exit-lo", 0, at(Screen::Page, "lo", d.find("entry-exit"))},
        {"page-tourism-2-lo", 0, at(Screen::Page, "lo", d.find("tourism"), 1)},
        {"page-map-en", 0, at(Screen::Page, "en", d.find("maps"))},
        {"home-km", 2, at(Screen::Home, "km")},
        {"home-zh", 2, at(Screen::Home, "zh")},
        {"page-gallery-th", 2, at(Screen::Page, "th", s.find("tourism"), 0, 1)},
        {"page-gallery-km", 2, at(Screen::Page, "km", s.find("tourism"), 0, 0)},
        {"page-film-zh", 2, at(Screen::Page, "zh", s.find("films"))},
        {"page-text-km", 2, at(Screen::Page, "km", s.find("entry"))},
        {"page-text-th", 2, at(Screen::Page, "th", s.find("entry"))},
    };
    for (const auto& profile : {kPortrait, kLandscape}) {
        // Golden images are half the profile's size, which keeps them small; the layout is the same.
        int w = profile.width / 2, h = profile.height / 2;
        std::string suffix = profile.portrait() ? "-portrait" : "-landscape";
        BrowsePainter demo_painter(shared_text_engine(), demo_station().sources, profile);
        BrowsePainter plain_painter(shared_text_engine(), plain_station().sources, profile);
        BrowsePainter synthetic_painter(shared_text_engine(), synthetic_station().sources, profile);
        auto canvas = make_canvas(w, h);
        for (const auto& shot : shots) {
            BrowsePainter& painter = shot.which == 0   ? demo_painter
                                     : shot.which == 1 ? plain_painter
                                                       : synthetic_painter;
            Station& station = shot.which == 0   ? demo_station()
                               : shot.which == 1 ? plain_station()
                                                 : synthetic_station();
            INFO(shot.name << suffix);
            paint_settled(painter, canvas, shot.state, station.catalog);
            save_and_compare(canvas, shot.name + suffix);
        }

        // The attract loop with its language strip (a plain background stands for the slide).
        {
            canvas.fill({0, 0, w, h}, theme::kBackground);
            Box box = demo_painter.language_strip_box(d, w, h);
            auto strip = make_canvas(box.w, box.h);
            demo_painter.paint_language_strip(strip, d, w, h, 2);
            blit_overlay(canvas, strip, box);
            save_and_compare(canvas, "attract-strip" + suffix);
        }
        // Eight languages in the picker and the strip.
        {
            Content eight = synthetic().content;
            eight.languages = {"vi", "en", "lo", "km", "th", "zh", "fr", "ru"};
            Station station(eight, synthetic().objects);
            BrowsePainter painter(shared_text_engine(), station.sources, profile);
            painter.paint(canvas, at(Screen::Languages, "km"), station.catalog, w, h);
            save_and_compare(canvas, "languages-eight" + suffix);
            canvas.fill({0, 0, w, h}, theme::kBackground);
            Box box = painter.language_strip_box(station.catalog, w, h);
            auto strip = make_canvas(box.w, box.h);
            painter.paint_language_strip(strip, station.catalog, w, h, 3);
            blit_overlay(canvas, strip, box);
            save_and_compare(canvas, "attract-strip-eight" + suffix);
        }
        // "Still there?" over a dimmed page.
        {
            paint_settled(synthetic_painter, canvas, at(Screen::Page, "km", s.find("entry")), s);
            veil(canvas, {0, 0, w, h}, theme::kHeader, 170);
            Box box = synthetic_painter.still_there_box(w, h);
            auto panel = make_canvas(box.w, box.h);
            synthetic_painter.paint_still_there(panel, "km", 8, w, h);
            blit_overlay(canvas, panel, box);
            save_and_compare(canvas, "still-there-km" + suffix);
        }
        // An urgent notice as a banner under Home, and taking over the screen.
        {
            Box box = demo_painter.notice_box(NoticeMode::Banner, w, h);
            demo_painter.set_bottom_inset(box.h);
            paint_settled(demo_painter, canvas, at(Screen::Home, "lo"), d);
            demo_painter.set_bottom_inset(0);
            auto banner = make_canvas(box.w, box.h);
            demo_painter.paint_notice(banner, NoticeMode::Banner,
                                      "ດ່ານປິດຊົ່ວຄາວ ຍ້ອນດິນເຈື່ອນ ຢູ່ທາງຫຼວງ 217. ກະລຸນາ ລໍຖ້າ ຄຳແນະນຳ ຈາກເຈົ້າໜ້າທີ່.",
                                      "ແຈ້ງການ ດ່ວນ", "lo", w, h);
            blit_overlay(canvas, banner, box);
            save_and_compare(canvas, "notice-banner-lo" + suffix);
            auto full = make_canvas(w, h);
            demo_painter.paint_notice(
                full, NoticeMode::Takeover,
                "Cửa khẩu tạm dừng làm thủ tục từ 14:00 đến 16:00 do sạt lở đất trên Quốc lộ "
                "217. Xin quý khách chờ hướng dẫn của cán bộ biên phòng.",
                "Thông báo khẩn", "vi", w, h);
            save_and_compare(full, "notice-takeover-vi" + suffix);
        }
    }
}

// Not run by default: writes every screen at full size into $KIOSK_SCREENS_OUT (or /tmp/kiosk-screens)
// for a person to look at.
TEST_CASE("full-size screenshots of the touch screens for review", "[.][screens][screenshots]") {
    const char* env = std::getenv("KIOSK_SCREENS_OUT");
    fs::path out = env ? env : "/tmp/kiosk-screens";
    fs::create_directories(out);
    for (const auto& profile : {kPortrait, kLandscape}) {
        int w = profile.width, h = profile.height;
        auto canvas = make_canvas(w, h);
        for (int which : {0, 2}) {
            Station& station = which == 0 ? demo_station() : synthetic_station();
            BrowsePainter painter(shared_text_engine(), station.sources, profile);
            for (const auto& lang : station.catalog.languages)
                for (const auto& state : every_screen(station.catalog, lang)) {
                    if (state.picture > 0 || (state.screen == Screen::Languages && !state.language.empty()))
                        continue;
                    paint_settled(painter, canvas, state, station.catalog);
                    std::string name = profile.name + "-" + (which == 0 ? "demo" : "scripts") + "-" +
                                       std::to_string(static_cast<int>(state.screen)) + "-" + lang + "-c" +
                                       std::to_string(state.category) + "p" + std::to_string(state.page) +
                                       ".png";
                    REQUIRE(canvas.save_png(out / name).ok());
                }
        }
    }
}
