// Demux and decode threads. Damaged data is counted and skipped, never waited on: the end of what can
// be read ends the stream.
#include "media/media_playback.hpp"

#include "base/log.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <optional>
#include <set>
#include <unistd.h>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/display.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

namespace kiosk {

struct MediaPlayback::Range {
    int fd = -1;
    std::uint64_t offset = 0, size = 0, position = 0;
    ~Range() {
        if (fd >= 0)
            ::close(fd);
    }
    static int read(void* opaque, std::uint8_t* buffer, int length) {
        auto* r = static_cast<Range*>(opaque);
        std::uint64_t left = r->size - r->position;
        if (left == 0)
            return AVERROR_EOF;
        auto want =
            static_cast<std::size_t>(std::min<std::uint64_t>(left, static_cast<std::uint64_t>(length)));
        ssize_t n = ::pread(r->fd, buffer, want, static_cast<off_t>(r->offset + r->position));
        if (n <= 0)
            return n == 0 ? AVERROR_EOF : AVERROR(errno);
        r->position += static_cast<std::uint64_t>(n);
        return static_cast<int>(n);
    }
    static std::int64_t seek(void* opaque, std::int64_t where, int whence) {
        auto* r = static_cast<Range*>(opaque);
        if (whence & AVSEEK_SIZE)
            return static_cast<std::int64_t>(r->size);
        std::int64_t base = (whence & 3) == SEEK_CUR   ? static_cast<std::int64_t>(r->position)
                            : (whence & 3) == SEEK_END ? static_cast<std::int64_t>(r->size)
                                                       : 0;
        std::int64_t target = base + where;
        if (target < 0 || static_cast<std::uint64_t>(target) > r->size)
            return AVERROR(EINVAL);
        r->position = static_cast<std::uint64_t>(target);
        return target;
    }
};

namespace {

// The decoder of a stream, opened; multi-threaded as the machine allows.
Result<CodecPtr> open_decoder(const AVCodec* decoder, const AVStream* stream, const HwDevice* hw = nullptr) {
    CodecPtr codec(avcodec_alloc_context3(decoder));
    if (!codec || avcodec_parameters_to_context(codec.get(), stream->codecpar) < 0)
        return make_error(ErrorCode::Io, std::string("cannot set up the ") + decoder->name + " decoder");
    codec->thread_count = 0;
    if (hw)
        attach_hw_device(codec.get(), *hw);
    if (int err = avcodec_open2(codec.get(), decoder, nullptr); err < 0)
        return make_error(ErrorCode::Unsupported,
                          std::string("cannot decode ") + decoder->name + ": " + av_error_text(err));
    return codec;
}

// Reads the streams and finds the video one and its decoder.
Result<std::pair<int, const AVCodec*>> find_video(AVFormatContext* format) {
    if (int err = avformat_find_stream_info(format, nullptr); err < 0)
        return make_error(ErrorCode::Parse, "its streams cannot be read (" + av_error_text(err) + ")");
    const AVCodec* decoder = nullptr;
    int stream = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (stream < 0 || !decoder)
        return make_error(ErrorCode::Unsupported, "it has no video this kiosk can decode");
    return std::pair{stream, decoder};
}

// A frame's time in seconds from the start of its stream.
double seconds_of(const AVFrame* frame, AVRational time_base) {
    return frame->best_effort_timestamp == AV_NOPTS_VALUE
               ? 0.0
               : static_cast<double>(frame->best_effort_timestamp) * av_q2d(time_base);
}

// Each reason decoding fell back to software is logged once per run, not once per film or loop.
void log_once(bool error, const std::string& message) {
    static std::mutex mutex;
    static std::set<std::string> logged;
    std::lock_guard lock(mutex);
    if (logged.insert(message).second)
        error ? log_error(message) : log_info(message);
}

} // namespace

void MediaPlayback::open_video_decoder(const AVCodec* decoder, const Decoding& decoding) {
    AVStream* stream = m_format->streams[m_stream];
    m_decoder = decoder;
    m_codec_name = decoder->name;
    if (decoding.hw != HwDecode::Software) {
        auto hw = open_vaapi(decoder, decoding.vaapi_device);
        auto codec = hw ? open_decoder(decoder, stream, &*hw) : Result<CodecPtr>(hw.error());
        if (codec) {
            m_codec = std::move(codec.value());
            m_hw_format = hw->format;
            m_decoding = "VAAPI on " + hw->node;
            return;
        }
        m_decoding = "software (" + codec.error().message + ")";
        log_once(decoding.hw == HwDecode::Vaapi,
                 std::string("video: ") + decoder->name + " decoded in software: " + codec.error().message);
    } else {
        m_decoding = "software";
    }
}

bool MediaPlayback::fall_back_to_software(const std::string& why) {
    log_once(true, std::string("video: VAAPI failed (") + why + "); " + m_codec_name +
                       " films are decoded in software from now on");
    auto codec = open_decoder(m_decoder, m_format->streams[m_stream]);
    if (!codec) {
        log_error("video: " + codec.error().message);
        return false;
    }
    m_codec = std::move(codec.value());
    m_hw_format = AV_PIX_FMT_NONE;
    return true;
}

namespace {

// Why a file cannot be opened, in words an operator can act on.
std::string open_error_text(int err) {
    if (err == AVERROR_INVALIDDATA) // e.g. an MP4 cut short before its index ("moov atom not found")
        return "the file is damaged or incomplete (cut short while copying?), or is not a film; copy it again";
    return av_error_text(err);
}

} // namespace

Result<std::unique_ptr<MediaPlayback>> MediaPlayback::open(const std::filesystem::path& file, Loop loop,
                                                           Sound sound, const Decoding& decoding) {
    std::unique_ptr<MediaPlayback> p(new MediaPlayback());
    AVFormatContext* format = nullptr;
    if (int err = avformat_open_input(&format, file.c_str(), nullptr, nullptr); err < 0)
        return make_error(ErrorCode::Parse, "cannot open " + file.string() + ": " + open_error_text(err));
    p->m_format.reset(format);
    return start(std::move(p), file.string(), loop, sound, decoding);
}

Result<std::unique_ptr<MediaPlayback>> MediaPlayback::open_range(const std::filesystem::path& file,
                                                                 std::uint64_t offset, std::uint64_t size,
                                                                 Loop loop, Sound sound,
                                                                 const Decoding& decoding) {
    std::unique_ptr<MediaPlayback> p(new MediaPlayback());
    p->m_range = std::make_unique<Range>();
    p->m_range->fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (p->m_range->fd < 0)
        return make_error(ErrorCode::Io, "cannot open " + file.string() + ": " + std::strerror(errno));
    p->m_range->offset = offset;
    p->m_range->size = size;
    constexpr int kBuffer = 64 * 1024;
    auto* buffer = static_cast<unsigned char*>(av_malloc(kBuffer));
    p->m_io = avio_alloc_context(buffer, kBuffer, 0, p->m_range.get(), &Range::read, nullptr, &Range::seek);
    AVFormatContext* format = avformat_alloc_context();
    if (!p->m_io || !format) {
        avformat_free_context(format);
        return make_error(ErrorCode::Io, "out of memory opening media");
    }
    format->pb = p->m_io;
    format->flags |= AVFMT_FLAG_CUSTOM_IO;
    if (int err = avformat_open_input(&format, nullptr, nullptr, nullptr); err < 0)
        return make_error(ErrorCode::Parse,
                          "cannot open the media in " + file.string() + ": " + open_error_text(err));
    p->m_format.reset(format);
    return start(std::move(p), file.string(), loop, sound, decoding);
}

Result<std::unique_ptr<MediaPlayback>> MediaPlayback::start(std::unique_ptr<MediaPlayback> p,
                                                            const std::string& name, Loop loop, Sound sound,
                                                            const Decoding& decoding) {
    p->m_loop = loop;
    AVFormatContext* format = p->m_format.get();
    auto video = find_video(format);
    if (!video)
        return make_error(video.error().code, name + ": " + video.error().message);
    auto [index, decoder] = *video;
    p->m_stream = index;
    AVStream* stream = format->streams[index];
    p->open_video_decoder(decoder, decoding);
    if (!p->m_codec) {
        auto codec = open_decoder(decoder, stream);
        if (!codec)
            return make_error(codec.error().code, name + ": " + codec.error().message);
        p->m_codec = std::move(codec.value());
    }
    p->m_width = p->m_codec->width;
    p->m_height = p->m_codec->height;
    if (p->m_width <= 0 || p->m_height <= 0 || p->m_width > 8192 || p->m_height > 8192)
        return make_error(ErrorCode::Unsupported, name + " has a video size this kiosk cannot show");
    AVRational rate = av_guess_frame_rate(format, stream, nullptr);
    if (rate.num > 0 && rate.den > 0)
        p->m_frame_rate = av_q2d(rate);
    p->m_time_base = stream->time_base;
    if (const auto* matrix = reinterpret_cast<const std::int32_t*>(
            av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, nullptr))) {
        // As ffplay reads it: the matrix turns counter-clockwise; showing upright turns the other way.
        double turn = -av_display_rotation_get(matrix);
        int quarter = static_cast<int>(std::lround(turn / 90.0)) % 4;
        p->m_rotation = (quarter + 4) % 4 * 90;
    }
    if (sound == Sound::On)
        p->open_audio();
    p->m_demux_thread = std::thread([raw = p.get()] { raw->demux(); });
    p->m_decode_thread = std::thread([raw = p.get()] { raw->decode(); });
    if (p->m_audio_stream >= 0)
        p->m_audio_thread = std::thread([raw = p.get()] { raw->decode_audio(); });
    return p;
}

