// content-tool build with photos, a map and a film with subtitles, as an editor runs it: what goes into
// the pack, what the media cache saves the next time, and the kiosk playing the result.
#include "normalise_support.hpp"
#include "support.hpp"

#include "app/loaded_pack.hpp"
#include "content/map_tiles.hpp"
#include "crypto/keys.hpp"
#include "media/media_normaliser.hpp"

#include "media/video_transcode.hpp"

#include <catch2/catch.hpp>
#include <regex>

using namespace test_support;
using namespace content_tool;

namespace {

std::uint32_t gradient(int x, int y) {
    return 0xFF000000u | std::uint32_t(x * 255 / 3000) << 16 | std::uint32_t(y * 255 / 2000) << 8 | 0x80;
}

// The sample project with a phone photo, a map and a subtitled film added.
struct MediaProject {
    TempDir dir;
    fs::path source;
    MediaProject() {
        source = write_sample_project(dir.path());
        write_bytes(source / "media/photo.jpg", with_segment(jpeg_of(draw(3000, 2000, gradient).get()), exif_app1(1)));
        write_bytes(source / "media/gate-map.png", png_of(draw(1500, 900, gradient).get()));
        auto made = run("ffmpeg -loglevel error -y -f lavfi -i testsrc=size=320x240:rate=25:duration=2 -f lavfi -i "
                        "sine=frequency=440:duration=2 -c:v libx264 -pix_fmt yuv420p -c:a aac -shortest "
                        "-movflags +faststart " +
                        quote(source / "media/film.mp4"));
        REQUIRE(made.status == 0);
        write_text(source / "media/film.vi.srt", "1\n00:00:00,000 --> 00:00:01,500\nXin chào\n");
        write_text(source / "media/film.en.vtt", "WEBVTT\n\n00:00.000 --> 00:01.500\nHello\n");
        write_text(source / "slides/03-photo.toml", R"(id = "photo"
duration = 5
image = "media/photo.jpg"
[title]
vi = "Cửa khẩu"
)");
        write_text(source / "slides/04-map.toml", R"(id = "map"
duration = 5
image = "media/photo.jpg"
map = "media/gate-map.png"
[title]
vi = "Bản đồ"
)");
        write_text(source / "slides/05-film.toml", R"(id = "film"
duration = 5
video = "media/film.mp4"
[subtitles]
vi = "media/film.vi.srt"
en = "media/film.en.vtt"
[title]
vi = "Phim"
)");
    }
    std::string build_command(const std::string& out, std::uint64_t version) const {
        return content_tool_bin() + " build " + quote(source) + " --key " + quote(dir / "office.key") + " -o " +
               quote(dir / out) + " --version " + std::to_string(version);
    }
};

struct Counts {
    int normalised = 0, reused = 0, unchanged = 0;
};

Counts build(const MediaProject& p, const kiosk::SecretKey& key, const fs::path& out, kiosk::Manifest* manifest = nullptr) {
    Diagnostics d;
    auto project = load_source(p.source, d);
    INFO(d.to_text());
    REQUIRE(project);
    Counts counts;
    BuildOptions options;
    options.version = 7;
    options.now = 1'800'000'000;
    options.on_media = [&](const fs::path&, const PreparedMedia& media) {
        (media.outcome == MediaOutcome::Normalised ? counts.normalised
         : media.outcome == MediaOutcome::Reused   ? counts.reused
                                                   : counts.unchanged)++;
    };
    auto built = build_pack(*project, key, out, options);
    INFO((built ? std::string() : built.error().message));
    REQUIRE(built);
    if (manifest)
        *manifest = *built;
    return counts;
}

} // namespace

