// The USB install while the kiosk plays: the worker that notices a stick in the mount table and installs it,
// and the overlay painted over what plays on every display profile (golden images; with
// KIOSK_KEEP_SCREENSHOTS=DIR the full-size pictures are kept there for a person to look at).
#include "app/usb_view.hpp"
#include "render/screens/shapes.hpp"
#include "render/theme.hpp"
#include "store/channel_stores.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <thread>

using namespace kiosk;
using namespace test_support;

namespace {

// A slide standing in for what plays: a background, a title band and a picture.
void paint_slide(Canvas& canvas) {
    int w = canvas.width(), h = canvas.height();
    canvas.fill({0, 0, w, h}, theme::kBackground);
    canvas.fill({0, 0, w, h / 8}, theme::kHeader);
    canvas.fill({w / 10, h / 4, w * 8 / 10, h / 2}, SDL_Color{60, 130, 90, 255});
    fill_circle(canvas, w * 0.7f, h * 0.4f, h * 0.08f, theme::kGold);
}

StickReport sample_report(bool refused) {
    StickReport r;
    r.station = "station-1";
    FileOutcome installed;
    installed.file = "province-12.kpack";
    installed.status = FileStatus::Installed;
    installed.channel = "vn.thanh-hoa";
    installed.version = 12;
    r.files.push_back(installed);
    FileOutcome skipped = installed;
    skipped.file = "province-11.kpack";
    skipped.status = FileStatus::Skipped;
    skipped.version = 11;
    skipped.message = "Phiên bản 11 cũ hơn phiên bản 12 của cùng kênh, cũng có trên USB (tệp province-12.kpack).\n"
                      "Version 11 is older than version 12 of the same channel, also on this stick (province-12.kpack).";
    r.files.push_back(skipped);
    if (refused) {
        FileOutcome bad;
        bad.file = "national.kpack";
        bad.status = FileStatus::Refused;
        bad.message = operator_message(make_error(ErrorCode::Signature, "the pack is signed by key 0011, which is "
                                                                       "not among the trusted keys"));
        r.files.push_back(bad);
        FileOutcome notice;
        notice.file = "road.notice";
        notice.kind = FileKind::Notice;
        notice.status = FileStatus::Installed;
        notice.notice_id = "road-closed";
        notice.version = 3;
        r.files.push_back(notice);
    } else {
        r.result_file = "/media/kiosk/STICK/KIOSK-KET-QUA-RESULT-station-1.txt";
    }
    return r;
}

} // namespace

TEST_CASE("the USB install overlay on every display profile", "[usb][golden]") {
    auto [w, h, profile] = GENERATE(std::tuple{1080, 1920, "portrait"}, std::tuple{1920, 1080, "landscape"},
                                    std::tuple{960, 480, "led-wall"});
    bool touch = std::string(profile) != "led-wall";
    UsbOverlayState installing;
    installing.bytes_done = 42;
    installing.bytes_total = 100;
    installing.file = "vn.thanh-hoa-12.kpack";
    installing.index = 1;
    installing.count = 2;
    struct Shot {
        std::string name;
        UsbOverlayState state;
    };
    std::vector<Shot> shots = {{"installing", installing},
                               {"result", overlay_state(sample_report(false), touch)},
                               {"result-refused", overlay_state(sample_report(true), touch)}};
    TempDir out;
    const char* keep = std::getenv("KIOSK_KEEP_SCREENSHOTS");
    for (const auto& shot : shots) {
        auto screen = Canvas::create(w, h);
        REQUIRE(screen);
        paint_slide(*screen);
        veil(*screen, {0, 0, w, h}, SDL_Color{0, 0, 0, 255}, 150); // as the player dims what plays
        Box box = usb_overlay_box(w, h, 43.0f);
        CHECK(box.x >= 0);
        CHECK(box.y >= 0);
        CHECK(box.x + box.w <= w);
        CHECK(box.y + box.h <= h);
        auto panel = Canvas::create(box.w, box.h);
        REQUIRE(panel);
        paint_usb_overlay(*panel, shared_text_engine(), shot.state, w, h, 43.0f);
        SDL_Rect dst{box.x, box.y, box.w, box.h};
        SDL_BlitSurface(panel->surface(), nullptr, screen->surface(), &dst);
        std::string name = "usb-" + shot.name + "-" + profile;
        auto file = out / (name + ".png");
        REQUIRE(screen->save_png(file));
        if (keep)
            fs::copy_file(file, fs::path(keep) / (name + ".png"), fs::copy_options::overwrite_existing);
        if (shot.name != "result") // the progress and the result with a refusal are kept as goldens
            compare_with_golden(name, file);
    }
}

TEST_CASE("the result rows say what happened to each file and why", "[usb]") {
    auto st = overlay_state(sample_report(true), true);
    CHECK(st.done);
    CHECK(st.refused);
    CHECK_FALSE(st.result_written);
    REQUIRE(st.rows.size() == 4);
    // The refusal first, then what was installed, then what was skipped.
    CHECK(st.rows[0].tone == Tone::Bad);
    CHECK(st.rows[0].vi == "BỊ TỪ CHỐI: gói nội dung national.kpack");
    CHECK_THAT(st.rows[0].detail_vi, Catch::Contains("không có chữ ký hợp lệ"));
    CHECK_THAT(st.rows[0].detail_en, Catch::Contains("not signed by a trusted office key"));
    CHECK(st.rows[1].tone == Tone::Good);
    CHECK(st.rows[1].vi == "ĐÃ CÀI ĐẶT: gói nội dung vn.thanh-hoa phiên bản 12");
    CHECK(st.rows[2].tone == Tone::Good);
    CHECK(st.rows[3].tone == Tone::Plain);
    CHECK_THAT(st.rows[3].detail_en, Catch::Contains("older than version 12"));
    CHECK(st.rows[2].vi == "ĐÃ CÀI ĐẶT: thông báo khẩn road-closed phiên bản 3");
}

