// Encoding the converted film with libavcodec and writing it with libavformat.
#include "media/film_writer.hpp"

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavutil/channel_layout.h>
}

#include <cmath>

namespace content_tool {

namespace {

using kiosk::ErrorCode;
using kiosk::make_error;

kiosk::Error encoder_error(const char* what, int status) {
    return make_error(ErrorCode::Unsupported, std::string("cannot be converted: the ") + what +
                                                  " encoder failed (" + kiosk::av_error_text(status) + ")");
}

kiosk::Error write_error(int status) {
    return make_error(ErrorCode::Io, "the converted film could not be written (" +
                                         kiosk::av_error_text(status) +
                                         "); check the output folder and the free space on the disk");
}

// H.264 level 4.1 holds 1080p up to 30 frames a second; 4.2 up to 60, the most the profile allows.
int h264_level(int width, int height, double frame_rate) {
    const double macroblocks_per_second = std::ceil(width / 16.0) * std::ceil(height / 16.0) * frame_rate;
    return macroblocks_per_second <= 245760 ? 41 : 42;
}

} // namespace

kiosk::Result<kiosk::CodecPtr> open_h264_encoder(const AVFilterContext* sink, const AVCodecParameters& source,
                                                 Colours colours) {
    const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
    if (!codec)
        return make_error(ErrorCode::Unsupported,
                          "this FFmpeg has no H.264 encoder (libx264); install the full FFmpeg");
    kiosk::CodecPtr encoder(avcodec_alloc_context3(codec));
    if (!encoder)
        return encoder_error("H.264", AVERROR(ENOMEM));
    encoder->width = av_buffersink_get_w(sink);
    encoder->height = av_buffersink_get_h(sink);
    encoder->pix_fmt = AV_PIX_FMT_YUV420P;
    encoder->sample_aspect_ratio = {1, 1};
    encoder->time_base = av_buffersink_get_time_base(sink);
    encoder->framerate = av_buffersink_get_frame_rate(sink);
    const double rate = av_q2d(encoder->framerate);
    encoder->gop_size = std::max(1, static_cast<int>(std::lround(EncoderSettings::kKeyframeSeconds * rate)));
    encoder->level = h264_level(encoder->width, encoder->height, rate);
    encoder->color_range = AVCOL_RANGE_MPEG;
    if (colours == Colours::Bt709) {
        encoder->color_primaries = AVCOL_PRI_BT709;
        encoder->color_trc = AVCOL_TRC_BT709;
        encoder->colorspace = AVCOL_SPC_BT709;
    } else {
        encoder->color_primaries = source.color_primaries;
        encoder->color_trc = source.color_trc;
        encoder->colorspace = source.color_space;
    }
    encoder->thread_count = 0;                     // as many as the machine has
    encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER; // MP4 keeps the parameter sets in its index
    AvOptions options;
    options.set("preset", EncoderSettings::kPreset);
    options.set("crf", std::to_string(EncoderSettings::kQuality));
    options.set("profile", "high");
    const int status = avcodec_open2(encoder.get(), codec, options.get());
    if (status < 0)
        return encoder_error("H.264", status);
    return encoder;
}

kiosk::Result<kiosk::CodecPtr> open_aac_encoder() {
    const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
    if (!codec)
        return make_error(ErrorCode::Unsupported, "this FFmpeg has no AAC encoder; install the full FFmpeg");
    kiosk::CodecPtr encoder(avcodec_alloc_context3(codec));
    if (!encoder)
        return encoder_error("AAC", AVERROR(ENOMEM));
    encoder->sample_rate = EncoderSettings::kSampleRate;
    encoder->sample_fmt = AV_SAMPLE_FMT_FLTP;
    const AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
    int status = av_channel_layout_copy(&encoder->ch_layout, &stereo);
    encoder->bit_rate = EncoderSettings::kAudioBitRate;
    encoder->time_base = {1, EncoderSettings::kSampleRate};
    encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (status >= 0)
        status = avcodec_open2(encoder.get(), codec, nullptr);
    if (status < 0)
        return encoder_error("AAC", status);
    return encoder;
}

kiosk::Result<std::unique_ptr<FilmWriter>> FilmWriter::open(const std::filesystem::path& file,
                                                            kiosk::CodecPtr video, kiosk::CodecPtr audio) {
    std::unique_ptr<FilmWriter> writer(new FilmWriter);
    writer->m_video = std::move(video);
    writer->m_audio = std::move(audio);
    writer->m_packet.reset(av_packet_alloc());
    AVFormatContext* raw = nullptr;
    int status = avformat_alloc_output_context2(&raw, nullptr, "mp4", file.c_str());
    if (status < 0 || !writer->m_packet)
        return write_error(status < 0 ? status : AVERROR(ENOMEM));
    writer->m_output.reset(raw);

    auto add_stream = [&](const AVCodecContext* encoder) -> AVStream* {
        AVStream* stream = avformat_new_stream(raw, nullptr);
        if (!stream || avcodec_parameters_from_context(stream->codecpar, encoder) < 0)
            return nullptr;
        stream->time_base = encoder->time_base;
        return stream;
    };
    writer->m_video_stream = add_stream(writer->m_video.get());
    if (!writer->m_video_stream)
        return write_error(AVERROR(ENOMEM));
    writer->m_video_stream->avg_frame_rate = writer->m_video->framerate;
    if (writer->m_audio) {
        writer->m_audio_stream = add_stream(writer->m_audio.get());
        if (!writer->m_audio_stream)
            return write_error(AVERROR(ENOMEM));
    }
    status = start_mp4_file(raw, file.string());
    if (status < 0)
        return write_error(status);
    return writer;
}

kiosk::Status FilmWriter::encode(AVCodecContext* encoder, AVStream* stream, const AVFrame* frame) {
    int status = avcodec_send_frame(encoder, frame);
    if (status < 0 && status != AVERROR_EOF)
        return encoder_error(encoder == m_video.get() ? "H.264" : "AAC", status);
    for (;;) {
        status = avcodec_receive_packet(encoder, m_packet.get());
        if (status == AVERROR(EAGAIN) || status == AVERROR_EOF)
            return {};
        if (status < 0)
            return encoder_error(encoder == m_video.get() ? "H.264" : "AAC", status);
        m_packet->stream_index = stream->index;
        av_packet_rescale_ts(m_packet.get(), encoder->time_base, stream->time_base);
        status = av_interleaved_write_frame(m_output.get(), m_packet.get());
        if (status < 0)
            return write_error(status);
    }
}

kiosk::Status FilmWriter::write_video(AVFrame* frame) {
    frame->pict_type = AV_PICTURE_TYPE_NONE; // let x264 place the keyframes
    ++m_video_frames;
    return encode(m_video.get(), m_video_stream, frame);
}

kiosk::Status FilmWriter::write_audio(AVFrame* frame) {
    return encode(m_audio.get(), m_audio_stream, frame);
}

kiosk::Status FilmWriter::finish() {
    TRY(encode(m_video.get(), m_video_stream, nullptr));
    if (m_audio)
        TRY(encode(m_audio.get(), m_audio_stream, nullptr));
    int status = av_write_trailer(m_output.get());
    if (status < 0)
        return write_error(status);
    status = avio_closep(&m_output->pb);
    if (status < 0)
        return write_error(status);
    return {};
}

} // namespace content_tool