MediaPlayback::~MediaPlayback() {
    {
        std::lock_guard lock(m_seek_mutex);
        m_stop = true;
        m_seek_wake.notify_all();
    }
    m_packets.abort();
    m_frames.abort();
    m_audio_packets.abort();
    m_audio.abort();
    if (m_demux_thread.joinable())
        m_demux_thread.join();
    if (m_decode_thread.joinable())
        m_decode_thread.join();
    if (m_audio_thread.joinable())
        m_audio_thread.join();
    sws_freeContext(m_sws);
    swr_free(&m_swr);
    m_format.reset(); // before the I/O context it reads through
    if (m_io) {
        av_freep(&m_io->buffer);
        avio_context_free(&m_io);
    }
}

void MediaPlayback::seek(double seconds) {
    std::lock_guard lock(m_seek_mutex);
    // Both queues start a new serial together: what was read for the old position is dropped.
    m_seek_target = std::clamp(seconds, 0.0, std::max(0.0, duration()));
    m_seek_floor = *m_seek_target;
    m_fresh_serial = m_packets.restart();
    m_audio_packets.restart();
    m_seek_wake.notify_all();
}

bool MediaPlayback::before_seek_target(int serial, double pts) const {
    return serial == m_fresh_serial && serial > 0 && pts < m_seek_floor - 0.001;
}

