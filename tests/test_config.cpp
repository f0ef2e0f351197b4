// Station configuration: defaults, file lines, overrides and the errors a technician would make.
#include "config/config.hpp"
#include "content/content.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;
using namespace test_support;

TEST_CASE("every key has a default and the defaults resolve", "[config]") {
    ConfigValues values;
    auto c = values.resolve();
    REQUIRE(c.ok());
    CHECK(c->store == "/var/lib/kiosk/store");
    CHECK(c->profile == "landscape");
    CHECK(c->fullscreen);
    for (const char* key : {"store", "trusted_keys", "station", "profile"})
        CHECK(std::any_of(config_keys().begin(), config_keys().end(),
                          [&](const ConfigKey& k) { return k.name == std::string(key); }));
}

TEST_CASE("a config file is read and --set overrides it", "[config]") {
    TempDir dir;
    write_text(dir / "kiosk.conf",
               "# Na Mèo\nstation = na-meo\n  store = /srv/store  \ntrusted_keys = a.pub, b.pub\n\n");
    ConfigValues values;
    REQUIRE(values.load_file(dir / "kiosk.conf", true).ok());
    REQUIRE(values.set("profile=portrait").ok());
    REQUIRE(values.set("station = cau-treo").ok());
    auto c = values.resolve();
    REQUIRE(c.ok());
    CHECK(c->station == "cau-treo");
    CHECK(c->store == "/srv/store");
    CHECK(c->profile == "portrait");
    CHECK(c->trusted_keys == std::vector<fs::path>{"a.pub", "b.pub"});
}

TEST_CASE("config mistakes are named with file and line", "[config]") {
    TempDir dir;
    ConfigValues values;
    write_text(dir / "a.conf", "station = x\nstaton = y\n");
    auto r = values.load_file(dir / "a.conf", true);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("a.conf:2: unknown key 'staton'"));
    write_text(dir / "b.conf", "station\n");
    CHECK_THAT(values.load_file(dir / "b.conf", true).error().message,
               Catch::Contains("b.conf:1: expected 'key = value'"));
    CHECK_FALSE(values.set("nonsense").ok());
    REQUIRE(values.set("fullscreen=maybe").ok());
    CHECK_FALSE(values.resolve().ok());
    REQUIRE(values.set("fullscreen=no").ok());
    REQUIRE(values.set("renderer=opengl").ok());
    CHECK_THAT(values.resolve().error().message, Catch::Contains("renderer must be auto, gpu or software"));
    REQUIRE(values.set("renderer=software").ok());
    REQUIRE(values.resolve().ok());
    CHECK(values.resolve()->renderer == KioskConfig::Renderer::Software);
    CHECK(values.load_file(dir / "missing.conf", false).ok());
    CHECK_FALSE(values.load_file(dir / "missing.conf", true).ok());
    // A wrong value names the line it was written on, and a comment may follow a value.
    ConfigValues fresh;
    write_text(dir / "c.conf", "station = na-meo   # the gate's id\nvolume = 60\t# hall\n\nquiet_volume = 200\n");
    REQUIRE(fresh.load_file(dir / "c.conf", true).ok());
    auto wrong = fresh.resolve();
    REQUIRE_FALSE(wrong);
    CHECK_THAT(wrong.error().message, Catch::StartsWith((dir / "c.conf").string() + ":4: quiet_volume must"));
    REQUIRE(fresh.set("quiet_volume=10"));
    REQUIRE(fresh.resolve());
    CHECK(fresh.resolve()->station == "na-meo");
    CHECK(fresh.resolve()->volume == Approx(0.6f));
    // A value holding a # is written in quotes.
    write_text(dir / "d.conf", "station_name = \"Cửa khẩu Lao Bảo #2\"  # the second hall\nstation = \"lao-bao\"\n");
    ConfigValues quoted;
    REQUIRE(quoted.load_file(dir / "d.conf", true));
    CHECK(quoted.resolve()->station_name == "Cửa khẩu Lao Bảo #2");
    CHECK(quoted.resolve()->station == "lao-bao");
    write_text(dir / "e.conf", "station_name = \"Lao Bảo\n");
    CHECK_THAT(quoted.load_file(dir / "e.conf", true).error().message, Catch::Contains("e.conf:1: a value in quotes"));
    REQUIRE(fresh.set("station=Na Meo"));
    CHECK_THAT(fresh.resolve().error().message, Catch::StartsWith("--set: "));
}

