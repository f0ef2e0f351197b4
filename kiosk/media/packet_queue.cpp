// Producer waits when full, consumer when empty; abort wakes both.
#include "media/packet_queue.hpp"

namespace kiosk {

bool PacketQueue::push(PacketPtr packet, int serial) {
    std::unique_lock lock(m_mutex);
    std::size_t bytes = packet ? static_cast<std::size_t>(packet->size) + sizeof(AVPacket) : 0;
    m_changed.wait(lock, [&] {
        return m_aborted || serial < m_serial || m_packets.empty() ||
               (m_bytes + bytes <= m_max_bytes && m_packets.size() < m_max_packets);
    });
    if (m_aborted)
        return false;
    if (serial < m_serial)
        return true; // stale: read before a seek
    m_bytes += bytes;
    m_packets.push_back({std::move(packet), m_serial});
    m_changed.notify_all();
    return true;
}

void PacketQueue::push_end(int serial) {
    push(nullptr, serial);
}

bool PacketQueue::pop(QueuedPacket& out) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_aborted || !m_packets.empty(); });
    if (m_aborted)
        return false;
    out = std::move(m_packets.front());
    m_packets.pop_front();
    if (out.packet)
        m_bytes -= static_cast<std::size_t>(out.packet->size) + sizeof(AVPacket);
    m_changed.notify_all();
    return true;
}

int PacketQueue::next_serial() {
    std::lock_guard lock(m_mutex);
    return ++m_serial;
}

int PacketQueue::restart() {
    std::lock_guard lock(m_mutex);
    m_packets.clear();
    m_bytes = 0;
    m_changed.notify_all();
    return ++m_serial;
}

void PacketQueue::abort() {
    std::lock_guard lock(m_mutex);
    m_aborted = true;
    m_changed.notify_all();
}

int PacketQueue::serial() const {
    std::lock_guard lock(m_mutex);
    return m_serial;
}

} // namespace kiosk
