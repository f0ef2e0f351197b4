// transcode_video: the decode -> filter -> encode -> mux loop that writes the kiosk-safe version of a
// film, whole or not at all.
#include "media/video_transcode.hpp"

#include "media/film_remux.hpp"
#include "media/film_writer.hpp"
#include "media/media_playback.hpp"
#include "media/video_filters.hpp"
#include "media/video_source.hpp"

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
}

#include <system_error>

namespace content_tool {

namespace {

using kiosk::ErrorCode;
using kiosk::make_error;

enum class Kind { Picture, Sound };

// One source stream on its way to the writer: its decoder and the filter graph after it.
struct Lane {
    Kind kind = Kind::Picture;
    int stream = -1;
    kiosk::CodecPtr decoder;
    FilterChain filters;
    std::int64_t start = 0; // the film's start time in this stream's time base, taken off every frame
    std::int64_t last_pts = AV_NOPTS_VALUE;
};

// The file being written beside out; removed unless it was moved into place.
class PartialFile {
public:
    explicit PartialFile(const std::filesystem::path& out) : m_path(out) { m_path += ".part"; }
    ~PartialFile() {
        std::error_code ignored;
        if (!m_kept)
            std::filesystem::remove(m_path, ignored);
    }
    PartialFile(const PartialFile&) = delete;
    PartialFile& operator=(const PartialFile&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    kiosk::Status move_to(const std::filesystem::path& out) {
        std::error_code error;
        std::filesystem::rename(m_path, out, error);
        if (error)
            return make_error(ErrorCode::Io, "the converted film could not be put in place (" +
                                                 error.message() + "); check the output folder");
        m_kept = true;
        return {};
    }

private:
    std::filesystem::path m_path;
    bool m_kept = false;
};

class Transcoder {
public:
    Transcoder(SourceFilm film, FilmWriter& writer, Lane& picture, Lane* sound)
        : m_film(std::move(film)), m_writer(writer), m_picture(picture), m_sound(sound) {}

    kiosk::Status run(const std::function<void(double)>& progress);

private:
    Lane* lane_of(int stream) {
        if (stream == m_picture.stream)
            return &m_picture;
        if (m_sound && stream == m_sound->stream)
            return m_sound;
        return nullptr;
    }
    kiosk::Status decode(Lane& lane, const AVPacket* packet);
    kiosk::Status filter(Lane& lane, AVFrame* frame);
    kiosk::Status drain(Lane& lane);
    void report(const AVPacket& packet, const std::function<void(double)>& progress);

