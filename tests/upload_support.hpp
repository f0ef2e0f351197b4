// Helpers for the upload tests: a station's telemetry file with events in it, and reading what the
// office's nginx stored.
#pragma once

#include "nginx_server.hpp"
#include "telemetry_support.hpp"
#include "uplink/uplink.hpp"

#include <nlohmann/json.hpp>

namespace test_support {

// Records n plays (ids follow on from earlier ones) and commits them.
inline void record_plays(kiosk::Telemetry& telemetry, int n, std::int64_t at = kNow) {
    for (int i = 0; i < n; ++i)
        telemetry.record(play(at + i * 1000, "slide-" + std::to_string(i)));
    telemetry.flush();
}

// Upload settings for a test: no waiting, short backoff, the fake clock, facts without the machine.
inline kiosk::uplink::UplinkSettings upload_settings(const fs::path& telemetry, const std::string& url,
                                                     const std::string& station = "na-meo") {
    kiosk::uplink::UplinkSettings s;
    s.url = url;
    s.station = station;
    s.station_name = "Na Mèo";
    s.software = "kiosk-test";
    s.telemetry = telemetry;
    s.http.connect_timeout = std::chrono::seconds(5);
    s.first_delay = std::chrono::milliseconds(0);
    s.facts = [station] {
        kiosk::StationFacts facts;
        facts.station_id = station;
        facts.pack = kiosk::PackFacts{"thanh-hoa", 7, "office", 1780000000};
        facts.disk = kiosk::DiskFacts{5000000000ull, 32000000000ull};
        facts.machine_uptime_s = 3600;
        facts.kiosk_uptime_s = 600;
        facts.last_errors = {"2026-06-15T05:00:00Z error: media: film would not decode"};
        facts.now = kNow / 1000;
        return facts;
    };
    return s;
}

// The batch files nginx stored for a station, sorted by name.
inline std::vector<fs::path> stored_batches(const fs::path& upload_root, const std::string& station) {
    std::vector<fs::path> out;
    if (!fs::exists(upload_root / station))
        return out;
    for (const auto& entry : fs::directory_iterator(upload_root / station))
        if (entry.path().extension() == ".sqlite")
            out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

// A port on loopback that nobody listens on (bound, then closed again).
int dead_port();

} // namespace test_support
