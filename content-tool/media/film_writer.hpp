// The kiosk-safe encoders (libx264 High, AAC-LC 48 kHz stereo) and the MP4 file they write, with its
// index moved to the front when it is finished ("faststart").
#pragma once

#include "base/result.hpp"
#include "media/av_extra.hpp"

#include <filesystem>
#include <memory>

namespace content_tool {

// The encoder settings that video_profile_version() names.
struct EncoderSettings {
    static constexpr const char* kPreset = "veryfast";
    static constexpr int kQuality = 21; // x264 constant rate factor: lower is better and larger
    static constexpr double kKeyframeSeconds = 2.0;
    static constexpr int kAudioBitRate = 128000;
    static constexpr int kSampleRate = 48000;
};

enum class Colours { AsSource, Bt709 };

// H.264 for the pictures a filter graph's sink gives (their size, time base and frame rate), tagged
// with the source's colours or, once tone-mapped, with BT.709's.
kiosk::Result<kiosk::CodecPtr> open_h264_encoder(const AVFilterContext* sink, const AVCodecParameters& source,
                                                 Colours colours);
// AAC for 48 kHz stereo float planes.
kiosk::Result<kiosk::CodecPtr> open_aac_encoder();

class FilmWriter {
public:
    // Starts an MP4 at file with a video stream and, when audio is given, a sound stream.
    static kiosk::Result<std::unique_ptr<FilmWriter>> open(const std::filesystem::path& file,
                                                           kiosk::CodecPtr video, kiosk::CodecPtr audio);

    // Encodes one filtered frame (its timestamps in the encoder's time base) and writes what comes out.
    kiosk::Status write_video(AVFrame* frame);
    kiosk::Status write_audio(AVFrame* frame);
    // Drains both encoders, writes the index at the front and closes the file.
    kiosk::Status finish();

    long video_frames() const { return m_video_frames; }

private:
    FilmWriter() = default;
    kiosk::Status encode(AVCodecContext* encoder, AVStream* stream, const AVFrame* frame);

    OutputPtr m_output;
    kiosk::CodecPtr m_video;
    kiosk::CodecPtr m_audio;
    AVStream* m_video_stream = nullptr;
    AVStream* m_audio_stream = nullptr;
    kiosk::PacketPtr m_packet;
    long m_video_frames = 0;
};

} // namespace content_tool