double MediaPlayback::duration() const {
    return m_format->duration > 0 ? static_cast<double>(m_format->duration) / AV_TIME_BASE : 0.0;
}

void MediaPlayback::demux() {
    int serial = m_packets.serial();
    bool at_end = false;
    while (!m_stop) {
        std::optional<double> target;
        {
            std::unique_lock lock(m_seek_mutex);
            if (at_end) // a film played once waits at its end for a seek, or to be closed
                m_seek_wake.wait(lock, [&] { return m_stop || m_seek_target; });
            target = std::exchange(m_seek_target, std::nullopt);
            if (target)
                serial = m_packets.serial();
        }
        if (m_stop)
            return;
        if (target) {
            std::int64_t start = m_format->start_time == AV_NOPTS_VALUE ? 0 : m_format->start_time;
            auto ts = static_cast<std::int64_t>(std::llround(*target * AV_TIME_BASE)) + start;
            if (avformat_seek_file(m_format.get(), -1, INT64_MIN, ts, ts, 0) < 0)
                log_warn("video: cannot seek to " + std::to_string(*target) + " s");
            at_end = false;
        }
        PacketPtr packet(av_packet_alloc());
        int err = av_read_frame(m_format.get(), packet.get());
        if (err < 0) {
            if (err != AVERROR_EOF)
                log_warn("video: reading stopped early: " + av_error_text(err));
            m_packets.push_end(serial); // the decoders drain what they hold
            m_audio_packets.push_end(serial);
            if (m_loop == Loop::Once) {
                at_end = true;
                continue;
            }
            // Loop: back to the start; what follows belongs to a new serial.
            if (av_seek_frame(m_format.get(), m_stream, 0, AVSEEK_FLAG_BACKWARD) < 0 &&
                avformat_seek_file(m_format.get(), -1, INT64_MIN, 0, INT64_MAX, 0) < 0) {
                log_error("video: cannot go back to the start to loop");
                at_end = true;
                continue;
            }
            std::lock_guard lock(m_seek_mutex);
            serial = m_packets.next_serial();
            m_audio_packets.next_serial();
            continue;
        }
        if (packet->stream_index == m_audio_stream) {
            if (!m_audio_packets.push(std::move(packet), serial))
                return;
            continue;
        }
        if (packet->stream_index != m_stream)
            continue;
        if (!m_packets.push(std::move(packet), serial))
            return;
    }
}

