// The log's memory of recent lines, which the operator screen shows and the USB export writes out.
#include "base/log.hpp"

#include <catch2/catch.hpp>
#include <thread>

using namespace kiosk;

namespace {

bool has_line(const std::vector<LogLine>& lines, const std::string& message) {
    return std::any_of(lines.begin(), lines.end(), [&](const LogLine& l) { return l.message == message; });
}

} // namespace

TEST_CASE("recent log lines keep the last 200 with level and time", "[operator][log]") {
    std::time_t before = std::time(nullptr);
    for (int i = 0; i < 250; ++i)
        log_info("recent-test line " + std::to_string(i));
    auto lines = recent_log_lines();
    REQUIRE(lines.size() == kRecentLogLines);
    CHECK(lines.front().message == "recent-test line 50");
    CHECK(lines.back().message == "recent-test line 249");
    CHECK(lines.back().level == LogLevel::Info);
    CHECK(lines.back().time >= before);
    CHECK(lines.back().time <= std::time(nullptr));
    // The same shape as on stderr: "2024-05-03T07:20:00Z info: ...".
    auto text = lines.back().to_text();
    CHECK(text.size() == 20 + 7 + std::string("recent-test line 249").size());
    CHECK(text.substr(10, 1) == "T");
    CHECK(text.substr(19) == "Z info: recent-test line 249");
}

TEST_CASE("the last errors survive a flood of info lines", "[operator][log]") {
    log_warn("recent-test: the disk is nearly full");
    log_error("recent-test: a pack on the stick is not signed");
    for (int i = 0; i < 300; ++i)
        log_info("recent-test flood " + std::to_string(i));
    CHECK_FALSE(has_line(recent_log_lines(), "recent-test: a pack on the stick is not signed"));
    auto problems = recent_errors(2);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].message == "recent-test: the disk is nearly full");
    CHECK(problems[0].level == LogLevel::Warn);
    CHECK(problems[1].message == "recent-test: a pack on the stick is not signed");
    auto errors_only = recent_errors(5, LogLevel::Error);
    REQUIRE_FALSE(errors_only.empty());
    CHECK(errors_only.back().message == "recent-test: a pack on the stick is not signed");
    CHECK(std::all_of(errors_only.begin(), errors_only.end(),
                      [](const LogLine& l) { return l.level == LogLevel::Error; }));
    CHECK(recent_errors(100).size() <= kRecentProblemLines);
}

TEST_CASE("lines below the log level are neither printed nor kept", "[operator][log]") {
    log_debug("recent-test: a debug line");
    CHECK_FALSE(has_line(recent_log_lines(), "recent-test: a debug line"));
}

TEST_CASE("logging from several threads keeps whole lines", "[operator][log]") {
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([t] {
            for (int i = 0; i < 100; ++i)
                log_warn("recent-test thread " + std::to_string(t) + " line " + std::to_string(i));
        });
    for (auto& thread : threads)
        thread.join();
    auto lines = recent_log_lines();
    REQUIRE(lines.size() == kRecentLogLines);
    for (const auto& line : lines)
        CHECK_THAT(line.message, Catch::StartsWith("recent-test thread "));
    // A huge message is kept cut short, at a character boundary.
    std::string huge;
    for (int i = 0; i < 2000; ++i)
        huge += "ệ"; // three bytes each, so the cut falls inside one unless it steps back
    log_warn(huge);
    std::string kept = recent_log_lines().back().message;
    REQUIRE_THAT(kept, Catch::EndsWith("…"));
    kept.resize(kept.size() - std::string("…").size());
    CHECK(kept.size() <= 4096);
    CHECK(kept.size() % 3 == 0);
    CHECK(huge.starts_with(kept));
}
