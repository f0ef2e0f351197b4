// The same discipline as FrameQueue: only the producer blocks.
#include "media/audio_queue.hpp"

namespace kiosk {

bool AudioQueue::push(AudioChunk chunk) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_aborted || m_chunks.size() < m_capacity; });
    if (m_aborted)
        return false;
    m_chunks.push_back(std::move(chunk));
    return true;
}

std::optional<AudioChunk> AudioQueue::try_pop() {
    std::lock_guard lock(m_mutex);
    if (m_chunks.empty())
        return std::nullopt;
    AudioChunk chunk = std::move(m_chunks.front());
    m_chunks.pop_front();
    m_changed.notify_all();
    return chunk;
}

void AudioQueue::abort() {
    std::lock_guard lock(m_mutex);
    m_aborted = true;
    m_changed.notify_all();
}

} // namespace kiosk
