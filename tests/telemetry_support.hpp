// Helpers for the telemetry tests: reading the files through the plain SQLite API, a clock the test
// moves by hand, and events to record.
#pragma once

#include "support.hpp"
#include "telemetry/telemetry.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <sqlite3.h>

namespace test_support {

inline constexpr std::int64_t kDayMs = 24ll * 3600 * 1000;
// 2026-06-15 12:00 UTC, the "now" of tests that move the clock.
inline constexpr std::int64_t kNow = 1781524800000;

using Rows = std::vector<std::vector<std::string>>;

// The test's own view of a file through the plain SQLite API, as the office's tools would read it.
class Db {
public:
    explicit Db(const fs::path& file) {
        REQUIRE(sqlite3_open_v2(file.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) ==
                SQLITE_OK);
        sqlite3_busy_timeout(m_db, 5000);
    }
    ~Db() { sqlite3_close(m_db); }
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    Rows rows(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        int rc = sqlite3_prepare_v2(m_db, sql.c_str(), -1, &statement, nullptr);
        INFO(sql << ": " << sqlite3_errmsg(m_db));
        REQUIRE(rc == SQLITE_OK);
        Rows out;
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(statement); ++i) {
                auto text = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
                row.push_back(text ? text : "NULL");
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(statement);
        REQUIRE(rc == SQLITE_DONE);
        return out;
    }
    std::string text(const std::string& sql) {
        auto r = rows(sql);
        return r.empty() || r[0].empty() ? std::string() : r[0][0];
    }
    std::int64_t number(const std::string& sql) { return std::stoll(text(sql)); }
    void exec(const std::string& sql) {
        char* error = nullptr;
        int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error);
        INFO(sql << ": " << (error ? error : ""));
        sqlite3_free(error);
        REQUIRE(rc == SQLITE_OK);
    }
    // Every event row, whatever its kind.
    std::int64_t event_rows() {
        return number("SELECT (SELECT count(*) FROM plays) + (SELECT count(*) FROM sessions) + "
                      "(SELECT count(*) FROM page_views) + (SELECT count(*) FROM errors) + "
                      "(SELECT count(*) FROM installs) + (SELECT count(*) FROM clock_jumps)");
    }

private:
    sqlite3* m_db = nullptr;
};

// A wall clock the test moves by hand.
struct FakeClock {
    std::shared_ptr<std::atomic<std::int64_t>> now = std::make_shared<std::atomic<std::int64_t>>(kNow);
    std::function<std::int64_t()> function() const {
        return [now = now] { return now->load(); };
    }
    void advance(std::int64_t ms) { *now += ms; }
};

// Options under which nothing is committed until a batch fills or flush() is called.
inline kiosk::TelemetryOptions quiet_options(const FakeClock& clock) {
    kiosk::TelemetryOptions options;
    options.station = "na-meo";
    options.software = "kiosk-test";
    options.flush_interval = std::chrono::hours(1);
    options.alive_interval = std::chrono::hours(1);
    options.clock = clock.function();
    return options;
}

inline std::unique_ptr<kiosk::Telemetry> open_telemetry(const fs::path& file,
                                                        kiosk::TelemetryOptions options) {
    auto opened = kiosk::Telemetry::open(file, std::move(options));
    INFO((opened ? std::string() : opened.error().message));
    REQUIRE(opened.ok());
    return std::move(opened.value());
}

inline kiosk::PlayEvent play(std::int64_t at, std::string slide = "welcome") {
    return kiosk::PlayEvent{"ha-tinh", 12, std::move(slide), "vi", at, 10000, kiosk::PlayMode::Attract};
}

inline std::vector<fs::path> files_starting_with(const fs::path& dir, const std::string& prefix) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().filename().string().starts_with(prefix))
            found.push_back(entry.path());
    }
    return found;
}

} // namespace test_support
