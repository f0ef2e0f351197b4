// A bounded queue of compressed packets between the demux thread and a decoder thread. Each packet
// carries the serial of the stretch of playback it belongs to: a loop or seek starts a new serial, so
// that stale packets are recognised and dropped instead of tearing the pipeline down.
#pragma once

#include "media/av_ptr.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace kiosk {

struct QueuedPacket {
    PacketPtr packet; // null marks the end of the stream
    int serial = 0;
};

class PacketQueue {
public:
    // Bounded by bytes and by count: a few seconds of a high-rate stream, or of a tiny looping clip.
    explicit PacketQueue(std::size_t max_bytes = 8u << 20, std::size_t max_packets = 256)
        : m_max_bytes(max_bytes), m_max_packets(max_packets) {}

    // Blocks while the queue is full; false once aborted. A packet read for an older serial than the
    // queue's (the demuxer had not yet seen a seek) is dropped, and a push waiting for room gives up.
    bool push(PacketPtr packet, int serial);
    void push_end(int serial);
    // Blocks until a packet arrives; false once aborted.
    bool pop(QueuedPacket& out);
    // Starts a new serial for what is pushed from now on, keeping what is queued (for a loop).
    int next_serial();
    // Drops everything queued and starts a new serial (for a seek); returns it.
    int restart();
    void abort();
    int serial() const;

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QueuedPacket> m_packets;
    std::size_t m_bytes = 0;
    std::size_t m_max_bytes;
    std::size_t m_max_packets;
    int m_serial = 0;
    bool m_aborted = false;
};

} // namespace kiosk
