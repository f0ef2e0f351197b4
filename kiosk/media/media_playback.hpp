// One media file playing: a demux thread feeding a bounded packet queue per stream, a video decoder
// thread filling the frame queue with YUV 4:2:0 frames, an audio decoder thread filling the audio queue
// with 48 kHz stereo PCM. The main thread only takes frames and sound. Following ffplay's design.
#pragma once

#include "base/result.hpp"
#include "media/audio_queue.hpp"
#include "media/frame_queue.hpp"
#include "media/hw_decode.hpp"
#include "media/packet_queue.hpp"

#include <atomic>
#include <filesystem>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

struct SwsContext;
struct SwrContext;

namespace kiosk {

enum class Loop { Once, Forever };
enum class Sound { On, Off };

struct PlaybackStats {
    std::atomic<long> decoded{0};
    std::atomic<long> decode_errors{0};
};

// Whether the kiosk could play the file: a video stream whose decoder this FFmpeg can open.
Status probe_media(const std::filesystem::path& file);

// For tools that report media problems themselves: FFmpeg's own messages are left out.
void quiet_media_logs();

class MediaPlayback {
public:
    // Opens the file and starts the threads. A file FFmpeg cannot read, or one with no video stream,
    // is an error that says so.
    static Result<std::unique_ptr<MediaPlayback>> open(const std::filesystem::path& file, Loop loop,
                                                       Sound sound = Sound::On, const Decoding& decoding = {});
    // The same for `size` bytes at `offset` inside a file: an object inside a pack or the store.
    static Result<std::unique_ptr<MediaPlayback>> open_range(const std::filesystem::path& file,
                                                             std::uint64_t offset, std::uint64_t size,
                                                             Loop loop, Sound sound = Sound::On,
                                                             const Decoding& decoding = {});
    ~MediaPlayback();
    MediaPlayback(const MediaPlayback&) = delete;
    MediaPlayback& operator=(const MediaPlayback&) = delete;

    int width() const { return m_width; }
    int height() const { return m_height; }
    double frame_rate() const { return m_frame_rate; }
    // Clockwise turn in degrees (0, 90, 180, 270) to show the picture upright: phones record portrait
    // films as landscape frames with a display matrix.
    int rotation() const { return m_rotation; }
    const char* codec_name() const { return m_codec_name.c_str(); }
    // How the film is decoded: "VAAPI on /dev/dri/renderD128", or "software" and why.
    const std::string& decoding() const { return m_decoding; }
    FrameQueue& frames() { return m_frames; }
    bool has_audio() const { return m_audio_stream >= 0; }
    AudioQueue& audio() { return m_audio; }
    // Jumps to a time in the film, without stopping the threads: what was queued for the old position
    // is dropped by serial number. A film played once can be sought after it has ended.
    void seek(double seconds);
    // Frames and sound of a serial before this one are stale: read before the last seek. (A loop
    // starts new serials too, but what was queued before it still plays.)
    int fresh_serial() const { return m_fresh_serial; }
    double duration() const; // seconds, 0 when unknown
    const PlaybackStats& stats() const { return m_stats; }

private:
    MediaPlayback() = default;
    static Result<std::unique_ptr<MediaPlayback>> start(std::unique_ptr<MediaPlayback> p,
                                                        const std::string& name, Loop loop, Sound sound,
                                                        const Decoding& decoding);
    void open_video_decoder(const AVCodec* decoder, const Decoding& decoding);
    bool fall_back_to_software(const std::string& why);
    struct Range; // a byte range of a file, read through FFmpeg's I/O callbacks
    std::unique_ptr<Range> m_range;
    AVIOContext* m_io = nullptr;
    void demux();
    void decode();
    void decode_audio();
    template <class Receive, class End>
    void run_decoder(PacketQueue& packets, CodecPtr& codec, int& serial, Receive&& receive, End&& end);
    void open_audio();
    FramePtr to_yuv420(FramePtr frame);

    FormatPtr m_format;
    CodecPtr m_codec; // replaced by a software decoder if the hardware one fails mid-film
    std::string m_codec_name, m_decoding;
    AVPixelFormat m_hw_format = AV_PIX_FMT_NONE;
    const AVCodec* m_decoder = nullptr;
    int m_stream = -1;
    Loop m_loop = Loop::Once;
    int m_width = 0, m_height = 0;
    double m_frame_rate = 25;
    int m_rotation = 0;
    AVRational m_time_base{1, 1};
    SwsContext* m_sws = nullptr;
    PacketQueue m_packets;
    FrameQueue m_frames{kFramesAhead};
    int m_audio_stream = -1;
    CodecPtr m_audio_codec;
    AVRational m_audio_time_base{1, 1};
    SwrContext* m_swr = nullptr;
    PacketQueue m_audio_packets;
    AudioQueue m_audio{kAudioChunksAhead};
    PlaybackStats m_stats;
    std::atomic<bool> m_stop{false};
    std::mutex m_seek_mutex;
    std::condition_variable m_seek_wake;
    std::optional<double> m_seek_target;
    std::atomic<int> m_fresh_serial{0};
    std::atomic<double> m_seek_floor{0}; // frames of the fresh serial before this time are not shown
    bool before_seek_target(int serial, double pts) const;
    std::thread m_demux_thread, m_decode_thread, m_audio_thread;
};

} // namespace kiosk
