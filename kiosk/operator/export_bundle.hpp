// Export of logs, status and telemetry to a USB stick, as one folder that appears whole or not at all.
#pragma once

#include "base/result.hpp"

#include <ctime>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace kiosk {

struct ExportContents {
    std::string station_id;
    std::time_t time = 0;                  // when the export was made; named in the station's local time
    std::vector<std::string> status_lines; // status_text() of the operator screen's lines
    std::vector<std::string> log_lines;    // LogLine::to_text() of the recent lines, oldest first
    // Writes a consistent copy of the telemetry database to the given path (the telemetry module's
    // backup); when empty, the export has no telemetry.sqlite.
    std::function<Status(const std::filesystem::path&)> write_telemetry;
};

// Writes kiosk-export-<station>-<YYYYMMDD-HHMMSS>/ with telemetry.sqlite, log.txt, status.txt and
// README.txt into stick_dir and returns its path. The folder is written under a ".partial" name,
// every file synced, then renamed into place and stick_dir synced, so a stick pulled out mid-way
// never holds a half export under the final name (a leftover ".partial" folder is removed by the
// next export). Errors carry a Vietnamese and English message for the operator: what went wrong
// with the stick and what to do.
Result<std::filesystem::path> export_bundle(const std::filesystem::path& stick_dir,
                                            const ExportContents& contents);

// The folder name for a station and a time: "kiosk-export-na-meo-20240503-142005". Anything but ASCII
// letters, digits, '-', '_' and '.' becomes '_': FAT sticks refuse some characters in names, and old
// Windows machines at the office show others as garbage.
std::string export_folder_name(std::string_view station_id, std::time_t time);

} // namespace kiosk
