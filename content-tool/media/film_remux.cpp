// Copying a film's packets into a faststart MP4 with libavformat.
#include "media/film_remux.hpp"

#include "media/av_extra.hpp"
#include "media/video_probe.hpp"
#include "media/video_source.hpp"

#include <algorithm>

namespace content_tool {

namespace {

kiosk::Error write_error(int status) {
    return kiosk::make_error(kiosk::ErrorCode::Io,
                             "the converted film could not be written (" + kiosk::av_error_text(status) +
                                 "); check the output folder and the free space on the disk");
}

} // namespace

bool only_the_file_needs_changing(const VideoFacts& facts, const MediaLimits& limits) {
    VideoFacts in_mp4 = facts;
    in_mp4.container = "mov,mp4,m4a,3gp,3g2,mj2";
    in_mp4.index_at_front = true;
    return kiosk_profile_reasons(in_mp4, limits).empty();
}

kiosk::Status remux_film(const std::filesystem::path& file, const std::filesystem::path& out,
                         const std::function<void(double fraction)>& progress) {
    auto film = TRY(open_source_film(file));
    AVFormatContext* source = film.format.get();
    AVFormatContext* raw = nullptr;
    int status = avformat_alloc_output_context2(&raw, nullptr, "mp4", out.c_str());
    if (status < 0)
        return write_error(status);
    OutputPtr output(raw);

    // Source stream index -> output stream index; other streams (subtitles, data, cover art) stay behind.
    std::vector<int> mapped(source->nb_streams, -1);
    for (int index : {film.video, film.audio}) {
        if (index < 0)
            continue;
        AVStream* stream = avformat_new_stream(raw, nullptr);
        if (!stream)
            return write_error(AVERROR(ENOMEM));
        status = avcodec_parameters_copy(stream->codecpar, source->streams[index]->codecpar);
        if (status < 0)
            return write_error(status);
        stream->codecpar->codec_tag = 0; // the source container's tag may not be MP4's
        stream->time_base = source->streams[index]->time_base;
        mapped[index] = stream->index;
    }
    status = start_mp4_file(raw, out.string());
    if (status < 0)
        return write_error(status);

    const std::int64_t start = source->start_time == AV_NOPTS_VALUE ? 0 : source->start_time;
    kiosk::PacketPtr packet(av_packet_alloc());
    double reported = 0;
    FilmReach reach(*source);
    for (;;) {
        status = av_read_frame(source, packet.get());
        if (status == AVERROR_EOF)
            break;
        if (status < 0)
            return kiosk::make_error(kiosk::ErrorCode::Truncated, "the file ends early or is damaged (" +
                                                                      kiosk::av_error_text(status) +
                                                                      "); copy it again");
        // MPEG-TS and the like may add streams while they are read: those are not copied.
        const auto index = static_cast<std::size_t>(packet->stream_index);
        const int target = index < mapped.size() ? mapped[index] : -1;
        if (target < 0) {
            av_packet_unref(packet.get());
            continue;
        }
        const AVRational from = source->streams[packet->stream_index]->time_base;
        reach.saw(*packet, from);
        // Counted from the film's start, as a converted film is.
        const std::int64_t offset = av_rescale_q(start, AV_TIME_BASE_Q, from);
        if (packet->pts != AV_NOPTS_VALUE)
            packet->pts -= offset;
        if (packet->dts != AV_NOPTS_VALUE)
            packet->dts -= offset;
        if (progress && packet->stream_index == film.video && packet->pts != AV_NOPTS_VALUE &&
            source->duration > 0) {
            const double fraction = std::clamp(av_q2d(from) * static_cast<double>(packet->pts) *
                                                   AV_TIME_BASE / static_cast<double>(source->duration),
                                               0.0, 0.99);
            if (fraction >= reported + 0.01) {
                reported = fraction;
                progress(fraction);
            }
        }
        packet->stream_index = target;
        av_packet_rescale_ts(packet.get(), from, raw->streams[target]->time_base);
        packet->pos = -1;
        status = av_interleaved_write_frame(raw, packet.get());
        if (status < 0)
            return write_error(status);
    }
    if (reach.ends_early())
        return cut_short();
    status = av_write_trailer(raw);
    if (status < 0)
        return write_error(status);
    status = avio_closep(&raw->pb);
    if (status < 0)
        return write_error(status);
    if (progress)
        progress(1.0);
    return {};
}

} // namespace content_tool