TEST_CASE("a build puts maps, subtitles and cleaned photos in the pack and reuses them the next time", "[normalise]") {
    MediaProject p;
    auto key = kiosk::generate_key();
    kiosk::Manifest manifest;
    // The sample's SVG, the photo and the map are made; the film (already kiosk-safe) and both
    // subtitle files go in as they are.
    auto first = build(p, key, p.dir / "a.kpack", &manifest);
    CHECK(first.normalised == 3);
    CHECK(first.reused == 0);
    CHECK(first.unchanged == 3);
    CHECK(fs::exists(p.source / ".media-cache" / ".gitignore"));

    auto type_of = [&](const std::string& path) {
        auto* object = manifest.find(path);
        return object ? object->type : std::string("(missing)");
    };
    CHECK(type_of("maps/gate-map/map.json") == kiosk::kMapType);
    CHECK(type_of("maps/gate-map/3/0_0.jpg") == "image/jpeg");
    CHECK(type_of("maps/gate-map/0/0_0.jpg") == "image/jpeg");
    CHECK(type_of("media/film.vi.srt") == "application/x-subrip");
    CHECK(type_of("media/film.en.vtt") == "text/vtt");
    CHECK(type_of("media/photo.jpg") == "image/jpeg");
    CHECK(type_of("media/film.mp4") == "video/mp4");
    CHECK(type_of("media/welcome.png") == "image/png");
    std::size_t tiles = 0;
    for (const auto& object : manifest.objects)
        tiles += object.path.rfind("maps/gate-map/", 0) == 0 && object.type == "image/jpeg";
    CHECK(tiles == 33);

    // The kiosk loads the pack: every object content.json names is there.
    write_public_key(key, p.dir / "office.pub");
    auto keys = kiosk::TrustedKeys::load({p.dir / "office.pub"});
    REQUIRE(keys);
    auto loaded = kiosk::load_from_file(p.dir / "a.kpack", *keys);
    INFO((loaded ? std::string() : loaded.error().message));
    REQUIRE(loaded);
    const kiosk::Slide* map_slide = loaded->content.find_slide("map");
    REQUIRE(map_slide);
    CHECK(map_slide->map == "maps/gate-map/map.json");
    CHECK(map_slide->image == "media/photo.jpg");
    auto index = loaded->objects->read(map_slide->map);
    REQUIRE(index);
    CHECK(kiosk::MapTiles::parse(*index));
    auto photo = loaded->objects->read("media/photo.jpg");
    REQUIRE(photo);
    CHECK(photo->find("SecretPhone") == std::string::npos);
    auto shrunk = decode_argb(*photo);
    CHECK(shrunk->w == 1620);
    CHECK(shrunk->h == 1080);
    CHECK(loaded->content.find_slide("film")->subtitles.size() == 2);

    auto second = build(p, key, p.dir / "b.kpack");
    CHECK(second.normalised == 0);
    CHECK(second.reused == 3);
    CHECK(second.unchanged == 3);
    CHECK(read_text(p.dir / "a.kpack") == read_text(p.dir / "b.kpack"));

    // An edited photo is made again; a damaged map entry too; the rest is reused.
    write_bytes(p.source / "media/photo.jpg", jpeg_of(draw(2500, 2500, gradient).get()));
    for (const auto& entry : fs::directory_iterator(p.source / ".media-cache"))
        if (entry.path().filename().string().rfind("map-", 0) == 0)
            fs::remove(entry.path() / "tiles" / "1" / "0_0.jpg");
    auto third = build(p, key, p.dir / "c.kpack");
    CHECK(third.normalised == 2);
    CHECK(third.reused == 1);
}

