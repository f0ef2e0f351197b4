// Video through the kiosk's own pipeline, on clips made with the ffmpeg CLI in the test: every frame
// decoded is shown or dropped, damaged files end or are refused cleanly, loops start again.
#include "media/media_playback.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace test_support;

namespace {

struct Stats {
    long decoded = -1, presented = -1, dropped = -1, errors = -1, passes = -1;
    std::string clock;
    double sync_mean = -1, sync_max = -1;
};

Stats parse_stats(const std::string& output) {
    Stats s;
    auto at = output.rfind("decoded "); // the statistics line comes last
    if (at != std::string::npos) {
        double seconds = 0, fps = 0;
        std::sscanf(
            output.c_str() + at,
            "decoded %ld, presented %ld, dropped %ld frames in %lf s (%lf fps shown); decode errors %ld; "
            "loops %ld",
            &s.decoded, &s.presented, &s.dropped, &seconds, &fps, &s.errors, &s.passes);
        s.passes += 1; // the first run of pictures, then one per loop
    }
    auto clock = output.find("clock: ");
    if (clock != std::string::npos) {
        s.clock = output.substr(clock + 7, output.find(';', clock) - clock - 7);
        auto sync = output.find("sync error mean ", clock);
        if (sync != std::string::npos)
            std::sscanf(output.c_str() + sync, "sync error mean %lf ms, max %lf ms", &s.sync_mean,
                        &s.sync_max);
    }
    return s;
}

// SDL's offscreen driver loads Mesa's EGL, whose allocations LeakSanitizer cannot attribute (see test_cli).
// SDL's dummy audio driver plays in real time into nothing, so the audio clock runs as on a station.
const std::string kPlayer =
    "SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 ";

struct Clips {
    TempDir dir;
    fs::path make(const std::string& name, const std::string& args) { return make_clip(dir.path(), name, args); }
    CommandResult play(const fs::path& file, const std::string& extra = "") {
        return run(kPlayer + kiosk_bin() + " --set fullscreen=no --size 320x240 --play-media " + quote(file) +
                   " --stats " + extra);
    }
};

} // namespace

TEST_CASE("a video plays to its end: every decoded frame is shown or dropped, none lost", "[media]") {
    Clips clips;
    auto codec = GENERATE(as<std::string>{}, "libx264 -pix_fmt yuv420p", "libvpx-vp9 -b:v 300k");
    bool vp9 = codec.rfind("libvpx", 0) == 0;
    auto file = clips.make(vp9 ? "clip.webm" : "clip.mp4",
                           "-f lavfi -i testsrc=size=320x240:rate=25:duration=2 -c:v " + codec);
    auto played = clips.play(file);
    INFO(played.output);
    REQUIRE(played.status == 0);
    auto s = parse_stats(played.output);
    CHECK(s.decoded == 50);
    CHECK(s.presented + s.dropped == s.decoded);
    CHECK(s.errors == 0);
    CHECK(s.passes == 1);
}

TEST_CASE("frames in other pixel formats are converted, not refused", "[media]") {
    Clips clips;
    auto file = clips.make("yuv444.mp4", "-f lavfi -i testsrc=size=320x240:rate=25:duration=1 -c:v libx264 "
                                         "-pix_fmt yuv444p");
    auto played = clips.play(file);
    INFO(played.output);
    REQUIRE(played.status == 0);
    auto s = parse_stats(played.output);
    CHECK(s.decoded == 25);
    CHECK(s.presented + s.dropped == 25);
}

TEST_CASE("a truncated video ends early without hanging and a file that is not video is refused", "[media]") {
    Clips clips;
    auto file = clips.make("whole.mp4", "-f lavfi -i testsrc2=size=640x360:rate=30:duration=4 -c:v libx264 "
                                        "-preset veryfast -b:v 2M -pix_fmt yuv420p -movflags +faststart");
    auto bytes = read_text(file);
    write_text(clips.dir / "half.mp4", bytes.substr(0, bytes.size() / 2));
    auto played = clips.play(clips.dir / "half.mp4");
    INFO(played.output);
    REQUIRE(played.status == 0);
    auto s = parse_stats(played.output);
    CHECK(s.decoded > 10);
    CHECK(s.decoded < 120);
    CHECK(s.presented + s.dropped == s.decoded);

    write_text(clips.dir / "notes.mp4", "minutes of the meeting, not a film");
    auto refused = clips.play(clips.dir / "notes.mp4");
    CHECK(refused.status == 1);
    CHECK_THAT(refused.output, Catch::Contains("cannot open"));
    auto audio_only = clips.make("tone.wav", "-f lavfi -i sine=frequency=440:duration=1");
    auto no_video = clips.play(audio_only);
    CHECK(no_video.status == 1);
    CHECK_THAT(no_video.output, Catch::Contains("has no video"));
}

