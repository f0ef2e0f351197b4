// JSON encoding and validation of the compiled content document.
#include "content/content.hpp"

#include "pack/manifest.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

namespace kiosk {

using nlohmann::json;

namespace {

Error invalid(std::string message) {
    return make_error(ErrorCode::Invalid, "content: " + std::move(message));
}

json text_to_json(const LocalizedText& text) {
    json out = json::object();
    for (const auto& [lang, value] : text)
        out[lang] = value;
    return out;
}

Result<LocalizedText> text_from_json(const json& j, const std::string& where) {
    LocalizedText out;
    if (j.is_null())
        return out;
    if (!j.is_object())
        return invalid(where + " must map language codes to text");
    for (const auto& [lang, value] : j.items()) {
        TRY(validate_language_code(lang));
        if (!value.is_string())
            return invalid(where + "." + lang + " must be text");
        out[lang] = value.get<std::string>();
    }
    return out;
}

const char* layout_name(ProfileLayout layout) {
    return layout == ProfileLayout::Dual ? "dual" : "single";
}

Result<Content> from_json(const json& doc) {
    if (!doc.is_object())
        return invalid("the top level must be an object");
    if (doc.value("format", 0) != kContentFormat)
        return make_error(ErrorCode::Unsupported, "content format " + doc.value("format", json()).dump() +
                                                      " is not supported; update the kiosk software");
    Content c;
    c.channel = doc.at("channel").get<std::string>();
    c.name = TRY(text_from_json(doc.value("name", json()), "name"));
    for (const auto& lang : doc.at("languages")) {
        c.languages.push_back(lang.get<std::string>());
        TRY(validate_language_code(c.languages.back()));
    }
    if (c.languages.empty())
        return invalid("at least one language is required");
    c.default_language = doc.at("default_language").get<std::string>();
    if (std::find(c.languages.begin(), c.languages.end(), c.default_language) == c.languages.end())
        return invalid("the default language '" + c.default_language + "' is not among the languages");
    for (const auto& lang : doc.value("fallback", json::array()))
        c.fallback.push_back(lang.get<std::string>());
    for (const auto& p : doc.value("profiles", json::array())) {
        DisplayProfile profile;
        profile.name = p.at("name").get<std::string>();
        profile.width = p.at("width").get<int>();
        profile.height = p.at("height").get<int>();
        profile.touch = p.value("touch", true);
        auto layout = p.value("layout", std::string("single"));
        if (layout != "single" && layout != "dual")
            return invalid("profile '" + profile.name + "' has layout '" + layout + "' (use single or dual)");
        profile.layout = layout == "dual" ? ProfileLayout::Dual : ProfileLayout::Single;
        if (profile.width < 160 || profile.height < 120 || profile.width > 8192 || profile.height > 8192)
            return invalid("profile '" + profile.name + "' has an unusable size");
        c.profiles.push_back(profile);
    }
    for (const auto& font : doc.value("fonts", json::array())) {
        c.fonts.push_back(font.get<std::string>());
        TRY(validate_object_path(c.fonts.back()));
    }
    for (const auto& cat : doc.value("categories", json::array()))
        c.categories.push_back(
            {cat.at("id").get<std::string>(), TRY(text_from_json(cat.value("label", json()), "label"))});
    std::set<std::string> ids;
    for (const auto& s : doc.at("slides")) {
        Slide slide;
        slide.id = s.at("id").get<std::string>();
        if (!ids.insert(slide.id).second)
            return invalid("slide id '" + slide.id + "' appears twice");
        slide.category = s.value("category", std::string());
        slide.duration_ms = s.at("duration_ms").get<std::uint32_t>();
        if (slide.duration_ms < 1000 || slide.duration_ms > 3600 * 1000)
            return invalid("slide '" + slide.id + "' has a duration outside 1 s to 1 h");
        slide.image = s.value("image", std::string());
        if (!slide.image.empty())
            TRY(validate_object_path(slide.image));
        slide.title = TRY(text_from_json(s.value("title", json()), "slide '" + slide.id + "' title"));
        slide.body = TRY(text_from_json(s.value("body", json()), "slide '" + slide.id + "' body"));
        slide.caption = TRY(text_from_json(s.value("caption", json()), "slide '" + slide.id + "' caption"));
        slide.ellipsis = s.value("overflow", std::string("shrink")) == "ellipsis";
        slide.video = s.value("video", std::string());
        if (!slide.video.empty())
            TRY(validate_object_path(slide.video));
        slide.muted = s.value("muted", true);
        slide.loop = s.value("loop", true);
        slide.volume = s.value("volume", 1.0f);
        if (!(slide.volume >= 0.0f && slide.volume <= 1.0f))
            return invalid("slide '" + slide.id + "' has a volume outside 0 to 1");
        slide.subtitles =
            TRY(text_from_json(s.value("subtitles", json()), "slide '" + slide.id + "' subtitles"));
        for (const auto& [lang, path] : slide.subtitles)
            TRY(validate_object_path(path));
        if (!slide.subtitles.empty() && slide.video.empty())
            return invalid("slide '" + slide.id + "' has subtitles but no video");
        slide.map = s.value("map", std::string());
        if (!slide.map.empty())
            TRY(validate_object_path(slide.map));
        c.slides.push_back(std::move(slide));
    }
    return c;
}

} // namespace

const std::vector<DisplayProfile>& builtin_profiles() {
    static const std::vector<DisplayProfile> profiles = {
        {"landscape", 1920, 1080, true, ProfileLayout::Single},
        {"portrait", 1080, 1920, true, ProfileLayout::Single},
        {"led-wall", 1536, 768, false, ProfileLayout::Dual},
        {"led-small", 960, 480, false, ProfileLayout::Single},
    };
    return profiles;
}

std::string Content::to_json() const {
    json doc;
    doc["format"] = kContentFormat;
    doc["channel"] = channel;
    doc["name"] = text_to_json(name);
    doc["languages"] = languages;
    doc["default_language"] = default_language;
    doc["fallback"] = fallback;
    json profile_list = json::array();
    for (const auto& p : profiles)
        profile_list.push_back({{"name", p.name},
                                {"width", p.width},
                                {"height", p.height},
                                {"touch", p.touch},
                                {"layout", layout_name(p.layout)}});
    doc["profiles"] = profile_list;
    if (!fonts.empty())
        doc["fonts"] = fonts;
    json cats = json::array();
    for (const auto& cat : categories)
        cats.push_back({{"id", cat.id}, {"label", text_to_json(cat.label)}});
    doc["categories"] = cats;
    json slide_list = json::array();
    for (const auto& s : slides) {
        json j = {{"id", s.id},
                  {"category", s.category},
                  {"duration_ms", s.duration_ms},
                  {"title", text_to_json(s.title)},
                  {"body", text_to_json(s.body)},
                  {"caption", text_to_json(s.caption)}};
        if (!s.image.empty())
            j["image"] = s.image;
        if (s.ellipsis)
            j["overflow"] = "ellipsis";
        if (!s.video.empty()) {
            j["video"] = s.video;
            j["muted"] = s.muted;
            j["loop"] = s.loop;
            j["volume"] = s.volume;
            if (!s.subtitles.empty())
                j["subtitles"] = text_to_json(s.subtitles);
        }
        if (!s.map.empty())
            j["map"] = s.map;
        slide_list.push_back(std::move(j));
    }
    doc["slides"] = slide_list;
    return doc.dump(1);
}

Result<Content> Content::parse(std::string_view text) {
    if (text.size() > kContentCap)
        return make_error(ErrorCode::TooLarge,
                          "content document is larger than " + std::to_string(kContentCap) + " bytes");
    json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
        return make_error(ErrorCode::Parse, "content document is not valid JSON");
    try {
        return from_json(doc);
    } catch (const json::exception& e) {
        return make_error(ErrorCode::Invalid, std::string("content document: ") + e.what());
    }
}

const DisplayProfile* Content::find_profile(std::string_view wanted) const {
    for (const auto& p : profiles)
        if (p.name == wanted)
            return &p;
    for (const auto& p : builtin_profiles())
        if (p.name == wanted)
            return &p;
    return nullptr;
}

const Slide* Content::find_slide(std::string_view id) const {
    for (const auto& s : slides)
        if (s.id == id)
            return &s;
    return nullptr;
}

ResolvedText Content::resolve(const LocalizedText& text, std::string_view lang) const {
    auto try_lang = [&](std::string_view l) -> const std::string* {
        auto it = text.find(std::string(l));
        return it != text.end() && !it->second.empty() ? &it->second : nullptr;
    };
    if (auto* s = try_lang(lang))
        return {*s, std::string(lang)};
    for (const auto& l : fallback)
        if (auto* s = try_lang(l))
            return {*s, l};
    if (auto* s = try_lang(default_language))
        return {*s, default_language};
    return {};
}

Status validate_language_code(std::string_view code) {
    bool ok = code.size() >= 2 && code.size() <= 12;
    for (size_t i = 0; ok && i < code.size(); ++i) {
        char c = code[i];
        ok = (c >= 'a' && c <= 'z') || (i >= 2 && (c == '-' || (c >= 'A' && c <= 'Z')));
    }
    if (!ok)
        return make_error(ErrorCode::Invalid,
                          "'" + std::string(code) +
                              "' is not a language code (use e.g. vi, en, lo, km, th, zh)");
    return {};
}

std::string native_language_name(std::string_view code) {
    static const std::map<std::string, std::string, std::less<>> names = {
        {"vi", "Tiếng Việt"}, {"en", "English"},  {"lo", "ພາສາລາວ"}, {"km", "ភាសាខ្មែរ"}, {"zh", "中文"},
        {"th", "ภาษาไทย"},    {"fr", "Français"}, {"ru", "Русский"}, {"ko", "한국어"},   {"ja", "日本語"},
    };
    auto it = names.find(code);
    return it != names.end() ? it->second : std::string(code);
}

} // namespace kiosk

#include "pack/object_source.hpp"

namespace kiosk {

Result<Content> load_content(const ObjectSource& objects) {
    auto bytes = TRY(objects.read(kContentPath));
    auto content = TRY(Content::parse(bytes));
    if (content.channel != objects.manifest().channel)
        return make_error(ErrorCode::Invalid, "content: the content document is for channel '" +
                                                  content.channel + "' but the pack is for '" +
                                                  objects.manifest().channel + "'");
    auto require = [&](const Slide& slide, const char* what, const std::string& path) -> Status {
        if (path.empty() || objects.manifest().find(path))
            return {};
        return make_error(ErrorCode::Invalid, "content: slide '" + slide.id + "' names " + what + " '" +
                                                  path + "', which is not in the pack");
    };
    for (const auto& slide : content.slides) {
        TRY(require(slide, "image", slide.image));
        TRY(require(slide, "video", slide.video));
        TRY(require(slide, "map", slide.map));
        for (const auto& [lang, path] : slide.subtitles)
            TRY(require(slide, "subtitles", path));
    }
    return content;
}

} // namespace kiosk