TEST_CASE("content-tool build reports what it did to media and the kiosk plays the pack", "[normalise][cli]") {
    MediaProject p;
    REQUIRE(run(content_tool_bin() + " keygen --out " + quote(p.dir / "office")).status == 0);
    auto cold = run(p.build_command("v1.kpack", 1));
    INFO(cold.output);
    REQUIRE(cold.status == 0);
    CHECK_THAT(cold.output, Catch::Contains("media: 3 normalised, 0 reused from cache, 3 unchanged"));
    auto warm = run(p.build_command("v2.kpack", 2));
    INFO(warm.output);
    REQUIRE(warm.status == 0);
    CHECK_THAT(warm.output, Catch::Contains("media: 0 normalised, 3 reused from cache, 3 unchanged"));
    // inspect sums a map's tiles up in one line instead of one line per tile.
    auto inspect = run(content_tool_bin() + " inspect " + quote(p.dir / "v2.kpack"));
    INFO(inspect.output);
    CHECK_THAT(inspect.output, Catch::Contains("maps/gate-map/map.json"));
    CHECK_THAT(inspect.output, Catch::Contains("maps/gate-map/*") && Catch::Contains("33 map tiles in 4 levels"));
    CHECK_THAT(inspect.output, !Catch::Contains("maps/gate-map/0/0_0.jpg"));

    write_text(p.dir / "kiosk.conf", "store = " + (p.dir / "store").string() + "\ntrusted_keys = " +
                                         (p.dir / "office.pub").string() + "\nstation = station-1\nfullscreen = no\n");
    std::string kiosk = kiosk_bin() + " --config " + quote(p.dir / "kiosk.conf");
    auto installed = run(kiosk + " --install " + quote(p.dir / "v2.kpack"));
    INFO(installed.output);
    REQUIRE(installed.status == 0);
    auto verified = run(kiosk + " --verify-store");
    INFO(verified.output);
    CHECK(verified.status == 0);
    auto shot = run(kiosk + " --screenshot " + quote(p.dir / "map.png") + " --slide map --size 960x540");
    INFO(shot.output);
    REQUIRE(shot.status == 0);
    auto screen = load_argb(p.dir / "map.png");
    REQUIRE(screen);
    CHECK(screen->w == 960);
    auto played = run("SDL_VIDEODRIVER=offscreen ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 " + kiosk +
                      " --run-for 1.5");
    INFO(played.output);
    CHECK(played.status == 0);
    CHECK_THAT(played.output, Catch::Contains("first frame presented"));
}

