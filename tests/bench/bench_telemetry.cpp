// Telemetry figures for bench_telemetry.py: the cost of record() on the kiosk's thread and of the writer,
// against the naive peer (one INSERT per event, autocommit, synchronous=FULL), and the file's size for a
// busy station's day and year. Prints key=value lines.
#include "telemetry/telemetry.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <numeric>
#include <random>
#include <sqlite3.h>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace kiosk;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kDayMs = 24ll * 3600 * 1000;

double process_cpu_s() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double thread_cpu_s() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, static_cast<std::size_t>(p * values.size()))];
}

double mean(const std::vector<double>& values) {
    return std::accumulate(values.begin(), values.end(), 0.0) / values.size();
}

std::uint64_t file_bytes(const fs::path& file) {
    std::error_code ec;
    auto main = fs::file_size(file, ec);
    auto wal = fs::file_size(file.string() + "-wal", ec);
    return (ec ? 0 : wal) + main;
}

PlayEvent play(std::int64_t at, int k) {
    static const char* languages[] = {"vi", "en", "lo"};
    return PlayEvent{"ha-tinh",        20250301, "province-slide-" + std::to_string(k % 24),
                     languages[k % 3], at,       10000,
                     PlayMode::Attract};
}

// Record cost and writer CPU for the real module. burst: every event recorded back to back, the writer
// taking whatever has queued; batch: 64 events then a flush, so each transaction holds one full batch;
// single: a flush after every event, as on a quiet kiosk where each event waits out flush_interval alone.
void bench_record(const fs::path& dir, int events, const std::string& mode) {
    TelemetryOptions options;
    options.station = "bench";
    options.queue_limit = static_cast<std::size_t>(events); // nothing dropped however far the writer lags
    auto opened = Telemetry::open(dir / ("ours-" + mode + ".db"), options);
    if (!opened) {
        std::fprintf(stderr, "%s\n", opened.error().message.c_str());
        std::exit(1);
    }
    auto& telemetry = **opened;
    telemetry.flush();
    std::vector<TelemetryEvent> prepared;
    std::int64_t now = wall_ms();
    for (int i = 0; i < events; ++i)
        prepared.push_back(play(now + i * 10000ll, i));
    std::size_t per_flush = mode == "batch" ? options.batch_events : mode == "single" ? 1 : 0;
    std::vector<double> ns(static_cast<std::size_t>(events));
    auto transactions_before = telemetry.counters().transactions;
    double cpu0 = process_cpu_s(), thread_cpu = 0;
    auto wall0 = Clock::now();
    double thread0 = thread_cpu_s();
    for (std::size_t i = 0; i < static_cast<std::size_t>(events); ++i) {
        auto t0 = Clock::now();
        telemetry.record(std::move(prepared[i]));
        ns[i] = std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
        if (per_flush && (i + 1) % per_flush == 0) {
            // The flush's own CPU on this thread is tiny (it sleeps); it is counted as the caller's.
            telemetry.flush();
        }
    }
    thread_cpu = thread_cpu_s() - thread0;
    telemetry.flush();
    double wall = std::chrono::duration<double>(Clock::now() - wall0).count();
    double writer_cpu = (process_cpu_s() - cpu0) - thread_cpu;
    auto transactions = telemetry.counters().transactions - transactions_before;
    const char* m = mode.c_str();
    std::printf("%s.events=%d\n%s.record_mean_ns=%.0f\n%s.record_p99_ns=%.0f\n%s.record_max_ns=%.0f\n", m,
                events, m, mean(ns), m, percentile(ns, 0.99), m, *std::max_element(ns.begin(), ns.end()));
    std::printf("%s.writer_cpu_us_per_event=%.2f\n%s.wall_s=%.3f\n%s.transactions=%llu\n", m,
                writer_cpu / events * 1e6, m, wall, m, static_cast<unsigned long long>(transactions));
}

