// HTTP(S) GETs for remote sync over libcurl's easy interface: TLS verified, an optional proxy, a stalled
// link dropped, redirects only to http and https, every body capped at the size signed metadata gives it,
// and object downloads that resume where an interrupted one stopped (Range requests).
#pragma once

#include "base/result.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>

namespace kiosk::sync {

struct HttpSettings {
    std::string proxy;   // e.g. http://proxy:3128; empty: libcurl's environment (https_proxy, no_proxy, ...)
    std::string ca_file; // CA certificates to verify the server with; empty: the system's
    long connect_timeout_s = 30;
    // A transfer slower than low_speed_bytes per second for low_speed_time_s is dropped (and resumed later).
    long low_speed_bytes = 100;
    long low_speed_time_s = 60;
    // Set from another thread to abort a transfer at once (the kiosk is closing).
    const std::atomic<bool>* stop = nullptr;
};

// Errors: ErrorCode::Io for the network, the server (an HTTP error status other than 404) or a stop;
// ErrorCode::NotFound for HTTP 404; ErrorCode::TooLarge when the body went past its cap.
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
Result<Download> download_to_file(const std::string& url, const std::filesystem::path& part, std::uint64_t size,
                                  const HttpSettings& settings);

// The URL with any user name and password left out, for messages and logs.
std::string url_for_messages(const std::string& url);

} // namespace kiosk::sync
