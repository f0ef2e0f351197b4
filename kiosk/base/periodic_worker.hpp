// A background thread that runs a cycle, waits until the time the cycle asked for, and repeats, until it
// is stopped: the shape of the kiosk's sync and telemetry upload services. Stopping is prompt: the wait
// ends at once, and a cycle in flight sees stop_flag() (a transfer aborts on it).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace kiosk {

class PeriodicWorker {
public:
    using Clock = std::chrono::steady_clock;
    // Runs on the worker's thread; returns when to run next.
    using Cycle = std::function<Clock::time_point()>;

    PeriodicWorker() = default;
    ~PeriodicWorker(); // stops and joins
    PeriodicWorker(const PeriodicWorker&) = delete;
    PeriodicWorker& operator=(const PeriodicWorker&) = delete;

    // Starts the thread: the first cycle runs at `first`.
    void start(Clock::time_point first, Cycle cycle);
    // Sets the stop flag, ends the wait and joins the thread.
    void stop();
    bool stopping() const { return m_stop.load(); }
    const std::atomic<bool>* stop_flag() const { return &m_stop; }

private:
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::thread m_thread;
};

} // namespace kiosk
