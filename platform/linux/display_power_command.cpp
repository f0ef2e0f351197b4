// Runs the display power command with posix_spawn (no shell) on a worker thread, reaping only its own
// child by pid, so that a slow or hung command never holds up the frame loop.
#include "platform/linux/display_power_command.hpp"

#include "base/log.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace kiosk::platform {

namespace {

std::string describe_status(int status) {
    if (WIFEXITED(status))
        return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return std::string("was killed by signal ") + strsignal(WTERMSIG(status));
    return "ended oddly";
}

std::string joined(const std::vector<std::string>& argv) {
    std::string out;
    for (const auto& arg : argv)
        out += (out.empty() ? "" : " ") + arg;
    return out;
}

} // namespace

std::vector<std::string> split_command(std::string_view command) {
    std::vector<std::string> argv;
    std::size_t pos = 0;
    while (pos < command.size()) {
        while (pos < command.size() && (command[pos] == ' ' || command[pos] == '\t'))
            ++pos;
        auto end = pos;
        while (end < command.size() && command[end] != ' ' && command[end] != '\t')
            ++end;
        if (end > pos)
            argv.emplace_back(command.substr(pos, end - pos));
        pos = end;
    }
    return argv;
}

CommandDisplayPower::CommandDisplayPower(std::string command, std::chrono::milliseconds timeout)
    : m_argv(split_command(command)), m_timeout(timeout), m_worker([this] { work(); }) {}

CommandDisplayPower::~CommandDisplayPower() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_worker.join();
}

void CommandDisplayPower::set(bool on) {
    {
        std::lock_guard lock(m_mutex);
        if (m_wanted == on)
            return;
        m_wanted = on;
    }
    m_changed.notify_all();
}

bool CommandDisplayPower::wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [&] { return !m_running && m_applied == m_wanted; });
}

void CommandDisplayPower::work() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [&] { return m_stop || m_applied != m_wanted; });
        if (m_stop)
            return;
        bool on = *m_wanted;
        m_running = true;
        lock.unlock();
        Outcome outcome = run_command(on);
        lock.lock();
        m_running = false;
        // A failed run is not retried until the state asked for changes again: a broken command would
        // otherwise be spawned in a loop, and the log would fill with the same complaint.
        m_applied = on;
        if (outcome == Outcome::Done && m_failure_logged) {
            m_failure_logged = false;
            log_info("display power: the command works again ('" + joined(m_argv) + (on ? " on'" : " off'") +
                     ")");
        }
        m_changed.notify_all();
    }
}

CommandDisplayPower::Outcome CommandDisplayPower::run_command(bool on) {
    std::vector<std::string> args = m_argv;
    args.push_back(on ? "on" : "off");
    auto fail = [&](const std::string& what) {
        std::lock_guard lock(m_mutex);
        if (!m_failure_logged)
            log_error(
                "display power: '" + joined(args) + "' " + what + "; the screen may stay " +
                (on ? "off" : "on") +
                ". Check display_power_command in the station config (a program and its arguments, "
                "run without a shell, with 'on' or 'off' added) and run it by hand as the kiosk's user");
        m_failure_logged = true;
        return Outcome::Failed;
    };
    if (m_argv.empty())
        return fail("is empty");

    std::vector<char*> argv;
    for (auto& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    // The command gets no terminal input; its output goes to the kiosk's journal with ours.
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Our signal mask and ignored signals (SIGPIPE) must not leak into the child.
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = -1;
    int rc = posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0)
        return fail(std::string("could not be started: ") + std::strerror(rc));

    // Polls for this child only (never waitpid(-1), which would steal other children's statuses), checking
    // for shutdown and the timeout between polls.
    auto deadline = std::chrono::steady_clock::now() + m_timeout;
    auto pause = std::chrono::milliseconds(5);
    for (;;) {
        int status = 0;
        pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid)
            return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? Outcome::Done
                                                                 : fail(describe_status(status));
        if (done < 0 && errno != EINTR) // ECHILD: SIGCHLD is ignored, so the kernel reaped it for us
            return Outcome::Done;
        bool stopping;
        {
            std::lock_guard lock(m_mutex);
            stopping = m_stop;
        }
        if (stopping || std::chrono::steady_clock::now() >= deadline) {
            ::kill(pid, SIGKILL);
            while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            return stopping ? Outcome::Stopped
                            : fail("did not finish within " + std::to_string(m_timeout.count()) +
                                   " ms and was stopped");
        }
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(100));
    }
}

} // namespace kiosk::platform
