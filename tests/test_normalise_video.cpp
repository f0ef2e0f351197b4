// Film normalisation in the content tool, on clips made with the ffmpeg CLI in the test: each kind of
// film the kiosk cannot play as it is gets a reason the editor can read and converts to H.264/AAC MP4
// that passes the kiosk profile; damaged files are refused with a clear message and leave nothing behind.
#include "media/media_playback.hpp"
#include "media/mp4_layout.hpp"
#include "media/video_transcode.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

using namespace test_support;
using content_tool::MediaLimits;

namespace {

// Small limits, so that a 1280x720 clip is "too large" and scaling is exercised quickly.
const MediaLimits kLimits{640, 360};

const std::string kPicture = "-f lavfi -i testsrc=size=320x240:rate=25:duration=2 ";
const std::string kSound = "-f lavfi -i sine=frequency=440:sample_rate=44100:duration=2 ";

struct Clips {
    TempDir dir;
    fs::path make(const std::string& name, const std::string& args) { return make_clip(dir.path(), name, args); }
};

// What ffprobe finds in one stream, after decoding all of it (-count_frames).
using StreamFacts = std::map<std::string, std::string>;

std::vector<StreamFacts> probe_streams(const fs::path& file) {
    auto probed =
        run("ffprobe -v error -count_frames -show_entries "
            "stream=codec_type,codec_name,pix_fmt,width,height,channels,sample_rate,"
            "avg_frame_rate,r_frame_rate,nb_read_frames:stream_side_data=rotation -of default=nw=1 " +
            quote(file));
    INFO(probed.output);
    REQUIRE(probed.status == 0);
    std::vector<StreamFacts> streams;
    std::istringstream lines(probed.output);
    std::string line;
    while (std::getline(lines, line)) {
        auto equals = line.find('=');
        if (equals == std::string::npos)
            continue;
        auto key = line.substr(0, equals);
        if (key == "codec_name")
            streams.emplace_back();
        if (!streams.empty())
            streams.back()[key] = line.substr(equals + 1);
    }
    return streams;
}

const StreamFacts* find_stream(const std::vector<StreamFacts>& streams, const std::string& type) {
    for (const auto& stream : streams)
        if (stream.at("codec_type") == type)
            return &stream;
    return nullptr;
}

double rational(const std::string& text) {
    double num = 0, den = 1;
    std::sscanf(text.c_str(), "%lf/%lf", &num, &den);
    return den != 0 ? num / den : 0;
}

// Seconds of pictures the decoder gave, at the stream's (constant) rate.
double decoded_video_seconds(const StreamFacts& video) {
    return std::stod(video.at("nb_read_frames")) / rational(video.at("avg_frame_rate"));
}

bool has_reason(const content_tool::VideoPlan& plan, const std::string& words) {
    for (const auto& reason : plan.reasons)
        if (reason.find(words) != std::string::npos)
            return true;
    return false;
}

std::string joined(const std::vector<std::string>& reasons) {
    std::string text;
    for (const auto& reason : reasons)
        text += reason + "\n";
    return text;
}

struct Conversion {
    std::string name;
    std::string file;
    std::string args;
    std::string reason; // words one of the plan's reasons must contain
    bool sound;
    int width, height; // of the output
};

} // namespace

TEST_CASE("an H.264 AAC MP4 with its index at the front that fits the displays plays as it is",
          "[normalise][video]") {
    Clips clips;
    auto file = clips.make("fits.mp4",
                           kPicture + kSound + "-c:v libx264 -pix_fmt yuv420p -c:a aac -movflags +faststart");
    auto plan = content_tool::plan_video(file, kLimits);
    REQUIRE(plan.ok());
    INFO(joined(plan->reasons));
    CHECK_FALSE(plan->needs_transcode());
    CHECK(plan->facts.video_codec == "h264");
    CHECK(plan->facts.audio_codec == "aac");
    CHECK(plan->facts.width == 320);
    CHECK(plan->facts.height == 240);
    CHECK(plan->facts.frames_per_second == Approx(25));
    CHECK(plan->facts.seconds == Approx(2).margin(0.1));
    CHECK_FALSE(plan->facts.variable_frame_rate);
    CHECK_FALSE(plan->facts.interlaced);
}

