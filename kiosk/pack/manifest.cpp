// Canonical JSON encoding and strict validation of pack manifests.
#include "pack/manifest.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace kiosk {

using nlohmann::json;

namespace {

Error invalid(std::string message) {
    return make_error(ErrorCode::Invalid, "manifest: " + std::move(message));
}

Result<std::string> get_string(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_string())
        return invalid(std::string("'") + key + "' must be a string");
    return it->get<std::string>();
}

Result<std::uint64_t> get_unsigned(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number_unsigned())
        return invalid(std::string("'") + key + "' must be a non-negative integer");
    return it->get<std::uint64_t>();
}

Status check_keys(const json& obj, std::initializer_list<const char*> allowed, const char* where) {
    for (const auto& item : obj.items()) {
        const std::string& key = item.key();
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
            return invalid(std::string("unknown field '") + key + "' in " + where);
    }
    return {};
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

Result<Manifest> parse_document(const json& doc) {
    if (!doc.is_object())
        return invalid("the top level must be an object");
    TRY(check_keys(doc,
                   {"format", "channel", "version", "created", "expires", "stations", "signer", "objects"},
                   "the manifest"));
    Manifest m;
    auto format = TRY(get_unsigned(doc, "format"));
    if (format != kManifestFormat) {
        return make_error(ErrorCode::Unsupported, "manifest format " + std::to_string(format) +
                                                      " is not supported by this kiosk (it reads format " +
                                                      std::to_string(kManifestFormat) +
                                                      "); update the kiosk software");
    }
    m.channel = TRY(get_string(doc, "channel"));
    TRY(validate_identifier("channel", m.channel));
    m.version = TRY(get_unsigned(doc, "version"));
    if (m.version == 0)
        return invalid("'version' must be at least 1");
    auto created = TRY(get_unsigned(doc, "created"));
    if (created > static_cast<std::uint64_t>(INT64_MAX))
        return invalid("'created' is out of range");
    m.created = static_cast<std::int64_t>(created);
    if (doc.contains("expires")) {
        auto expires = TRY(get_unsigned(doc, "expires"));
        if (expires > static_cast<std::uint64_t>(INT64_MAX))
            return invalid("'expires' is out of range");
        m.expires = static_cast<std::int64_t>(expires);
    }
    m.signer = TRY(get_string(doc, "signer"));
    auto stations = doc.find("stations");
    if (stations == doc.end() || !stations->is_array() || stations->empty())
        return invalid("'stations' must be a non-empty list of station ids");
    for (const auto& s : *stations) {
        if (!s.is_string())
            return invalid("'stations' must hold strings");
        auto id = s.get<std::string>();
        if (id != "*")
            TRY(validate_identifier("station", id));
        m.stations.push_back(id);
    }
    auto objects = doc.find("objects");
    if (objects == doc.end() || !objects->is_array())
        return invalid("'objects' must be a list");
    std::set<std::string> seen;
    for (const auto& o : *objects) {
        if (!o.is_object())
            return invalid("every object entry must be an object");
        TRY(check_keys(o, {"path", "size", "blake2b", "type"}, "an object entry"));
        ManifestObject obj;
        obj.path = TRY(get_string(o, "path"));
        TRY(validate_object_path(obj.path));
        if (!seen.insert(lower_ascii(obj.path)).second)
            return invalid("object path '" + obj.path +
                           "' appears twice (paths must differ even ignoring case)");
        obj.size = TRY(get_unsigned(o, "size"));
        auto hash = hash_from_hex(TRY(get_string(o, "blake2b")));
        if (!hash)
            return invalid("object '" + obj.path + "' has a malformed hash (want 64 lowercase hex digits)");
        obj.hash = *hash;
        obj.type = TRY(get_string(o, "type"));
        if (obj.type.empty() || obj.type.size() > 100 ||
            obj.type.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.+-/") != std::string::npos)
            return invalid("object '" + obj.path + "' has a malformed media type");
        m.objects.push_back(std::move(obj));
    }
    // Objects that share a hash share bytes, so they must agree on the size.
    std::map<Hash256, const ManifestObject*> by_hash;
    for (const auto& a : m.objects) {
        auto [it, fresh] = by_hash.emplace(a.hash, &a);
        if (!fresh && it->second->size != a.size)
            return invalid("objects '" + a.path + "' and '" + it->second->path +
                           "' share a hash but not a size");
    }
    return m;
}

} // namespace

std::string Manifest::to_bytes() const {
    json doc = json::object();
    doc["format"] = format;
    doc["channel"] = channel;
    doc["version"] = version;
    doc["created"] = static_cast<std::uint64_t>(created);
    if (expires)
        doc["expires"] = static_cast<std::uint64_t>(*expires);
    doc["stations"] = stations;
    doc["signer"] = signer;
    json list = json::array();
    for (const auto& o : objects) {
        list.push_back(
            json{{"path", o.path}, {"size", o.size}, {"blake2b", hash_to_hex(o.hash)}, {"type", o.type}});
    }
    doc["objects"] = std::move(list);
    return doc.dump();
}

Result<Manifest> Manifest::parse(std::string_view bytes) {
    if (bytes.size() > kManifestCap)
        return make_error(ErrorCode::TooLarge,
                          "manifest is larger than " + std::to_string(kManifestCap) + " bytes");
    if (!json_nesting_within(bytes, 8))
        return invalid("nested too deeply");
    json doc = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return make_error(ErrorCode::Parse, "manifest is not valid JSON");
    try {
        auto manifest = TRY(parse_document(doc));
        // One spelling per manifest: anything that does not re-encode to the same bytes is refused.
        if (manifest.to_bytes() != bytes)
            return invalid("not in canonical form (sorted keys, no spaces)");
        return manifest;
    } catch (const json::exception& e) {
        return make_error(ErrorCode::Parse, std::string("manifest: ") + e.what());
    }
}

bool Manifest::targets(std::string_view station) const {
    return targets_station(stations, station);
}

bool targets_station(const std::vector<std::string>& stations, std::string_view station) {
    return std::any_of(stations.begin(), stations.end(),
                       [&](const std::string& s) { return s == "*" || s == station; });
}

// nlohmann's parser is iterative, but printing and our own walks are not; refuse deep nesting up front.
bool json_nesting_within(std::string_view text, int limit) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '{' || c == '[') {
            if (++depth > limit)
                return false;
        } else if (c == '}' || c == ']')
            --depth;
    }
    return true;
}


