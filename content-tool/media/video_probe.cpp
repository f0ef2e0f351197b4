// plan_video: what a film is (probed with libavformat, its first frames decoded with libavcodec) and
// which rules of the kiosk-safe profile it breaks.
#include "media/video_probe.hpp"

#include "media/media_playback.hpp"
#include "media/mp4_layout.hpp"
#include "media/video_source.hpp"

extern "C" {
#include <libavutil/pixdesc.h>
}

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <utility>

namespace content_tool {

namespace {

// Enough frames to see the timing settle and an interlaced frame, few enough to stay quick.
constexpr int kFramesToDecode = 60;
constexpr int kPacketsToRead = 1500;
constexpr double kMaxFrameRate = 60.0;

std::string codec_title(const std::string& name) {
    static const std::pair<const char*, const char*> kTitles[] = {
        {"hevc", "HEVC (H.265)"}, {"mpeg2video", "MPEG-2"}, {"mpeg4", "MPEG-4 Part 2"},  {"opus", "Opus"},
        {"vorbis", "Vorbis"},     {"mp3", "MP3"},           {"mp2", "MPEG audio (MP2)"}, {"ac3", "AC-3"},
        {"eac3", "E-AC-3"},       {"pcm_s16le", "PCM"},     {"prores", "ProRes"},
    };
    for (const auto& [codec, title] : kTitles)
        if (name == codec)
            return title;
    std::string title = name;
    std::transform(title.begin(), title.end(), title.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    return title;
}

std::string size_text(int width, int height) {
    return std::to_string(width) + "x" + std::to_string(height);
}

bool is_mp4_family(std::string_view container) {
    return container.find("mp4") != std::string_view::npos || container.find("mov") != std::string_view::npos;
}

double rate_of(AVRational rate) {
    return rate.num > 0 && rate.den > 0 ? av_q2d(rate) : 0.0;
}

// What the first decoded frames show: interlacing, and whether their spacing varies.
struct FrameTiming {
    bool interlaced = false;
    bool variable = false;
};

bool varies(std::vector<std::int64_t> stamps) {
    std::sort(stamps.begin(), stamps.end());
    std::int64_t shortest = INT64_MAX, longest = 0;
    for (std::size_t i = 1; i < stamps.size(); ++i) {
        const std::int64_t gap = stamps[i] - stamps[i - 1];
        if (gap <= 0)
            continue;
        shortest = std::min(shortest, gap);
        longest = std::max(longest, gap);
    }
    // Time bases such as 1/1000 round a constant 30 fps to gaps of 33 and 34 ticks: only a gap half as
    // long again as the shortest means the frame rate varies.
    return longest > 0 && static_cast<double>(longest) > 1.5 * static_cast<double>(shortest) + 1;
}

// Decodes the first frames of the picture (and a little of the sound), so that a film FFmpeg can open
// but not decode is refused here rather than half-way through a transcode.
kiosk::Result<FrameTiming> decode_first_frames(const SourceFilm& film) {
    auto video = TRY(open_decoder(film, film.video, Threads::One));
    kiosk::CodecPtr audio;
    if (film.audio >= 0)
        audio = TRY(open_decoder(film, film.audio, Threads::One));
    kiosk::PacketPtr packet(av_packet_alloc());
    kiosk::FramePtr frame(av_frame_alloc());
    std::vector<std::int64_t> stamps;
    int frames = 0;
    bool interlaced = false;
    std::string last_error;
    auto take_frames = [&](AVCodecContext* decoder) {
        while (avcodec_receive_frame(decoder, frame.get()) >= 0) {
            if (decoder == video.get()) {
                ++frames;
                interlaced = interlaced || frame->interlaced_frame;
                // Frames without a time (raw streams) say nothing about the spacing.
                if (frame->best_effort_timestamp != AV_NOPTS_VALUE)
                    stamps.push_back(frame->best_effort_timestamp);
            }
            av_frame_unref(frame.get());
        }
    };
    for (int read = 0; read < kPacketsToRead && frames < kFramesToDecode; ++read) {
        int status = av_read_frame(film.format.get(), packet.get());
        if (status < 0) {
            if (status != AVERROR_EOF)
                last_error = kiosk::av_error_text(status);
            if (avcodec_send_packet(video.get(), nullptr) >= 0)
                take_frames(video.get());
            break;
        }
        AVCodecContext* decoder = packet->stream_index == film.video   ? video.get()
                                  : packet->stream_index == film.audio ? audio.get()
                                                                       : nullptr;
        if (decoder) {
            status = avcodec_send_packet(decoder, packet.get());
            if (status < 0 && status != AVERROR(EAGAIN))
                last_error = kiosk::av_error_text(status);
            take_frames(decoder);
        }
        av_packet_unref(packet.get());
    }
    if (frames == 0)
        return undecodable(last_error.empty() ? "no picture could be decoded" : last_error);
    return FrameTiming{interlaced, varies(stamps)};
}

} // namespace

int upright_width(const VideoFacts& facts) {
    return facts.rotation % 180 == 0 ? facts.width : facts.height;
}

int upright_height(const VideoFacts& facts) {
    return facts.rotation % 180 == 0 ? facts.height : facts.width;
}

std::vector<std::string> kiosk_profile_reasons(const VideoFacts& facts, const MediaLimits& limits) {
    std::vector<std::string> reasons;
    if (facts.video_codec != "h264")
        reasons.push_back(codec_title(facts.video_codec) + " is not in the kiosk profile (H.264)");
    else if (facts.pixel_format != "yuv420p")
        reasons.push_back("its pictures are " + facts.pixel_format +
                          ", not the 8-bit 4:2:0 (yuv420p) of the kiosk profile");
    const int long_side = std::max(facts.width, facts.height);
    const int short_side = std::min(facts.width, facts.height);
    if (long_side > limits.long_side || short_side > limits.short_side)
        reasons.push_back(size_text(upright_width(facts), upright_height(facts)) +
                          " is larger than the largest display profile (" +
                          size_text(limits.long_side, limits.short_side) + ")");
    if (facts.rotation != 0)
        reasons.push_back("it is stored turned (phone film, " + std::to_string(facts.rotation) +
                          " degrees); the kiosk gets it upright");
    if (!facts.hdr_transfer.empty())
        reasons.push_back("it is HDR (" + facts.hdr_transfer +
                          "); the kiosk shows standard range, so its colours are mapped to it");
    if (facts.interlaced)
        reasons.push_back("it is interlaced (TV fields); the kiosk shows progressive pictures");
    if (facts.variable_frame_rate)
        reasons.push_back("its frame rate varies; the kiosk needs a constant frame rate");
    if (facts.frames_per_second > kMaxFrameRate)
        reasons.push_back(std::to_string(static_cast<int>(std::lround(facts.frames_per_second))) +
                          " frames per second is more than the kiosk's 60");
    if (!facts.audio_codec.empty() && facts.audio_codec != "aac")
        reasons.push_back(codec_title(facts.audio_codec) + " sound is not in the kiosk profile (AAC)");
    else if (facts.audio_channels > 2)
        reasons.push_back("its sound has " + std::to_string(facts.audio_channels) +
                          " channels; the kiosk plays stereo");
    if (!is_mp4_family(facts.container))
        reasons.push_back("its container (" + facts.container + ") is not MP4");
    else if (!facts.index_at_front)
        reasons.push_back(
            "its index is at the end of the file; the kiosk needs it at the front to stream it");
    return reasons;
}

kiosk::Result<VideoPlan> plan_video(const std::filesystem::path& file, const MediaLimits& limits) {
    kiosk::quiet_media_logs();
    auto film = TRY(open_source_film(file));
    const AVFormatContext* format = film.format.get();
    const AVStream* video = format->streams[film.video];
    const AVCodecParameters* picture = video->codecpar;

    VideoPlan plan;
    VideoFacts& facts = plan.facts;
    facts.container = format->iformat->name;
    facts.video_codec = avcodec_get_name(picture->codec_id);
    const char* pixel_format = av_get_pix_fmt_name(static_cast<AVPixelFormat>(picture->format));
    facts.pixel_format = pixel_format ? pixel_format : "unknown";
    facts.width = picture->width;
    facts.height = picture->height;
    facts.rotation = stream_rotation(video);
    if (picture->color_trc == AVCOL_TRC_SMPTE2084 || picture->color_trc == AVCOL_TRC_ARIB_STD_B67)
        facts.hdr_transfer = av_color_transfer_name(picture->color_trc);
    if (format->duration != AV_NOPTS_VALUE && format->duration > 0)
        facts.seconds = static_cast<double>(format->duration) / AV_TIME_BASE;
    if (film.audio >= 0) {
        const AVCodecParameters* sound = format->streams[film.audio]->codecpar;
        facts.audio_codec = avcodec_get_name(sound->codec_id);
        facts.audio_channels = sound->ch_layout.nb_channels;
    }
    if (is_mp4_family(facts.container))
        facts.index_at_front = scan_mp4_layout(file).index_at_front;

    const FrameTiming timing = TRY(decode_first_frames(film));
    facts.interlaced = timing.interlaced || (picture->field_order != AV_FIELD_UNKNOWN &&
                                             picture->field_order != AV_FIELD_PROGRESSIVE);
    const double average = rate_of(video->avg_frame_rate);
    const double real = rate_of(video->r_frame_rate);
    facts.frames_per_second = average > 0 ? average : real;
    // r_frame_rate is the rate that represents every timestamp; an average far from it means frames
    // come at uneven times (interlaced streams may count fields there, so they are left to the gaps).
    const bool rates_disagree =
        average > 0 && real > 0 && !facts.interlaced && std::abs(real / average - 1) > 0.1;
    facts.variable_frame_rate = timing.variable || rates_disagree;

    plan.reasons = kiosk_profile_reasons(facts, limits);
    return plan;
}

} // namespace content_tool
