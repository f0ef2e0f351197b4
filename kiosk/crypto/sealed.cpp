// Sealed documents: parsing the header line, then checking the signature before anyone reads the document.
#include "crypto/sealed.hpp"

#include "base/hex.hpp"

#include <algorithm>

namespace kiosk {

namespace {

constexpr std::string_view kMagic = "kiosk-sealed-v1";

std::string describe(SignedDocument kind) {
    switch (kind) {
    case SignedDocument::ChannelIndex:
        return "the channel index";
    case SignedDocument::KeyCertificate:
        return "the key certificate";
    case SignedDocument::Revocations:
        return "the key revocation list";
    default:
        return "the document";
    }
}

Result<SealedDocument> check_signature(SignedDocument kind, SealedDocument sealed, const PublicKey& key) {
    if (!key.verify(kind, sealed.document, sealed.signature))
        return make_error(ErrorCode::Signature, "the signature of " + describe(kind) +
                                                    " does not match its contents (altered or damaged)");
    return sealed;
}

} // namespace

std::string_view sealed_kind_name(SignedDocument kind) {
    switch (kind) {
    case SignedDocument::PackManifest:
        return "pack-manifest";
    case SignedDocument::Notice:
        return "notice";
    case SignedDocument::ChannelIndex:
        return "channel-index";
    case SignedDocument::KeyCertificate:
        return "key-certificate";
    case SignedDocument::Revocations:
        return "key-revocations";
    }
    return "unknown";
}

std::string seal(SignedDocument kind, std::string_view document, const SecretKey& key) {
    Signature sig = key.sign(kind, document);
    std::string out(kMagic);
    out += ' ';
    out += sealed_kind_name(kind);
    out += ' ';
    out += key.public_key().id();
    out += ' ';
    out += to_hex(sig);
    out += '\n';
    out += document;
    return out;
}

Result<SealedDocument> parse_sealed(SignedDocument kind, std::string_view file, std::size_t cap) {
    if (file.size() > cap)
        return make_error(ErrorCode::TooLarge, describe(kind) + " is larger than " + std::to_string(cap) +
                                                   " bytes; it is not one");
    auto newline = file.find('\n');
    if (file.substr(0, kMagic.size()) != kMagic || newline == std::string_view::npos)
        return make_error(newline == std::string_view::npos && file.substr(0, kMagic.size()) == kMagic
                              ? ErrorCode::Truncated
                              : ErrorCode::Parse,
                          "this is not " + describe(kind) + " (no kiosk-sealed-v1 header line)");
    std::string_view header = file.substr(0, newline);
    std::string expected_kind = " " + std::string(sealed_kind_name(kind)) + " ";
    if (header.substr(kMagic.size(), expected_kind.size()) != expected_kind)
        return make_error(ErrorCode::Invalid, "this file is a sealed document of another kind, not " + describe(kind));
    std::string_view rest = header.substr(kMagic.size() + expected_kind.size());
    auto space = rest.find(' ');
    if (space != 16 || rest.size() != 16 + 1 + 128)
        return make_error(ErrorCode::Parse, "the header of " + describe(kind) + " is damaged");
    auto signer = from_hex(rest.substr(0, 16));
    auto sig_bytes = from_hex(rest.substr(17));
    if (!signer || !sig_bytes || sig_bytes->size() != 64)
        return make_error(ErrorCode::Parse, "the header of " + describe(kind) + " is damaged");
    SealedDocument sealed;
    sealed.signer = std::string(rest.substr(0, 16));
    std::copy(sig_bytes->begin(), sig_bytes->end(), sealed.signature.begin());
    sealed.document = std::string(file.substr(newline + 1));
    return sealed;
}

Result<SealedDocument> open_sealed(SignedDocument kind, std::string_view file, std::size_t cap,
                                   const TrustedKeys& keys) {
    auto sealed = TRY(parse_sealed(kind, file, cap));
    auto key = keys.find(sealed.signer);
    if (!key)
        return make_error(ErrorCode::Signature, describe(kind) + " is signed by key " + sealed.signer +
                                                    keys.why_untrusted(sealed.signer));
    return check_signature(kind, std::move(sealed), *key);
}

Result<SealedDocument> open_sealed_by(SignedDocument kind, std::string_view file, std::size_t cap,
                                      const PublicKey& key) {
    auto sealed = TRY(parse_sealed(kind, file, cap));
    if (sealed.signer != key.id())
        return make_error(ErrorCode::Signature, describe(kind) + " is signed by key " + sealed.signer +
                                                    ", not by the root key " + key.id() + " this station trusts");
    return check_signature(kind, std::move(sealed), key);
}

} // namespace kiosk
