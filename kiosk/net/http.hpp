// The station's HTTP(S) client over libcurl's easy interface, shared by remote sync (GETs with caps and
// Range resume) and telemetry upload (PUTs): TLS verified, an optional proxy, a stalled link dropped,
// only http and https, and a transfer stopped at once when the kiosk closes.
#pragma once

#include "base/result.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk::net {

struct HttpSettings {
    std::string proxy;   // e.g. http://proxy:3128; empty: libcurl's environment (https_proxy, no_proxy, ...)
    std::string ca_file; // CA certificates (PEM) to verify the server with; empty: the system's
    std::string user_agent = "border-kiosk";
    std::chrono::seconds connect_timeout{30}; // a 3G link in the mountains takes a while
    // A transfer slower than low_speed_bytes per second for low_speed_time is dropped.
    long low_speed_bytes = 100;
    std::chrono::seconds low_speed_time{60};
    std::chrono::seconds total_timeout{0};     // no single request takes longer; 0: no limit
    const std::atomic<bool>* cancel = nullptr; // set from another thread: the transfer stops at once
};

// GET, following up to 5 redirects to http or https. Errors: ErrorCode::Io for the network, the server
// (an HTTP error status other than 404) or a cancel; ErrorCode::NotFound for HTTP 404;
// ErrorCode::TooLarge when the body went past its cap.
Result<std::string> http_get(const std::string& url, std::size_t cap, const HttpSettings& settings);

struct Download {
    std::uint64_t resumed_from = 0; // bytes already on disk that a Range request continued from
    std::uint64_t received = 0;     // bytes received in this call
};

// Fetches url into `part` until it holds exactly `size` bytes, continuing a file left by an interrupted
// download with "Range: bytes=N-" (a 206 continues it, a 200 starts it over, a 416 deletes it and starts
// over). The bytes are not checked here: the caller hashes the whole file. A body going past `size` is
// stopped and the file deleted (TooLarge); a body ending short of it (the server's file is shorter) deletes
// the file (Truncated); a cut connection keeps what arrived, synced, for the next attempt (Io).
Result<Download> download_to_file(const std::string& url, const std::filesystem::path& part,
                                  std::uint64_t size, const HttpSettings& settings);

// What a PUT got back: an HTTP status (any, 2xx or not).
struct HttpAnswer {
    long status = 0;
};

// PUT, never redirected (a PUT is not replayed to wherever a redirect points). An Error when no answer
// came at all (could not resolve, could not connect, TLS refused, timed out, cancelled): ErrorCode::Io,
// with libcurl's words in the message.
Result<HttpAnswer> http_put(const std::string& url, std::string_view body, std::string_view content_type,
                            const HttpSettings& settings);

} // namespace kiosk::net