    SourceFilm m_film;
    FilmWriter& m_writer;
    Lane& m_picture;
    Lane* m_sound;
    kiosk::FramePtr m_decoded{av_frame_alloc()};
    kiosk::FramePtr m_filtered{av_frame_alloc()};
    double m_reported = 0;
};

kiosk::Status Transcoder::run(const std::function<void(double)>& progress) {
    kiosk::PacketPtr packet(av_packet_alloc());
    if (!packet || !m_decoded || !m_filtered)
        return make_error(ErrorCode::Io, "out of memory converting the film");
    FilmReach reach(*m_film.format);
    for (;;) {
        const int status = av_read_frame(m_film.format.get(), packet.get());
        if (status == AVERROR_EOF)
            break;
        if (status < 0)
            return make_error(ErrorCode::Truncated, "the file ends early or is damaged (" +
                                                        kiosk::av_error_text(status) + "); copy it again");
        Lane* lane = lane_of(packet->stream_index);
        if (lane)
            reach.saw(*packet, m_film.format->streams[packet->stream_index]->time_base);
        kiosk::Status decoded = lane ? decode(*lane, packet.get()) : kiosk::Status{};
        if (lane == &m_picture)
            report(*packet, progress);
        av_packet_unref(packet.get());
        if (!decoded)
            return decoded;
    }
    if (reach.ends_early())
        return cut_short();
    // The end: what the decoders still hold, then what the filters still hold, then the encoders.
    for (Lane* lane : {&m_picture, m_sound}) {
        if (!lane)
            continue;
        TRY(decode(*lane, nullptr));
        const int status = av_buffersrc_add_frame(lane->filters.source, nullptr);
        if (status < 0)
            return undecodable(kiosk::av_error_text(status));
        TRY(drain(*lane));
    }
    if (m_writer.video_frames() == 0)
        return undecodable("no picture could be decoded");
    TRY(m_writer.finish());
    if (progress)
        progress(1.0);
    return {};
}

kiosk::Status Transcoder::decode(Lane& lane, const AVPacket* packet) {
    int status = avcodec_send_packet(lane.decoder.get(), packet);
    // A damaged packet loses a picture or a moment of sound, as it would in the kiosk: carry on.
    if (status < 0 && status != AVERROR_INVALIDDATA && status != AVERROR_EOF)
        return undecodable(kiosk::av_error_text(status));
    for (;;) {
        status = avcodec_receive_frame(lane.decoder.get(), m_decoded.get());
        if (status == AVERROR(EAGAIN) || status == AVERROR_EOF)
            return {};
        if (status == AVERROR_INVALIDDATA)
            continue;
        if (status < 0)
            return undecodable(kiosk::av_error_text(status));
        TRY(filter(lane, m_decoded.get()));
    }
}

kiosk::Status Transcoder::filter(Lane& lane, AVFrame* frame) {
    std::int64_t pts = frame->best_effort_timestamp;
    if (pts != AV_NOPTS_VALUE)
        pts -= lane.start;
    else if (lane.kind == Kind::Picture)
        pts = lane.last_pts == AV_NOPTS_VALUE ? 0 : lane.last_pts + 1; // the fps filter respaces it
    frame->pts = pts;
    lane.last_pts = pts;
    // The source takes the frame's buffers and leaves it empty for the next one.
    const int status = av_buffersrc_add_frame_flags(lane.filters.source, frame, 0);
    av_frame_unref(frame);
    if (status < 0)
        return undecodable(kiosk::av_error_text(status));
    return drain(lane);
}

kiosk::Status Transcoder::drain(Lane& lane) {
    for (;;) {
        const int status = av_buffersink_get_frame(lane.filters.sink, m_filtered.get());
        if (status == AVERROR(EAGAIN) || status == AVERROR_EOF)
            return {};
        if (status < 0)
            return undecodable(kiosk::av_error_text(status));
        kiosk::Status written = lane.kind == Kind::Picture ? m_writer.write_video(m_filtered.get())
                                                           : m_writer.write_audio(m_filtered.get());
        av_frame_unref(m_filtered.get());
        if (!written)
            return written;
    }
}

void Transcoder::report(const AVPacket& packet, const std::function<void(double)>& progress) {
    const AVFormatContext* format = m_film.format.get();
    if (!progress || packet.pts == AV_NOPTS_VALUE || format->duration <= 0)
        return;
    const AVRational time_base = format->streams[packet.stream_index]->time_base;
    const double seconds = static_cast<double>(packet.pts - m_picture.start) * av_q2d(time_base);
    const double fraction =
        std::clamp(seconds * AV_TIME_BASE / static_cast<double>(format->duration), 0.0, 0.99);
    if (fraction >= m_reported + 0.01) {
        m_reported = fraction;
        progress(fraction);
    }
}

std::int64_t start_in(const SourceFilm& film, int stream) {
    const std::int64_t start = film.format->start_time;
    if (start == AV_NOPTS_VALUE)
        return 0;
    return av_rescale_q(start, AV_TIME_BASE_Q, film.format->streams[stream]->time_base);
}

kiosk::Status convert(const std::filesystem::path& file, const VideoFacts& facts, const MediaLimits& limits,
                      const std::filesystem::path& part, const std::function<void(double)>& progress) {
    auto film = TRY(open_source_film(file));
    AVStream* video = film.format->streams[film.video];

    Lane picture;
    picture.stream = film.video;
    picture.decoder = TRY(open_decoder(film, film.video, Threads::Auto));
    if (picture.decoder->width <= 0 || picture.decoder->height <= 0)
        return undecodable("its pictures have no size");
    picture.start = start_in(film, film.video);
    const AVRational aspect = av_guess_sample_aspect_ratio(film.format.get(), video, nullptr);
    const PictureSize size =
        fitted_size(picture.decoder->width, picture.decoder->height, aspect, facts.rotation, limits);
    const AVRational rate = output_frame_rate(facts, av_guess_frame_rate(film.format.get(), video, nullptr));
    picture.filters =
        TRY(build_video_filters(*picture.decoder, video->time_base, video_filter_chain(facts, size, rate)));
    auto video_encoder =
        TRY(open_h264_encoder(picture.filters.sink, *video->codecpar,
                              facts.hdr_transfer.empty() ? Colours::AsSource : Colours::Bt709));

    Lane sound;
    kiosk::CodecPtr audio_encoder;
    if (film.audio >= 0) {
        sound.kind = Kind::Sound;
        sound.stream = film.audio;
        sound.decoder = TRY(open_decoder(film, film.audio, Threads::Auto));
        sound.start = start_in(film, film.audio);
        audio_encoder = TRY(open_aac_encoder());
        sound.filters = TRY(build_audio_filters(*sound.decoder, film.format->streams[film.audio]->time_base,
                                                audio_encoder->frame_size));
    }
    const bool has_sound = film.audio >= 0;
    auto writer = TRY(FilmWriter::open(part, std::move(video_encoder), std::move(audio_encoder)));
    Transcoder transcoder(std::move(film), *writer, picture, has_sound ? &sound : nullptr);
    return transcoder.run(progress);
}

} // namespace

kiosk::Result<void> transcode_video(const std::filesystem::path& file, const VideoPlan& plan,
                                    const MediaLimits& limits, const std::filesystem::path& out,
                                    const std::function<void(double fraction)>& progress) {
    kiosk::quiet_media_logs();
    // A plan made elsewhere may be empty; the filters need the facts, so the film is probed again.
    VideoFacts facts = plan.facts;
    if (facts.width <= 0)
        facts = TRY(plan_video(file, limits)).facts;
    PartialFile part(out);
    if (only_the_file_needs_changing(facts, limits))
        TRY(remux_film(file, part.path(), progress));
    else
        TRY(convert(file, facts, limits, part.path(), progress));
    return part.move_to(out);
}

std::string video_profile_version() {
    // Change this whenever EncoderSettings, the filters or the profile's rules change.
    return "h264-high-crf" + std::to_string(EncoderSettings::kQuality) + "-" + EncoderSettings::kPreset +
           "-aac" + std::to_string(EncoderSettings::kAudioBitRate / 1000) + "-v1";
}

} // namespace content_tool
