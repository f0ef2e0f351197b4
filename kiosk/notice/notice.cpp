// Canonical JSON encoding, strict validation and signatures of urgent notices.
#include "notice/notice.hpp"

#include "base/hex.hpp"
#include "pack/manifest.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace kiosk {

using nlohmann::json;

namespace {

constexpr std::size_t kSignatureHex = 128;

Error invalid(std::string message) {
    return make_error(ErrorCode::Invalid, "notice: " + std::move(message));
}

Result<std::string> get_string(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_string())
        return invalid(std::string("'") + key + "' must be a string");
    return it->get<std::string>();
}

Result<std::int64_t> get_time(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number_unsigned() ||
        it->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
        return invalid(std::string("'") + key + "' must be a time in seconds since 1970 (UTC)");
    return static_cast<std::int64_t>(it->get<std::uint64_t>());
}

Status check_keys(const json& obj, bool withdrawn) {
    static const char* const kNotice[] = {"format",  "channel",  "id",   "version", "created", "starts",
                                          "expires", "stations", "mode", "text",    "signer"};
    static const char* const kWithdrawal[] = {"format",  "channel",  "id",     "version",
                                              "created", "stations", "signer", "withdrawn"};
    for (const auto& item : obj.items()) {
        const std::string& key = item.key();
        bool known = withdrawn ? std::find(std::begin(kWithdrawal), std::end(kWithdrawal), key) !=
                                     std::end(kWithdrawal)
                               : std::find(std::begin(kNotice), std::end(kNotice), key) != std::end(kNotice);
        if (!known)
            return invalid("unknown field '" + key + "'" + (withdrawn ? " in a withdrawal" : ""));
    }
    return {};
}

Result<Notice> parse_document(const json& doc) {
    if (!doc.is_object())
        return invalid("the top level must be an object");
    auto format = doc.find("format");
    if (format == doc.end() || !format->is_number_unsigned())
        return invalid("'format' must be a number");
    if (format->get<std::uint64_t>() != kNoticeFormat)
        return make_error(ErrorCode::Unsupported,
                          "notice format " + format->dump() +
                              " is not supported by this kiosk; update the kiosk software");
    Notice n;
    if (auto w = doc.find("withdrawn"); w != doc.end()) {
        if (!w->is_boolean() || !w->get<bool>())
            return invalid("'withdrawn' is written only as true");
        n.withdrawn = true;
    }
    TRY(check_keys(doc, n.withdrawn));
    n.channel = TRY(get_string(doc, "channel"));
    TRY(validate_identifier("channel", n.channel));
    n.id = TRY(get_string(doc, "id"));
    TRY(validate_identifier("notice", n.id));
    auto version = doc.find("version");
    if (version == doc.end() || !version->is_number_unsigned() || version->get<std::uint64_t>() == 0)
        return invalid("'version' must be a whole number of at least 1");
    n.version = version->get<std::uint64_t>();
    n.created = TRY(get_time(doc, "created"));
    n.signer = TRY(get_string(doc, "signer"));
    if (n.signer.empty() || n.signer.size() > 64 ||
        n.signer.find_first_not_of("0123456789abcdef") != std::string::npos)
        return invalid("'signer' must be a key id");
    auto stations = doc.find("stations");
    if (stations == doc.end() || !stations->is_array() || stations->empty())
        return invalid("'stations' must be a non-empty list of station ids");
    for (const auto& s : *stations) {
        if (!s.is_string())
            return invalid("'stations' must hold strings");
        auto id = s.get<std::string>();
        if (id != "*")
            TRY(validate_identifier("station", id));
        n.stations.push_back(std::move(id));
    }
    if (n.withdrawn)
        return n;

    n.starts = TRY(get_time(doc, "starts"));
    n.expires = TRY(get_time(doc, "expires"));
    if (n.expires <= n.starts)
        return invalid("it expires before it starts");
    if (n.expires - n.starts > kNoticeLongestSeconds)
        return invalid("it lasts more than 31 days; lasting information belongs in a content pack");
    auto mode = TRY(get_string(doc, "mode"));
    if (mode != "banner" && mode != "takeover")
        return invalid("'mode' must be banner or takeover, not '" + mode + "'");
    n.mode = mode == "takeover" ? NoticeMode::Takeover : NoticeMode::Banner;
    auto text = doc.find("text");
    if (text == doc.end() || !text->is_object() || text->empty())
        return invalid("'text' must give the notice in at least one language");
    for (const auto& [lang, value] : text->items()) {
        TRY(validate_language_code(lang));
        if (!value.is_string() || value.get<std::string>().empty())
            return invalid("text." + lang + " must be non-empty text");
        if (value.get<std::string>().size() > kNoticeTextCap)
            return invalid("text." + lang + " is longer than " + std::to_string(kNoticeTextCap) + " bytes");
        n.text[lang] = value.get<std::string>();
    }
    return n;
}

} // namespace

