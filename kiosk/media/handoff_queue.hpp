// A small bounded queue from a decoder thread to the main thread: the decoder waits when it is full, the
// main thread looks and takes without ever waiting. Used for decoded frames and for decoded sound.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace kiosk {

template <class T>
class HandoffQueue {
public:
    explicit HandoffQueue(std::size_t capacity) : m_capacity(capacity) {}

    // Blocks while full; false once aborted.
    bool push(T item) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_aborted || m_items.size() < m_capacity; });
        if (m_aborted)
            return false;
        m_items.push_back(std::move(item));
        return true;
    }
    // The item `index` places from the front, or null; never blocks. Items are only removed by the
    // caller's own pop(), and a deque keeps its elements in place when it grows, so the pointer stays
    // valid until then.
    const T* peek(std::size_t index = 0) const {
        std::lock_guard lock(m_mutex);
        return index < m_items.size() ? &m_items[index] : nullptr;
    }
    void pop() {
        std::lock_guard lock(m_mutex);
        if (!m_items.empty())
            m_items.pop_front();
        m_changed.notify_all();
    }
    std::optional<T> try_pop() {
        std::lock_guard lock(m_mutex);
        if (m_items.empty())
            return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_changed.notify_all();
        return item;
    }
    void abort() {
        std::lock_guard lock(m_mutex);
        m_aborted = true;
        m_changed.notify_all();
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<T> m_items;
    std::size_t m_capacity;
    bool m_aborted = false;
};

} // namespace kiosk
