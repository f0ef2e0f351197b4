// A small HTTP(S) PUT on libcurl for telemetry batches and heartbeats: TLS verified, a proxy when the
// configuration names one (else libcurl's https_proxy from the environment), bounded by timeouts, and
// stopped promptly when the kiosk exits.
#pragma once

#include "base/result.hpp"

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

namespace kiosk::uplink {

struct HttpSettings {
    std::string proxy;                         // empty: libcurl honours https_proxy / http_proxy
    std::string ca_file;                       // PEM certificates to trust; empty: the system's
    std::chrono::seconds connect_timeout{30};  // a 3G link in the mountains takes a while
    long low_speed_bytes = 100;                // slower than this per second...
    std::chrono::seconds low_speed_time{60};   // ...for this long gives up
    std::chrono::seconds total_timeout{600};   // no single request takes longer
    const std::atomic<bool>* cancel = nullptr; // set: the request stops at once (the kiosk exits)
};

// What came back: an HTTP status (any, 2xx or not), or an Error when no answer came at all
// (could not resolve, could not connect, TLS refused, timed out, cancelled): ErrorCode::Io, with libcurl's
// words in the message.
struct HttpAnswer {
    long status = 0;
};

Result<HttpAnswer> http_put(const std::string& url, std::string_view body, std::string_view content_type,
                            const HttpSettings& settings);

// The URL without "user:password@", for messages and logs.
std::string redacted_url(std::string_view url);

// Percent-encodes one path segment (anything but unreserved characters).
std::string url_segment(std::string_view text);

// base "https://office.example/kiosk-upload" or ".../kiosk-upload/" joined with "na-meo/heartbeat.json".
std::string join_url(std::string_view base, std::string_view path);

} // namespace kiosk::uplink
