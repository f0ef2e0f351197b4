// Ed25519 key files and domain-separated signatures (libsodium crypto_sign_detached).
#include "crypto/keys.hpp"

#include "base/hex.hpp"
#include "crypto/hash.hpp"
#include "crypto/sodium_init.hpp"
#include "platform/linux/files.hpp"

#include <algorithm>
#include <mutex>
#include <sstream>

namespace kiosk {

namespace {

constexpr std::string_view kPublicTag = "kiosk-ed25519-public";
constexpr std::string_view kSecretTag = "kiosk-ed25519-secret";
constexpr std::uint64_t kKeyFileCap = 4096;

std::string_view prefix_for(SignedDocument what) {
    switch (what) {
    case SignedDocument::PackManifest:
        return "kiosk-pack-manifest-v1\n";
    case SignedDocument::Notice:
        return "kiosk-notice-v1\n";
    case SignedDocument::ChannelIndex:
        return "kiosk-channel-index-v1\n";
    case SignedDocument::KeyCertificate:
        return "kiosk-key-certificate-v1\n";
    case SignedDocument::Revocations:
        return "kiosk-key-revocations-v1\n";
    }
    return "";
}

std::string prefixed(SignedDocument what, std::string_view message) {
    std::string out(prefix_for(what));
    out.append(message);
    return out;
}

// Finds the first non-comment line "TAG HEX" and returns HEX.
Result<std::vector<std::uint8_t>> parse_key_line(std::string_view text, std::string_view tag, size_t size) {
    std::istringstream in{std::string(text)};
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream words(line);
        std::string word, hex;
        words >> word >> hex;
        if (word != tag) {
            return make_error(ErrorCode::Parse, "expected a line starting with '" + std::string(tag) +
                                                    "', found '" + word +
                                                    "' (is this the right kind of key file?)");
        }
        auto bytes = from_hex(hex);
        if (!bytes || bytes->size() != size)
            return make_error(ErrorCode::Parse,
                              "the key is not " + std::to_string(size * 2) + " lowercase hex digits");
        return *bytes;
    }
    return make_error(ErrorCode::Parse, "no key found in file");
}

} // namespace

std::string PublicKey::id() const {
    auto h = blake2b256(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    return to_hex(std::span(h.data(), 8));
}

std::string PublicKey::to_file_text(std::string_view comment) const {
    return "# " + std::string(comment) + "\n" + std::string(kPublicTag) + " " + to_hex(bytes) + "\n";
}

Result<PublicKey> PublicKey::parse(std::string_view text) {
    auto raw = TRY(parse_key_line(text, kPublicTag, 32));
    PublicKey key;
    std::copy(raw.begin(), raw.end(), key.bytes.begin());
    return key;
}

Result<PublicKey> PublicKey::load(const std::filesystem::path& path) {
    auto text = platform::read_file(path, kKeyFileCap);
    if (!text)
        return make_error(text.error().code, "public key: " + text.error().message);
    auto key = parse(*text);
    if (!key)
        return make_error(key.error().code, path.string() + ": " + key.error().message);
    return key;
}

bool PublicKey::verify(SignedDocument what, std::string_view message, const Signature& sig) const {
    ensure_sodium();
    auto m = prefixed(what, message);
    return crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(m.data()), m.size(),
                                       bytes.data()) == 0;
}

PublicKey SecretKey::public_key() const {
    PublicKey pk;
    crypto_sign_ed25519_sk_to_pk(pk.bytes.data(), bytes.data());
    return pk;
}

std::string SecretKey::to_file_text(std::string_view comment) const {
    return "# " + std::string(comment) + "\n# Keep this file secret: anyone holding it can sign content.\n" +
           std::string(kSecretTag) + " " + to_hex(bytes) + "\n";
}

Result<SecretKey> SecretKey::parse(std::string_view text) {
    auto raw = TRY(parse_key_line(text, kSecretTag, 64));
    SecretKey key;
    std::copy(raw.begin(), raw.end(), key.bytes.begin());
    sodium_memzero(raw.data(), raw.size());
    // The second half of an Ed25519 secret key is its public key; a mismatch means a damaged file.
    std::array<std::uint8_t, 32> seed_pk{};
    std::array<std::uint8_t, 64> check{};
    crypto_sign_ed25519_sk_to_seed(seed_pk.data(), key.bytes.data());
    std::array<std::uint8_t, 32> pk{};
    crypto_sign_seed_keypair(pk.data(), check.data(), seed_pk.data());
    sodium_memzero(seed_pk.data(), seed_pk.size());
    bool same = check == key.bytes;
    sodium_memzero(check.data(), check.size());
    if (!same)
        return make_error(ErrorCode::Parse, "the secret key is damaged (its halves do not match)");
    return key;
}