// The checksum of a film's coded pictures, as the ffmpeg CLI copies them out.
std::string picture_checksum(const fs::path& film) {
    auto summed = run("ffmpeg -loglevel error -i " + quote(film) + " -map 0:v -c copy -f md5 -");
    INFO(summed.output);
    REQUIRE(summed.status == 0);
    return summed.output;
}

TEST_CASE("a kiosk-safe film in the wrong file layout is copied into a faststart MP4 without re-encoding",
          "[normalise][video]") {
    Clips clips;
    auto layout = GENERATE(as<std::string>{}, "index-at-end.mp4", "in-matroska.mkv");
    auto file = clips.make(layout, kPicture + kSound + "-c:v libx264 -pix_fmt yuv420p -c:a aac");
    auto plan = content_tool::plan_video(file, kLimits);
    REQUIRE(plan.ok());
    INFO(joined(plan->reasons));
    CHECK(plan->reasons.size() == 1);
    CHECK(has_reason(*plan, layout == "in-matroska.mkv" ? "container" : "index is at the end"));

    auto out = clips.dir / "out.mp4";
    std::vector<double> fractions;
    auto done = content_tool::transcode_video(file, *plan, kLimits, out,
                                              [&](double fraction) { fractions.push_back(fraction); });
    INFO((done.ok() ? "" : done.error().message));
    REQUIRE(done.ok());
    REQUIRE_FALSE(fractions.empty());
    CHECK(fractions.back() == 1.0);
    auto again = content_tool::plan_video(out, kLimits);
    REQUIRE(again.ok());
    INFO("output: " + joined(again->reasons));
    CHECK_FALSE(again->needs_transcode());
    CHECK(again->facts.seconds == Approx(plan->facts.seconds).margin(0.1));
    CHECK(again->facts.audio_codec == "aac");
    CHECK(picture_checksum(out) == picture_checksum(file));
}

