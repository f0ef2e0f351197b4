// The station's facts read from the machine and the recent log.
#include "operator/station_facts.hpp"

#include "base/log.hpp"
#include "platform/linux/system_info.hpp"

namespace kiosk {

StationFacts gather_station_facts(std::string station_id, const std::filesystem::path& store_root,
                                  std::int64_t now_s) {
    StationFacts facts;
    facts.station_id = std::move(station_id);
    if (auto disk = platform::disk_space(store_root))
        facts.disk = DiskFacts{disk->free_bytes, disk->total_bytes};
    if (auto up = platform::machine_uptime_seconds())
        facts.machine_uptime_s = static_cast<std::int64_t>(*up);
    if (auto up = platform::process_uptime_seconds())
        facts.kiosk_uptime_s = static_cast<std::int64_t>(*up);
    for (const auto& line : recent_errors(5))
        facts.last_errors.push_back(line.to_text());
    facts.now = now_s;
    return facts;
}

} // namespace kiosk
