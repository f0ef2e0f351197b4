// Publishing a pack into a sync channel directory that any static web server can host (see
// kiosk/sync/channel_index.hpp for the layout): the pack's objects by hash (only those not already
// there), its signed manifest, optional key certificate and revocation list, and last, replacing the old
// one atomically, a freshly signed index. A station reading mid-publish sees the old index or the new
// one, and every object either names.
#pragma once

#include "base/result.hpp"
#include "crypto/keys.hpp"
#include "sync/channel_index.hpp"

#include <filesystem>
#include <optional>

namespace content_tool {

struct PublishOptions {
    std::optional<std::filesystem::path> certificate; // a .kcert for the index's signing key
    std::optional<std::filesystem::path> revocations; // a .krevoke to serve as revocations.krevoke
    int valid_days = 7;                               // the index's freshness
    std::optional<std::int64_t> now;                  // Unix seconds; default: the clock
};

struct PublishReport {
    kiosk::ChannelIndex index;
    bool same_pack = false;             // the pack was already published: only the index was signed again
    bool pack_signature_checked = false; // the pack is signed by the publishing key, and its signature holds
    std::uint64_t objects_written = 0, objects_present = 0, bytes_written = 0;
    std::uint64_t objects_repaired = 0; // already there but damaged (bytes not matching their name): written again
};

kiosk::Result<PublishReport> publish_pack(const std::filesystem::path& pack, const std::filesystem::path& channel_dir,
                                          const kiosk::SecretKey& key, const PublishOptions& options = {});

} // namespace content_tool
