// URLs for the station's HTTP clients (sync and upload): joining, escaping, and keeping passwords out of
// messages.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::net {

// The URL without "user:password@", for messages and logs.
std::string redacted_url(std::string_view url);

// Percent-encodes one path segment (anything but unreserved characters).
std::string url_segment(std::string_view text);

// base "https://office.example/kiosk-upload" or ".../kiosk-upload/" joined with "na-meo/heartbeat.json".
std::string join_url(std::string_view base, std::string_view path);

} // namespace kiosk::net