TEST_CASE("station volume and quiet hours, also across midnight", "[config]") {
    ConfigValues values;
    REQUIRE(values.set("volume=70"));
    REQUIRE(values.set("quiet_hours=21:30-06:00"));
    REQUIRE(values.set("quiet_volume=10"));
    auto c = values.resolve();
    REQUIRE(c);
    CHECK(c->volume_at(12 * 60) == Approx(0.7f));
    CHECK(c->volume_at(21 * 60 + 29) == Approx(0.7f));
    CHECK(c->volume_at(21 * 60 + 30) == Approx(0.1f));
    CHECK(c->volume_at(0) == Approx(0.1f));
    CHECK(c->volume_at(5 * 60 + 59) == Approx(0.1f));
    CHECK(c->volume_at(6 * 60) == Approx(0.7f));

    REQUIRE(values.set("quiet_hours=12:00-13:00"));
    c = values.resolve();
    REQUIRE(c);
    CHECK(c->volume_at(12 * 60 + 30) == Approx(0.1f));
    CHECK(c->volume_at(23 * 60) == Approx(0.7f));

    REQUIRE(values.set("quiet_volume=100")); // quiet hours never make a station louder
    c = values.resolve();
    CHECK(c->volume_at(12 * 60 + 30) == Approx(0.7f));

    REQUIRE(values.set("quiet_hours="));
    c = values.resolve();
    CHECK(c->volume_at(0) == Approx(0.7f));
}

TEST_CASE("volume, quiet hours and decoder mistakes say what is expected", "[config]") {
    for (const char* bad : {"volume=120", "volume=loud", "quiet_volume=-1", "quiet_hours=9pm-6am",
                            "quiet_hours=25:00-06:00", "quiet_hours=06:00-06:00", "video_decoder=cuda"}) {
        ConfigValues values;
        REQUIRE(values.set(bad));
        auto c = values.resolve();
        REQUIRE_FALSE(c);
        INFO(c.error().message);
        CHECK(((c.error().message.find("must") != std::string::npos) ||
               (c.error().message.find("leave it empty") != std::string::npos)));
        CHECK_THAT(c.error().message, Catch::StartsWith("--set: "));
    }
}

TEST_CASE("the example station configuration is valid", "[config]") {
    ConfigValues values;
    REQUIRE(values.load_file(fs::path(SOURCE_DIR) / "platform/linux/kiosk.conf.example", true));
    auto c = values.resolve();
    INFO((c ? std::string() : c.error().message));
    REQUIRE(c);
    CHECK(c->station == "na-meo");
    CHECK(c->video_decoder == KioskConfig::VideoDecoder::Auto);
    CHECK(c->quiet_start == 21 * 60 + 30);
}

TEST_CASE("an unknown display profile is answered with the profiles there are", "[config]") {
    CHECK(unknown_profile_message("led") ==
          "unknown display profile 'led'; the profiles are landscape, portrait, led-wall, led-small (and those the "
          "content defines)");
    Content content;
    content.profiles.push_back(DisplayProfile{"hall-tv", 1366, 768, false, ProfileLayout::Single});
    content.profiles.push_back(DisplayProfile{"portrait", 1080, 1920, true, ProfileLayout::Single});
    CHECK(unknown_profile_message("led", &content) ==
          "unknown display profile 'led'; the profiles are hall-tv, portrait, landscape, led-wall, led-small");
}