std::string Notice::to_bytes() const {
    json doc = json::object();
    doc["format"] = kNoticeFormat;
    doc["channel"] = channel;
    doc["id"] = id;
    doc["version"] = version;
    doc["created"] = static_cast<std::uint64_t>(created);
    doc["stations"] = stations;
    doc["signer"] = signer;
    if (withdrawn) {
        doc["withdrawn"] = true;
    } else {
        doc["starts"] = static_cast<std::uint64_t>(starts);
        doc["expires"] = static_cast<std::uint64_t>(expires);
        doc["mode"] = mode == NoticeMode::Takeover ? "takeover" : "banner";
        json t = json::object();
        for (const auto& [lang, value] : text)
            t[lang] = value;
        doc["text"] = std::move(t);
    }
    // Text that is not UTF-8 is replaced rather than thrown on; such a notice then fails its own checks.
    return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Notice> Notice::parse(std::string_view bytes) {
    if (bytes.size() > kNoticeFileCap)
        return make_error(ErrorCode::TooLarge,
                          "notice is larger than " + std::to_string(kNoticeFileCap) + " bytes");
    if (!json_nesting_within(bytes, 4)) // a notice nests two levels deep
        return invalid("nested too deeply");
    json doc = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return make_error(ErrorCode::Parse, "notice: not valid JSON");
    try {
        auto notice = TRY(parse_document(doc));
        // One spelling per notice: anything that does not re-encode to the same bytes is refused.
        if (notice.to_bytes() != bytes)
            return invalid("not in canonical form (sorted keys, no spaces)");
        return notice;
    } catch (const json::exception& e) {
        return make_error(ErrorCode::Parse, std::string("notice: ") + e.what());
    }
}

bool Notice::targets(std::string_view station) const {
    return targets_station(stations, station);
}

const std::string& Notice::text_in(std::string_view lang) const {
    static const std::string kNone;
    for (std::string_view l : {lang, std::string_view("en"), std::string_view("vi")})
        if (auto it = text.find(std::string(l)); it != text.end())
            return it->second;
    return text.empty() ? kNone : text.begin()->second;
}

std::string Notice::language_for(const std::vector<std::string>& on_screen) const {
    for (const auto& lang : on_screen)
        if (text.count(lang))
            return lang;
    for (const char* lang : {"en", "vi"})
        if (text.count(lang))
            return lang;
    return text.empty() ? std::string() : text.begin()->first;
}

std::string seal_notice(Notice notice, const SecretKey& key) {
    notice.signer = key.public_key().id();
    std::string bytes = notice.to_bytes();
    Signature sig = key.sign(SignedDocument::Notice, bytes);
    return bytes + "\n" + to_hex(sig) + "\n";
}

Result<Notice> open_notice(std::string_view file, const TrustedKeys& keys) {
    if (file.size() > kNoticeFileCap)
        return make_error(ErrorCode::TooLarge, "the notice file is larger than " +
                                                   std::to_string(kNoticeFileCap) +
                                                   " bytes; it is not a notice");
    if (file.empty() || file.front() != '{')
        return make_error(ErrorCode::Parse, "this is not a notice file");
    auto newline = file.find('\n');
    if (newline == std::string_view::npos || file.size() < newline + 1 + kSignatureHex + 1)
        return make_error(ErrorCode::Truncated,
                          "the notice file ends early (no signature line); copy it again");
    std::string_view document = file.substr(0, newline);
    std::string_view sig_line = file.substr(newline + 1);
    if (sig_line.size() != kSignatureHex + 1 || sig_line.back() != '\n')
        return make_error(ErrorCode::Parse, "the notice file has more than a notice and its signature");
    auto sig_bytes = from_hex(sig_line.substr(0, kSignatureHex));
    if (!sig_bytes || sig_bytes->size() != 64)
        return make_error(ErrorCode::Parse, "the notice's signature is not 128 lowercase hex digits");
    auto notice = TRY(Notice::parse(document));
    auto key = keys.find(notice.signer);
    if (!key)
        return make_error(ErrorCode::Signature, "the notice is signed by key " + notice.signer +
                                                    keys.why_untrusted(notice.signer));
    Signature sig{};
    std::copy(sig_bytes->begin(), sig_bytes->end(), sig.begin());
    if (!key->verify(SignedDocument::Notice, document, sig))
        return make_error(
            ErrorCode::Signature,
            "the notice's signature does not match its text (altered or damaged); copy it again "
            "from the original");
    TRY(keys.check_channel(notice.signer, notice.channel));
    return notice;
}

} // namespace kiosk
