// Canonical encoding and strict parsing of a channel's index.
#include "sync/channel_index.hpp"

#include "base/hex.hpp"
#include "pack/manifest.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace kiosk {

using nlohmann::json;

namespace {

Error invalid(std::string message) {
    return make_error(ErrorCode::Invalid, "channel index: " + std::move(message));
}

Status only_keys(const json& obj, std::initializer_list<const char*> allowed, const char* where) {
    if (obj.size() != allowed.size())
        return invalid(std::string("wrong set of fields in ") + where);
    for (const char* key : allowed)
        if (!obj.contains(key))
            return invalid(std::string("'") + key + "' is missing from " + where);
    return {};
}

Result<std::uint64_t> get_unsigned(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number_unsigned())
        return invalid(std::string("'") + key + "' must be a non-negative integer");
    return it->get<std::uint64_t>();
}

Result<std::int64_t> get_time(const json& obj, const char* key) {
    auto v = TRY(get_unsigned(obj, key));
    if (v > static_cast<std::uint64_t>(INT64_MAX))
        return invalid(std::string("'") + key + "' is out of range");
    return static_cast<std::int64_t>(v);
}

Result<std::string> get_string(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_string())
        return invalid(std::string("'") + key + "' must be a string");
    return it->get<std::string>();
}

Result<ChannelIndex> parse_document(const json& doc) {
    if (!doc.is_object())
        return invalid("the top level must be an object");
    auto format = TRY(get_unsigned(doc, "format"));
    if (format != kChannelIndexFormat)
        return make_error(ErrorCode::Unsupported, "channel index format " + std::to_string(format) +
                                                      " is not supported by this kiosk (it reads format " +
                                                      std::to_string(kChannelIndexFormat) + "); update the kiosk software");
    TRY(only_keys(doc, {"channel", "created", "expires", "format", "manifest", "sequence", "version"}, "the index"));
    ChannelIndex index;
    index.channel = TRY(get_string(doc, "channel"));
    TRY(validate_identifier("channel", index.channel));
    index.version = TRY(get_unsigned(doc, "version"));
    index.sequence = TRY(get_unsigned(doc, "sequence"));
    index.created = TRY(get_time(doc, "created"));
    index.expires = TRY(get_time(doc, "expires"));
    if (index.version == 0 || index.sequence == 0)
        return invalid("'version' and 'sequence' must be at least 1");
    if (index.expires <= index.created)
        return invalid("it expires before it was made");
    const json& m = doc["manifest"];
    if (!m.is_object())
        return invalid("'manifest' must be an object");
    TRY(only_keys(m, {"blake2b", "path", "signature", "signer", "size"}, "'manifest'"));
    index.manifest_path = TRY(get_string(m, "path"));
    if (index.manifest_path != "manifests/" + manifest_file_name(index.channel, index.version))
        return invalid("the manifest's path must be manifests/" + manifest_file_name(index.channel, index.version));
    index.manifest_size = TRY(get_unsigned(m, "size"));
    if (index.manifest_size == 0 || index.manifest_size > kManifestCap)
        return invalid("the manifest's size is out of range");
    auto hash = hash_from_hex(TRY(get_string(m, "blake2b")));
    if (!hash)
        return invalid("the manifest's hash is malformed (want 64 lowercase hex digits)");
    index.manifest_hash = *hash;
    index.pack_signer = TRY(get_string(m, "signer"));
    auto signer = from_hex(index.pack_signer);
    if (!signer || signer->size() != 8)
        return invalid("the pack's signer is malformed (want 16 lowercase hex digits)");
    auto signature = from_hex(TRY(get_string(m, "signature")));
    if (!signature || signature->size() != index.pack_signature.size())
        return invalid("the pack's signature is malformed (want 128 lowercase hex digits)");
    std::copy(signature->begin(), signature->end(), index.pack_signature.begin());
    return index;
}

} // namespace

std::string manifest_file_name(std::string_view channel, std::uint64_t version) {
    return std::string(channel) + "-" + std::to_string(version) + ".json";
}

std::string object_file_path(const Hash256& hash) {
    auto hex = hash_to_hex(hash);
    return "objects/" + hex.substr(0, 2) + "/" + hex;
}

std::string certificate_file_path(std::string_view key_id) {
    return "keys/" + std::string(key_id) + ".kcert";
}

std::string ChannelIndex::to_bytes() const {
    json doc = json::object();
    doc["format"] = format;
    doc["channel"] = channel;
    doc["version"] = version;
    doc["sequence"] = sequence;
    doc["created"] = static_cast<std::uint64_t>(created);
    doc["expires"] = static_cast<std::uint64_t>(expires);
    doc["manifest"] = json{{"path", manifest_path},
                           {"size", manifest_size},
                           {"blake2b", hash_to_hex(manifest_hash)},
                           {"signer", pack_signer},
                           {"signature", to_hex(pack_signature)}};
    return doc.dump();
}

Result<ChannelIndex> ChannelIndex::parse(std::string_view bytes) {
    if (bytes.size() > kChannelIndexCap)
        return make_error(ErrorCode::TooLarge, "the channel index is larger than " + std::to_string(kChannelIndexCap) + " bytes");
    if (!json_nesting_within(bytes, 4))
        return invalid("nested too deeply");
    json doc = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return make_error(ErrorCode::Parse, "the channel index is not valid JSON");
    try {
        auto index = TRY(parse_document(doc));
        if (index.to_bytes() != bytes)
            return invalid("not in canonical form (sorted keys, no spaces)");
        return index;
    } catch (const json::exception& e) {
        return make_error(ErrorCode::Parse, std::string("channel index: ") + e.what());
    }
}

} // namespace kiosk
