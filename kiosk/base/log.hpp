// Minimal leveled logging to stderr with timestamps; the journal (systemd) keeps it on a station.
#pragma once

#include <cstdio>
#include <string_view>

namespace kiosk {

enum class LogLevel { Debug, Info, Warn, Error };

void set_log_level(LogLevel level);
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

} // namespace kiosk
