// A stand-in for the kiosk's telemetry use, for fault-injection tests: it records events in a tight loop
// and prints "flushed N" once the first N events are committed, so a test that kills it knows what
// must be in the file. With --total it stops cleanly; with --file-size-limit it plays a full disk, which
// --free-space-after N clears after N events.
#include "telemetry/telemetry.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <sys/resource.h>

using namespace kiosk;

namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A mix like a busy station's: mostly plays, some page views and sessions, the odd error.
TelemetryEvent event_number(std::uint64_t i, std::uint32_t session) {
    std::int64_t at = now_ms();
    if (i % 50 == 49)
        return SessionEvent{session, at - 60000, at, "lo", 5, SessionEnd::Timeout};
    if (i % 10 == 9)
        return PageViewEvent{session, at, "visa-exemptions", "lo", "entry-exit"};
    if (i % 97 == 96)
        return ErrorEvent{at, "media", "film " + std::to_string(i) + " would not decode"};
    return PlayEvent{"ha-tinh", 7, "slide-" + std::to_string(i % 30), "vi", at, 10000, PlayMode::Attract};
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: telemetry_writer DB [--per-flush N] [--total N] [--file-size-limit BYTES] "
                     "[--free-space-after N]\n");
        return 2;
    }
    std::uint64_t per_flush = 20, total = 0, size_limit = 0, free_after = 0;
    for (int i = 2; i + 1 < argc; i += 2) {
        std::uint64_t value = std::strtoull(argv[i + 1], nullptr, 10);
        if (!std::strcmp(argv[i], "--per-flush"))
            per_flush = value;
        else if (!std::strcmp(argv[i], "--total"))
            total = value;
        else if (!std::strcmp(argv[i], "--file-size-limit"))
            size_limit = value;
        else if (!std::strcmp(argv[i], "--free-space-after"))
            free_after = value;
    }
    if (size_limit) {
        // Writes past the limit then fail with EFBIG, as they would with ENOSPC on a full card.
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{size_limit, RLIM_INFINITY};
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    TelemetryOptions options;
    options.station = "test-station";
    options.software = "telemetry_writer";
    auto telemetry = Telemetry::open(argv[1], options);
    if (!telemetry) {
        std::fprintf(stderr, "cannot open: %s\n", telemetry.error().message.c_str());
        return 1;
    }
    std::uint64_t recorded = 0;
    std::uint32_t session = (*telemetry)->next_session();
    while (total == 0 || recorded < total) {
        for (std::uint64_t k = 0; k < per_flush; ++k, ++recorded) {
            (*telemetry)->record(event_number(recorded, session));
            if (recorded % 50 == 49)
                session = (*telemetry)->next_session();
        }
        if (size_limit && free_after && recorded >= free_after) {
            rlimit unlimited{RLIM_INFINITY, RLIM_INFINITY};
            setrlimit(RLIMIT_FSIZE, &unlimited);
        }
        (*telemetry)->flush();
        std::printf("flushed %llu\n", static_cast<unsigned long long>(recorded));
        std::fflush(stdout);
    }
    auto counters = (*telemetry)->counters();
    std::printf("written %llu dropped %llu\n", static_cast<unsigned long long>(counters.written),
                static_cast<unsigned long long>(counters.dropped_write_failed + counters.dropped_queue_full));
    return 0;
}
