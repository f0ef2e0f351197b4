// The worker thread: wait (interruptibly), cycle, repeat.
#include "base/periodic_worker.hpp"

namespace kiosk {

PeriodicWorker::~PeriodicWorker() {
    stop();
}

void PeriodicWorker::start(Clock::time_point first, Cycle cycle) {
    m_thread = std::thread([this, due = first, cycle = std::move(cycle)]() mutable {
        for (;;) {
            {
                std::unique_lock lock(m_mutex);
                if (m_wake.wait_until(lock, due, [this] { return m_stop.load(); }))
                    return;
            }
            due = cycle();
        }
    });
}

void PeriodicWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace kiosk
