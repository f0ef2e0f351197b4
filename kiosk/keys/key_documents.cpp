// Certificates and revocation lists: canonical JSON in, checked against the root keys.
#include "keys/key_documents.hpp"

#include "base/hex.hpp"
#include "crypto/sealed.hpp"
#include "pack/manifest.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace kiosk {

using json = nlohmann::json;

namespace {

Error invalid(std::string_view what, std::string_view why) {
    return make_error(ErrorCode::Invalid, std::string(what) + ": " + std::string(why));
}

bool valid_channel_pattern(const std::string& pattern) {
    if (pattern.empty() || pattern.size() > 64)
        return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        char c = pattern[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                  (c == '*' && i + 1 == pattern.size());
        if (!ok)
            return false;
    }
    return pattern != "*"; // a certificate for every channel is what a directly trusted key is; not this
}

Result<json> parse_canonical(std::string_view what, std::string_view text) {
    if (!json_nesting_within(text, 4))
        return invalid(what, "nested too deeply");
    json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return make_error(ErrorCode::Parse, std::string(what) + ": not a JSON object");
    return doc;
}

template <typename T>
Result<T> open_by_roots(SignedDocument kind, std::string_view file, std::size_t cap,
                        const std::vector<PublicKey>& roots, std::string_view what) {
    if (roots.empty())
        return make_error(ErrorCode::Signature, "this station trusts no root key (configuration key root_keys), so " +
                                                    std::string(what) + " cannot be checked");
    auto sealed = TRY(parse_sealed(kind, file, cap));
    for (const auto& root : roots) {
        if (root.id() != sealed.signer)
            continue;
        auto opened = TRY(open_sealed_by(kind, file, cap, root));
        auto parsed = TRY(T::parse(opened.document));
        parsed.signer = opened.signer;
        return parsed;
    }
    return make_error(ErrorCode::Signature, std::string(what) + " is signed by key " + sealed.signer +
                                                ", which is not a root key this station trusts");
}

} // namespace

std::string KeyCertificate::to_json() const {
    json doc = {{"channels", channels}, {"format", 1}, {"issued", issued}, {"key", to_hex(key.bytes)},
                {"name", name}};
    return doc.dump();
}

Result<KeyCertificate> KeyCertificate::parse(std::string_view text) {
    constexpr std::string_view what = "key certificate";
    auto doc = TRY(parse_canonical(what, text));
    try {
        if (doc.size() != 5 || doc.at("format") != 1)
            return make_error(ErrorCode::Unsupported, "key certificate: not format 1 (made by a newer content-tool?)");
        KeyCertificate cert;
        auto raw = from_hex(doc.at("key").get<std::string>());
        if (!raw || raw->size() != 32)
            return invalid(what, "the key is not 64 lowercase hex digits");
        std::copy(raw->begin(), raw->end(), cert.key.bytes.begin());
        cert.channels = doc.at("channels").get<std::vector<std::string>>();
        if (cert.channels.empty() || cert.channels.size() > 64)
            return invalid(what, "it must name between 1 and 64 channels");
        for (const auto& c : cert.channels)
            if (!valid_channel_pattern(c))
                return invalid(what, "'" + c + "' is not a channel name or a prefix ending in '*'");
        cert.name = doc.at("name").get<std::string>();
        if (cert.name.size() > 200)
            return invalid(what, "the holder's name is longer than 200 bytes");
        cert.issued = doc.at("issued").get<std::int64_t>();
        if (cert.to_json() != text)
            return invalid(what, "not in canonical form (sorted keys, no spaces)");
        return cert;
    } catch (const json::exception& e) {
        return make_error(ErrorCode::Parse, std::string("key certificate: ") + e.what());
    }
}

bool RevocationList::revokes(std::string_view key_id) const {
    return std::any_of(revoked.begin(), revoked.end(), [&](const RevokedKey& r) { return r.key_id == key_id; });
}

std::string RevocationList::to_json() const {
    json list = json::array();
    for (const auto& r : revoked)
        list.push_back({{"key", r.key_id}, {"reason", r.reason}});
    json doc = {{"format", 1}, {"issued", issued}, {"revoked", list}, {"sequence", sequence}};
    return doc.dump();
}

Result<RevocationList> RevocationList::parse(std::string_view text) {
    constexpr std::string_view what = "key revocation list";
    auto doc = TRY(parse_canonical(what, text));
    try {
        if (doc.size() != 4 || doc.at("format") != 1)
            return make_error(ErrorCode::Unsupported, "key revocation list: not format 1 (made by a newer content-tool?)");
        RevocationList list;
        list.sequence = doc.at("sequence").get<std::uint64_t>();
        list.issued = doc.at("issued").get<std::int64_t>();
        std::set<std::string> seen;
        for (const auto& entry : doc.at("revoked")) {
            if (entry.size() != 2)
                return invalid(what, "each entry has exactly a key and a reason");
            RevokedKey r{entry.at("key").get<std::string>(), entry.at("reason").get<std::string>()};
            auto id = from_hex(r.key_id);
            if (!id || id->size() != 8)
                return invalid(what, "'" + r.key_id + "' is not a key id (16 lowercase hex digits)");
            if (r.reason.size() > 200)
                return invalid(what, "a reason is longer than 200 bytes");
            if (!seen.insert(r.key_id).second)
                return invalid(what, "key " + r.key_id + " is listed twice");
            list.revoked.push_back(std::move(r));
        }
        if (list.revoked.size() > 1000)
            return invalid(what, "more than 1000 keys");
        if (list.to_json() != text)
            return invalid(what, "not in canonical form (sorted keys, no spaces)");
        return list;
    } catch (const json::exception& e) {
        return make_error(ErrorCode::Parse, std::string("key revocation list: ") + e.what());
    }
}

std::string seal_certificate(const KeyCertificate& certificate, const SecretKey& root) {
    return seal(SignedDocument::KeyCertificate, certificate.to_json(), root);
}

std::string seal_revocations(const RevocationList& list, const SecretKey& root) {
    return seal(SignedDocument::Revocations, list.to_json(), root);
}

Result<KeyCertificate> open_certificate(std::string_view file, const std::vector<PublicKey>& roots) {
    return open_by_roots<KeyCertificate>(SignedDocument::KeyCertificate, file, kCertificateFileCap, roots,
                                         "the key certificate");
}

Result<RevocationList> open_revocations(std::string_view file, const std::vector<PublicKey>& roots) {
    return open_by_roots<RevocationList>(SignedDocument::Revocations, file, kRevocationsFileCap, roots,
                                         "the key revocation list");
}

} // namespace kiosk