// The naive peer: one INSERT per event on the calling thread, autocommit, synchronous=FULL, in SQLite's
// default rollback-journal mode (journal) or in WAL mode (wal).
void bench_naive(const fs::path& dir, int events, const char* journal) {
    auto file = dir / (std::string("naive-") + journal + ".db");
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    std::string setup = std::string("PRAGMA journal_mode=") +
                        (std::string(journal) == "wal" ? "WAL" : "DELETE") +
                        "; PRAGMA synchronous=FULL;"
                        "CREATE TABLE plays (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL,"
                        " channel TEXT NOT NULL, pack_version INTEGER NOT NULL, slide TEXT NOT NULL,"
                        " language TEXT NOT NULL, start_ms INTEGER NOT NULL, duration_ms INTEGER NOT NULL,"
                        " mode TEXT NOT NULL); CREATE INDEX plays_by_start ON plays(start_ms);";
    sqlite3_exec(db, setup.c_str(), nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(
        db,
        "INSERT INTO plays(run_id, channel, pack_version, slide, language, start_ms, duration_ms, "
        "mode) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        -1, &insert, nullptr);
    std::int64_t now = wall_ms();
    std::vector<double> ns(static_cast<std::size_t>(events));
    double cpu0 = thread_cpu_s();
    for (int i = 0; i < events; ++i) {
        PlayEvent e = play(now + i * 10000ll, i);
        auto t0 = Clock::now();
        sqlite3_bind_text(insert, 1, e.channel.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(insert, 2, static_cast<std::int64_t>(e.pack_version));
        sqlite3_bind_text(insert, 3, e.slide.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 4, e.language.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(insert, 5, e.start_ms);
        sqlite3_bind_int64(insert, 6, e.duration_ms);
        sqlite3_bind_text(insert, 7, "attract", -1, SQLITE_STATIC);
        if (sqlite3_step(insert) != SQLITE_DONE)
            std::fprintf(stderr, "naive insert failed: %s\n", sqlite3_errmsg(db));
        sqlite3_reset(insert);
        ns[static_cast<std::size_t>(i)] = std::chrono::duration<double, std::nano>(Clock::now() - t0).count();
    }
    double cpu = thread_cpu_s() - cpu0;
    sqlite3_finalize(insert);
    sqlite3_close(db);
    std::printf("naive_%s.events=%d\nnaive_%s.record_mean_ns=%.0f\nnaive_%s.record_p99_ns=%.0f\n", journal,
                events, journal, mean(ns), journal, percentile(ns, 0.99));
    std::printf("naive_%s.cpu_us_per_event=%.2f\n", journal, cpu / events * 1e6);
}

// The start of the local day that holds ms.
std::int64_t local_midnight(std::int64_t ms) {
    std::time_t seconds = ms / 1000;
    std::tm tm{};
    localtime_r(&seconds, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return static_cast<std::int64_t>(std::mktime(&tm)) * 1000;
}

// A busy station's day: the attract loop changes slide every 10 s from 06:00 to 24:00 (6480 plays), 400
// touch sessions of 5 page views between 07:00 and 22:00, a few errors, an install now and then.
std::vector<std::pair<std::int64_t, TelemetryEvent>> busy_day(std::int64_t midnight, int day,
                                                              std::mt19937& rng, std::uint32_t& session) {
    static const char* languages[] = {"vi", "en", "lo", "km", "zh", "th"};
    static const char* categories[] = {"entry-exit", "customs",   "visa",    "hours",
                                       "emergency",  "transport", "tourism", "investment"};
    std::vector<std::pair<std::int64_t, TelemetryEvent>> events;
    for (int k = 0; k < 6480; ++k) {
        std::int64_t at = midnight + 6 * 3600000ll + k * 10000ll;
        events.emplace_back(at, play(at, k));
    }
    for (int s = 0; s < 400; ++s) {
        std::int64_t start =
            midnight + 7 * 3600000ll + s * 135000ll + static_cast<std::int64_t>(rng() % 60000);
        std::uint32_t number = ++session;
        const char* language = languages[rng() % 6];
        for (int p = 0; p < 5; ++p) {
            std::int64_t at = start + p * 20000ll;
            events.emplace_back(at, PageViewEvent{number, at, "page-" + std::to_string(rng() % 40), language,
                                                  categories[rng() % 8]});
        }
        std::int64_t end = start + 5 * 20000ll + 60000;
        events.emplace_back(end, SessionEvent{number, start, end, language, 5, SessionEnd::Timeout});
    }
    for (int e = 0; e < 5; ++e) {
        std::int64_t at = midnight + 8 * 3600000ll + e * 7200000ll;
        events.emplace_back(at, ErrorEvent{at, "media",
                                           "film ha-tinh-tourism-2025.mp4 stalled after 12.4 s; "
                                           "skipped to the next slide"});
    }
    if (day % 30 == 0) {
        std::int64_t at = midnight + 5 * 3600000ll;
        events.emplace_back(
            at, InstallEvent{at, "ha-tinh", 20250301ull + day, InstallOutcome::Installed, "from USB stick"});
    }
    if (day % 10 == 0) {
        std::int64_t at = midnight + 5 * 3600000ll + 1000;
        events.emplace_back(at, ClockEvent{at, 42000});
    }
    std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return events;
}

// Records `days` busy days into one file through the real module, with the clock following the events
// so retention runs as it would; prints the file's size after the first day and at the end.
void bench_size(const fs::path& dir, int days, const std::string& name) {
    auto file = dir / (name + ".db");
    auto clock = std::make_shared<std::atomic<std::int64_t>>(0);
    // 2025-01-01 in the station's time zone.
    std::tm tm{};
    tm.tm_year = 125;
    tm.tm_mday = 1;
    tm.tm_isdst = -1;
    std::int64_t first_midnight = static_cast<std::int64_t>(std::mktime(&tm)) * 1000;
    clock->store(first_midnight);
    TelemetryOptions options;
    options.station = "cau-treo";
    options.clock = [clock] { return clock->load(); };
    options.retention_interval = std::chrono::hours(24);
    auto opened = Telemetry::open(file, options);
    if (!opened) {
        std::fprintf(stderr, "%s\n", opened.error().message.c_str());
        std::exit(1);
    }
    auto telemetry = std::move(opened.value());
    std::mt19937 rng(2025);
    std::uint32_t session = 0;
    std::uint64_t events = 0;
    auto wall0 = Clock::now();
    std::int64_t midnight = first_midnight;
    for (int day = 0; day < days; ++day) {
        for (auto& [at, event] : busy_day(midnight, day, rng, session)) {
            clock->store(at);
            telemetry->record(std::move(event));
            ++events;
        }
        telemetry->flush();
        if (day == 0)
            std::printf("%s.first_day_bytes=%llu\n", name.c_str(),
                        static_cast<unsigned long long>(file_bytes(file)));
        midnight = local_midnight(midnight + kDayMs + 3600000);
    }
    double wall = std::chrono::duration<double>(Clock::now() - wall0).count();
    auto summary = telemetry->summary(clock->load());
    telemetry.reset();

    sqlite3* db = nullptr;
    sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    auto scalar = [db](const char* sql) {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
        std::int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
        sqlite3_finalize(s);
        return v;
    };
    std::int64_t rows = scalar("SELECT (SELECT count(*) FROM plays) + (SELECT count(*) FROM page_views) + "
                               "(SELECT count(*) FROM sessions) + (SELECT count(*) FROM errors) + "
                               "(SELECT count(*) FROM installs) + (SELECT count(*) FROM clock_jumps)");
    std::int64_t oldest = scalar("SELECT min(start_ms) FROM plays");
    sqlite3_close(db);
    std::printf("%s.days=%d\n%s.events=%llu\n%s.rows=%lld\n%s.bytes=%llu\n%s.max_bytes=%llu\n", name.c_str(),
                days, name.c_str(), static_cast<unsigned long long>(events), name.c_str(),
                static_cast<long long>(rows), name.c_str(), static_cast<unsigned long long>(file_bytes(file)),
                name.c_str(), static_cast<unsigned long long>(options.max_bytes));
    std::printf("%s.oldest_play_day=%lld\n%s.record_wall_s=%.1f\n", name.c_str(),
                static_cast<long long>((oldest - first_midnight) / kDayMs), name.c_str(), wall);
    if (summary)
        std::printf("%s.summary_plays_today=%lld\n", name.c_str(),
                    static_cast<long long>(summary->plays_today));

    // What the kiosk pays at start (on the writer thread) and at export on such a file.
    auto t0 = Clock::now();
    {
        auto reopened = Telemetry::open(file, options);
        if (reopened)
            (*reopened)->flush(); // waits for the start-up integrity check and retention
    }
    std::printf("%s.start_check_s=%.2f\n", name.c_str(),
                std::chrono::duration<double>(Clock::now() - t0).count());
    {
        auto reopened = Telemetry::open(file, options);
        if (reopened) {
            (*reopened)->flush();
            t0 = Clock::now();
            auto exported = (*reopened)->export_to(dir / (name + "-export.sqlite"));
            double s = std::chrono::duration<double>(Clock::now() - t0).count();
            if (exported)
                std::printf("%s.export_s=%.2f\n%s.export_bytes=%llu\n", name.c_str(), s, name.c_str(),
                            static_cast<unsigned long long>(file_bytes(dir / (name + "-export.sqlite"))));
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_telemetry record|naive|size DIR [N] [journal|name]\n");
        return 2;
    }
    std::string what = argv[1];
    fs::path dir = argv[2];
    int n = argc > 3 ? std::atoi(argv[3]) : 0;
    if (what == "record")
        bench_record(dir, n ? n : 100000, argc > 4 ? argv[4] : "burst");
    else if (what == "naive")
        bench_naive(dir, n ? n : 2000, argc > 4 ? argv[4] : "journal");
    else if (what == "size")
        bench_size(dir, n ? n : 1, argc > 4 ? argv[4] : "size");
    else
        return 2;
    return 0;
}
