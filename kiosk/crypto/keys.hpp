// Ed25519 signing keys: generation, key files, key ids, and signatures with a domain-separation prefix.
#pragma once

#include "base/result.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

using Signature = std::array<std::uint8_t, 64>;

// What a signature covers; each purpose has its own prefix so that a signature made for one kind of
// document can never be replayed as another.
enum class SignedDocument {
    PackManifest,
    Notice,
    ChannelIndex,   // a channel's signed index for remote sync
    KeyCertificate, // the root key certifying an office key for some channels
    Revocations,    // the root key's list of office keys no longer trusted
};

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

// One key the kiosk trusts, and what it may sign for.
struct TrustedKey {
    PublicKey key;
    // The channels it may sign packs, notices and indexes for: exact names, or a prefix ending in '*'
    // ("ha-tinh-*"). Empty: any channel (a key configured directly in trusted_keys).
    std::vector<std::string> channels;
    std::string name; // who holds it, from its certificate ("" for a directly configured key)
};

// The set of public keys that the kiosk trusts, looked up by key id. A handle: copies share one set, so a
// key certified or revoked while the kiosk runs (from a stick or a sync) counts at once for every store
// and notice board holding a copy. Safe to use from several threads.
class TrustedKeys {
public:
    TrustedKeys();
    void add(PublicKey key, std::vector<std::string> channels = {}, std::string name = {});
    // Replaces the whole set seen by every copy (the keyring does this when certificates change), with the
    // keys revoked (id -> reason) so that a refusal can say why a key is not trusted.
    void replace_with(std::vector<TrustedKey> keys, std::map<std::string, std::string> revoked = {});
    // The end of a refusal's sentence "... is signed by key ID": why the key is not trusted.
    std::string why_untrusted(std::string_view id) const;
    std::optional<PublicKey> find(std::string_view id) const;
    // Whether key `id` may sign for `channel`; the error names the channels it may sign for.
    Status check_channel(std::string_view id, std::string_view channel) const;
    bool empty() const;
    std::vector<TrustedKey> keys() const;
    // Grows with every change, so that a player can see that what it verified must be verified again.
    std::uint64_t generation() const;
    static Result<TrustedKeys> load(const std::vector<std::filesystem::path>& files);

private:
    struct State;
    std::shared_ptr<State> m_state;
};

// Whether a channel name matches a pattern: equal, or starting with the pattern's text before a final '*'.
bool channel_matches(std::string_view pattern, std::string_view channel);

} // namespace kiosk
