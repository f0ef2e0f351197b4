// A sync channel's signed index: the one small file a station polls to learn which pack a channel holds now.
//
// The channel directory, as any static web server (nginx, object storage, a CDN) serves it:
//
//   index.kidx                          this index, sealed (crypto/sealed.hpp) and signed by an office key
//   manifests/<channel>-<version>.json  each published pack's manifest, exactly the bytes its signature covers
//   objects/ab/<hash>                   every object of every published pack, named by BLAKE2b-256
//   keys/<key id>.kcert                 certificates of office keys stations may not know yet (optional)
//   revocations.krevoke                 the root key's list of revoked office keys (optional)
//
// The index's document is canonical JSON (sorted keys, no white space):
//
//   {"channel":"vn.thanhhoa.na-meo","created":1795000000,"expires":1795604800,"format":1,
//    "manifest":{"blake2b":"<64 hex>","path":"manifests/vn.thanhhoa.na-meo-20261123120000.json",
//                "signature":"<128 hex>","signer":"<16 hex>","size":5120},
//    "sequence":1795000000,"version":20261123120000}
#pragma once

#include "base/result.hpp"
#include "crypto/hash.hpp"
#include "crypto/keys.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk {

constexpr int kChannelIndexFormat = 1;
// A sealed index larger than this is refused before it is read.
constexpr std::size_t kChannelIndexCap = 1 << 20;
constexpr std::size_t kCertificateCap = 16 << 10;
constexpr std::size_t kRevocationsCap = 64 << 10;

constexpr std::string_view kIndexFile = "index.kidx";
constexpr std::string_view kRevocationsFile = "revocations.krevoke";

struct ChannelIndex {
    int format = kChannelIndexFormat;
    std::string channel;
    std::uint64_t version = 0;   // the pack the channel holds now
    std::uint64_t sequence = 0;  // grows with every index published for the channel (replay protection)
    std::int64_t created = 0;    // Unix seconds, UTC, when the index was signed
    std::int64_t expires = 0;    // Unix seconds, UTC; a station that knows the time refuses it after this
    std::string manifest_path;   // relative to the channel directory
    std::uint64_t manifest_size = 0;
    Hash256 manifest_hash{};
    std::string pack_signer;     // the pack's own signature over its manifest
    Signature pack_signature{};

    // Canonical JSON; parse() accepts nothing else.
    std::string to_bytes() const;
    static Result<ChannelIndex> parse(std::string_view bytes);
};

// The manifest's name in a channel directory.
std::string manifest_file_name(std::string_view channel, std::uint64_t version);
// An object's path in a channel directory: objects/ab/<hash>.
std::string object_file_path(const Hash256& hash);
// A key's certificate in a channel directory: keys/<key id>.kcert.
std::string certificate_file_path(std::string_view key_id);

} // namespace kiosk
