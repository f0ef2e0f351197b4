// Turns a checked content source into a signed .kpack: compiles content.json, prepares media, signs.
#pragma once

#include "crypto/keys.hpp"
#include "media/media_normaliser.hpp"
#include "pack/manifest.hpp"
#include "source/source.hpp"

#include <functional>

namespace content_tool {

struct BuildOptions {
    std::uint64_t version = 0;           // 0: derive from the build time (YYYYMMDDhhmmss, UTC)
    std::optional<std::int64_t> expires; // Unix time
    std::int64_t now = 0;
    std::function<void(std::uint64_t done, std::uint64_t total)> progress; // writing the pack, in bytes
    // Preparing media, in source bytes (a film being transcoded counts by the fraction done).
    std::function<void(std::uint64_t done, std::uint64_t total)> media_progress;
    // Told what became of each media file (once per file, however many slides use it).
    std::function<void(const std::filesystem::path& source, const PreparedMedia& media)> on_media;
    // Where normalised media is kept between builds; empty: <project>/.media-cache.
    std::filesystem::path media_cache;
};

kiosk::Result<kiosk::Manifest> build_pack(const SourceProject& project, const kiosk::SecretKey& key,
                                          const fs::path& out, const BuildOptions& options);

// Version numbers derived from a time read as decimal digits, so they grow with time and read as dates.
std::uint64_t version_from_time(std::int64_t unix_seconds);

} // namespace content_tool
