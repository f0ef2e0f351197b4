// Minimal leveled logging to stderr with timestamps; the journal (systemd) keeps it on a station. The most
// recent lines are also kept in memory for the operator screen and the export to a USB stick.
#pragma once

#include <cstddef>
#include <cstdio>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class LogLevel { Debug, Info, Warn, Error };

void set_log_level(LogLevel level);
// Where errors also go besides stderr (the station's telemetry); set once by the composition root before
// threads start, and cleared before what it calls goes away.
using ErrorSink = void (*)(void* context, std::string_view message);
void set_error_sink(ErrorSink sink, void* context);
void log(LogLevel level, std::string_view message);

inline void log_info(std::string_view m) {
    log(LogLevel::Info, m);
}
inline void log_warn(std::string_view m) {
    log(LogLevel::Warn, m);
}
inline void log_error(std::string_view m) {
    log(LogLevel::Error, m);
}
inline void log_debug(std::string_view m) {
    log(LogLevel::Debug, m);
}

const char* to_string(LogLevel level);

// One line as it was logged (lines below the log level are neither printed nor kept).
struct LogLine {
    std::time_t time = 0; // wall clock, seconds since 1970
    LogLevel level = LogLevel::Info;
    std::string message; // cut to a few kilobytes
    // The line as stderr shows it, without the newline: "2024-05-03T07:20:00Z warn: ...".
    std::string to_text() const;
};

constexpr std::size_t kRecentLogLines = 200;
constexpr std::size_t kRecentProblemLines = 20;

// The last kRecentLogLines lines, oldest first.
std::vector<LogLine> recent_log_lines();
// The last n lines at or above a level (warnings and errors by default), oldest first. They are kept apart
// from the other lines, so that a chatty hour of info lines does not push the last error out of sight.
std::vector<LogLine> recent_errors(std::size_t n, LogLevel at_least = LogLevel::Warn);

} // namespace kiosk
