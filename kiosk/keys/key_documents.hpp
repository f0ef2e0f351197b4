// The two documents the offline root key signs: a certificate naming an office key and the channels it
// may sign for, and the list of office keys revoked. This file owns their formats.
//
// A .kcert file is a sealed document (crypto/sealed.hpp) of kind key-certificate whose JSON is
//   {"channels":["ha-tinh","ha-tinh-*"],"format":1,"issued":1795000000,"key":"<64 hex>","name":"..."}
// A .krevoke file is a sealed document of kind key-revocations whose JSON is
//   {"format":1,"issued":1795000000,"revoked":[{"key":"<key id>","reason":"..."}],"sequence":3}
// Both canonical (sorted keys, no spaces); any other spelling is refused. A revocation list is whole:
// each new one repeats every key revoked before and has a higher sequence.
#pragma once

#include "base/result.hpp"
#include "crypto/keys.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

constexpr std::string_view kCertificateExtension = ".kcert";
constexpr std::string_view kRevocationsExtension = ".krevoke";
constexpr std::size_t kCertificateFileCap = 16 * 1024;
constexpr std::size_t kRevocationsFileCap = 64 * 1024;

struct KeyCertificate {
    PublicKey key;
    std::vector<std::string> channels; // exact names or prefixes ending in '*'; at least one
    std::string name;                  // who holds the key: "Sở TT&TT Hà Tĩnh, 2026"
    std::int64_t issued = 0;           // seconds since the epoch; a newer certificate replaces an older one
    std::string signer;                // the root key's id

    std::string to_json() const;
    static Result<KeyCertificate> parse(std::string_view json);
};

struct RevokedKey {
    std::string key_id;
    std::string reason;
};

struct RevocationList {
    std::uint64_t sequence = 0;
    std::int64_t issued = 0;
    std::vector<RevokedKey> revoked;
    std::string signer;

    bool revokes(std::string_view key_id) const;
    std::string to_json() const;
    static Result<RevocationList> parse(std::string_view json);
};

// The file bytes, sealed by the root key.
std::string seal_certificate(const KeyCertificate& certificate, const SecretKey& root);
std::string seal_revocations(const RevocationList& list, const SecretKey& root);
// Checks the form and that one of the root keys signed it.
Result<KeyCertificate> open_certificate(std::string_view file, const std::vector<PublicKey>& roots);
Result<RevocationList> open_revocations(std::string_view file, const std::vector<PublicKey>& roots);

} // namespace kiosk
