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

json times_to_json(const ShowTimes& t) {
    json out = json::object();
    if (t.from)
        out["from"] = format_local_datetime(*t.from);
    if (t.until)
        out["until"] = format_local_datetime(*t.until);
    if (t.weekdays != ShowTimes::kEveryDay) {
        json days = json::array();
        for (int d = 0; d < 7; ++d)
            if (t.weekdays & (1u << d))
                days.push_back(weekday_name(d));
        out["weekdays"] = days;
    }
    if (!t.times.empty()) {
        json spans = json::array();
        for (const auto& w : t.times)
            spans.push_back(format_daily_window(w));
        out["times"] = spans;
    }
    if (t.priority != 0)
        out["priority"] = t.priority;
    return out;
}

Result<ShowTimes> times_from_json(const json& j, const std::string& where) {
    ShowTimes t;
    if (j.is_null())
        return t;
    if (!j.is_object())
        return invalid(where + " times must be an object");
    auto with_where = [&](const Error& e) { return invalid(where + ": " + e.message); };
    if (j.contains("from")) {
        auto v = parse_local_datetime(j.at("from").get<std::string>());
        if (!v)
            return with_where(v.error());
        t.from = *v;
    }
    if (j.contains("until")) {
        auto v = parse_local_datetime(j.at("until").get<std::string>());
        if (!v)
            return with_where(v.error());
        t.until = *v;
    }
    if (t.from && t.until && *t.until <= *t.from)
        return invalid(where + " ends before it starts");
    if (j.contains("weekdays")) {
        t.weekdays = 0;
        for (const auto& day : j.at("weekdays")) {
            auto d = parse_weekday(day.get<std::string>());
            if (!d)
                return with_where(d.error());
            t.weekdays |= static_cast<std::uint8_t>(1u << *d);
        }
        if (t.weekdays == 0)
            return invalid(where + " names no weekday");
    }
    for (const auto& span : j.value("times", json::array())) {
        auto w = parse_daily_window(span.get<std::string>());
        if (!w)
            return with_where(w.error());
        t.times.push_back(*w);
    }
    t.priority = j.value("priority", 0);
    if (t.priority < 0 || t.priority > 100)
        return invalid(where + " has a priority outside 0 to 100");
    return t;
}

