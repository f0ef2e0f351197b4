// The station's keyring: which keys may sign content for which channels, kept in the store so that
// office keys can be certified, rotated and revoked from the office without touching the station.
//
//   STORE/keys/certificates/<key id>.kcert   each office key certified by the root key (the newest one)
//   STORE/keys/revocations.krevoke           the newest revocation list (highest sequence)
//
// Trusted for signing packs, notices and channel indexes: the keys configured directly (trusted_keys,
// any channel), and every certified key for its certificate's channels; less any key a revocation list
// names. The root key itself signs only certificates and revocation lists and stays offline.
#pragma once

#include "base/result.hpp"
#include "crypto/keys.hpp"
#include "keys/key_documents.hpp"

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

namespace fs = std::filesystem;

enum class KeyFileOutcome {
    Added,
    AlreadyKnown,
    Older, // the station keeps a newer certificate for the key, or a newer list: nothing changes
};

struct KeyFileResult {
    KeyFileOutcome outcome = KeyFileOutcome::Added;
    std::string description;    // "key 0123... (Sở TT&TT Hà Tĩnh) for channel(s) ha-tinh" / "key revocation list 4 ..."
    std::string description_vi; // the same in Vietnamese
};

class Keyring {
public:
    // Opens (creating) STORE/keys. Certificates and lists already there are checked again against the
    // roots; any that fail are logged and left out.
    static Result<std::unique_ptr<Keyring>> open(fs::path dir, std::vector<PublicKey> roots,
                                                 std::vector<PublicKey> direct);

    // The trusted set: a handle shared with every store and board, updated when the keyring changes.
    const TrustedKeys& trusted() const { return m_trusted; }

    // A certificate from a stick, a sync or the command line. Refused when not signed by a root or when its
    // key is revoked; one older than the certificate kept for the same key changes nothing (Older).
    Result<KeyFileResult> add_certificate(std::string_view file_bytes);
    // A revocation list. One older than the list kept changes nothing (Older: a replayed list cannot
    // un-revoke a key); another list under the kept list's own number is refused.
    Result<KeyFileResult> add_revocations(std::string_view file_bytes);
    // A .kcert or .krevoke file, by its extension.
    Result<KeyFileResult> add_file(const fs::path& file);
    // The key files that travel with a pack: *.krevoke, then *.kcert, in the pack's folder and its keys/
    // subfolder (where content-tool usb puts them). Each result or refusal is logged; returns how many
    // changed the keyring.
    int add_files_beside(const fs::path& pack_file);

    std::optional<RevocationList> revocations() const;
    std::vector<KeyCertificate> certificates() const;

private:
    Keyring(fs::path dir, std::vector<PublicKey> roots, std::vector<PublicKey> direct);
    void rebuild_locked();

    fs::path m_dir;
    std::vector<PublicKey> m_roots;
    std::vector<PublicKey> m_direct;
    TrustedKeys m_trusted;
    mutable std::mutex m_mutex;
    std::vector<KeyCertificate> m_certificates;
    std::optional<RevocationList> m_revocations;
};

// Whether a file name is a key file the keyring takes (.kcert or .krevoke).
bool is_key_file(const fs::path& file);

// What a station operator reads when a key file is refused, in Vietnamese then English.
std::string key_file_message(const Error& error);
// What a station operator reads when a key file is taken (added, known, or older), Vietnamese then English.
std::string key_file_message(const KeyFileResult& result);

} // namespace kiosk
