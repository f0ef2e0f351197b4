// The office's yearly-report database: telemetry from every station (uploaded batches, operator USB
// exports, whole files) merged without duplicates by (station_db_id, table, id).
#pragma once

#include "base/result.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace content_tool {

// "KREP" in the report database's header, so that collect never writes into another kind of file.
inline constexpr std::int32_t kReportApplicationId = 0x4b524550;

struct CollectRefusal {
    std::filesystem::path file;
    std::string reason; // Vietnamese and English
};

struct CollectSummary {
    int files_merged = 0;
    std::vector<CollectRefusal> refused;
    std::map<std::string, std::int64_t> added;      // event table (and "runs") -> rows new in the report
    std::map<std::string, std::int64_t> duplicates; // event table -> rows the report already held
    std::int64_t runs_updated = 0; // runs rows whose newer last_alive_ms replaced an older one
    // station_db_id -> station name, of every station in the inputs merged now.
    std::map<std::string, std::string> stations;
};

// The telemetry files under the inputs: a file is taken as it is (and refused if it is not telemetry); a
// folder is searched through for *.sqlite files (an upload tree STATION/BATCH.sqlite, an operator's
// kiosk-export-* folder). Sorted, so a run is repeatable; `out` itself is never an input.
std::vector<std::filesystem::path> collect_inputs(const std::vector<std::filesystem::path>& inputs,
                                                  const std::filesystem::path& out);

// Creates or opens the report database at `out` and merges every file into it, each in one transaction.
// A file that is not kiosk telemetry (or is damaged, or from a newer kiosk) is refused and the others
// are still merged. Only a report database that cannot be created or opened is an error.
kiosk::Result<CollectSummary> collect_telemetry(const std::filesystem::path& out,
                                                const std::vector<std::filesystem::path>& files);

} // namespace content_tool