TEST_CASE("a looping video starts again without being reopened", "[media]") {
    Clips clips;
    auto file = clips.make("short.mp4", "-f lavfi -i testsrc=size=320x240:rate=25:duration=1 -c:v libx264 "
                                        "-pix_fmt yuv420p");
    auto played = clips.play(file, "--loop --seconds 2.6");
    INFO(played.output);
    REQUIRE(played.status == 0);
    auto s = parse_stats(played.output);
    CHECK(s.passes >= 2);
    CHECK(s.presented >= 50);
    CHECK(s.errors == 0);
}

TEST_CASE("with sound, frames follow the audio clock within 40 ms, and sound loops with the picture",
          "[media]") {
    Clips clips;
    struct Kind {
        const char* name;
        const char* codecs;
    };
    auto kind = GENERATE(Kind{"av.mp4", "-c:v libx264 -pix_fmt yuv420p -c:a aac"},
                         Kind{"av.webm", "-c:v libvpx-vp9 -b:v 300k -c:a libopus"});
    auto file =
        clips.make(kind.name, std::string("-f lavfi -i testsrc=size=320x240:rate=25:duration=2 -f lavfi -i "
                                          "sine=frequency=440:duration=2 -shortest ") +
                                  kind.codecs);
    auto played = clips.play(file);
    INFO(played.output);
    REQUIRE(played.status == 0);
    auto s = parse_stats(played.output);
    CHECK(s.clock == "audio");
    CHECK(s.decoded == 50);
    CHECK(s.presented + s.dropped == 50);
    // Within 40 ms as the issue asks, on average; single frames may be later on a loaded test machine.
    CHECK(s.sync_mean >= 0);
    CHECK(s.sync_mean <= 40);
    CHECK(s.sync_max <= 120);

    auto looped = clips.play(file, "--loop --seconds 5");
    INFO(looped.output);
    auto l = parse_stats(looped.output);
    CHECK(l.passes >= 2);
    CHECK(l.sync_mean <= 40);

    auto muted = clips.play(file, "--mute");
    CHECK(parse_stats(muted.output).clock == "video (no sound)");
}

TEST_CASE("a slide with a film plays it in the picture area and a broken film leaves the slide showing",
          "[media][cli]") {
    Clips clips;
    auto src = write_sample_project(clips.dir.path());
    clips.make("film.mp4",
               "-f lavfi -i testsrc=size=640x360:rate=25:duration=2 -c:v libx264 -pix_fmt yuv420p");
    fs::copy_file(clips.dir / "film.mp4", src / "media" / "film.mp4");
    auto welcome = src / "slides" / "01-welcome.toml";
    auto text = read_text(welcome);
    auto at = text.find("duration = 10");
    REQUIRE(at != std::string::npos);
    write_text(welcome, text.insert(at, "video = \"media/film.mp4\"\nmuted = true\n"));
    REQUIRE(run(content_tool_bin() + " check " + quote(src)).status == 0);
    REQUIRE(run(content_tool_bin() + " keygen --out " + quote(clips.dir / "office")).status == 0);
    auto build = run(content_tool_bin() + " build " + quote(src) + " --key " +
                     quote(clips.dir / "office.key") + " -o " + quote(clips.dir / "film.kpack"));
    INFO(build.output);
    REQUIRE(build.status == 0);
    CHECK_THAT(run(content_tool_bin() + " inspect " + quote(clips.dir / "film.kpack")).output,
               Catch::Contains("video/mp4"));
    auto player = [&](const fs::path& pack) {
        return run(kPlayer + kiosk_bin() +
                   " --set fullscreen=no --set trusted_keys=" + quote(clips.dir / "office.pub") +
                   " --set station=station-1 --content " + quote(pack) + " --size 640x360 --run-for 2.5");
    };
    auto played = player(clips.dir / "film.kpack");
    INFO(played.output);
    CHECK(played.status == 0);
    CHECK_THAT(played.output, Catch::Contains("film on slide 'welcome': shown "));
    CHECK_THAT(played.output, !Catch::Contains("film on slide 'welcome': shown 0 frames"));

    // A film that is not one: check refuses it with file and line.
    write_text(src / "media" / "film.mp4", "not a film at all");
    auto checked = run(content_tool_bin() + " check " + quote(src));
    CHECK(checked.status == 1);
    CHECK_THAT(checked.output,
               Catch::Contains("01-welcome.toml:4: error: video 'media/film.mp4': is not a film FFmpeg can read"));
}

