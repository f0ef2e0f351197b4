// The pack manifest: what a pack is (channel, version, targets, expiry) and every object it holds, as
// canonical JSON bytes that the signature covers exactly.
#pragma once

#include "base/result.hpp"
#include "crypto/hash.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// Manifests larger than this are refused before parsing (a pack with tens of thousands of objects still
// fits).
constexpr std::size_t kManifestCap = 4 * 1024 * 1024;
constexpr int kManifestFormat = 1;
// The media type of the compiled content document inside every pack.
constexpr std::string_view kContentPath = "content.json";
constexpr std::string_view kContentType = "application/vnd.kiosk.content+json";

struct ManifestObject {
    std::string path;
    std::uint64_t size = 0;
    Hash256 hash{};
    std::string type;
};

struct Manifest {
    int format = kManifestFormat;
    std::string channel;
    std::uint64_t version = 0;
    std::int64_t created = 0;            // seconds since the Unix epoch, UTC
    std::optional<std::int64_t> expires; // seconds since the Unix epoch, UTC
    std::vector<std::string> stations;   // station ids, or "*" for every station of the channel
    std::string signer;                  // key id of the signing key
    std::vector<ManifestObject> objects;

    // Canonical JSON: sorted keys, no spaces; parse() accepts nothing else.
    std::string to_bytes() const;
    static Result<Manifest> parse(std::string_view bytes);

    bool targets(std::string_view station) const;
    const ManifestObject* find(std::string_view path) const;
    // Each distinct hash once, in order of first appearance: the order of blobs in a pack file.
    std::vector<const ManifestObject*> unique_blobs() const;
    std::uint64_t blob_bytes() const;
};

// Checks that an object path is a plain relative name: components of [A-Za-z0-9._-], none empty or
// starting with a dot, at most 255 bytes in all.
Status validate_object_path(std::string_view path);
// Whether JSON text nests arrays and objects at most `limit` deep, checked before a parser builds it
// (printing and our own walks recurse); shared by every signed JSON document.
bool json_nesting_within(std::string_view text, int limit);
// Whether a list of target stations ("*" for all) names this station.
bool targets_station(const std::vector<std::string>& stations, std::string_view station);
Status validate_identifier(std::string_view what, std::string_view id);

} // namespace kiosk
