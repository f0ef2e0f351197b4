// kill -9 during uploads: the telemetry file stays whole, no batch is lost, and what was sent twice is
// removed again by content-tool collect.
#include "report/telemetry_collect.hpp"
#include "telemetry/telemetry_outbox.hpp"
#include "upload_support.hpp"

#include <fcntl.h>
#include <random>
#include <set>
#include <sys/wait.h>
#include <thread>

using namespace kiosk;
using namespace test_support;

namespace {

std::set<std::int64_t> id_set(Db& db, const std::string& sql) {
    std::set<std::int64_t> out;
    for (const auto& row : db.rows(sql))
        out.insert(std::stoll(row[0]));
    return out;
}

} // namespace

TEST_CASE("kill -9 at random moments during uploads loses no batch and damages nothing",
          "[upload][killloop][nginx]") {
    TempDir dir;
    auto file = dir / "telemetry.sqlite";
    NginxServer nginx(dir / "www", dir / "uploads");
    std::string url = nginx.url("/upload/");
    int iterations = 30;
    if (const char* env = std::getenv("UPLOAD_KILL_ITERATIONS"))
        iterations = std::max(1, std::atoi(env));
    std::mt19937_64 rng(20261130);
    for (int i = 0; i < iterations; ++i) {
        pid_t pid = spawn_quiet({UPLOAD_CYCLER_BIN, file.string(), url});
        auto delay = std::chrono::microseconds(5000 + rng() % 250000);
        std::this_thread::sleep_for(delay);
        kill_and_reap(pid);
        if (i % 5 == 4) {
            Db db(file);
            INFO("iteration " << i << " killed after " << delay.count() << " us");
            REQUIRE(db.text("PRAGMA integrity_check") == "ok");
        }
    }
    // The station comes back and uploads what is left.
    auto settings = upload_settings(file, url, "killed");
    auto last = uplink::upload_cycle(settings);
    REQUIRE(last.ok());
    Db db(file);
    REQUIRE(db.text("PRAGMA integrity_check") == "ok");
    auto outbox = telemetry::Outbox::open(file);
    REQUIRE(outbox.ok());
    CHECK(outbox->state()->unacknowledged_rows == 0);
    CHECK_FALSE(outbox->state()->pending);
    // Batch files half made by killed processes are cleared away.
    CHECK(fs::is_empty(dir / "telemetry.sqlite.upload"));

    // Every batch ever made is on the server: sequences 1..N, none missing.
    auto stored = stored_batches(dir / "uploads", "killed");
    std::set<std::int64_t> sequences;
    std::string prefix = outbox->station_db_id() + "-";
    for (const auto& f : stored) {
        std::string name = f.stem().string();
        REQUIRE(name.starts_with(prefix));
        sequences.insert(std::stoll(name.substr(prefix.size())));
        Db b(f);
        CHECK(b.text("PRAGMA integrity_check") == "ok");
    }
    REQUIRE_FALSE(sequences.empty());
    CHECK(*sequences.begin() == 1);
    CHECK(*sequences.rbegin() == static_cast<std::int64_t>(sequences.size()));
    // Kills landed among the uploads: some batch was sent more than once.
    std::map<std::string, int> puts;
    for (const auto& r : nginx.requests())
        if (r.uri.ends_with(".sqlite"))
            ++puts[r.uri];
    int resent = 0;
    for (const auto& [uri, n] : puts)
        resent += n > 1;
    INFO(stored.size() << " batches, " << resent << " sent more than once");
    CHECK(stored.size() > 30);
    CHECK(resent > 0);

    // Collected, the batches hold every row of the station's file exactly once.
    auto report = dir / "report.sqlite";
    auto summary = content_tool::collect_telemetry(report, stored);
    REQUIRE(summary.ok());
    CHECK(summary->refused.empty());
    // A batch sent twice had the same rows both times: no two stored batches share an event row.
    for (const auto& [table, n] : summary->duplicates) {
        INFO(table);
        CHECK(n == 0);
    }
    Db r(report);
    for (const char* table : {"plays", "page_views", "errors", "runs"}) {
        INFO(table);
        CHECK(id_set(r, std::string("SELECT id FROM ") + table) ==
              id_set(db, std::string("SELECT id FROM ") + table));
    }
    CHECK(db.number("SELECT count(*) FROM plays") > 100);
}