const ManifestObject* Manifest::find(std::string_view path) const {
    for (const auto& o : objects)
        if (o.path == path)
            return &o;
    return nullptr;
}

std::vector<const ManifestObject*> Manifest::unique_blobs() const {
    std::vector<const ManifestObject*> out;
    std::set<Hash256> seen;
    for (const auto& o : objects)
        if (seen.insert(o.hash).second)
            out.push_back(&o);
    return out;
}

std::uint64_t Manifest::blob_bytes() const {
    std::uint64_t total = 0;
    for (const auto* o : unique_blobs())
        total += o->size;
    return total;
}

Status validate_object_path(std::string_view path) {
    auto bad = [&](const std::string& why) {
        return make_error(ErrorCode::Invalid, "object path '" + std::string(path) + "' " + why);
    };
    if (path.empty() || path.size() > 255)
        return bad("must be 1 to 255 bytes long");
    if (path.front() == '/')
        return bad("is absolute; paths must be relative");
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        auto part = path.substr(start, end - start);
        if (part.empty())
            return bad("has an empty component");
        if (part == "." || part == "..")
            return bad("contains '" + std::string(part) + "'");
        if (part.front() == '.')
            return bad("has a component starting with '.'");
        for (char c : part) {
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
            if (!ok)
                return bad("contains a character other than letters, digits, '.', '_' or '-'");
        }
        start = end + 1;
    }
    return {};
}

Status validate_identifier(std::string_view what, std::string_view id) {
    if (id.empty() || id.size() > 64 ||
        id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-_") != std::string_view::npos ||
        id.front() == '.' || id.front() == '-')
        return make_error(ErrorCode::Invalid, std::string(what) + " id '" + std::string(id) +
                                                  "' must be 1-64 characters of a-z, 0-9, '.', '-' or '_'");
    return {};
}

} // namespace kiosk