TEST_CASE("a stick appearing in the mount table is installed by the worker, once", "[usb]") {
    TempDir dir;
    SecretKey key = generate_key();
    TrustedKeys keys;
    keys.add(key.public_key());
    auto source = write_sample_project(dir.path());
    auto media = dir / "media";
    auto stick = media / "kiosk" / "STICK";
    fs::create_directories(stick / "kiosk");
    build_source(source, key, stick / "kiosk" / "p.kpack", 4);
    KioskConfig config;
    config.station = "station-1";
    config.store = dir / "store";
    auto stores = ChannelStores::open(config.store, keys, config.station, "", {});
    REQUIRE(stores);

    std::string system = "22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw\n";
    std::string line = "130 22 8:17 / " + stick.string() + " rw,nosuid,nodev,relatime shared:64 - vfat /dev/sdb1 rw\n";
    std::mutex mutex;
    std::string table = system;
    auto mountinfo = [&]() -> Result<std::string> {
        std::lock_guard lock(mutex);
        return table;
    };
    auto wait_for = [](const std::function<bool()>& done) {
        for (int i = 0; i < 300 && !done(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return done();
    };
    auto handled = dir / "handled";
    {
        UsbInstaller installer(InstallContext{*stores, config, keys, nullptr, {}}, media, handled, mountinfo);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        CHECK(installer.activity().phase == UsbActivity::Phase::Idle);
        {
            std::lock_guard lock(mutex);
            table = system + line; // plugged in
        }
        REQUIRE(wait_for([&] { return installer.activity().phase == UsbActivity::Phase::Done; }));
        auto activity = installer.activity();
        REQUIRE(activity.report);
        REQUIRE(activity.report->files.size() == 1);
        CHECK(activity.report->files[0].status == FileStatus::Installed);
        CHECK(activity.progress.done == activity.progress.total);
        CHECK(fs::exists(stick / "KIOSK-KET-QUA-RESULT-station-1.txt"));

        // The player's view of it, drawn by SDL's software renderer over a slide as on the station.
        auto screen = Canvas::create(1920, 1080);
        REQUIRE(screen);
        paint_slide(*screen);
        SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(screen->surface());
        REQUIRE(renderer);
        UsbView view(shared_text_engine(), installer, 43.0f, true);
        CHECK(view.update(1000));
        CHECK(view.visible());
        view.draw(renderer, 1920, 1080);
        SDL_RenderPresent(renderer);
        if (const char* keep = std::getenv("KIOSK_KEEP_SCREENSHOTS"))
            REQUIRE(screen->save_png(fs::path(keep) / "usb-player-result-landscape.png"));
        SDL_Color centre{};
        SDL_GetRGBA(static_cast<Uint32*>(screen->surface()->pixels)[540 * 1920 + 960], screen->surface()->format,
                    &centre.r, &centre.g, &centre.b, &centre.a);
        CHECK(centre.r == theme::kPanel.r); // the panel is on top, in the middle
        CHECK(centre.b == theme::kPanel.b);
        // A touch closes the result; so do 15 seconds.
        SDL_Event touch{};
        touch.type = SDL_FINGERDOWN;
        CHECK(view.handle(touch));
        CHECK(view.update(2000));
        CHECK_FALSE(view.visible());
        SDL_DestroyRenderer(renderer);
        CHECK(installer.activity().phase == UsbActivity::Phase::Idle);
    }
    auto active = stores->own().open_active(Verify::Full);
    REQUIRE(active);
    CHECK(active->manifest.version == 4);

    // The kiosk restarts with the stick still in: not installed again (the result file is not rewritten).
    fs::remove(stick / "KIOSK-KET-QUA-RESULT-station-1.txt");
    {
        UsbInstaller installer(InstallContext{*stores, config, keys, nullptr, {}}, media, handled, mountinfo);
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        CHECK(installer.activity().phase == UsbActivity::Phase::Idle);
        CHECK_FALSE(fs::exists(stick / "KIOSK-KET-QUA-RESULT-station-1.txt"));
        // Pulled out and plugged in again: handled again (the same pack: already current), even though the
        // kernel gave it the mount id it had before, as Linux does (it reuses the lowest free id).
        {
            std::lock_guard lock(mutex);
            table = system;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(UsbInstaller::kPollMs + 300));
        {
            std::lock_guard lock(mutex);
            table = system + line;
        }
        REQUIRE(wait_for([&] { return installer.activity().phase == UsbActivity::Phase::Done; }));
        CHECK(installer.activity().report->files[0].status == FileStatus::Current);
        CHECK(fs::exists(stick / "KIOSK-KET-QUA-RESULT-station-1.txt"));
    }
}
