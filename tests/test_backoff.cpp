// The backoff policy shared by sync and upload: full-jitter exponential backoff, and the jittered poll
// interval of sync (run with the [sync] and [upload] tests).
#include "net/backoff.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <vector>

using namespace kiosk;

TEST_CASE("backoff ceilings double from 30 s to the 1 h cap and the jitter stays within them", "[upload]") {
    net::BackoffPolicy policy;
    using std::chrono::milliseconds;
    CHECK(net::backoff_ceiling(policy, 1) == milliseconds(30000));
    CHECK(net::backoff_ceiling(policy, 2) == milliseconds(60000));
    CHECK(net::backoff_ceiling(policy, 3) == milliseconds(120000));
    CHECK(net::backoff_ceiling(policy, 7) == milliseconds(1920000));
    CHECK(net::backoff_ceiling(policy, 8) == milliseconds(3600000));
    CHECK(net::backoff_ceiling(policy, 1000) == milliseconds(3600000));
    CHECK(net::backoff_delay(policy, 1, 0.0) == policy.floor);
    CHECK(net::backoff_delay(policy, 3, 0.5) == milliseconds(1000 + 119000 / 2));
    CHECK(net::backoff_delay(policy, 50, 0.999999) <= milliseconds(3600000));

    net::Backoff backoff(policy, 42);
    milliseconds total_first{0}, total_late{0};
    for (int round = 0; round < 200; ++round) {
        backoff.succeeded();
        auto first = backoff.failed();
        CHECK(first >= policy.floor);
        CHECK(first <= milliseconds(30000));
        total_first += first;
        for (int i = 0; i < 9; ++i)
            backoff.failed();
        auto late = backoff.failed();
        CHECK(late >= policy.floor);
        CHECK(late <= milliseconds(3600000));
        total_late += late;
    }
    CHECK(backoff.failures() == 11);
    // Spread over the whole range, not bunched at either end.
    CHECK(total_first / 200 > milliseconds(10000));
    CHECK(total_first / 200 < milliseconds(20000));
    CHECK(total_late / 200 > milliseconds(1200000));
    CHECK(total_late / 200 < milliseconds(2400000));
}

TEST_CASE("the poll schedule jitters the interval and backs off with full jitter after failures", "[sync]") {
    using net::Seconds;
    net::PollBackoff backoff(Seconds(900));
    CHECK(backoff.next(true, 0.0).count() == Approx(810));
    CHECK(backoff.next(true, 0.5).count() == Approx(900));
    CHECK(backoff.next(true, 0.999999).count() == Approx(990).epsilon(0.001));
    // Failures: up to 30 s, 60 s, 120 s, ... capped at one hour.
    std::vector<double> ceilings;
    for (int i = 0; i < 10; ++i)
        ceilings.push_back(backoff.next(false, 1.0).count());
    CHECK(ceilings[0] == Approx(30));
    CHECK(ceilings[1] == Approx(60));
    CHECK(ceilings[2] == Approx(120));
    CHECK(ceilings[6] == Approx(1920));
    CHECK(ceilings[7] == Approx(3600));
    CHECK(ceilings[9] == Approx(3600));
    CHECK(backoff.failures() == 10);
    CHECK(backoff.next(false, 0.0).count() == Approx(1)); // never zero
    CHECK(backoff.next(false, 0.5).count() == Approx(1800));
    // Success resets.
    CHECK(backoff.next(true, 0.5).count() == Approx(900));
    CHECK(backoff.failures() == 0);
    CHECK(backoff.next(false, 1.0).count() == Approx(30));
    // An interval longer than an hour caps the backoff instead.
    net::PollBackoff daily(Seconds(86400));
    for (int i = 0; i < 20; ++i)
        daily.next(false, 1.0);
    CHECK(daily.next(false, 1.0).count() == Approx(86400));
    // Many stations: the jitter spreads them over the whole window.
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> unit(0, 1);
    double lo = 1e9, hi = 0;
    for (int i = 0; i < 1000; ++i) {
        net::PollBackoff b(Seconds(900));
        b.next(false, unit(rng));
        double d = b.next(false, unit(rng)).count();
        lo = std::min(lo, d);
        hi = std::max(hi, d);
    }
    CHECK(lo < 5);
    CHECK(hi > 55);
    CHECK(hi <= 60);
}
