// Writes log lines to stderr; one line per call so concurrent writers do not interleave mid-line. Keeps the
// recent lines in two small rings (all lines, and warnings and errors) under one lock.
#include "base/log.hpp"

#include <atomic>
#include <deque>
#include <mutex>
#include <string>

namespace kiosk {

namespace {

std::atomic<LogLevel> g_level{LogLevel::Info};

// A message longer than this is kept cut short in memory (stderr still gets it whole), so the rings
// stay bounded whatever a caller logs.
constexpr std::size_t kMaxKeptMessage = 4096;

struct RecentLines {
    std::mutex mutex;
    std::deque<LogLine> all;
    std::deque<LogLine> problems;
};

// Function-local so that logging from another static initialiser finds it constructed.
RecentLines& recent() {
    static RecentLines lines;
    return lines;
}

std::string format_stamp(std::time_t when) {
    std::tm tm{};
    gmtime_r(&when, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return stamp;
}

// Cuts at most max bytes without splitting a UTF-8 sequence.
std::string cut_utf8(std::string_view s, std::size_t max) {
    if (s.size() <= max)
        return std::string(s);
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
        --end;
    return std::string(s.substr(0, end)) + "…";
}

void keep(std::deque<LogLine>& ring, const LogLine& line, std::size_t capacity) {
    if (ring.size() == capacity)
        ring.pop_front();
    ring.push_back(line);
}

} // namespace

const char* to_string(LogLevel level) {
    static const char* names[] = {"debug", "info", "warn", "error"};
    return names[static_cast<int>(level)];
}

std::string LogLine::to_text() const {
    return format_stamp(time) + " " + to_string(level) + ": " + message;
}

void set_log_level(LogLevel level) {
    g_level = level;
}

namespace {
std::atomic<ErrorSink> g_error_sink{nullptr};
std::atomic<void*> g_error_context{nullptr};
} // namespace

void set_error_sink(ErrorSink sink, void* context) {
    g_error_context = context;
    g_error_sink = sink;
}

void log(LogLevel level, std::string_view message) {
    if (level < g_level.load())
        return;
    if (level == LogLevel::Error)
        if (ErrorSink sink = g_error_sink.load())
            sink(g_error_context.load(), message);
    LogLine kept{std::time(nullptr), level, {}};
    std::string line = format_stamp(kept.time) + " " + to_string(level) + ": " + std::string(message) + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
    kept.message = cut_utf8(message, kMaxKeptMessage);
    auto& lines = recent();
    std::lock_guard lock(lines.mutex);
    keep(lines.all, kept, kRecentLogLines);
    if (level >= LogLevel::Warn)
        keep(lines.problems, kept, kRecentProblemLines);
}

std::vector<LogLine> recent_log_lines() {
    auto& lines = recent();
    std::lock_guard lock(lines.mutex);
    return {lines.all.begin(), lines.all.end()};
}

std::vector<LogLine> recent_errors(std::size_t n, LogLevel at_least) {
    auto& lines = recent();
    std::lock_guard lock(lines.mutex);
    // Problems come from their own ring; a request for lower levels falls back to the ring of all lines.
    const auto& source = at_least >= LogLevel::Warn ? lines.problems : lines.all;
    std::vector<LogLine> out;
    for (auto it = source.rbegin(); it != source.rend() && out.size() < n; ++it)
        if (it->level >= at_least)
            out.push_back(*it);
    return {out.rbegin(), out.rend()};
}

} // namespace kiosk