TEST_CASE("films the kiosk cannot play as they are convert to H.264 AAC MP4 that it can",
          "[normalise][video]") {
    const std::string x264 = "-c:v libx264 -pix_fmt yuv420p ";
    auto conversion = GENERATE_COPY(values<Conversion>({
        {"HEVC", "hevc.mp4",
         kPicture + kSound + "-c:v libx265 -pix_fmt yuv420p -x265-params log-level=none -c:a aac", "HEVC",
         true, 320, 240},
        {"VP9 with Opus", "vp9.webm", kPicture + kSound + "-c:v libvpx-vp9 -b:v 300k -c:a libopus", "VP9",
         true, 320, 240},
        {"interlaced MPEG-2", "tv.mpg",
         kPicture + kSound + "-vf setfield=tff -flags +ilme+ildct -c:v mpeg2video -b:v 2M -c:a mp2",
         "interlaced", true, 320, 240},
        {"variable frame rate", "vfr.mp4",
         "-f lavfi -i testsrc=size=320x240:rate=30:duration=2 -f lavfi -i sine=duration=4 "
         "-vf \"setpts='if(lt(N,30),N/30,1+(N-30)/10)/TB'\" -fps_mode vfr " +
             x264 + "-c:a aac -movflags +faststart",
         "frame rate varies", true, 320, 240},
        {"larger than the displays", "large.mp4",
         "-f lavfi -i testsrc=size=1280x720:rate=25:duration=2 " + kSound + x264 +
             "-c:a aac -movflags +faststart",
         "larger than the largest display", true, 640, 360},
        {"MPEG-4 Part 2 without sound in AVI", "silent.avi", kPicture + "-c:v mpeg4 -q:v 5", "MPEG-4 Part 2",
         false, 320, 240},
        {"10-bit", "ten-bit.mp4",
         kPicture + kSound + "-c:v libx264 -pix_fmt yuv420p10le -c:a aac -movflags +faststart", "yuv420p10le",
         true, 320, 240},
        {"5.1 sound", "surround.mp4",
         kPicture + "-f lavfi -i sine=frequency=440:duration=2 -ac 6 " + x264 +
             "-c:a aac -movflags +faststart",
         "6 channels", true, 320, 240},
        {"120 frames a second", "fast.mp4",
         "-f lavfi -i testsrc=size=320x240:rate=120:duration=2 " + kSound + x264 +
             "-c:a aac -movflags +faststart",
         "120 frames per second", true, 320, 240},
    }));
    INFO(conversion.name);
    {
        Clips clips;
        auto file = clips.make(conversion.file, conversion.args);
        auto plan = content_tool::plan_video(file, kLimits);
        REQUIRE(plan.ok());
        INFO(joined(plan->reasons));
        CHECK(has_reason(*plan, conversion.reason));

        auto out = clips.dir / "out.mp4";
        std::vector<double> fractions;
        auto done = content_tool::transcode_video(file, *plan, kLimits, out,
                                                  [&](double fraction) { fractions.push_back(fraction); });
        INFO((done.ok() ? "" : done.error().message));
        REQUIRE(done.ok());
        CHECK_FALSE(fs::exists(fs::path(out.string() + ".part")));
        REQUIRE_FALSE(fractions.empty());
        CHECK(std::is_sorted(fractions.begin(), fractions.end()));
        CHECK(fractions.back() == 1.0);

        // The output passes the kiosk profile by our own rules...
        auto again = content_tool::plan_video(out, kLimits);
        REQUIRE(again.ok());
        INFO("output: " + joined(again->reasons));
        CHECK_FALSE(again->needs_transcode());
        CHECK(again->facts.rotation == 0);
        CHECK(kiosk::probe_media(out).ok());

        // ...and by what ffprobe decodes from it.
        auto streams = probe_streams(out);
        const StreamFacts* video = find_stream(streams, "video");
        REQUIRE(video);
        CHECK(video->at("codec_name") == "h264");
        CHECK(video->at("pix_fmt") == "yuv420p");
        CHECK(video->at("width") == std::to_string(conversion.width));
        CHECK(video->at("height") == std::to_string(conversion.height));
        CHECK(rational(video->at("avg_frame_rate")) <= 60);
        CHECK(rational(video->at("r_frame_rate")) ==
              Approx(rational(video->at("avg_frame_rate"))).epsilon(0.01));
        CHECK(decoded_video_seconds(*video) == Approx(plan->facts.seconds).margin(0.2));
        const StreamFacts* audio = find_stream(streams, "audio");
        CHECK((audio != nullptr) == conversion.sound);
        if (audio) {
            CHECK(audio->at("codec_name") == "aac");
            CHECK(audio->at("channels") == "2");
            CHECK(audio->at("sample_rate") == "48000");
            const double audio_seconds = std::stod(audio->at("nb_read_frames")) * 1024 / 48000;
            CHECK(audio_seconds == Approx(decoded_video_seconds(*video)).margin(0.2));
        }
    }
}

// The first picture of a film as 8-bit grey, turned upright as the ffmpeg CLI (and every player) turns it.
std::string first_picture(Clips& clips, const fs::path& film) {
    auto picture = clips.dir / (film.stem().string() + ".gray");
    auto made = run("ffmpeg -loglevel error -y -i " + quote(film) +
                    " -frames:v 1 -pix_fmt gray -f rawvideo " + quote(picture));
    INFO(made.output);
    REQUIRE(made.status == 0);
    return read_text(picture);
}

double mean_difference(const std::string& a, const std::string& b) {
    REQUIRE(a.size() == b.size());
    double total = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        total += std::abs(static_cast<unsigned char>(a[i]) - static_cast<unsigned char>(b[i]));
    return total / static_cast<double>(a.size());
}

