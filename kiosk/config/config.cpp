// Parsing and validation of the station configuration.
#include "config/config.hpp"

#include "base/civil_time.hpp"

#include "pack/manifest.hpp"
#include "platform/linux/files.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <cstdio>
#include <ctime>
#include <sstream>

namespace kiosk {

namespace {

std::string trim(std::string_view s) {
    size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos)
        return {};
    size_t e = s.find_last_not_of(" \t\r");
    return std::string(s.substr(b, e - b + 1));
}

std::vector<std::filesystem::path> split_paths(const std::string& list) {
    std::vector<std::filesystem::path> out;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ','))
        if (auto t = trim(item); !t.empty())
            out.emplace_back(t);
    return out;
}

// "90s", "15m" or "6h" from 10 s to 24 h.
Result<std::chrono::seconds> parse_interval(const char* key, const std::string& text) {
    long long value = 0;
    char unit = 0, extra;
    long long seconds = -1;
    if (std::sscanf(text.c_str(), "%lld%c%c", &value, &unit, &extra) == 2 && value > 0) {
        if (unit == 's')
            seconds = value;
        else if (unit == 'm')
            seconds = value * 60;
        else if (unit == 'h')
            seconds = value * 3600;
    }
    if (seconds < 10 || seconds > 24 * 3600)
        return make_error(ErrorCode::Invalid, std::string(key) +
                                                  " must be a time from 10s to 24h written like 90s, 15m or "
                                                  "6h, not '" + text + "'");
    return std::chrono::seconds(seconds);
}

bool is_http_url(const std::string& url) {
    return (url.rfind("http://", 0) == 0 && url.size() > 7) || (url.rfind("https://", 0) == 0 && url.size() > 8);
}

Result<float> parse_percent(const char* key, const std::string& text) {
    int value = -1;
    char extra;
    if (std::sscanf(text.c_str(), "%d%c", &value, &extra) != 1 || value < 0 || value > 100)
        return make_error(ErrorCode::Invalid,
                          std::string(key) + " must be a whole number from 0 to 100, not '" + text + "'");
    return static_cast<float>(value) / 100.0f;
}

} // namespace

