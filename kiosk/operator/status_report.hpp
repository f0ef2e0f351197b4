// The operator screen's status: facts about the station turned into bilingual label/value lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct PackFacts {
    std::string channel;
    std::uint64_t version = 0;
    std::string signer;       // the key id (with its name when the config gives one)
    std::int64_t created = 0; // when the office built the pack, seconds since 1970
};

struct DiskFacts {
    std::uint64_t free_bytes = 0;
    std::uint64_t total_bytes = 0;
};

struct StationFacts {
    std::string station_id;
    std::optional<PackFacts> pack; // none: only the built-in screen is showing
    std::optional<DiskFacts> disk; // of the content store; none: could not be read
    std::int64_t machine_uptime_s = 0;
    std::int64_t kiosk_uptime_s = 0;
    std::optional<std::int64_t> last_sync; // seconds since 1970; none: never synced
    std::vector<std::string> last_errors;  // oldest first
    std::int64_t now = 0;                  // seconds since 1970, for "2 days ago"
};

struct StatusLine {
    std::string label_vi, label_en;
    std::string value; // numbers, names, or words in both languages ("3 ngày 4 giờ / 3 days 4 h")
    bool warning = false;
    std::string advice; // what to do about a warning, Vietnamese then English; empty when nothing
};

// Warns when the disk has less than this share or amount free.
constexpr double kLowDiskShare = 0.10;
constexpr std::uint64_t kLowDiskBytes = 1000000000ull;

// The lines in screen order: station, pack (version, signer, build time), disk, uptimes, last sync,
// last errors. Times are in the station's local time (the TZ of the process).
std::vector<StatusLine> status_lines(const StationFacts& facts);

// The lines as plain text for status.txt: "Nhãn / Label: value", with advice on its own line.
std::vector<std::string> status_text(const std::vector<StatusLine>& lines);

// "2024-05-03 14:20" in the station's local time.
std::string local_time_text(std::int64_t unix_time);

} // namespace kiosk
