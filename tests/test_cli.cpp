// The two programs as operators and editors run them: exit statuses and what they print.
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace test_support;

namespace {

struct Station {
    TempDir dir;
    fs::path source;
    std::string kiosk;
    Station() {
        source = write_sample_project(dir.path());
        REQUIRE(run(content_tool_bin() + " keygen --out " + quote(dir / "office")).status == 0);
        write_text(dir / "kiosk.conf", "store = " + (dir / "store").string() +
                                           "\ntrusted_keys = " + (dir / "office.pub").string() +
                                           "\nstation = station-1\nfullscreen = no\n");
        kiosk = kiosk_bin() + " --config " + quote(dir / "kiosk.conf");
    }
    CommandResult build(const std::string& name, std::uint64_t version) {
        return run(content_tool_bin() + " build " + quote(source) + " --key " + quote(dir / "office.key") +
                   " -o " + quote(dir / name) + " --version " + std::to_string(version));
    }
};

} // namespace

TEST_CASE("kiosk --help lists every configuration key with its default", "[cli]") {
    auto r = run(kiosk_bin() + " --help");
    CHECK(r.status == 0);
    for (const char* key : {"store", "trusted_keys", "station", "profile", "fonts_dir", "channel"})
        CHECK_THAT(r.output, Catch::Contains(std::string("  ") + key));
    CHECK_THAT(r.output, Catch::Contains("/var/lib/kiosk/store"));
}

TEST_CASE("configuration errors stop the kiosk with a clear message", "[cli]") {
    auto unknown = run(kiosk_bin() + " --set colour=red --verify-store");
    CHECK(unknown.status == 2);
    CHECK_THAT(unknown.output, Catch::Contains("unknown key 'colour'"));
    auto missing = run(kiosk_bin() + " --config /nonexistent/kiosk.conf");
    CHECK(missing.status == 2);
    CHECK_THAT(missing.output, Catch::Contains("/nonexistent/kiosk.conf"));
    auto option = run(kiosk_bin() + " --fly");
    CHECK(option.status == 2);
    CHECK_THAT(option.output, Catch::Contains("unknown option '--fly'"));
}

TEST_CASE("an operator installs a pack and is told in Vietnamese and English", "[cli]") {
    Station s;
    REQUIRE(s.build("v1.kpack", 1).status == 0);
    auto ok = run(s.kiosk + " --install " + quote(s.dir / "v1.kpack"));
    INFO(ok.output);
    CHECK(ok.status == 0);
    CHECK_THAT(ok.output, Catch::Contains("Đã cài đặt gói nội dung"));
    CHECK_THAT(ok.output, Catch::Contains("Installed content pack vn.example.province version 1"));
    auto again = run(s.kiosk + " --install " + quote(s.dir / "v1.kpack"));
    CHECK(again.status == 1);
    CHECK_THAT(again.output, Catch::Contains("Nội dung đang chiếu được giữ nguyên"));
    CHECK_THAT(again.output, Catch::Contains("not newer than version 1"));
    auto verify = run(s.kiosk + " --verify-store");
    CHECK(verify.status == 0);
    CHECK_THAT(verify.output, Catch::Contains("version 1"));
}

TEST_CASE("content-tool verify and inspect describe a pack, and verify refuses a wrong key", "[cli]") {
    Station s;
    REQUIRE(s.build("p.kpack", 42).status == 0);
    auto verify = run(content_tool_bin() + " verify " + quote(s.dir / "p.kpack") + " --pubkey " +
                      quote(s.dir / "office.pub"));
    CHECK(verify.status == 0);
    CHECK_THAT(verify.output, Catch::Contains("OK: signature valid"));
    auto inspect = run(content_tool_bin() + " inspect " + quote(s.dir / "p.kpack"));
    CHECK(inspect.status == 0);
    CHECK_THAT(inspect.output, Catch::Contains("version:  42"));
    CHECK_THAT(inspect.output, Catch::Contains("media/welcome.png"));
    REQUIRE(run(content_tool_bin() + " keygen --out " + quote(s.dir / "other")).status == 0);
    auto wrong = run(content_tool_bin() + " verify " + quote(s.dir / "p.kpack") + " --pubkey " +
                     quote(s.dir / "other.pub"));
    CHECK(wrong.status == 1);
    // In the office's terms, with both keys named: not "this station".
    auto office_id = kiosk::PublicKey::load(s.dir / "office.pub");
    auto other_id = kiosk::PublicKey::load(s.dir / "other.pub");
    REQUIRE(office_id);
    REQUIRE(other_id);
    CHECK_THAT(wrong.output, Catch::Contains("was not signed by the key given: it is signed by key " +
                                             office_id->id() + ", and you gave " + (s.dir / "other.pub").string() +
                                             " (key " + other_id->id() + ")"));
    CHECK_THAT(wrong.output, Catch::Contains("build it again with the secret key (.key) that goes with other.pub"));
    CHECK_THAT(wrong.output, !Catch::Contains("this station"));
    auto usage = run(content_tool_bin() + " build");
    CHECK(usage.status == 2);
    CHECK_THAT(usage.output, Catch::Contains("usage: content-tool build"));
}

