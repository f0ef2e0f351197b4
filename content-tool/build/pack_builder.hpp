// Turns a checked content source into a signed .kpack: compiles content.json, prepares media, signs.
#pragma once

#include "crypto/keys.hpp"
#include "pack/manifest.hpp"
#include "source/source.hpp"

#include <functional>

namespace content_tool {

struct BuildOptions {
    std::uint64_t version = 0;           // 0: derive from the build time (YYYYMMDDhhmmss, UTC)
    std::optional<std::int64_t> expires; // Unix time
    std::int64_t now = 0;
    std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

kiosk::Result<kiosk::Manifest> build_pack(const SourceProject& project, const kiosk::SecretKey& key,
                                          const fs::path& out, const BuildOptions& options);

// Version numbers derived from a time read as decimal digits, so they grow with time and read as dates.
std::uint64_t version_from_time(std::int64_t unix_seconds);

} // namespace content_tool