FramePtr MediaPlayback::to_yuv420(FramePtr frame) {
    if (frame->format == AV_PIX_FMT_YUV420P || frame->format == AV_PIX_FMT_YUVJ420P)
        return frame;
    m_sws = sws_getCachedContext(m_sws, frame->width, frame->height,
                                 static_cast<AVPixelFormat>(frame->format), frame->width, frame->height,
                                 AV_PIX_FMT_YUV420P, SWS_BILINEAR, nullptr, nullptr, nullptr);
    FramePtr out(av_frame_alloc());
    out->format = AV_PIX_FMT_YUV420P;
    out->width = frame->width;
    out->height = frame->height;
    if (!m_sws || av_frame_get_buffer(out.get(), 0) < 0)
        return nullptr;
    sws_scale(m_sws, frame->data, frame->linesize, 0, frame->height, out->data, out->linesize);
    av_frame_copy_props(out.get(), frame.get());
    return out;
}

// The loop both decoders share: packets in, frames out through `receive` (false when stopping). A new
// serial flushes the decoder; the end of a pass drains it, and with Loop::Once calls `end` and returns.
template <class Receive, class End>
void MediaPlayback::run_decoder(PacketQueue& packets, CodecPtr& codec_ptr, int& serial, Receive&& receive,
                                End&& end) {
    QueuedPacket queued;
    while (!m_stop && packets.pop(queued)) {
        AVCodecContext* codec = codec_ptr.get(); // `receive` may replace a failing hardware decoder
        if (queued.serial != serial) {
            avcodec_flush_buffers(codec);
            serial = queued.serial;
        }
        if (!queued.packet) {
            avcodec_send_packet(codec, nullptr);
            if (!receive())
                return;
            avcodec_flush_buffers(codec_ptr.get());
            if (m_loop == Loop::Once)
                end(); // the film has ended, though a seek may bring more packets
            continue;
        }
        if (int err = avcodec_send_packet(codec, queued.packet.get()); err < 0 && err != AVERROR(EAGAIN))
            ++m_stats.decode_errors;
        if (!receive())
            return;
    }
}