TEST_CASE("an HDR phone film comes out in standard range, tagged BT.709", "[normalise][video]") {
    Clips clips;
    auto transfer = GENERATE(as<std::string>{}, "arib-std-b67", "smpte2084");
    auto file = clips.make("hdr.mp4", kPicture + kSound +
                                          "-c:v libx265 -pix_fmt yuv420p10le -x265-params log-level=none "
                                          "-color_primaries bt2020 -colorspace bt2020nc -color_trc " +
                                          transfer + " -c:a aac -movflags +faststart");
    auto plan = content_tool::plan_video(file, kLimits);
    REQUIRE(plan.ok());
    INFO(joined(plan->reasons));
    CHECK(plan->facts.hdr_transfer == transfer);
    CHECK(has_reason(*plan, "HDR"));

    auto out = clips.dir / "sdr.mp4";
    auto done = content_tool::transcode_video(file, *plan, kLimits, out, nullptr);
    INFO((done.ok() ? "" : done.error().message));
    REQUIRE(done.ok());
    auto again = content_tool::plan_video(out, kLimits);
    REQUIRE(again.ok());
    INFO("output: " + joined(again->reasons));
    CHECK_FALSE(again->needs_transcode());
    auto colours =
        run("ffprobe -v error -select_streams v:0 -show_entries stream=color_transfer,color_primaries "
            "-of default=nw=1 " +
            quote(out));
    CHECK(colours.output.find("color_transfer=bt709") != std::string::npos);
    CHECK(colours.output.find("color_primaries=bt709") != std::string::npos);
}

TEST_CASE("a phone film stored turned is converted upright with no turn left in it", "[normalise][video]") {
    Clips clips;
    auto tag = GENERATE(as<std::string>{}, "90", "180", "270");
    INFO("rotate=" + tag);
    auto flat = clips.make("flat.mp4", kPicture + kSound + "-c:v libx264 -pix_fmt yuv420p -c:a aac");
    auto file = clips.make("phone.mp4", "-i " + quote(flat) + " -c copy -metadata:s:v rotate=" + tag +
                                            " -movflags +faststart");
    const bool sideways = tag != "180";
    auto plan = content_tool::plan_video(file, kLimits);
    REQUIRE(plan.ok());
    INFO(joined(plan->reasons));
    // The turn as the kiosk reads the display matrix (FFmpeg 5.1 stores "rotate=90" counter-clockwise).
    CHECK(plan->facts.rotation % 180 == (sideways ? 90 : 0));
    CHECK(plan->facts.rotation != 0);
    CHECK(has_reason(*plan, "turned"));

    auto out = clips.dir / "upright.mp4";
    auto done = content_tool::transcode_video(file, *plan, kLimits, out, nullptr);
    INFO((done.ok() ? "" : done.error().message));
    REQUIRE(done.ok());
    auto streams = probe_streams(out);
    const StreamFacts* video = find_stream(streams, "video");
    REQUIRE(video);
    CHECK(video->at("width") == (sideways ? "240" : "320"));
    CHECK(video->at("height") == (sideways ? "320" : "240"));
    CHECK(video->count("rotation") == 0);
    auto again = content_tool::plan_video(out, kLimits);
    REQUIRE(again.ok());
    CHECK(again->facts.rotation == 0);
    CHECK_FALSE(again->needs_transcode());

    // Turned the right way: the same picture a player shows for the phone film, not its upside-down.
    const std::string shown = first_picture(clips, file);
    const std::string converted = first_picture(clips, out);
    const std::string upside_down(shown.rbegin(), shown.rend());
    CHECK(mean_difference(converted, shown) < 6);
    CHECK(mean_difference(converted, upside_down) > 30);
}

TEST_CASE("a film cut short while copying is refused as incomplete and leaves no output",
          "[normalise][video]") {
    Clips clips;
    auto index = GENERATE(as<std::string>{}, "", "-movflags +faststart");
    auto whole =
        clips.make("whole.mp4", kPicture + kSound + "-c:v libx264 -pix_fmt yuv420p -c:a aac " + index);
    auto file = clips.dir / "cut.mp4";
    fs::copy_file(whole, file);
    fs::resize_file(file, fs::file_size(whole) / 2);

    auto plan = content_tool::plan_video(file, kLimits);
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().message.find("incomplete") != std::string::npos);

    auto out = clips.dir / "out.mp4";
    auto done = content_tool::transcode_video(file, {}, kLimits, out, nullptr);
    REQUIRE_FALSE(done.ok());
    CHECK(done.error().message.find("copy it again") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
    CHECK_FALSE(fs::exists(fs::path(out.string() + ".part")));
}

