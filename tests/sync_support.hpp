// Shared pieces of the sync tests: a channel published with the real publish code, a station store, and
// packs padded with random objects so that transfers take a while.
#pragma once

#include "nginx_server.hpp"
#include "publish/channel_publish.hpp"
#include "store/store.hpp"
#include "support.hpp"
#include "sync/sync_client.hpp"

#include <random>
#include <string>
#include <vector>

namespace test_support {

struct SyncChannel {
    TempDir dir;
    kiosk::SecretKey key = kiosk::generate_key();
    kiosk::TrustedKeys keys; // the station's
    fs::path project, channel_dir, store_dir;
    std::string channel = "vn.example.province";
    std::mt19937_64 rng{20261130};

    SyncChannel();
    // A pack of the sample project at `version`, plus `noise` random objects of `noise_size` bytes each.
    fs::path pack(std::uint64_t version, int noise = 0, std::size_t noise_size = 0);
    // `base` under another version, plus random objects.
    fs::path padded(const fs::path& base, std::uint64_t version, int noise, std::size_t noise_size);
    content_tool::PublishReport publish(const fs::path& pack, content_tool::PublishOptions options = {});
    kiosk::Store open_store(const std::string& station = "station-1");
    kiosk::sync::SyncSettings settings(const NginxServer& nginx) const;
    kiosk::sync::SyncResult sync(const NginxServer& nginx);
    // The version of the active pack after a full check of every object (0: none).
    std::uint64_t verified_version();
    // Changes the text of one slide, so the next pack differs in one object (the content document).
    void edit_slide(const std::string& text);
    // kiosk's command line for this station and channel URL.
    std::vector<std::string> kiosk_args(const std::string& url, std::vector<std::string> extra = {}) const;
};

std::string command_line(const std::vector<std::string>& args);

} // namespace test_support