TEST_CASE("the pipeline loops a clip a hundred times without leaking or stalling", "[media]") {
    // In process, without a screen: the decoder threads, queues and serials alone, under the sanitizers'
    // leak check when the tests are built with them.
    Clips clips;
    auto file =
        clips.make("blink.mp4", "-f lavfi -i testsrc=size=160x120:rate=25:duration=0.2 -f lavfi -i "
                                "sine=frequency=440:duration=0.2 -shortest -c:v libx264 -pix_fmt yuv420p "
                                "-c:a aac");
    auto media = kiosk::MediaPlayback::open(file, kiosk::Loop::Forever, kiosk::Sound::On);
    REQUIRE(media.ok());
    auto& m = **media;
    int passes = 0, last_serial = -1;
    long frames = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (passes < 100 && std::chrono::steady_clock::now() < deadline) {
        while (m.audio().try_pop()) {
        }
        const kiosk::DecodedFrame* frame = m.frames().peek();
        if (!frame) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            continue;
        }
        REQUIRE(frame->frame); // looping: the stream never ends
        if (frame->serial != last_serial) {
            last_serial = frame->serial;
            ++passes;
        }
        ++frames;
        m.frames().pop();
    }
    CHECK(passes >= 100);
    CHECK(frames >= 99 * 5); // five frames a pass; the hundredth has just begun
    CHECK(m.stats().decode_errors == 0);
}

TEST_CASE("a phone's portrait film is shown upright, as its display matrix says", "[media]") {
    Clips clips;
    auto flat = clips.make("flat.mp4", "-f lavfi -i testsrc=size=320x180:rate=25:duration=1 -c:v libx264 "
                                       "-pix_fmt yuv420p");
    auto turned = clips.make("phone.mp4", "-i " + quote(flat) + " -c copy -metadata:s:v:0 rotate=90");
    auto played = clips.play(turned);
    INFO(played.output);
    REQUIRE(played.status == 0);
    // FFmpeg's reading of the matrix, as ffplay applies it: a quarter turn counter-clockwise.
    CHECK_THAT(played.output, Catch::Contains("turned 270 degrees"));
    CHECK(parse_stats(played.output).decoded == 25);
    CHECK_THAT(clips.play(flat).output, !Catch::Contains("turned"));
}

TEST_CASE("HEVC, interlaced MPEG-2 and variable frame rate films play by their own timestamps", "[media]") {
    Clips clips;
    struct Kind {
        const char* name;
        const char* args;
    };
    auto kind = GENERATE(
        Kind{"hevc.mp4", "-f lavfi -i testsrc=size=320x240:rate=25:duration=1 -c:v libx265 -pix_fmt yuv420p "
                         "-x265-params log-level=error"},
        Kind{"interlaced.ts",
             "-f lavfi -i testsrc=size=720x576:rate=25:duration=1 -vf interlace -c:v mpeg2video "
             "-flags +ilme+ildct -b:v 4M"},
        // Thirty frames at 30 fps, then thirty at 15 fps: three seconds, not two.
        Kind{"vfr.mp4",
             "-f lavfi -i testsrc=size=320x240:rate=30:duration=2 -vf \"setpts='if(lt(N,30),PTS,PTS*2)'\" "
             "-fps_mode vfr -c:v libx264 -pix_fmt yuv420p"});
    auto file = clips.make(kind.name, kind.args);
    auto played = clips.play(file);
    INFO(played.output);
    REQUIRE(played.status == 0);
    auto s = parse_stats(played.output);
    CHECK(s.decoded > 0);
    CHECK(s.presented + s.dropped == s.decoded);
    CHECK(s.errors == 0);
    if (std::string(kind.name) == "vfr.mp4") {
        double seconds = 0;
        auto at = played.output.find(" frames in ");
        REQUIRE(at != std::string::npos);
        std::sscanf(played.output.c_str() + at, " frames in %lf s", &seconds);
        CHECK(s.decoded == 60);
        CHECK(seconds >= 3.5); // paced by the timestamps, which say 3.9 s
    }
}

