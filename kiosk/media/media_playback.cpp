// Demux and decode threads. Damaged data is counted and skipped, never waited on: the end of what can
// be read ends the stream.
#include "media/media_playback.hpp"

#include "base/log.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

namespace kiosk {

Result<std::unique_ptr<MediaPlayback>> MediaPlayback::open(const std::filesystem::path& file, Loop loop,
                                                           Sound sound) {
    std::unique_ptr<MediaPlayback> p(new MediaPlayback());
    p->m_loop = loop;
    AVFormatContext* format = nullptr;
    if (int err = avformat_open_input(&format, file.c_str(), nullptr, nullptr); err < 0)
        return make_error(ErrorCode::Parse, "cannot open " + file.string() + ": " + av_error_text(err));
    p->m_format.reset(format);
    if (int err = avformat_find_stream_info(format, nullptr); err < 0)
        return make_error(ErrorCode::Parse,
                          file.string() + " cannot be read as media: " + av_error_text(err));
    const AVCodec* decoder = nullptr;
    p->m_stream = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0);
    if (p->m_stream < 0 || !decoder)
        return make_error(ErrorCode::Unsupported, file.string() + " has no video this kiosk can decode");
    AVStream* stream = format->streams[p->m_stream];
    p->m_codec.reset(avcodec_alloc_context3(decoder));
    if (!p->m_codec || avcodec_parameters_to_context(p->m_codec.get(), stream->codecpar) < 0)
        return make_error(ErrorCode::Io, "cannot set up the video decoder for " + file.string());
    p->m_codec->thread_count = 0; // as many as the machine has
    if (int err = avcodec_open2(p->m_codec.get(), decoder, nullptr); err < 0)
        return make_error(ErrorCode::Unsupported, "cannot decode the " + std::string(decoder->name) +
                                                      " video of " + file.string() + ": " +
                                                      av_error_text(err));
    p->m_width = p->m_codec->width;
    p->m_height = p->m_codec->height;
    if (p->m_width <= 0 || p->m_height <= 0 || p->m_width > 8192 || p->m_height > 8192)
        return make_error(ErrorCode::Unsupported, file.string() + " has a video size this kiosk cannot show");
    AVRational rate = av_guess_frame_rate(format, stream, nullptr);
    if (rate.num > 0 && rate.den > 0)
        p->m_frame_rate = av_q2d(rate);
    p->m_time_base = stream->time_base;
    if (sound == Sound::On)
        p->open_audio();
    p->m_demux_thread = std::thread([raw = p.get()] { raw->demux(); });
    p->m_decode_thread = std::thread([raw = p.get()] { raw->decode(); });
    if (p->m_audio_stream >= 0)
        p->m_audio_thread = std::thread([raw = p.get()] { raw->decode_audio(); });
    return p;
}

MediaPlayback::~MediaPlayback() {
    m_stop = true;
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
}

const char* MediaPlayback::codec_name() const {
    return m_codec->codec ? m_codec->codec->name : "?";
}

void MediaPlayback::demux() {
    while (!m_stop) {
        PacketPtr packet(av_packet_alloc());
        int err = av_read_frame(m_format.get(), packet.get());
        if (err < 0) {
            if (err != AVERROR_EOF)
                log_warn("video: reading stopped early: " + av_error_text(err));
            m_packets.push_end(); // the decoders drain what they hold
            if (m_audio_stream >= 0)
                m_audio_packets.push_end();
            if (m_loop == Loop::Once || m_stop)
                return;
            // Loop: back to the start; what follows belongs to a new serial.
            if (av_seek_frame(m_format.get(), m_stream, 0, AVSEEK_FLAG_BACKWARD) < 0 &&
                avformat_seek_file(m_format.get(), -1, INT64_MIN, 0, INT64_MAX, 0) < 0) {
                log_error("video: cannot go back to the start to loop");
                return;
            }
            m_packets.next_serial();
            m_audio_packets.next_serial();
            continue;
        }
        if (packet->stream_index == m_audio_stream) {
            if (!m_audio_packets.push(std::move(packet)))
                return;
            continue;
        }
        if (packet->stream_index != m_stream)
            continue;
        if (!m_packets.push(std::move(packet)))
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
            double pts = frame->best_effort_timestamp == AV_NOPTS_VALUE
                             ? 0.0
                             : static_cast<double>(frame->best_effort_timestamp) * av_q2d(m_time_base);
            FramePtr shown = to_yuv420(FramePtr(av_frame_clone(frame.get())));
            av_frame_unref(frame.get());
            if (!shown) {
                ++m_stats.decode_errors;
                continue;
            }
            if (!m_frames.push({std::move(shown), pts, serial}))
                return false;
        }
    };
    QueuedPacket queued;
    while (!m_stop && m_packets.pop(queued)) {
        if (queued.serial != serial) {
            avcodec_flush_buffers(m_codec.get());
            serial = queued.serial;
        }
        if (!queued.packet) {
            // End of this pass: drain the decoder, then tell the presenter.
            avcodec_send_packet(m_codec.get(), nullptr);
            if (!receive())
                return;
            avcodec_flush_buffers(m_codec.get());
            if (m_loop == Loop::Once) {
                m_frames.push({nullptr, 0, serial});
                return;
            }
            continue;
        }
        if (int err = avcodec_send_packet(m_codec.get(), queued.packet.get());
            err < 0 && err != AVERROR(EAGAIN))
            ++m_stats.decode_errors;
        if (!receive())
            return;
    }
}

void MediaPlayback::open_audio() {
    const AVCodec* decoder = nullptr;
    int stream = av_find_best_stream(m_format.get(), AVMEDIA_TYPE_AUDIO, -1, m_stream, &decoder, 0);
    if (stream < 0 || !decoder)
        return; // a silent film is fine
    CodecPtr codec(avcodec_alloc_context3(decoder));
    if (!codec || avcodec_parameters_to_context(codec.get(), m_format->streams[stream]->codecpar) < 0 ||
        avcodec_open2(codec.get(), decoder, nullptr) < 0) {
        log_warn(std::string("video: its ") + decoder->name + " sound cannot be decoded; playing it silent");
        return;
    }
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
            double pts = frame->best_effort_timestamp == AV_NOPTS_VALUE
                             ? 0.0
                             : static_cast<double>(frame->best_effort_timestamp) * av_q2d(m_audio_time_base);
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
    QueuedPacket queued;
    while (!m_stop && m_audio_packets.pop(queued)) {
        if (queued.serial != serial) {
            avcodec_flush_buffers(m_audio_codec.get());
            serial = queued.serial;
        }
        if (!queued.packet) {
            avcodec_send_packet(m_audio_codec.get(), nullptr);
            if (!receive())
                return;
            avcodec_flush_buffers(m_audio_codec.get());
            if (m_loop == Loop::Once) {
                m_audio.push(AudioChunk{{}, 0, serial});
                return;
            }
            continue;
        }
        if (int err = avcodec_send_packet(m_audio_codec.get(), queued.packet.get());
            err < 0 && err != AVERROR(EAGAIN))
            ++m_stats.decode_errors;
        if (!receive())
            return;
    }
}

} // namespace kiosk