const std::vector<ConfigKey>& config_keys() {
    static const std::vector<ConfigKey> keys = {
        {"store", "/var/lib/kiosk/store", "directory of the verified content store"},
        {"trusted_keys", "/etc/kiosk/keys/office.pub",
         "comma-separated public key files whose packs may play, for any channel (empty: none)"},
        {"root_keys", "",
         "comma-separated public key files of the offline root key(s) that certify office keys (.kcert) for "
         "their channels and revoke them (.krevoke)"},
        {"station", "station", "this station's id; packs must name it (or '*') among their targets"},
        {"station_name", "", "name shown on the built-in screen when no content is installed"},
        {"channel", "", "content channel this station plays; empty accepts any channel a trusted key signs"},
        {"profile", "landscape",
         "display profile: landscape, portrait, led-wall, led-small or one the content defines"},
        {"fonts_dir", "/usr/share/fonts/truetype/noto",
         "directory holding the Noto fonts (Debian fonts-noto-core)"},
        {"cjk_fonts_dir", "/usr/share/fonts/opentype/noto",
         "directory holding Noto Sans CJK for Chinese (Debian fonts-noto-cjk)"},
        {"fullscreen", "yes", "yes for a fullscreen window, no for a window of the profile's size (testing)"},
        {"renderer", "auto",
         "gpu, software, or auto: the GPU when the machine has one (/dev/dri), else software drawing"},
        {"video_decoder", "auto",
         "auto (VAAPI hardware decoding when /dev/dri has it, else software), software, or vaapi"},
        {"vaapi_device", "", "GPU render node for VAAPI, e.g. /dev/dri/renderD129; empty for the first one"},
        {"texture_budget_mb", "96",
         "memory for painted slides and map tiles kept ready, 16 to 4096 MiB (at least three screens are kept)"},
        {"volume", "80", "loudness of films with sound, 0 to 100 (percent of full)"},
        {"quiet_hours", "", "local times when films are quieter, e.g. 21:30-06:00; empty for none"},
        {"quiet_volume", "20", "loudness during quiet hours, 0 (silent) to 100"},
        {"also_channels", "",
         "other publishers' channels this station also plays (e.g. a national one), comma-separated; the "
         "station's own content says how they join its loop"},
        {"idle_timeout", "60", "seconds without a touch before the screen returns to the attract loop, 15 to 600"},
        {"screen_inches", "43", "diagonal of the screen in inches, so that buttons are at least 9 mm wide"},
        {"operator_pin", "",
         "hash of the operator screen's PIN (make it with: kiosk --hash-pin); empty: the operator screen stays shut"},
        {"display_hours", "", "local times the screen is on, e.g. 06:00-22:00 or 05:30-12:00, 13:00-23:00; empty: always"},
        {"display_power_command", "",
         "program run with 'on' or 'off' to power the screen (e.g. a DPMS or HDMI-CEC script); empty: the kiosk "
         "shows black when off"},
        {"telemetry", "", "SQLite file of proof of play and touch sessions; empty: telemetry.sqlite beside the store"},
        {"usb_root", "/media",
         "where removable sticks are mounted (installed from as they are plugged in; operator exports go there)"},
        {"telemetry_url", "",
         "where telemetry batches and the heartbeat are uploaded by HTTP PUT, e.g. "
         "https://office.example/kiosk-upload/ (files go to URL/STATION/...); empty: no upload"},
        {"upload_interval", "60m", "how often new telemetry is uploaded, e.g. 60m or 6h (10s to 24h)"},
        {"heartbeat_interval", "15m",
         "how often the heartbeat (station, pack, uptime, disk, last error) is uploaded (10s to 24h)"},
        {"channel_url", "",
         "URL of the channel directory to sync from (http:// or https://, made by content-tool publish); empty: no sync"},
        {"also_channel_urls", "",
         "sync URLs of also_channels, as CHANNEL=URL separated by commas; a channel without one is not synced"},
        {"sync_interval", "15m", "time between sync polls (10s to 24h, e.g. 90s, 15m, 6h), give or take 10 %"},
        {"proxy", "", "HTTP(S) proxy for sync and uploads, e.g. http://10.0.0.1:3128; empty: the https_proxy "
                      "environment variable"},
        {"ca_file", "", "CA certificates (PEM) to verify the sync and upload servers with; empty: the system's"},
        {"usb_install", "yes",
         "yes: install the packs and notices of a stick mounted under usb_root while the kiosk plays; no: only "
         "kiosk --install and --scan-usb install"},
    };
    return keys;
}

float KioskConfig::volume_at(int minute) const {
    bool quiet = quiet_start < quiet_end ? (minute >= quiet_start && minute < quiet_end)
                                         : quiet_start > quiet_end && (minute >= quiet_start || minute < quiet_end);
    return quiet ? std::min(quiet_volume, volume) : volume;
}

float KioskConfig::volume_now() const {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return volume_at(local.tm_hour * 60 + local.tm_min);
}

ConfigValues::ConfigValues() {
    for (const auto& key : config_keys())
        m_values[key.name] = key.default_value;
}

Status ConfigValues::assign(const std::string& key, const std::string& value, const std::string& where) {
    if (!m_values.count(key))
        return make_error(ErrorCode::Invalid,
                          where + ": unknown key '" + key + "' (kiosk --help lists the keys)");
    m_values[key] = value;
    m_where[key] = where;
    return {};
}

Status ConfigValues::load_file(const std::filesystem::path& path, bool required) {
    std::error_code ec;
    if (!required && !std::filesystem::exists(path, ec))
        return {};
    auto text = platform::read_file(path, 1 << 20);
    if (!text)
        return make_error(text.error().code, "config: " + text.error().message);
    std::istringstream in(*text);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        auto t = trim(line);
        if (t.empty() || t[0] == '#')
            continue;
        auto eq = t.find('=');
        std::string where = path.string() + ":" + std::to_string(number);
        if (eq == std::string::npos)
            return make_error(ErrorCode::Parse, where + ": expected 'key = value', found '" + t + "'");
        std::string value = trim(t.substr(eq + 1));
        if (!value.empty() && value[0] == '"') { // "a value with # in it", then maybe a comment
            auto close = value.find('"', 1);
            std::string rest = close == std::string::npos ? "" : trim(value.substr(close + 1));
            if (close == std::string::npos || !(rest.empty() || rest[0] == '#'))
                return make_error(ErrorCode::Parse, where + ": a value in quotes must end with a quote "
                                                            "(and only a # comment may follow it)");
            value = value.substr(1, close - 1);
        } else {
            // A comment may follow a value after a space: "volume = 60   # quieter in the hall".
            for (const char* mark : {" #", "\t#"})
                if (auto hash = value.find(mark); hash != std::string::npos)
                    value.resize(hash);
            value = trim(value);
        }
        TRY(assign(trim(t.substr(0, eq)), value, where));
    }
    return {};
}