TEST_CASE("a WebM or Matroska film cut short is refused when converting and leaves no output",
          "[normalise][video]") {
    Clips clips;
    auto kind = GENERATE(as<std::string>{}, "webm", "mkv");
    auto whole = clips.make("whole." + kind,
                            kind == "webm" ? kPicture + kSound + "-c:v libvpx-vp9 -b:v 300k -c:a libopus"
                                           : kPicture + kSound + "-c:v libx264 -pix_fmt yuv420p -c:a aac");
    auto file = clips.dir / ("cut." + kind);
    fs::copy_file(whole, file);
    fs::resize_file(file, fs::file_size(whole) / 2);

    auto out = clips.dir / "out.mp4";
    auto done = content_tool::transcode_video(file, {}, kLimits, out, nullptr);
    REQUIRE_FALSE(done.ok());
    INFO(done.error().message);
    CHECK(done.error().message.find("copy it again") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
    CHECK_FALSE(fs::exists(fs::path(out.string() + ".part")));
}

TEST_CASE("a file of garbage named .mp4 is refused with a clear message and leaves no output",
          "[normalise][video]") {
    Clips clips;
    auto file = clips.dir / "garbage.mp4";
    {
        std::ofstream garbage(file, std::ios::binary);
        for (int i = 0; i < 100000; ++i)
            garbage.put(static_cast<char>((i * 7919) % 251));
    }
    auto plan = content_tool::plan_video(file, kLimits);
    REQUIRE_FALSE(plan.ok());
    INFO(plan.error().message);
    CHECK(plan.error().message.find("export it again") != std::string::npos);

    auto out = clips.dir / "out.mp4";
    auto done = content_tool::transcode_video(file, {}, kLimits, out, nullptr);
    REQUIRE_FALSE(done.ok());
    CHECK_FALSE(fs::exists(out));
    CHECK_FALSE(fs::exists(fs::path(out.string() + ".part")));
}

// One MP4 box: a 32-bit size (or 1 and a 64-bit size), its type, then body_size bytes of body, of
// which only `written` are put in the file (fewer when the box is cut short).
std::string box(const std::string& type, std::uint64_t body_size, bool large = false,
                std::uint64_t written = UINT64_MAX) {
    auto big_endian = [](std::uint64_t value, int bytes) {
        std::string out;
        for (int i = bytes - 1; i >= 0; --i)
            out.push_back(static_cast<char>(value >> (8 * i) & 0xff));
        return out;
    };
    std::string out =
        large ? big_endian(1, 4) + type + big_endian(16 + body_size, 8) : big_endian(8 + body_size, 4) + type;
    return out + std::string(std::min(body_size, written), '\0');
}

TEST_CASE("the MP4 layout scan finds the index, its place, and files cut short", "[normalise][video]") {
    TempDir dir;
    auto scan = [&](const std::string& bytes) {
        write_text(dir / "film.mp4", bytes);
        return content_tool::scan_mp4_layout(dir / "film.mp4");
    };
    auto front = scan(box("ftyp", 16) + box("meta", 40) + box("moov", 100) + box("mdat", 1000, true));
    CHECK(front.is_mp4);
    CHECK(front.has_index);
    CHECK(front.index_at_front);
    CHECK_FALSE(front.cut_short);
    CHECK(front.walked_to_end);

    auto end = scan(box("ftyp", 16) + box("free", 8) + box("mdat", 1000) + box("moov", 100));
    CHECK(end.has_index);
    CHECK_FALSE(end.index_at_front);
    CHECK(end.walked_to_end);

    auto no_index = scan(box("ftyp", 16) + box("mdat", 1000));
    CHECK_FALSE(no_index.has_index);
    CHECK(no_index.walked_to_end);

    auto cut = scan(box("ftyp", 16) + box("moov", 100) + box("mdat", 5000, true, 1000));
    CHECK(cut.has_index);
    CHECK(cut.cut_short);

    auto not_mp4 = scan("\x1a\x45\xdf\xa3 this is Matroska's magic, not an MP4 box");
    CHECK_FALSE(not_mp4.is_mp4);
}

TEST_CASE("the profile version names the encoder settings", "[normalise][video]") {
    auto version = content_tool::video_profile_version();
    CHECK(version.find("h264") != std::string::npos);
    CHECK(version.find("crf21") != std::string::npos);
    CHECK(version.find("aac128") != std::string::npos);
}
