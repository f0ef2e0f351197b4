// BLAKE2b-256 through libsodium's generichash.
#include "crypto/hash.hpp"

#include "base/hex.hpp"
#include "crypto/sodium_init.hpp"

#include <algorithm>
#include <fcntl.h>
#include <unistd.h>
#include <vector>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace kiosk {

std::string hash_to_hex(const Hash256& hash) {
    return to_hex(hash);
}

std::optional<Hash256> hash_from_hex(std::string_view hex) {
    if (hex.size() != 64)
        return std::nullopt;
    auto bytes = from_hex(hex);
    if (!bytes)
        return std::nullopt;
    Hash256 out{};
    std::copy(bytes->begin(), bytes->end(), out.begin());
    return out;
}

Blake2b256::Blake2b256() {
    ensure_sodium();
    crypto_generichash_init(&m_state, nullptr, 0, 32);
}

void Blake2b256::update(const void* data, std::size_t size) {
    crypto_generichash_update(&m_state, static_cast<const unsigned char*>(data), size);
}

Hash256 Blake2b256::finish() {
    Hash256 out{};
    crypto_generichash_final(&m_state, out.data(), out.size());
    return out;
}

Hash256 blake2b256(std::string_view bytes) {
    Blake2b256 h;
    h.update(bytes.data(), bytes.size());
    return h.finish();
}

std::optional<FileDigest> blake2b256_file(const std::string& path, const std::atomic<bool>* cancel) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    Blake2b256 hasher;
    FileDigest digest;
    std::vector<char> buffer(1 << 20);
    ssize_t n = 0;
    while ((n = ::read(fd, buffer.data(), buffer.size())) > 0) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            ::close(fd);
            return std::nullopt;
        }
        hasher.update(buffer.data(), static_cast<std::size_t>(n));
        digest.size += static_cast<std::uint64_t>(n);
    }
    ::close(fd);
    if (n < 0)
        return std::nullopt;
    digest.hash = hasher.finish();
    return digest;
}

} // namespace kiosk