Status ConfigValues::set(std::string_view assignment) {
    auto eq = assignment.find('=');
    if (eq == std::string_view::npos)
        return make_error(ErrorCode::Parse, "--set wants KEY=VALUE, got '" + std::string(assignment) + "'");
    return assign(trim(assignment.substr(0, eq)), trim(assignment.substr(eq + 1)), "--set");
}

Result<KioskConfig> ConfigValues::resolve() const {
    // A wrong value is reported with where it was written: "kiosk.conf:12: volume must ...".
    auto bad = [&](const std::string& key, const std::string& why) {
        auto at = m_where.find(key);
        return make_error(ErrorCode::Invalid, (at == m_where.end() ? "" : at->second + ": ") + why);
    };
    auto check = [&](const std::string& key, const Status& status) -> Status {
        return status ? Status{} : Status(bad(key, status.error().message));
    };
    KioskConfig c;
    c.store = get("store");
    c.trusted_keys = split_paths(get("trusted_keys"));
    c.root_keys = split_paths(get("root_keys"));
    c.station = get("station");
    TRY(check("station", validate_identifier("station", c.station)));
    c.station_name = get("station_name");
    c.channel = get("channel");
    if (!c.channel.empty())
        TRY(check("channel", validate_identifier("channel", c.channel)));
    c.profile = get("profile");
    c.fonts_dir = get("fonts_dir");
    c.cjk_fonts_dir = get("cjk_fonts_dir");
    const auto& fullscreen = get("fullscreen");
    if (fullscreen != "yes" && fullscreen != "no")
        return bad("fullscreen", "fullscreen must be yes or no, not '" + fullscreen + "'");
    c.fullscreen = fullscreen == "yes";
    const auto& renderer = get("renderer");
    if (renderer == "auto")
        c.renderer = KioskConfig::Renderer::Auto;
    else if (renderer == "gpu")
        c.renderer = KioskConfig::Renderer::Gpu;
    else if (renderer == "software")
        c.renderer = KioskConfig::Renderer::Software;
    else
        return bad("renderer",
                          "renderer must be auto, gpu or software, not '" + renderer + "'");
    const auto& decoder = get("video_decoder");
    if (decoder == "auto")
        c.video_decoder = KioskConfig::VideoDecoder::Auto;
    else if (decoder == "software")
        c.video_decoder = KioskConfig::VideoDecoder::Software;
    else if (decoder == "vaapi")
        c.video_decoder = KioskConfig::VideoDecoder::Vaapi;
    else
        return bad("video_decoder",
                          "video_decoder must be auto, software or vaapi, not '" + decoder + "'");
    c.vaapi_device = get("vaapi_device");
    {
        int mb = 0;
        char extra;
        const auto& text = get("texture_budget_mb");
        if (std::sscanf(text.c_str(), "%d%c", &mb, &extra) != 1 || mb < 16 || mb > 4096)
            return bad("texture_budget_mb",
                              "texture_budget_mb must be a whole number from 16 to 4096, not '" + text + "'");
        c.texture_budget = static_cast<std::size_t>(mb) << 20;
    }
    for (auto [key, value] : {std::pair{"volume", &c.volume}, std::pair{"quiet_volume", &c.quiet_volume}}) {
        auto percent = parse_percent(key, get(key));
        if (!percent)
            return bad(key, percent.error().message);
        *value = *percent;
    }
    if (const auto& quiet = get("quiet_hours"); !quiet.empty()) {
        int h1, m1, h2, m2;
        char extra;
        if (std::sscanf(quiet.c_str(), "%d:%d-%d:%d%c", &h1, &m1, &h2, &m2, &extra) != 4 || h1 < 0 || h1 > 23 ||
            h2 < 0 || h2 > 23 || m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59)
            return bad("quiet_hours", "quiet_hours must look like 21:30-06:00, not '" + quiet + "'");
        if (h1 == h2 && m1 == m2)
            return bad("quiet_hours", "quiet_hours starts and ends at the same time ('" + quiet +
                                          "'); leave it empty for no quiet hours");
        c.quiet_start = h1 * 60 + m1;
        c.quiet_end = h2 * 60 + m2;
    }
    if (c.store.empty())
        return bad("store", "store must name a directory");
    for (const auto& channel : split_paths(get("also_channels"))) {
        TRY(check("also_channels", validate_identifier("channel", channel.string())));
        c.also_channels.push_back(channel.string());
    }
    {
        int seconds = 0;
        char extra;
        const auto& text = get("idle_timeout");
        if (std::sscanf(text.c_str(), "%d%c", &seconds, &extra) != 1 || seconds < 15 || seconds > 600)
            return bad("idle_timeout", "idle_timeout must be a whole number of seconds from 15 to 600, not '" + text + "'");
        c.idle_timeout_ms = static_cast<std::uint32_t>(seconds) * 1000;
    }
    {
        double inches = 0;
        char extra;
        const auto& text = get("screen_inches");
        if (std::sscanf(text.c_str(), "%lf%c", &inches, &extra) != 1 || inches < 7 || inches > 300)
            return bad("screen_inches", "screen_inches must be the screen's diagonal from 7 to 300, not '" + text + "'");
        c.screen_inches = static_cast<float>(inches);
    }
    c.operator_pin = get("operator_pin");
    auto hours = parse_hours(get("display_hours"));
    if (!hours)
        return bad("display_hours", "display_hours: " + hours.error().message +
                                        " (write spans like 06:00-22:00, separated by commas)");
    c.display_hours = *hours;
    c.display_power_command = get("display_power_command");
    c.telemetry = get("telemetry").empty() ? c.store.parent_path() / "telemetry.sqlite"
                                           : std::filesystem::path(get("telemetry"));
    c.usb_root = get("usb_root");
    c.telemetry_url = get("telemetry_url");
    if (!c.telemetry_url.empty() && !c.telemetry_url.starts_with("https://") &&
        !c.telemetry_url.starts_with("http://"))
        return bad("telemetry_url",
                   "telemetry_url must start with https:// (or http://), not '" + c.telemetry_url + "'");
    for (auto [key, value] : {std::pair{"upload_interval", &c.upload_interval},
                              std::pair{"heartbeat_interval", &c.heartbeat_interval}}) {
        auto interval = parse_interval(key, get(key));
        if (!interval)
            return bad(key, interval.error().message);
        *value = *interval;
    }
    c.channel_url = get("channel_url");
    if (!c.channel_url.empty() && !is_http_url(c.channel_url))
        return bad("channel_url", "channel_url must start with http:// or https://, not '" + c.channel_url + "'");
    for (const auto& item : split_paths(get("also_channel_urls"))) {
        auto text = item.string();
        auto eq = text.find('=');
        std::string channel = eq == std::string::npos ? "" : trim(text.substr(0, eq));
        std::string url = eq == std::string::npos ? "" : trim(text.substr(eq + 1));
        if (!is_http_url(url) || std::find(c.also_channels.begin(), c.also_channels.end(), channel) == c.also_channels.end())
            return bad("also_channel_urls", "also_channel_urls wants CHANNEL=URL items for channels named in "
                                            "also_channels, with http:// or https:// URLs; not '" + text + "'");
        c.also_channel_urls.emplace_back(channel, url);
    }
    auto sync_interval = parse_interval("sync_interval", get("sync_interval"));
    if (!sync_interval)
        return bad("sync_interval", sync_interval.error().message);
    c.sync_interval = *sync_interval;
    c.proxy = get("proxy");
    c.ca_file = get("ca_file");
    const auto& usb_install = get("usb_install");
    if (usb_install != "yes" && usb_install != "no")
        return bad("usb_install", "usb_install must be yes or no, not '" + usb_install + "'");
    c.usb_install = usb_install == "yes";
    return c;
}

} // namespace kiosk