TEST_CASE("when VAAPI cannot be used the film is decoded in software and the log says why", "[media]") {
    Clips clips;
    auto file = clips.make("clip.mp4", "-f lavfi -i testsrc=size=320x240:rate=25:duration=1 -c:v libx264 "
                                       "-pix_fmt yuv420p");
    // A device that is not a GPU, as a broken driver or a wrong vaapi_device setting would give.
    auto media = kiosk::MediaPlayback::open(file, kiosk::Loop::Once, kiosk::Sound::Off,
                                            {kiosk::HwDecode::Vaapi, "/dev/null"});
    REQUIRE(media);
    CHECK((*media)->decoding().rfind("software (", 0) == 0);
    CHECK((*media)->decoding().find("/dev/null") != std::string::npos);
    long frames = 0;
    while (true) {
        const kiosk::DecodedFrame* frame = (*media)->frames().peek();
        if (!frame) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            continue;
        }
        if (!frame->frame)
            break;
        ++frames;
        (*media)->frames().pop();
    }
    CHECK(frames == 25);

    auto software = kiosk::MediaPlayback::open(file, kiosk::Loop::Once, kiosk::Sound::Off,
                                               {kiosk::HwDecode::Software, ""});
    REQUIRE(software);
    CHECK((*software)->decoding() == "software");

    // The station's player: insisting on VAAPI where it cannot work is an error in the log, not a black film.
    auto played = clips.play(file, "--set video_decoder=vaapi --set vaapi_device=/dev/null");
    INFO(played.output);
    REQUIRE(played.status == 0);
    CHECK(played.output.find("error: video: h264 decoded in software: no VAAPI driver works on /dev/null") !=
          std::string::npos);
    CHECK(parse_stats(played.output).presented > 20);
}

TEST_CASE("a film damaged in the store after install: its slide shows its still picture, or is left out",
          "[media][cli]") {
    bool still = GENERATE(true, false);
    Clips clips;
    auto src = write_sample_project(clips.dir.path());
    // Kiosk-safe already (index at the front), so the build stores it byte for byte.
    clips.make("film.mp4", "-f lavfi -i testsrc=size=640x360:rate=25:duration=2 -c:v libx264 -pix_fmt yuv420p "
                           "-movflags +faststart");
    fs::copy_file(clips.dir / "film.mp4", src / "media" / "film.mp4");
    auto welcome = src / "slides" / "01-welcome.toml";
    auto text = read_text(welcome);
    text.insert(text.find("duration = 10"), "video = \"media/film.mp4\"\n");
    if (!still) { // no picture to fall back on
        auto image = text.find("image = ");
        REQUIRE(image != std::string::npos);
        text.erase(image, text.find('\n', image) - image + 1);
    }
    write_text(welcome, text);
    REQUIRE(run(content_tool_bin() + " keygen --out " + quote(clips.dir / "office")).status == 0);
    auto built = run(content_tool_bin() + " build " + quote(src) + " --key " + quote(clips.dir / "office.key") +
                     " -o " + quote(clips.dir / "film.kpack"));
    INFO(built.output);
    REQUIRE(built.status == 0);
    std::string settings = " --set fullscreen=no --set trusted_keys=" + quote(clips.dir / "office.pub") +
                           " --set station=station-1 --set store=" + quote(clips.dir / "store");
    auto installed = run(kiosk_bin() + settings + " --install " + quote(clips.dir / "film.kpack"));
    INFO(installed.output);
    REQUIRE(installed.status == 0);
    // Bit rot on the station's disk: the film's object in the store.
    fs::path film;
    auto film_bytes = read_text(clips.dir / "film.mp4");
    for (const auto& entry : fs::recursive_directory_iterator(clips.dir / "store"))
        if (entry.is_regular_file() && entry.file_size() == film_bytes.size() && read_text(entry.path()) == film_bytes)
            film = entry.path();
    REQUIRE_FALSE(film.empty());
    fs::permissions(film, fs::perms::owner_write, fs::perm_options::add);
    auto play = [&] {
        auto played = run(kPlayer + kiosk_bin() + settings + " --size 640x360 --run-for 2 --stats");
        INFO(played.output);
        CHECK(played.status == 0);
        CHECK_THAT(played.output, !Catch::Contains("nothing to play"));
        long frames = 0;
        if (auto at = played.output.rfind("frames "); at != std::string::npos)
            frames = std::atol(played.output.c_str() + at + 7);
        CHECK_THAT(played.output, Catch::Contains("first frame presented"));
        if (!still)
            CHECK(frames > 0); // it moved on from the broken slide to the next
        return played.output;
    };
    std::string outcome = still ? "it shows its still picture instead" : "slide 'welcome' is left out of the loop";
    // Same size, a few bytes flipped in the middle of the picture data: the film would still decode, as
    // garbage, and the quick check at start cannot tell. Its hash, checked before it is first shown, can.
    auto flipped = film_bytes;
    for (std::size_t i = flipped.size() / 2; i < flipped.size() / 2 + 64; ++i)
        flipped[i] = static_cast<char>(flipped[i] ^ 0x5a);
    write_text(film, flipped);
    auto garbled = play();
    CHECK_THAT(garbled, Catch::Contains("film 'media/film.mp4' cannot play: it is damaged on this station's disk"));
    CHECK_THAT(garbled, Catch::Contains(outcome));
    CHECK_THAT(garbled, !Catch::Contains("film on slide 'welcome': shown"));
    // Cut short: the store's quick check at start finds it, and the film is not even tried.
    fs::resize_file(film, film_bytes.size() / 2);
    auto truncated = play();
    CHECK_THAT(truncated, Catch::Contains("object 'media/film.mp4' is missing or damaged on this disk"));
    if (still)
        CHECK_THAT(truncated, Catch::Contains("damaged on this station's disk; it shows its still picture instead"));
    else
        CHECK_THAT(truncated, !Catch::Contains("cannot play"));
}

