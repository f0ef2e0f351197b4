// Only the decoder waits; the main thread looks and takes without blocking.
#include "media/frame_queue.hpp"

namespace kiosk {

bool FrameQueue::push(DecodedFrame frame) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_aborted || m_frames.size() < m_capacity; });
    if (m_aborted)
        return false;
    m_frames.push_back(std::move(frame));
    return true;
}

const DecodedFrame* FrameQueue::peek(std::size_t index) const {
    std::lock_guard lock(m_mutex);
    // Frames are only removed by the caller's own pop(), so the pointer stays valid until then.
    return index < m_frames.size() ? &m_frames[index] : nullptr;
}

void FrameQueue::pop() {
    std::lock_guard lock(m_mutex);
    if (!m_frames.empty())
        m_frames.pop_front();
    m_changed.notify_all();
}

void FrameQueue::abort() {
    std::lock_guard lock(m_mutex);
    m_aborted = true;
    m_changed.notify_all();
}

} // namespace kiosk