const char* showing_name(Showing showing) {
    return showing == Showing::Attract ? "attract" : showing == Showing::Browse ? "browse" : "both";
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
    for (const auto& cat : doc.value("categories", json::array())) {
        c.categories.push_back({cat.at("id").get<std::string>(), TRY(text_from_json(cat.value("label", json()), "label")),
                                cat.value("icon", std::string())});
        if (!c.categories.back().icon.empty())
            TRY(validate_object_path(c.categories.back().icon));
    }
    for (const auto& name : doc.value("keep_together", json::array()))
        c.keep_together.push_back(name.get<std::string>());
    if (auto ok = validate_kept_names(c.keep_together); !ok)
        return invalid("keep_together: " + ok.error().message);
    const json ui = doc.value("ui", json::object());
    for (const auto& [id, text] : ui.items())
        c.ui[id] = TRY(text_from_json(text, "ui." + id));
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
        for (const auto& picture : s.value("gallery", json::array())) {
            slide.gallery.push_back(picture.get<std::string>());
            TRY(validate_object_path(slide.gallery.back()));
        }
        slide.link = s.value("link", std::string());
        if (slide.link.size() > 1000)
            return invalid("slide '" + slide.id + "' has a link longer than 1000 characters");
        auto showing = s.value("show", std::string("both"));
        if (showing != "both" && showing != "attract" && showing != "browse")
            return invalid("slide '" + slide.id + "' has show '" + showing + "' (use both, attract or browse)");
        slide.showing = showing == "attract" ? Showing::Attract : showing == "browse" ? Showing::Browse : Showing::Both;
        slide.times = TRY(times_from_json(s.value("times", json()), "slide '" + slide.id + "'"));
        c.slides.push_back(std::move(slide));
    }
    std::set<std::string> playlist_ids;
    for (const auto& p : doc.value("playlists", json::array())) {
        Playlist playlist;
        playlist.id = p.at("id").get<std::string>();
        if (!playlist_ids.insert(playlist.id).second)
            return invalid("playlist id '" + playlist.id + "' appears twice");
        for (const auto& id : p.at("slides")) {
            playlist.slides.push_back(id.get<std::string>());
            if (!ids.count(playlist.slides.back()))
                return invalid("playlist '" + playlist.id + "' names slide '" + playlist.slides.back() +
                               "', which the content does not have");
        }
        playlist.times = TRY(times_from_json(p.value("times", json()), "playlist '" + playlist.id + "'"));
        c.playlists.push_back(std::move(playlist));
    }
    for (const auto& m : doc.value("merge", json::array())) {
        MergeRule rule{m.at("channel").get<std::string>(), m.value("every", 0), m.value("browse", true)};
        TRY(validate_identifier("merged channel", rule.channel));
        if (rule.every < 0 || rule.every > 1000)
            return invalid("merge rule for '" + rule.channel + "' has 'every' outside 0 to 1000");
        c.merge.push_back(std::move(rule));
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
    for (const auto& cat : categories) {
        cats.push_back({{"id", cat.id}, {"label", text_to_json(cat.label)}});
        if (!cat.icon.empty())
            cats.back()["icon"] = cat.icon;
    }
    doc["categories"] = cats;
    if (!ui.empty()) {
        json strings = json::object();
        for (const auto& [id, text] : ui)
            strings[id] = text_to_json(text);
        doc["ui"] = strings;
    }
    if (!keep_together.empty())
        doc["keep_together"] = keep_together;
    if (!playlists.empty()) {
        json list = json::array();
        for (const auto& p : playlists)
            list.push_back({{"id", p.id}, {"slides", p.slides}, {"times", times_to_json(p.times)}});
        doc["playlists"] = list;
    }
    if (!merge.empty()) {
        json list = json::array();
        for (const auto& m : merge)
            list.push_back({{"channel", m.channel}, {"every", m.every}, {"browse", m.browse}});
        doc["merge"] = list;
    }
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
        if (!s.gallery.empty())
            j["gallery"] = s.gallery;
        if (!s.link.empty())
            j["link"] = s.link;
        if (s.showing != Showing::Both)
            j["show"] = showing_name(s.showing);
        if (!(s.times == ShowTimes{}))
            j["times"] = times_to_json(s.times);
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

std::string unknown_profile_message(std::string_view name, const Content* content) {
    std::vector<std::string> names;
    for (const auto& p : content ? content->profiles : std::vector<DisplayProfile>{})
        names.push_back(p.name);
    for (const auto& p : builtin_profiles())
        if (std::find(names.begin(), names.end(), p.name) == names.end())
            names.push_back(p.name);
    std::string list;
    for (const auto& n : names)
        list += (list.empty() ? "" : ", ") + n;
    return "unknown display profile '" + std::string(name) + "'; the profiles are " + list +
           (content ? "" : " (and those the content defines)");
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

const Category* Content::find_category(std::string_view id) const {
    for (const auto& c : categories)
        if (c.id == id)
            return &c;
    return nullptr;
}

std::vector<const Playlist*> Content::playlists_of(std::string_view slide) const {
    std::vector<const Playlist*> out;
    for (const auto& p : playlists)
        if (std::find(p.slides.begin(), p.slides.end(), slide) != p.slides.end())
            out.push_back(&p);
    return out;
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

Status validate_kept_name(std::string_view name) {
    auto wrong = [&](const std::string& why) {
        return make_error(ErrorCode::Invalid, "\"" + std::string(name) + "\" " + why);
    };
    if (name.empty())
        return make_error(ErrorCode::Invalid, "a name is empty; remove the \"\"");
    if (name.size() > kKeptNameMostBytes)
        return wrong("is longer than " + std::to_string(kKeptNameMostBytes) +
                     " bytes; list the name itself, not a sentence");
    for (std::size_t i = 0; i < name.size(); ++i) {
        auto c = static_cast<unsigned char>(name[i]);
        auto next = i + 1 < name.size() ? static_cast<unsigned char>(name[i + 1]) : 0;
        auto third = i + 2 < name.size() ? static_cast<unsigned char>(name[i + 2]) : 0;
        // C0 controls and DEL, C1 controls (U+0080..U+009F), and the line and paragraph separators.
        if (c < 0x20 || c == 0x7f || (c == 0xc2 && next >= 0x80 && next <= 0x9f) ||
            (c == 0xe2 && next == 0x80 && (third == 0xa8 || third == 0xa9)))
            return wrong("holds a control character or line break; type the name again on one line");
    }
    if (name.front() == ' ' || name.back() == ' ')
        return wrong("begins or ends with a space; remove it");
    return {};
}

Status validate_kept_names(const std::vector<std::string>& names) {
    if (names.size() > kKeptNamesMost)
        return make_error(ErrorCode::Invalid, "lists " + std::to_string(names.size()) + " names, more than " +
                                                  std::to_string(kKeptNamesMost));
    std::set<std::string_view> seen;
    for (const auto& name : names) {
        TRY(validate_kept_name(name));
        if (!seen.insert(name).second)
            return make_error(ErrorCode::Invalid, "\"" + name + "\" is listed twice");
    }
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
    for (const auto& category : content.categories)
        if (!category.icon.empty() && !objects.manifest().find(category.icon))
            return make_error(ErrorCode::Invalid, "content: category '" + category.id + "' names icon '" +
                                                      category.icon + "', which is not in the pack");
    for (const auto& slide : content.slides) {
        TRY(require(slide, "image", slide.image));
        TRY(require(slide, "video", slide.video));
        TRY(require(slide, "map", slide.map));
        for (const auto& picture : slide.gallery)
            TRY(require(slide, "gallery picture", picture));
        for (const auto& [lang, path] : slide.subtitles)
            TRY(require(slide, "subtitles", path));
    }
    return content;
}

} // namespace kiosk
