// Display power through a configured command ("xset dpms force", "vcgencmd display_power" wrappers, ...)
// run with "on" or "off" as its last argument, on a worker thread so the caller never waits for it.
#pragma once

#include "platform/display_power.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::platform {

class CommandDisplayPower final : public DisplayPower {
public:
    // command is a program (a path, or a name looked up in PATH) and fixed arguments separated by spaces;
    // it is run without a shell, so there is no quoting. A run that takes longer than timeout is killed.
    explicit CommandDisplayPower(std::string command,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(20));
    ~CommandDisplayPower() override;
    CommandDisplayPower(const CommandDisplayPower&) = delete;
    CommandDisplayPower& operator=(const CommandDisplayPower&) = delete;

    // Asks for a state; the command runs only when it differs from the last state asked of it. Calls while
    // a run is going on are not lost: the worker runs again for the latest state when the run ends.
    void set(bool on) override;

    // Waits until the command has been run for the latest state asked (tests, shutdown); false on timeout.
    bool wait_idle(std::chrono::milliseconds timeout);

private:
    enum class Outcome { Done, Failed, Stopped };
    void work();
    Outcome run_command(bool on);

    std::vector<std::string> m_argv;
    std::chrono::milliseconds m_timeout;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::optional<bool> m_wanted;  // the latest state asked for
    std::optional<bool> m_applied; // the state the command last ran for
    bool m_running = false;
    bool m_stop = false;
    bool m_failure_logged = false; // only the first of a series of failures is logged
    std::thread m_worker;          // last, so that it starts after everything it uses
};

// Splits a configured command line at spaces (no quoting, as no shell runs it).
std::vector<std::string> split_command(std::string_view command);

} // namespace kiosk::platform