Result<SecretKey> SecretKey::load(const std::filesystem::path& path) {
    ensure_sodium();
    auto text = platform::read_file(path, kKeyFileCap);
    if (!text)
        return make_error(text.error().code, "secret key: " + text.error().message);
    auto key = parse(*text);
    sodium_memzero(text->data(), text->size());
    if (!key)
        return make_error(key.error().code, path.string() + ": " + key.error().message);
    return key;
}

Signature SecretKey::sign(SignedDocument what, std::string_view message) const {
    ensure_sodium();
    auto m = prefixed(what, message);
    Signature sig{};
    crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(m.data()), m.size(),
                         bytes.data());
    return sig;
}

SecretKey generate_key() {
    ensure_sodium();
    SecretKey sk;
    std::array<std::uint8_t, 32> pk{};
    crypto_sign_keypair(pk.data(), sk.bytes.data());
    return sk;
}

struct TrustedKeys::State {
    mutable std::mutex mutex;
    std::vector<TrustedKey> keys;
    std::map<std::string, std::string, std::less<>> revoked;
    std::uint64_t generation = 0;
};

TrustedKeys::TrustedKeys() : m_state(std::make_shared<State>()) {}

void TrustedKeys::add(PublicKey key, std::vector<std::string> channels, std::string name) {
    std::lock_guard lock(m_state->mutex);
    m_state->keys.push_back(TrustedKey{key, std::move(channels), std::move(name)});
    ++m_state->generation;
}

void TrustedKeys::replace_with(std::vector<TrustedKey> keys, std::map<std::string, std::string> revoked) {
    std::lock_guard lock(m_state->mutex);
    m_state->keys = std::move(keys);
    m_state->revoked = {revoked.begin(), revoked.end()};
    ++m_state->generation;
}

std::uint64_t TrustedKeys::generation() const {
    std::lock_guard lock(m_state->mutex);
    return m_state->generation;
}

std::optional<PublicKey> TrustedKeys::find(std::string_view id) const {
    std::lock_guard lock(m_state->mutex);
    for (const auto& entry : m_state->keys)
        if (entry.key.id() == id)
            return entry.key;
    return std::nullopt;
}

bool channel_matches(std::string_view pattern, std::string_view channel) {
    if (!pattern.empty() && pattern.back() == '*')
        return channel.substr(0, pattern.size() - 1) == pattern.substr(0, pattern.size() - 1);
    return pattern == channel;
}

Status TrustedKeys::check_channel(std::string_view id, std::string_view channel) const {
    std::unique_lock lock(m_state->mutex);
    for (const auto& entry : m_state->keys) {
        if (entry.key.id() != id)
            continue;
        if (entry.channels.empty())
            return {};
        std::string list;
        for (const auto& pattern : entry.channels) {
            if (channel_matches(pattern, channel))
                return {};
            list += (list.empty() ? "" : ", ") + pattern;
        }
        return make_error(ErrorCode::Signature,
                          "key " + std::string(id) + (entry.name.empty() ? "" : " (" + entry.name + ")") +
                              " may sign only for channel(s) " + list + ", not for channel '" +
                              std::string(channel) + "'");
    }
    lock.unlock();
    return make_error(ErrorCode::Signature, "key " + std::string(id) + why_untrusted(id));
}

std::string TrustedKeys::why_untrusted(std::string_view id) const {
    std::lock_guard lock(m_state->mutex);
    if (auto it = m_state->revoked.find(id); it != m_state->revoked.end())
        return ", which the root key has revoked" + (it->second.empty() ? "" : " (" + it->second + ")") +
               "; only content signed by a key that is not revoked can be installed";
    return ", which this station does not trust (not in trusted_keys, and no certificate from its root key)";
}

bool TrustedKeys::empty() const {
    std::lock_guard lock(m_state->mutex);
    return m_state->keys.empty();
}

std::vector<TrustedKey> TrustedKeys::keys() const {
    std::lock_guard lock(m_state->mutex);
    return m_state->keys;
}

Result<TrustedKeys> TrustedKeys::load(const std::vector<std::filesystem::path>& files) {
    TrustedKeys keys;
    for (const auto& file : files)
        keys.add(TRY(PublicKey::load(file)));
    return keys;
}

} // namespace kiosk
