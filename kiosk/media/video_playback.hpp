// One video file playing: a demux thread feeding a bounded packet queue, a decoder thread filling the
// frame queue with YUV 4:2:0 frames. The main thread only takes frames (see FrameQueue). Following
// ffplay's design; audio comes in its own decoder thread later.
#pragma once

#include "base/result.hpp"
#include "media/frame_queue.hpp"
#include "media/packet_queue.hpp"

#include <atomic>
#include <filesystem>
#include <memory>
#include <thread>

struct SwsContext;

namespace kiosk {

enum class Loop { Once, Forever };

struct PlaybackStats {
    std::atomic<long> decoded{0};
    std::atomic<long> decode_errors{0};
};

class VideoPlayback {
public:
    // Opens the file and starts the threads. A file FFmpeg cannot read, or one with no video stream,
    // is an error that says so.
    static Result<std::unique_ptr<VideoPlayback>> open(const std::filesystem::path& file, Loop loop);
    ~VideoPlayback();
    VideoPlayback(const VideoPlayback&) = delete;
    VideoPlayback& operator=(const VideoPlayback&) = delete;

    int width() const { return m_width; }
    int height() const { return m_height; }
    double frame_rate() const { return m_frame_rate; }
    const char* codec_name() const;
    FrameQueue& frames() { return m_frames; }
    const PlaybackStats& stats() const { return m_stats; }

private:
    VideoPlayback() = default;
    void demux();
    void decode();
    FramePtr to_yuv420(FramePtr frame);

    FormatPtr m_format;
    CodecPtr m_codec;
    int m_stream = -1;
    Loop m_loop = Loop::Once;
    int m_width = 0, m_height = 0;
    double m_frame_rate = 25;
    AVRational m_time_base{1, 1};
    SwsContext* m_sws = nullptr;
    PacketQueue m_packets;
    FrameQueue m_frames;
    PlaybackStats m_stats;
    std::atomic<bool> m_stop{false};
    std::thread m_demux_thread, m_decode_thread;
};

} // namespace kiosk
