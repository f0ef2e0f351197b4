// Ed25519 signing keys: generation, key files, key ids, and signatures with a domain-separation prefix.
#pragma once

#include "base/result.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

using Signature = std::array<std::uint8_t, 64>;

// What a signature covers; each purpose has its own prefix so that a signature made for one kind of
// document can never be replayed as another.
enum class SignedDocument { PackManifest, Notice };

struct PublicKey {
    std::array<std::uint8_t, 32> bytes{};
    // Short, stable name for the key: hex of the first 8 bytes of BLAKE2b-256 over the key.
    std::string id() const;
    std::string to_file_text(std::string_view comment) const;
    static Result<PublicKey> parse(std::string_view text);
    static Result<PublicKey> load(const std::filesystem::path& path);
    bool verify(SignedDocument what, std::string_view message, const Signature& sig) const;
};

struct SecretKey {
    std::array<std::uint8_t, 64> bytes{};
    PublicKey public_key() const;
    std::string to_file_text(std::string_view comment) const;
    static Result<SecretKey> parse(std::string_view text);
    static Result<SecretKey> load(const std::filesystem::path& path);
    Signature sign(SignedDocument what, std::string_view message) const;
};

SecretKey generate_key();

// A set of public keys that the kiosk trusts, looked up by key id.
class TrustedKeys {
public:
    void add(PublicKey key) { m_keys.push_back(key); }
    const PublicKey* find(std::string_view id) const;
    bool empty() const { return m_keys.empty(); }
    const std::vector<PublicKey>& keys() const { return m_keys; }
    static Result<TrustedKeys> load(const std::vector<std::filesystem::path>& files);

private:
    std::vector<PublicKey> m_keys;
};

} // namespace kiosk