void MediaPlayback::decode() {
    int serial = 0;
    FramePtr frame(av_frame_alloc());
    auto receive = [&]() -> bool { // false when stopping
        while (true) {
            int err = avcodec_receive_frame(m_codec.get(), frame.get());
            if (err == AVERROR(EAGAIN) || err == AVERROR_EOF)
                return true;
            if (err < 0) {
                ++m_stats.decode_errors;
                return true;
            }
            ++m_stats.decoded;
            double pts = seconds_of(frame.get(), m_time_base);
            if (before_seek_target(serial, pts)) { // decoded from the keyframe before it: not shown
                av_frame_unref(frame.get());
                continue;
            }
            auto downloaded = download_frame(FramePtr(av_frame_clone(frame.get())), m_hw_format);
            av_frame_unref(frame.get());
            if (!downloaded) {
                ++m_stats.decode_errors;
                if (!fall_back_to_software(downloaded.error().message))
                    return false;
                return true; // the software decoder starts at the next packet
            }
            FramePtr shown = to_yuv420(std::move(downloaded.value()));
            if (!shown) {
                ++m_stats.decode_errors;
                continue;
            }
            if (!m_frames.push({std::move(shown), pts, serial}))
                return false;
        }
    };
    run_decoder(m_packets, m_codec, serial, receive, [&] { m_frames.push({nullptr, 0, serial}); });
}

void MediaPlayback::open_audio() {
    const AVCodec* decoder = nullptr;
    int stream = av_find_best_stream(m_format.get(), AVMEDIA_TYPE_AUDIO, -1, m_stream, &decoder, 0);
    if (stream < 0 || !decoder)
        return; // a silent film is fine
    auto opened = open_decoder(decoder, m_format->streams[stream]);
    if (!opened) {
        log_warn("video: " + opened.error().message + "; playing it silent");
        return;
    }
    CodecPtr codec = std::move(opened.value());
    AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
    if (swr_alloc_set_opts2(&m_swr, &stereo, AV_SAMPLE_FMT_S16, kAudioRate, &codec->ch_layout,
                            codec->sample_fmt, codec->sample_rate, 0, nullptr) < 0 ||
        swr_init(m_swr) < 0) {
        log_warn("video: its sound cannot be converted for the speakers; playing it silent");
        swr_free(&m_swr);
        return;
    }
    m_audio_stream = stream;
    m_audio_codec = std::move(codec);
    m_audio_time_base = m_format->streams[stream]->time_base;
}

void MediaPlayback::decode_audio() {
    int serial = 0;
    FramePtr frame(av_frame_alloc());
    auto receive = [&]() -> bool {
        while (true) {
            int err = avcodec_receive_frame(m_audio_codec.get(), frame.get());
            if (err == AVERROR(EAGAIN) || err == AVERROR_EOF)
                return true;
            if (err < 0) {
                ++m_stats.decode_errors;
                return true;
            }
            double pts = seconds_of(frame.get(), m_audio_time_base);
            if (before_seek_target(serial, pts + static_cast<double>(frame->nb_samples) / frame->sample_rate)) {
                av_frame_unref(frame.get());
                continue;
            }
            int out_samples = swr_get_out_samples(m_swr, frame->nb_samples);
            AudioChunk chunk;
            chunk.samples.resize(static_cast<std::size_t>(std::max(out_samples, 0)) * kAudioChannels);
            auto* out = reinterpret_cast<std::uint8_t*>(chunk.samples.data());
            int got = swr_convert(m_swr, &out, out_samples,
                                  const_cast<const std::uint8_t**>(frame->extended_data), frame->nb_samples);
            av_frame_unref(frame.get());
            if (got <= 0)
                continue;
            chunk.samples.resize(static_cast<std::size_t>(got) * kAudioChannels);
            chunk.pts = pts;
            chunk.serial = serial;
            if (!m_audio.push(std::move(chunk)))
                return false;
        }
    };
    run_decoder(m_audio_packets, m_audio_codec, serial, receive, [&] {
        m_audio.push(AudioChunk{{}, 0, serial});
    });
}

Status probe_media(const std::filesystem::path& file) {
    AVFormatContext* raw = nullptr;
    if (int err = avformat_open_input(&raw, file.c_str(), nullptr, nullptr); err < 0)
        return make_error(ErrorCode::Parse, "not a film the kiosk can read: " + open_error_text(err));
    FormatPtr format(raw);
    auto [stream, decoder] = TRY(find_video(raw));
    TRY(open_decoder(decoder, raw->streams[stream]));
    return {};
}

void quiet_media_logs() {
    av_log_set_level(AV_LOG_QUIET);
}

} // namespace kiosk
