// The station's stores, one per channel it plays: its own channel in the store's root, and each other
// publisher's channel it also plays (a national campaign channel) in STORE/also/<channel>, so that one
// publisher's pack can never replace another's.
#pragma once

#include "store/store.hpp"

#include <string>
#include <vector>

namespace kiosk {

class ChannelStores {
public:
    static Result<ChannelStores> open(const fs::path& root, const TrustedKeys& keys, const std::string& station,
                                      const std::string& own_channel, const std::vector<std::string>& also);
    const Store& own() const { return m_own; }
    Store& own() { return m_own; }
    // The store of another publisher's channel, or null when this station does not play it.
    const Store* also(std::string_view channel) const;
    Store* also(std::string_view channel) {
        return const_cast<Store*>(static_cast<const ChannelStores&>(*this).also(channel));
    }
    const std::vector<std::string>& also_channels() const { return m_also_channels; }
    // Installs a pack into the store of its channel (read from its signed manifest).
    Result<Installed> install(const fs::path& pack_file, std::int64_t now, const ProgressFn& progress = {});

private:
    ChannelStores(Store own) : m_own(std::move(own)) {}
    Store m_own;
    std::vector<std::string> m_also_channels;
    std::vector<Store> m_also; // beside m_also_channels
};

} // namespace kiosk
