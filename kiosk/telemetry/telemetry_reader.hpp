// The reading side of the telemetry file, through connections of its own so the writer never waits:
// the operator screen's summary and the copy exported for the office.
#pragma once

#include "telemetry/telemetry.hpp"

#include <filesystem>

namespace kiosk::telemetry {

// Counts and recent rows for the operator screen; `current_run` is left out of the unclean stops.
// station_db_id, running_since_ms and dropped_events are the caller's to fill in.
Result<TelemetrySummary> read_summary(const std::filesystem::path& file, std::int64_t now_ms,
                                      std::int64_t current_run);

// Copies the committed contents with VACUUM INTO (a consistent snapshot, compacted, in rollback-journal
// mode so it opens from a read-only stick), syncs the copy and renames it over `target`.
Status export_copy(const std::filesystem::path& file, const std::filesystem::path& target);

} // namespace kiosk::telemetry
