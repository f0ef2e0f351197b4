// The heartbeat as JSON.
#include "uplink/heartbeat.hpp"

#include <ctime>
#include <nlohmann/json.hpp>

namespace kiosk::uplink {

namespace {

std::string utc_text(std::int64_t ms) {
    std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace

std::string heartbeat_json(const Heartbeat& h) {
    using nlohmann::json;
    const StationFacts& f = h.facts;
    json out;
    out["format"] = 1;
    out["station"] = f.station_id;
    out["station_name"] = h.station_name;
    out["software"] = h.software;
    out["sent_ms"] = h.sent_ms;
    out["sent_utc"] = utc_text(h.sent_ms);
    if (f.pack)
        out["pack"] = {{"channel", f.pack->channel},
                       {"version", f.pack->version},
                       {"signer", f.pack->signer},
                       {"created", f.pack->created}};
    else
        out["pack"] = nullptr;
    if (f.disk)
        out["disk"] = {{"free_bytes", f.disk->free_bytes}, {"total_bytes", f.disk->total_bytes}};
    else
        out["disk"] = nullptr;
    out["machine_uptime_s"] = f.machine_uptime_s;
    out["kiosk_uptime_s"] = f.kiosk_uptime_s;
    out["boot_id"] = h.boot_id;
    out["last_error"] = f.last_errors.empty() ? json(nullptr) : json(f.last_errors.back());
    out["recent_errors"] = f.last_errors;
    json telemetry;
    telemetry["station_db_id"] = h.station_db_id;
    telemetry["unacknowledged_rows"] = h.unacknowledged_rows;
    telemetry["pending_batch"] = h.pending_batch ? json(*h.pending_batch) : json(nullptr);
    telemetry["last_ack_ms"] = h.last_ack_ms ? json(h.last_ack_ms) : json(nullptr);
    out["telemetry"] = std::move(telemetry);
    // Log lines may hold bytes that are not UTF-8 (a file name from a stick): replaced, never a throw.
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

} // namespace kiosk::uplink
