// Station configuration: a "key = value" file, every key with a default, overridable by --set KEY=VALUE.
#pragma once

#include "base/civil_time.hpp"
#include "base/result.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kiosk {

constexpr const char* kDefaultConfigPath = "/etc/kiosk/kiosk.conf";

struct ConfigKey {
    const char* name;
    const char* default_value;
    const char* description;
};

// Every key the kiosk reads, with its default and meaning (kiosk --help prints this table).
const std::vector<ConfigKey>& config_keys();

struct KioskConfig {
    std::filesystem::path store;
    std::vector<std::filesystem::path> trusted_keys;
    std::vector<std::filesystem::path> root_keys;
    std::string station;
    std::string station_name;
    std::string channel;
    std::string profile;
    std::filesystem::path fonts_dir;
    std::filesystem::path cjk_fonts_dir;
    bool fullscreen = true;
    enum class Renderer { Auto, Gpu, Software } renderer = Renderer::Auto;
    // Films' decoding: VAAPI hardware when the machine has it (auto), never (software), or insisted on
    // (vaapi: a machine without it is logged as an error, and software decodes anyway).
    enum class VideoDecoder { Auto, Software, Vaapi } video_decoder = VideoDecoder::Auto;
    std::string vaapi_device; // empty: the first render node
    // Loudness of films with sound, as a share of full: the station's level, lowered in quiet hours
    // (minutes of the local day; start > end runs across midnight; both 0 when there are none).
    float volume = 0.8f;
    float quiet_volume = 0.2f;
    int quiet_start = 0, quiet_end = 0;
    float volume_at(int minute_of_day) const;
    std::size_t texture_budget = 96u << 20; // bytes of painted views and map tiles kept for reuse
    float volume_now() const; // by the local clock
    std::vector<std::string> also_channels; // other publishers' channels this station plays
    std::uint32_t idle_timeout_ms = 60000;
    float screen_inches = 43.0f;
    std::string operator_pin; // its hash; empty: no operator screen
    std::vector<DailyWindow> display_hours; // empty: always on
    std::string display_power_command;
    std::filesystem::path telemetry;
    std::filesystem::path usb_root;
    // Telemetry upload and heartbeat by HTTP PUT (empty url: off).
    std::string telemetry_url;
    std::chrono::seconds upload_interval{3600};
    std::chrono::seconds heartbeat_interval{900};
    // Remote sync (kiosk/sync): the own channel's directory URL (empty: no sync), other channels' URLs,
    // the poll interval, an HTTP(S) proxy (empty: the environment's), CA certificates (empty: the system's).
    std::string channel_url;
    std::vector<std::pair<std::string, std::string>> also_channel_urls; // channel, URL
    std::chrono::seconds sync_interval{15 * 60};
    std::string proxy;
    std::filesystem::path ca_file;
    bool usb_install = true; // sticks mounted under usb_root are installed while the kiosk plays
};

class ConfigValues {
public:
    ConfigValues();
    // Reads a config file; a missing file is an error only when required.
    Status load_file(const std::filesystem::path& path, bool required);
    // Applies one "KEY=VALUE" override from the command line.
    Status set(std::string_view assignment);
    Result<KioskConfig> resolve() const;
    const std::string& get(const std::string& key) const { return m_values.at(key); }

private:
    Status assign(const std::string& key, const std::string& value, const std::string& where);
    std::map<std::string, std::string> m_values;
    std::map<std::string, std::string> m_where; // "FILE:LINE" or "--set" of each key given a value
};

} // namespace kiosk
