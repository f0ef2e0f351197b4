// Routing packs to the store of their channel.
#include "store/channel_stores.hpp"

#include "pack/pack_file.hpp"

namespace kiosk {

Result<ChannelStores> ChannelStores::open(const fs::path& root, const TrustedKeys& keys, const std::string& station,
                                          const std::string& own_channel, const std::vector<std::string>& also) {
    ChannelStores stores(TRY(Store::open(root, keys, station, own_channel)));
    for (const auto& channel : also) {
        if (channel == own_channel)
            continue;
        stores.m_also_channels.push_back(channel);
        stores.m_also.push_back(TRY(Store::open(root / "also" / channel, keys, station, channel)));
    }
    return stores;
}

const Store* ChannelStores::also(std::string_view channel) const {
    for (std::size_t i = 0; i < m_also_channels.size(); ++i)
        if (m_also_channels[i] == channel)
            return &m_also[i];
    return nullptr;
}

Result<Installed> ChannelStores::install(const fs::path& pack_file, std::int64_t now, const ProgressFn& progress) {
    // The pack is opened once: its unverified channel chooses the store, which then verifies the very
    // header and manifest read here (not a second read of a file that may have changed) and the blobs.
    auto reader = TRY(PackReader::open(pack_file));
    auto manifest = reader.parse_unverified_manifest();
    if (manifest)
        for (std::size_t i = 0; i < m_also_channels.size(); ++i)
            if (manifest->channel == m_also_channels[i])
                return m_also[i].install(std::move(reader), now, progress);
    return m_own.install(std::move(reader), now, progress);
}

} // namespace kiosk
