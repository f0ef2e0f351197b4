// A sealed document: a small file holding one signed document (a channel index, a key certificate, a
// revocation list). The signer comes first, so the signature is checked before the document is parsed.
//
//   kiosk-sealed-v1 <kind> <signer key id: 16 hex> <signature: 128 hex>\n
//   <document bytes, as signed>
//
// The signature covers the document kind's own prefix and the document bytes (see SignedDocument), so a
// signature made for one kind of document never passes for another.
#pragma once

#include "base/result.hpp"
#include "crypto/keys.hpp"

#include <string>
#include <string_view>

namespace kiosk {

struct SealedDocument {
    std::string signer; // key id
    Signature signature{};
    std::string document;
};

std::string seal(SignedDocument kind, std::string_view document, const SecretKey& key);
// Checks the file's form only (header, kind, sizes); `cap` bounds the whole file.
Result<SealedDocument> parse_sealed(SignedDocument kind, std::string_view file, std::size_t cap);
// Checks the form and the signature: by a key among `keys` (any of its channels; callers check the
// channel the document speaks for with TrustedKeys::check_channel once they have parsed it).
Result<SealedDocument> open_sealed(SignedDocument kind, std::string_view file, std::size_t cap, const TrustedKeys& keys);
// Same, against one key (the root key for certificates and revocations).
Result<SealedDocument> open_sealed_by(SignedDocument kind, std::string_view file, std::size_t cap, const PublicKey& key);

// The word naming a kind of document in the header line and in messages ("channel-index", ...).
std::string_view sealed_kind_name(SignedDocument kind);

} // namespace kiosk
