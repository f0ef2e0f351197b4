// The few decoded frames waiting to be shown (ffplay keeps three): the decoder fills it, the main thread
// shows or drops its frames by their time.
#pragma once

#include "media/av_ptr.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>

namespace kiosk {

struct DecodedFrame {
    FramePtr frame; // YUV 4:2:0; null marks the end of the stream
    double pts = 0; // seconds from the start of the stream
    int serial = 0; // the stretch of playback it belongs to (see PacketQueue)
};

class FrameQueue {
public:
    explicit FrameQueue(std::size_t capacity = 3) : m_capacity(capacity) {}

    // Blocks while full; false once aborted.
    bool push(DecodedFrame frame);
    // The frame to show next and the one after it, or null; never blocks.
    const DecodedFrame* peek(std::size_t index = 0) const;
    void pop();
    void abort();

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<DecodedFrame> m_frames;
    std::size_t m_capacity;
    bool m_aborted = false;
};

} // namespace kiosk
