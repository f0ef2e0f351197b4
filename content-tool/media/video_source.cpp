// Opening a source film with libavformat and its decoders with libavcodec.
#include "media/video_source.hpp"

#include "media/mp4_layout.hpp"

extern "C" {
#include <libavutil/display.h>
}

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace content_tool {

using kiosk::ErrorCode;
using kiosk::make_error;

kiosk::Error undecodable(const std::string& reason) {
    return make_error(ErrorCode::Unsupported,
                      "cannot be decoded: " + reason + "; export it again as H.264 MP4");
}

kiosk::Error cut_short() {
    return make_error(ErrorCode::Truncated,
                      "the file is incomplete (cut short while copying?); copy it again");
}

kiosk::Result<SourceFilm> open_source_film(const std::filesystem::path& file) {
    std::error_code exists_error;
    if (!std::filesystem::is_regular_file(file, exists_error))
        return make_error(ErrorCode::NotFound, "the file is not there; check its name in the source folder");
    // An MP4 whose boxes run past the end of the file was cut short; FFmpeg would only say that its
    // index ("moov atom") is missing, or play the first part and stop.
    const Mp4Layout layout = scan_mp4_layout(file);
    if (layout.is_mp4 && (layout.cut_short || (layout.walked_to_end && !layout.has_index)))
        return cut_short();

    AVFormatContext* raw = nullptr;
    int status = avformat_open_input(&raw, file.c_str(), nullptr, nullptr);
    if (status < 0) {
        if (status == AVERROR_INVALIDDATA)
            return make_error(ErrorCode::Parse,
                              "is not a film FFmpeg can read (damaged, or not a video file: " +
                                  kiosk::av_error_text(status) + "); export it again as H.264 MP4");
        return make_error(ErrorCode::Io, "cannot be read: " + kiosk::av_error_text(status) +
                                             "; check the file and copy it again");
    }
    SourceFilm film;
    film.format.reset(raw);
    status = avformat_find_stream_info(raw, nullptr);
    if (status < 0)
        return make_error(ErrorCode::Parse, "is not a film FFmpeg can read: " + kiosk::av_error_text(status) +
                                                "; export it again as H.264 MP4");
    film.video = av_find_best_stream(raw, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (film.video < 0)
        return make_error(ErrorCode::Invalid,
                          "has no picture (no video stream); export it again as H.264 MP4");
    const int audio = av_find_best_stream(raw, AVMEDIA_TYPE_AUDIO, -1, film.video, nullptr, 0);
    film.audio = audio >= 0 ? audio : -1;
    return film;
}

kiosk::Result<kiosk::CodecPtr> open_decoder(const SourceFilm& film, int stream_index, Threads threads) {
    const AVStream* stream = film.format->streams[stream_index];
    const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!codec)
        return undecodable(std::string("this FFmpeg has no decoder for ") +
                           avcodec_get_name(stream->codecpar->codec_id));
    kiosk::CodecPtr decoder(avcodec_alloc_context3(codec));
    if (!decoder)
        return make_error(ErrorCode::Io, "out of memory opening a decoder");
    int status = avcodec_parameters_to_context(decoder.get(), stream->codecpar);
    if (status >= 0) {
        decoder->pkt_timebase = stream->time_base;
        decoder->thread_count = threads == Threads::Auto ? 0 : 1;
        status = avcodec_open2(decoder.get(), codec, nullptr);
    }
    if (status < 0)
        return undecodable(kiosk::av_error_text(status));
    return decoder;
}

FilmReach::FilmReach(const AVFormatContext& format) {
    if (format.duration > 0 && format.duration_estimation_method != AVFMT_DURATION_FROM_BITRATE)
        m_declared = static_cast<double>(format.duration) / AV_TIME_BASE;
    if (format.start_time != AV_NOPTS_VALUE)
        m_start = static_cast<double>(format.start_time) / AV_TIME_BASE;
}

void FilmReach::saw(const AVPacket& packet, AVRational time_base) {
    if (packet.pts == AV_NOPTS_VALUE)
        return;
    const double end =
        static_cast<double>(packet.pts + std::max<std::int64_t>(packet.duration, 0)) * av_q2d(time_base);
    m_reached = std::max(m_reached, end - m_start);
}

bool FilmReach::ends_early() const {
    // Declared lengths and the last packet's duration are not exact: only a clear shortfall counts.
    return m_declared > 0 && m_reached < m_declared - std::max(0.5, 0.02 * m_declared);
}

int stream_rotation(const AVStream* stream) {
    const auto* matrix = reinterpret_cast<const std::int32_t*>(
        av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, nullptr));
    if (!matrix)
        return 0;
    // As the kiosk (and ffplay) read it: the matrix turns counter-clockwise; upright turns the other way.
    const double turn = -av_display_rotation_get(matrix);
    if (std::isnan(turn))
        return 0;
    const int quarter = static_cast<int>(std::lround(turn / 90.0)) % 4;
    return (quarter + 4) % 4 * 90;
}

} // namespace content_tool
