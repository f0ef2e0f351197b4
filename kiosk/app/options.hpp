// Command-line options of the kiosk program.
#pragma once

#include "base/result.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct Options {
    std::filesystem::path config = "/etc/kiosk/kiosk.conf";
    bool config_given = false;
    std::vector<std::string> sets;
    std::optional<std::filesystem::path> install;
    std::optional<std::filesystem::path> scan_usb; // a folder taken for a freshly mounted stick
    bool verify_store = false;
    bool sync_once = false; // one sync cycle against channel_url (and also_channel_urls), then exit
    std::optional<std::filesystem::path> content;
    std::optional<std::filesystem::path> screenshot;
    std::optional<std::string> slide;
    std::optional<std::string> lang;
    std::optional<std::string> profile;
    std::optional<std::pair<int, int>> size;
    std::optional<double> run_for_seconds;
    bool exit_after_first_frame = false;
    std::optional<std::filesystem::path> play_media;
    std::optional<double> media_seconds;
    bool media_loop = false;
    std::optional<std::filesystem::path> media_subtitles;
    bool media_stats = false;
    bool media_mute = false;
    std::optional<std::filesystem::path> replay;         // a replay script
    std::optional<std::filesystem::path> screenshot_dir; // where --replay writes its screenshots
    bool upload_once = false; // one telemetry upload cycle (batches and heartbeat), then exit
    bool hash_pin = false; // read a PIN, print the operator_pin line for the configuration
    bool help = false;
};

Result<Options> parse_options(int argc, char** argv);
std::string usage_text();

} // namespace kiosk
