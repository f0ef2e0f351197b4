// BLAKE2b-256 content hashes (libsodium), computed in one pass while bytes stream through.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <sodium.h>
#include <string>
#include <string_view>

namespace kiosk {

using Hash256 = std::array<std::uint8_t, 32>;

std::string hash_to_hex(const Hash256& hash);
std::optional<Hash256> hash_from_hex(std::string_view hex);

class Blake2b256 {
public:
    Blake2b256();
    void update(const void* data, std::size_t size);
    Hash256 finish();

private:
    crypto_generichash_state m_state;
};

Hash256 blake2b256(std::string_view bytes);

struct FileDigest {
    std::uint64_t size = 0;
    Hash256 hash{};
};
// A file's size and hash, read in pieces: large media is never held in memory whole. Nothing when the
// file cannot be read, or when cancel is given and becomes true before the end.
std::optional<FileDigest> blake2b256_file(const std::string& path, const std::atomic<bool>* cancel = nullptr);

} // namespace kiosk
