// A stand-in for a running kiosk's uploads, for the kill -9 tests: records events and runs upload cycles
// in a loop, against the URL given, with small batches so that a kill lands among many PUTs and commits.
#include "telemetry/telemetry.hpp"
#include "uplink/uplink.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <thread>

using namespace kiosk;

namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

TelemetryEvent event_number(std::uint64_t i) {
    std::int64_t at = now_ms();
    if (i % 10 == 9)
        return PageViewEvent{1, at, "visa-exemptions", "lo", "entry-exit"};
    if (i % 13 == 12)
        return ErrorEvent{at, "media", "film " + std::to_string(i) + " would not decode"};
    return PlayEvent{"ha-tinh", 7, "slide-" + std::to_string(i % 30), "vi", at, 10000, PlayMode::Attract};
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: upload_cycler DB URL [--batch-rows N] [--per-cycle N] [--cycles N]\n");
        return 2;
    }
    std::int64_t batch_rows = 7, per_cycle = 30, cycles = 0;
    for (int i = 3; i + 1 < argc; i += 2) {
        std::int64_t value = std::strtoll(argv[i + 1], nullptr, 10);
        if (!std::strcmp(argv[i], "--batch-rows"))
            batch_rows = value;
        else if (!std::strcmp(argv[i], "--per-cycle"))
            per_cycle = value;
        else if (!std::strcmp(argv[i], "--cycles"))
            cycles = value;
    }
    TelemetryOptions options;
    options.station = "killed";
    options.software = "upload_cycler";
    auto telemetry = Telemetry::open(argv[1], options);
    if (!telemetry) {
        std::fprintf(stderr, "cannot open: %s\n", telemetry.error().message.c_str());
        return 1;
    }
    uplink::UplinkSettings settings;
    settings.url = argv[2];
    settings.station = "killed";
    settings.software = "upload_cycler";
    settings.telemetry = argv[1];
    settings.batch_rows = batch_rows;
    settings.facts = [] { return StationFacts{}; };
    // A pause between the server's answer and its record widens the moment a kill makes a batch go twice.
    std::mt19937 dice(std::random_device{}());
    settings.before_acknowledge = [&dice] {
        std::this_thread::sleep_for(std::chrono::milliseconds(5 + dice() % 15));
    };
    std::uint64_t recorded = 0;
    for (std::int64_t cycle = 0; cycles == 0 || cycle < cycles; ++cycle) {
        for (std::int64_t k = 0; k < per_cycle; ++k)
            (*telemetry)->record(event_number(recorded++));
        (*telemetry)->flush();
        auto result = uplink::upload_cycle(settings);
        std::printf("cycle %lld batches %d %s\n", static_cast<long long>(cycle), result.batches.batches,
                    result.ok() ? "ok" : "failed");
        std::fflush(stdout);
    }
    return 0;
}