// The player opens a real display: SDL's offscreen driver loads Mesa's EGL and GL drivers, which
// keep allocations that LeakSanitizer reports from unloaded modules it cannot name. Leak checking
// stays on for every other test (rendering, store, packs); the other sanitizer checks stay on here.
static const std::string player_env =
    "SDL_VIDEODRIVER=offscreen ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 ";

TEST_CASE("the player runs its loop on a display and exits when asked", "[cli][player]") {
    Station s;
    REQUIRE(s.build("v1.kpack", 1).status == 0);
    REQUIRE(run(s.kiosk + " --install " + quote(s.dir / "v1.kpack")).status == 0);
    auto played = run(player_env + s.kiosk + " --run-for 1.5");
    INFO(played.output);
    CHECK(played.status == 0);
    CHECK_THAT(played.output, Catch::Contains("playing channel vn.example.province version 1"));
    CHECK_THAT(played.output, Catch::Contains("first frame presented"));
    auto first = run(player_env + s.kiosk + " --exit-after-first-frame");
    CHECK(first.status == 0);
    CHECK_THAT(first.output, Catch::Contains("first frame presented after"));
}

TEST_CASE("with nothing installed the player shows the built-in screen, not black", "[cli][player]") {
    Station s;
    auto shot = run(s.kiosk + " --screenshot " + quote(s.dir / "empty.png") + " --size 640x360");
    CHECK(shot.status == 0);
    auto played = run(player_env + s.kiosk + " --run-for 0.5");
    CHECK(played.status == 0);
    CHECK_THAT(played.output, Catch::Contains("nothing to play: no content pack has been installed yet"));
}

TEST_CASE("a replay with a film's sound prints no sound library noise on a machine without a sound card",
          "[cli][player]") {
    Station s;
    make_clip(s.source / "media", "film.mp4",
              "-f lavfi -i testsrc=size=320x240:rate=25 -f lavfi -i sine=frequency=440 -t 3 -c:v libx264 "
              "-pix_fmt yuv420p -c:a aac -movflags +faststart");
    write_text(s.source / "slides" / "00-film.toml", "id = \"film\"\ncategory = \"welcome\"\nduration = 5\n"
                                                     "video = \"media/film.mp4\"\nmuted = false\n"
                                                     "[title]\nvi = \"Phim\"\nen = \"Film\"\nlo = \"ຮູບເງົາ\"\n");
    auto built = s.build("film.kpack", 1);
    INFO(built.output);
    REQUIRE(built.status == 0);
    write_text(s.dir / "flow.txt", "wait 2s\nscreenshot film\n");
    auto replay = run(player_env + s.kiosk + " --content " + quote(s.dir / "film.kpack") + " --replay " +
                      quote(s.dir / "flow.txt") + " --screenshot-dir " + quote(s.dir / "flow"));
    INFO(replay.output);
    CHECK(replay.status == 0);
    CHECK(fs::exists(s.dir / "flow"));
    // Whether this machine has a sound card or not, only the kiosk's own lines are printed: alsa-lib
    // writes "ALSA lib ..." straight to stderr when SDL tries a card that is not there.
    CHECK_THAT(replay.output, !Catch::Contains("ALSA lib") && !Catch::Contains("snd_"));
}
