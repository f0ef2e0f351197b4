// Writes log lines to stderr; one line per call so concurrent writers do not interleave mid-line.
#include "base/log.hpp"

#include <atomic>
#include <ctime>
#include <string>

namespace kiosk {

namespace {
std::atomic<LogLevel> g_level{LogLevel::Info};
}

void set_log_level(LogLevel level) {
    g_level = level;
}

void log(LogLevel level, std::string_view message) {
    if (level < g_level.load())
        return;
    static const char* names[] = {"debug", "info", "warn", "error"};
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    std::string line =
        std::string(stamp) + " " + names[static_cast<int>(level)] + ": " + std::string(message) + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
}

} // namespace kiosk