TEST_CASE("a screenshot of a film slide shows the film's first picture", "[media][cli]") {
    Clips clips;
    auto src = write_sample_project(clips.dir.path());
    clips.make("green.mp4", "-f lavfi -i color=c=0x00ff00:size=640x360:rate=25:duration=1 -c:v libx264 -pix_fmt yuv420p");
    fs::copy_file(clips.dir / "green.mp4", src / "media" / "green.mp4");
    auto welcome = src / "slides" / "01-welcome.toml";
    auto text = read_text(welcome);
    text.insert(text.find("duration = 10"), "video = \"media/green.mp4\"\n");
    write_text(welcome, text);
    REQUIRE(run(content_tool_bin() + " keygen --out " + quote(clips.dir / "office")).status == 0);
    auto built = run(content_tool_bin() + " build " + quote(src) + " --key " + quote(clips.dir / "office.key") +
                     " -o " + quote(clips.dir / "film.kpack"));
    REQUIRE(built.status == 0);
    auto shot = run(kPlayer + kiosk_bin() + " --set trusted_keys=" + quote(clips.dir / "office.pub") +
                    " --content " + quote(clips.dir / "film.kpack") + " --slide welcome --screenshot " +
                    quote(clips.dir / "film.png"));
    INFO(shot.output);
    REQUIRE(shot.status == 0);
    auto image = test_support::load_argb(clips.dir / "film.png");
    REQUIRE(image);
    // The picture area of the landscape layout holds the film, not the category's placeholder.
    auto pixel = [&](int x, int y) {
        return reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(image->pixels) + y * image->pitch)[x];
    };
    Uint32 p = pixel(image->w * 28 / 100, image->h / 2);
    CHECK(((p >> 8) & 0xFF) > 200);
    CHECK(((p >> 16) & 0xFF) < 60);
    CHECK((p & 0xFF) < 60);
}