TEST_CASE("content-tool check names a bad map and bad subtitles with file and line", "[normalise][source]") {
    MediaProject p;
    write_bytes(p.source / "media/long.png", png_of(draw(20000, 100, [](int, int) { return 0xFF2040C0u; }).get()));
    write_text(p.source / "slides/04-map.toml", R"(id = "map"
duration = 5

map = "media/long.png"
[title]
vi = "Bản đồ"
)");
    write_text(p.source / "media/film.en.vtt", "WEBVTT\n\n00:00.000 --> 00:01.500\nHello\n\n00:02.000 -> 00:03.000\nBye\n");
    write_text(p.source / "slides/06-both.toml", R"(id = "both"
duration = 5
video = "media/film.mp4"
map = "media/gate-map.png"
[subtitles]
fr = "media/film.vi.srt"
[title]
vi = "Cả hai"
)");
    write_text(p.source / "slides/07-nofilm.toml", R"(id = "nofilm"
duration = 5
[subtitles]
vi = "media/film.vi.srt"
[title]
vi = "Không phim"
)");
    auto r = run(content_tool_bin() + " check " + quote(p.source));
    INFO(r.output);
    CHECK(r.status == 1);
    CHECK_THAT(r.output, Catch::Contains("04-map.toml:4: error: map 'media/long.png': the map is 20000x100 pixels"));
    // The timing written with "->" is blamed, not the cue text under it.
    CHECK_THAT(r.output, Catch::Contains("film.en.vtt:6: error: '00:02.000 -> 00:03.000' has no '-->' between its times"));
    CHECK_THAT(r.output, Catch::Contains("(subtitles.en of 05-film.toml:6)"));
    CHECK_THAT(r.output, Catch::Contains("06-both.toml:4: error: a slide shows either a film or a map"));
    CHECK_THAT(r.output, Catch::Contains("06-both.toml:6: error: subtitles.fr: 'fr' is not one of the project's languages"));
    CHECK_THAT(r.output, Catch::Contains("07-nofilm.toml:3: error: [subtitles] needs a film"));

    // Subtitles saved as Latin-1, a photo cut short, and a drawing declaring a gigapixel size.
    write_text(p.source / "media/film.vi.srt", "1\n00:00:00,000 --> 00:00:01,500\nXin ch\xE0o\n");
    std::string photo = read_text(p.source / "media/photo.jpg");
    write_bytes(p.source / "media/photo.jpg", photo.substr(0, photo.size() - 2)); // no end marker
    write_text(p.source / "media/welcome.svg", R"(<svg xmlns="http://www.w3.org/2000/svg" width="40000" height="40000"/>)");
    auto again = run(content_tool_bin() + " check " + quote(p.source));
    INFO(again.output);
    CHECK_THAT(again.output, Catch::Contains("film.vi.srt:3: error: is not UTF-8 text"));
    CHECK_THAT(again.output, Catch::Contains("media/photo.jpg': the JPEG file is cut short"));
    CHECK_THAT(again.output, Catch::Contains("declares itself 40000x40000 pixels"));
}

TEST_CASE("a converted film takes a free name when its .mp4 name is already taken", "[normalise][video]") {
    MediaProject p;
    // tour.mov must become an MP4, and tour.mp4 is another film.
    REQUIRE(run("ffmpeg -loglevel error -y -i " + quote(p.source / "media/film.mp4") + " -c copy " +
                quote(p.source / "media/tour.mov")).status == 0);
    fs::copy_file(p.source / "media/film.mp4", p.source / "media/tour.mp4");
    write_text(p.source / "slides/06-tour.toml", "id = \"tour\"\nduration = 5\nvideo = \"media/tour.mov\"\n[title]\nvi = \"Phim\"\n");
    write_text(p.source / "slides/07-tour.toml", "id = \"tour2\"\nduration = 5\nvideo = \"media/tour.mp4\"\n[title]\nvi = \"Phim\"\n");
    auto key = kiosk::generate_key();
    kiosk::Manifest manifest;
    build(p, key, p.dir / "a.kpack", &manifest);
    CHECK(manifest.find("media/tour.mp4"));
    CHECK(manifest.find("media/tour-2.mp4"));
    write_public_key(key, p.dir / "office.pub");
    auto keys = kiosk::TrustedKeys::load({p.dir / "office.pub"});
    REQUIRE(keys);
    auto loaded = kiosk::load_from_file(p.dir / "a.kpack", *keys);
    REQUIRE(loaded);
    CHECK(loaded->content.find_slide("tour")->video == "media/tour-2.mp4");
    CHECK(loaded->content.find_slide("tour2")->video == "media/tour.mp4");
}

TEST_CASE("photos prepared side by side, some with the same bytes, all reach the pack", "[normalise]") {
    MediaProject p;
    std::string photo = read_text(p.source / "media/photo.jpg");
    for (int i = 0; i < 6; ++i) {
        std::string id = "copy-" + std::to_string(i);
        write_bytes(p.source / ("media/" + id + ".jpg"),
                    i % 2 ? photo : jpeg_of(draw(2000 + i, 1500, gradient).get()));
        write_text(p.source / ("slides/1" + std::to_string(i) + "-copy.toml"),
                   "id = \"" + id + "\"\nduration = 5\nimage = \"media/" + id + ".jpg\"\n[title]\nvi = \"Ảnh\"\n");
    }
    auto key = kiosk::generate_key();
    kiosk::Manifest manifest;
    auto first = build(p, key, p.dir / "a.kpack", &manifest);
    CHECK(first.normalised + first.reused == 9);
    for (int i = 0; i < 6; ++i) {
        auto* object = manifest.find("media/copy-" + std::to_string(i) + ".jpg");
        REQUIRE(object);
        CHECK(object->type == "image/jpeg");
    }
    auto second = build(p, key, p.dir / "b.kpack");
    CHECK(second.normalised == 0);
    CHECK(second.reused == 9);
    CHECK(read_text(p.dir / "a.kpack") == read_text(p.dir / "b.kpack"));
}

TEST_CASE("a film the kiosk cannot play as it is becomes a kiosk-safe MP4 in the pack, once", "[normalise][video]") {
    MediaProject p;
    // A phone's HEVC film in a Matroska file, which the kiosk profile does not take.
    auto made = run("ffmpeg -loglevel error -y -f lavfi -i testsrc=size=320x240:rate=25:duration=1 -f lavfi -i "
                    "sine=frequency=440:duration=1 -c:v libx265 -x265-params log-level=none -pix_fmt yuv420p "
                    "-c:a libopus -shortest " + quote(p.source / "media/phone.mkv"));
    REQUIRE(made.status == 0);
    write_text(p.source / "slides/05-film.toml", R"(id = "film"
duration = 5
video = "media/phone.mkv"
[subtitles]
vi = "media/film.vi.srt"
[title]
vi = "Phim"
)");
    auto key = kiosk::generate_key();
    kiosk::Manifest manifest;
    auto first = build(p, key, p.dir / "a.kpack", &manifest);
    CHECK(first.normalised == 4); // the film with the SVG, the photo and the map
    const kiosk::ManifestObject* film = manifest.find("media/phone.mp4");
    REQUIRE(film);
    CHECK(film->type == "video/mp4");
    CHECK(manifest.find("media/phone.mkv") == nullptr);

    write_public_key(key, p.dir / "office.pub");
    auto keys = kiosk::TrustedKeys::load({p.dir / "office.pub"});
    REQUIRE(keys);
    auto loaded = kiosk::load_from_file(p.dir / "a.kpack", *keys);
    REQUIRE(loaded);
    CHECK(loaded->content.find_slide("film")->video == "media/phone.mp4");
    // What the pack carries meets the kiosk profile: nothing left to transcode.
    auto where = loaded->objects->locate("media/phone.mp4");
    REQUIRE(where);
    auto bytes = loaded->objects->read("media/phone.mp4");
    REQUIRE(bytes);
    write_bytes(p.dir / "out.mp4", *bytes);
    auto plan = content_tool::plan_video(p.dir / "out.mp4", content_tool::MediaLimits{});
    REQUIRE(plan);
    INFO((plan->reasons.empty() ? std::string() : plan->reasons.front()));
    CHECK_FALSE(plan->needs_transcode());
    CHECK(plan->facts.video_codec == "h264");
    CHECK(plan->facts.audio_codec == "aac");

    auto second = build(p, key, p.dir / "b.kpack");
    CHECK(second.normalised == 0);
    CHECK(second.reused == 4);
    CHECK(read_text(p.dir / "a.kpack") == read_text(p.dir / "b.kpack"));
}

TEST_CASE("build reads only picture headers before preparing media yet still refuses a picture that does not decode", "[normalise][cli]") {
    MediaProject p;
    REQUIRE(run(content_tool_bin() + " keygen --out " + quote(p.dir / "office")).status == 0);
    // A small PNG, whole in structure, its compressed pixels scrambled.
    std::string png = png_of(draw(64, 64, gradient).get());
    auto idat = png.find("IDAT");
    REQUIRE(idat != std::string::npos);
    for (std::size_t i = idat + 8; i < idat + 40 && i < png.size(); ++i)
        png[i] = static_cast<char>(png[i] ^ 0x5A);
    write_bytes(p.source / "media/bad.png", png);
    write_text(p.source / "slides/08-bad.toml", "id = \"bad\"\nduration = 5\nimage = \"media/bad.png\"\n[title]\nvi = \"Ảnh\"\n");
    auto checked = run(content_tool_bin() + " check " + quote(p.source));
    CHECK(checked.status == 1);
    CHECK_THAT(checked.output, Catch::Contains("08-bad.toml:3: error: image 'media/bad.png'"));
    auto built = run(p.build_command("bad.kpack", 1));
    INFO(built.output);
    CHECK(built.status == 1);
    CHECK_THAT(built.output, Catch::Contains("media/bad.png"));
    CHECK_THAT(built.output, Catch::Contains("cannot be decoded"));
    CHECK_FALSE(fs::exists(p.dir / "bad.kpack"));
}

TEST_CASE("check decodes films as build will so a film cut short is reported there and a camcorder MPEG is accepted", "[normalise][video][source]") {
    MediaProject p;
    // Cut after its index: it opens, and would play a while, but it is not whole.
    std::string film = read_text(p.source / "media/film.mp4");
    write_bytes(p.source / "media/film.mp4", film.substr(0, film.size() / 2));
    REQUIRE(run("ffmpeg -loglevel error -y -f lavfi -i testsrc=size=320x240:rate=25:duration=1 -c:v mpeg2video " +
                quote(p.source / "media/camcorder.mpg")).status == 0);
    write_text(p.source / "slides/06-camcorder.toml",
               "id = \"camcorder\"\nduration = 5\nvideo = \"media/camcorder.mpg\"\n[title]\nvi = \"Phim\"\n");
    auto checked = run(content_tool_bin() + " check " + quote(p.source));
    INFO(checked.output);
    CHECK(checked.status == 1);
    CHECK_THAT(checked.output, Catch::Contains("05-film.toml:3: error: video 'media/film.mp4'"));
    CHECK_THAT(checked.output, !Catch::Contains("06-camcorder.toml:3: error"));
}
