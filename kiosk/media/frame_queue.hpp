// The few decoded frames waiting to be shown (ffplay keeps three): the decoder fills it, the main thread
// shows or drops its frames by their time.
#pragma once

#include "media/av_ptr.hpp"
#include "media/handoff_queue.hpp"

namespace kiosk {

struct DecodedFrame {
    FramePtr frame; // YUV 4:2:0; null marks the end of the stream
    double pts = 0; // seconds from the start of the stream
    int serial = 0; // the stretch of playback it belongs to (see PacketQueue)
};

// ffplay keeps three frames ready.
using FrameQueue = HandoffQueue<DecodedFrame>;
constexpr std::size_t kFramesAhead = 3;

} // namespace kiosk