TEST_CASE("seeking lands on the asked time without reopening, also after a film has ended", "[media]") {
    Clips clips;
    auto file = clips.make("seek.mp4", "-f lavfi -i testsrc=size=320x240:rate=25:duration=4 -f lavfi -i "
                                       "sine=frequency=440:duration=4 -shortest -c:v libx264 -g 25 "
                                       "-pix_fmt yuv420p -c:a aac");
    auto media = kiosk::MediaPlayback::open(file, kiosk::Loop::Once, kiosk::Sound::On);
    REQUIRE(media);
    auto& m = **media;
    CHECK(m.duration() == Approx(4.0).margin(0.1));
    // The first frame of the fresh serial, dropping stale frames and sound as the screen does.
    auto next_fresh = [&]() -> const kiosk::DecodedFrame* {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            while (m.audio().try_pop()) {
            } // nothing plays the sound here
            const kiosk::DecodedFrame* frame = m.frames().peek();
            if (frame && frame->serial >= m.fresh_serial())
                return frame;
            if (frame)
                m.frames().pop();
            else
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return nullptr;
    };
    auto first = next_fresh();
    REQUIRE(first);
    CHECK(first->pts == Approx(0.0).margin(0.05));

    m.seek(2.5); // between keyframes (one a second): frames before 2.5 are decoded but not shown
    auto landed = next_fresh();
    REQUIRE(landed);
    REQUIRE(landed->frame);
    CHECK(landed->pts == Approx(2.5).margin(0.041));

    // Play to the end, then seek back: the threads are still there.
    while (true) {
        auto f = next_fresh();
        REQUIRE(f);
        if (!f->frame)
            break;
        m.frames().pop();
    }
    m.seek(1.0);
    auto again = next_fresh();
    REQUIRE(again);
    REQUIRE(again->frame);
    CHECK(again->pts == Approx(1.0).margin(0.041));
    CHECK(m.stats().decode_errors == 0);
}

#include "app/video_controls.hpp"

TEST_CASE("film controls: the first tap shows them, the button pauses, a drag on the bar seeks", "[media]") {
    Clips clips;
    auto file = clips.make("c.mp4", "-f lavfi -i testsrc=size=320x240:rate=25:duration=4 -c:v libx264 -g 25 "
                                    "-pix_fmt yuv420p");
    kiosk::SurfacePtr screen(SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32, SDL_PIXELFORMAT_ARGB8888));
    kiosk::RendererPtr renderer(SDL_CreateSoftwareRenderer(screen.get()));
    auto media = kiosk::MediaPlayback::open(file, kiosk::Loop::Once, kiosk::Sound::Off);
    REQUIRE(media);
    auto view = kiosk::VideoView::create(renderer.get(), std::move(media.value()), 1.0f);
    REQUIRE(view);
    kiosk::VideoControls controls;
    const SDL_Rect area{0, 0, 640, 360};
    auto layout = kiosk::VideoControls::layout_for(area, 360);
    CHECK(layout.strip.h >= 64); // a finger's width on any cabinet
    auto tap = [&](Uint32 type, float x, float y) {
        SDL_Event e{};
        e.type = type;
        e.tfinger.fingerId = 1;
        e.tfinger.x = x / 640.0f;
        e.tfinger.y = y / 360.0f;
        return e;
    };
    SDL_Point button{layout.button.x + layout.button.w / 2, layout.button.y + layout.button.h / 2};
    Uint64 now = 100000;
    CHECK_FALSE(controls.visible(now));
    REQUIRE(controls.handle(tap(SDL_FINGERDOWN, button.x, button.y), 640, 360, area, **view, now));
    CHECK(controls.visible(now));
    CHECK_FALSE((*view)->paused()); // the first tap only showed them
    controls.handle(tap(SDL_FINGERUP, button.x, button.y), 640, 360, area, **view, now);
    controls.handle(tap(SDL_FINGERDOWN, button.x, button.y), 640, 360, area, **view, now + 100);
    CHECK((*view)->paused());
    // Drag along the bar to three quarters and let go: the film goes there (and shows it, though paused).
    float y = layout.bar.y + layout.bar.h / 2.0f;
    controls.handle(tap(SDL_FINGERDOWN, layout.bar.x + 10.0f, y), 640, 360, area, **view, now + 200);
    controls.handle(tap(SDL_FINGERMOTION, layout.bar.x + layout.bar.w * 0.5f, y), 640, 360, area, **view, now + 300);
    controls.handle(tap(SDL_FINGERUP, layout.bar.x + layout.bar.w * 0.75f, y), 640, 360, area, **view, now + 400);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!(*view)->update() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    CHECK((*view)->position() == Approx(3.0).margin(0.05));
    CHECK((*view)->paused());
    CHECK(controls.visible(now + 400 + kiosk::VideoControls::kHideAfterMs - 1));
    CHECK_FALSE(controls.visible(now + 400 + kiosk::VideoControls::kHideAfterMs));
}
