// Power cut during sync, approximated by kill -9 of `kiosk --sync-once` at random moments while nginx
// serves slowly: after every kill the store holds one whole pack that verifies object by object (the one
// before or the new one, never a mix, never none), and a last sync completes the newest.
#include "sync/channel_index.hpp"
#include "sync_support.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <signal.h>
#include <sys/wait.h>
#include <thread>

using namespace kiosk;
using namespace test_support;

TEST_CASE("kill -9 at random moments during sync never leaves a broken store", "[sync][killloop]") {
    SyncChannel c;
    auto base = c.pack(1);
    c.publish(base);
    // 2 MiB/s: a new version's two 256 KiB objects take about a quarter of a second.
    NginxServer nginx(c.channel_dir, c.dir / "upload", NginxOptions{2 << 20});
    auto args = c.kiosk_args(nginx.url("/"), {"--sync-once"});
    auto first = run(command_line(args));
    INFO(first.output);
    REQUIRE(first.status == 0);
    REQUIRE(c.verified_version() == 1);

    std::mt19937_64 rng(20261130);
    std::uint64_t active = 1, pending = 2;
    c.publish(c.padded(base, pending, 2, 256 << 10));
    // Time one whole cycle to spread the kills over it.
    auto t0 = std::chrono::steady_clock::now();
    REQUIRE(run(command_line(args)).status == 0);
    auto cycle_us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
    REQUIRE(c.verified_version() == 2);
    active = 2;
    pending = 3;
    c.publish(c.padded(base, pending, 2, 256 << 10));

    int killed = 0, old_seen = 0, new_seen = 0, resumed = 0;
    auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 300 && (killed < 110 || old_seen < 5 || new_seen < 5); ++i) {
        pid_t pid = spawn_quiet(args);
        auto delay = std::chrono::microseconds(rng() % static_cast<std::uint64_t>(cycle_us * 1.1 + 1));
        std::this_thread::sleep_for(delay);
        int status = kill_and_reap(pid);
        killed += WIFSIGNALED(status) ? 1 : 0;

        auto version = c.verified_version();
        INFO("iteration " << i << " after " << delay.count() << " us");
        REQUIRE((version == active || version == pending));
        if (version == pending) {
            ++new_seen;
            active = pending;
            ++pending;
            c.publish(c.padded(base, pending, 2, 256 << 10));
        } else {
            ++old_seen;
        }
        if (std::chrono::steady_clock::now() - started > std::chrono::seconds(80))
            break;
    }
    for (const auto& r : nginx.requests())
        resumed += r.range != "-" && r.status == 206 ? 1 : 0;
    auto last = run(command_line(args));
    INFO(last.output);
    CHECK(last.status == 0);
    CHECK(c.verified_version() == pending);
    CHECK(killed >= 100);
    CHECK(old_seen >= 5);
    CHECK(new_seen >= 5);
    CHECK(resumed >= 1); // some kills fell mid-object, and the next run continued it
    WARN("kills " << killed << ", old pack after " << old_seen << ", new pack after " << new_seen
                  << ", resumed downloads " << resumed);
}
