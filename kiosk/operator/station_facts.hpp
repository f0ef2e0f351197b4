// Gathering the station's facts from the machine: the operator screen's status and the heartbeat sent to
// the office report the same disk, uptimes and recent problems, gathered the same way.
#pragma once

#include "operator/status_report.hpp"

#include <filesystem>

namespace kiosk {

// Everything but the pack (the player knows what it shows; the uplink asks the store): the station id,
// free space on the store's disk, machine and kiosk uptimes, the last five warnings and errors logged
// (oldest first) and now_s, seconds since 1970.
StationFacts gather_station_facts(std::string station_id, const std::filesystem::path& store_root,
                                  std::int64_t now_s);

} // namespace kiosk
