// The heartbeat: a small JSON file the station PUTs beside its batches, so the office sees at a glance
// which stations are alive, what they play and what troubles them, without opening any database.
#pragma once

#include "operator/status_report.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace kiosk::uplink {

struct Heartbeat {
    StationFacts facts;        // station id, pack, disk, uptimes, recent problems (oldest first)
    std::string station_name;  // as configured; may be empty
    std::string station_db_id; // the telemetry file's identity; empty when there is none yet
    std::string software;      // "kiosk 0.1.0"
    std::string boot_id;       // changes at every reboot
    std::int64_t sent_ms = 0;  // UTC milliseconds
    std::int64_t unacknowledged_rows = 0;
    std::optional<std::string> pending_batch; // a batch made and not acknowledged yet
    std::int64_t last_ack_ms = 0;             // 0: never
};

// {"format": 1, "station": ..., "sent_ms": ..., "sent_utc": "2026-11-30T11:32:00Z", "pack": {...} or null,
//  "disk": {...} or null, "machine_uptime_s", "kiosk_uptime_s", "boot_id", "last_error" (or null),
//  "recent_errors": [...], "telemetry": {"station_db_id", "unacknowledged_rows", "pending_batch",
//  "last_ack_ms"}} (docs/telemetry-format.md lists every field).
std::string heartbeat_json(const Heartbeat& heartbeat);

} // namespace kiosk::uplink
