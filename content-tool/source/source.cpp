// Reading project.toml and slides/*.toml with toml++, checking every rule an editor can break.
#include "source/source.hpp"

#include "content/subtitles.hpp"
#include "content/ui_text.hpp"
#include "media/media_playback.hpp"
#include "media/video_transcode.hpp"
#include "pack/manifest.hpp"
#include "platform/linux/files.hpp"
#include "source/essential_check.hpp"
#include "source/kept_names.hpp"
#include "source/nfc.hpp"
#include "source/source_image.hpp"
#include "text/font_face.hpp"

#include <SDL_image.h>
#include <algorithm>
#include <atomic>
#include <fstream>
#include <map>
#include <thread>
#include <set>
#include <SDL_thread.h>
#include <toml++/toml.h>

namespace content_tool {

namespace {

constexpr std::uintmax_t kMaxSourceFile = 1 << 20;

// Whether build can prepare the film: probed and its first frames decoded as build does.
kiosk::Status plan_video_status(const fs::path& film) {
    auto plan = plan_video(film, MediaLimits{});
    if (!plan)
        return plan.error();
    return {};
}

int line_of(const toml::node& node) {
    return static_cast<int>(node.source().begin.line);
}

// The line where a """ or ''' text that is never closed begins, or 0: toml++ notices only at the end of
// the file, which is no help to the editor who forgot the closing quotes.
int unclosed_multiline_text(std::string_view text) {
    enum class In { Code, Comment, Basic, Literal, LongBasic, LongLiteral } in = In::Code;
    int line = 1, opened = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        bool triple = i + 2 < text.size() && text[i + 1] == c && text[i + 2] == c;
        if (c == '\n') {
            ++line;
            if (in == In::Comment || in == In::Basic || in == In::Literal)
                in = In::Code;
            continue;
        }
        switch (in) {
        case In::Code:
            if (c == '#')
                in = In::Comment;
            else if ((c == '"' || c == '\'') && triple) {
                in = c == '"' ? In::LongBasic : In::LongLiteral;
                opened = line;
                i += 2;
            } else if (c == '"')
                in = In::Basic;
            else if (c == '\'')
                in = In::Literal;
            break;
        case In::Basic:
            if (c == '\\')
                ++i;
            else if (c == '"')
                in = In::Code;
            break;
        case In::Literal:
            if (c == '\'')
                in = In::Code;
            break;
        case In::LongBasic:
        case In::LongLiteral:
            if (in == In::LongBasic && c == '\\')
                ++i;
            else if (c == (in == In::LongBasic ? '"' : '\'') && triple) {
                in = In::Code;
                i += 2;
            }
            break;
        case In::Comment:
            break;
        }
    }
    return in == In::LongBasic || in == In::LongLiteral ? opened : 0;
}

// toml++'s words for a text in quotes left open ("unescaped control characters ...", "encountered
// end-of-file") become what the editor did and where: a closing quote is probably missing.
void report_toml_error(const fs::path& file, const toml::parse_error& e, Diagnostics& d) {
    std::string why(e.description());
    int line = static_cast<int>(e.source().begin.line);
    bool in_text = why.find(" string:") != std::string::npos; // "parsing string:", "parsing literal string:"
    std::string quote = why.find("literal string") != std::string::npos ? "(')" : "(\")";
    if (in_text && why.find("control characters") != std::string::npos) {
        // The control character is the line's end when the quote was not closed on that line.
        std::ifstream in(file);
        std::string text;
        for (int n = 0; n < line && std::getline(in, text); ++n) {
        }
        if (!text.empty() && text.back() == '\r')
            text.pop_back();
        // toml++ counts columns in characters, not bytes.
        auto characters = static_cast<std::size_t>(
            std::count_if(text.begin(), text.end(), [](unsigned char ch) { return (ch & 0xC0) != 0x80; }));
        if (e.source().begin.column > characters) {
            d.error(file, line,
                    "a text in quotes is not closed on this line: a closing quote " + quote +
                        " is probably missing (a text over several lines goes between \"\"\" and \"\"\")");
            return;
        }
        d.error(file, line, "a text in quotes holds an invisible control character; delete it and type the text "
                            "again (a line break inside quotes is written \\n)");
        return;
    }
    if (in_text && why.find("end-of-file") != std::string::npos) {
        std::ifstream in(file, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (int opened = unclosed_multiline_text(text)) {
            d.error(file, opened,
                    "a text that starts with three quotes here is never closed: the closing \"\"\" (or \'\'\') is "
                    "probably missing");
            return;
        }
        d.error(file, line,
                "a text in quotes is not closed before the end of the file: a closing quote " + quote +
                    " is probably missing");
        return;
    }
    d.error(file, line, "TOML syntax: " + why);
}

std::optional<toml::table> parse_toml(const fs::path& file, Diagnostics& d) {
    std::error_code ec;
    auto size = fs::file_size(file, ec);
    if (ec) {
        d.error(file, 0, "cannot read: " + ec.message());
        return std::nullopt;
    }
    if (size > kMaxSourceFile) {
        d.error(file, 0, "file is larger than 1 MiB; split it up");
        return std::nullopt;
    }
    try {
        return toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        report_toml_error(file, e, d);
        return std::nullopt;
    }
}

void check_known_keys(const toml::table& table, std::initializer_list<std::string_view> known,
                      const fs::path& file, Diagnostics& d) {
    for (const auto& [key, value] : table) {
        if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
            std::string list;
            for (auto k : known)
                list += (list.empty() ? "" : ", ") + std::string(k);
            d.error(file, line_of(value),
                    "unknown key '" + std::string(key.str()) + "' (expected one of: " + list + ")");
        }
    }
}

// 'key', for messages.
std::string quoted(std::string_view key) {
    std::string out;
    out.reserve(key.size() + 2);
    out.append(1, '\'').append(key).append(1, '\'');
    return out;
}

std::optional<std::string> get_string(const toml::table& t, std::string_view key, const fs::path& file,
                                      Diagnostics& d, bool required, int table_line) {
    const toml::node* node = t.get(key);
    if (!node) {
        if (required)
            d.error(file, table_line, "missing " + quoted(key));
        return std::nullopt;
    }
    if (!node->is_string()) {
        d.error(file, line_of(*node), quoted(key) + " must be text in quotes");
        return std::nullopt;
    }
    return node->value<std::string>();
}

std::vector<std::string> get_string_list(const toml::table& t, std::string_view key, const fs::path& file,
                                         Diagnostics& d, bool required) {
    std::vector<std::string> out;
    const toml::node* node = t.get(key);
    if (!node) {
        if (required)
            d.error(file, 1, "missing " + quoted(key) + " (a list like [\"a\", \"b\"])");
        return out;
    }
    const toml::array* arr = node->as_array();
    if (!arr) {
        d.error(file, line_of(*node), quoted(key) + " must be a list like [\"a\", \"b\"]");
        return out;
    }
    for (const auto& item : *arr) {
        if (!item.is_string())
            d.error(file, line_of(item), quoted(key) + " must hold only text values");
        else
            out.push_back(*item.value<std::string>());
    }
    return out;
}

// A [table] of language -> text, such as [title] or [body].
kiosk::LocalizedText get_localized(const toml::table& t, std::string_view key, const fs::path& file,
                                   Diagnostics& d, const std::vector<std::string>& languages,
                                   std::map<std::string, int>* lines = nullptr) {
    kiosk::LocalizedText out;
    const toml::node* node = t.get(key);
    if (!node)
        return out;
    if (lines)
        (*lines)[std::string(key)] = line_of(*node);
    const toml::table* table = node->as_table();
    if (!table) {
        d.error(file, line_of(*node),
                quoted(key) + " must be a table of languages, e.g. [" + std::string(key) +
                    "] with lines vi = \"...\"");
        return out;
    }
    for (const auto& [lang, value] : *table) {
        std::string code(lang.str());
        if (!kiosk::validate_language_code(code)) {
            d.error(file, line_of(value),
                    "'" + code + "' is not a language code (use vi, en, lo, km, th, zh, ...)");
            continue;
        }
        if (!value.is_string()) {
            d.error(file, line_of(value), std::string(key) + "." + code + " must be text in quotes");
            continue;
        }
        // Without a readable list of languages (an error already), every text would be warned about.
        if (!languages.empty() && std::find(languages.begin(), languages.end(), code) == languages.end())
            d.warning(file, line_of(value),
                      std::string(key) + "." + code + ": language '" + code +
                          "' is not in the project's languages and will never be shown");
        out[code] = to_nfc(*value.value<std::string>());
        if (lines)
            (*lines)[std::string(key) + "." + code] = line_of(value);
    }
    return out;
}

void load_profiles(const toml::table& t, const fs::path& file, Diagnostics& d, kiosk::Content& content) {
    const toml::node* node = t.get("profile");
    if (!node)
        return;
    const toml::array* arr = node->as_array();
    if (!arr) {
        d.error(file, line_of(*node), "profiles are written as [[profile]] tables");
        return;
    }
    for (const auto& item : *arr) {
        const toml::table* pt = item.as_table();
        if (!pt)
            continue;
        check_known_keys(*pt, {"name", "width", "height", "touch", "layout"}, file, d);
        kiosk::DisplayProfile p;
        p.name = get_string(*pt, "name", file, d, true, line_of(item)).value_or("");
        p.width = static_cast<int>((*pt)["width"].value_or<int64_t>(0));
        p.height = static_cast<int>((*pt)["height"].value_or<int64_t>(0));
        p.touch = (*pt)["touch"].value_or(true);
        auto layout = (*pt)["layout"].value_or<std::string>("single");
        if (p.width < 160 || p.height < 120 || p.width > 8192 || p.height > 8192)
            d.error(file, line_of(item),
                    "profile '" + p.name + "' needs width and height between 160x120 and 8192x8192");
        if (layout != "single" && layout != "dual")
            d.error(file, line_of(item), "profile '" + p.name + "' layout must be \"single\" or \"dual\"");
        p.layout = layout == "dual" ? kiosk::ProfileLayout::Dual : kiosk::ProfileLayout::Single;
        content.profiles.push_back(p);
    }
}

// The path of an existing file that differs from `rel` only in letter case ("media/gate.JPG" for
// "media/gate.jpg"), which the office's computer may open but a station's file system will not.
std::optional<std::string> same_name_but_case(const fs::path& root, const fs::path& rel) {
    auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
        return s;
    };
    fs::path found;
    std::error_code ec;
    for (const auto& part : rel) {
        fs::path exact = root / found / part;
        if (fs::exists(exact, ec)) {
            found /= part;
            continue;
        }
        std::optional<fs::path> match;
        for (const auto& entry : fs::directory_iterator(root / found, ec))
            if (lower(entry.path().filename().string()) == lower(part.string()))
                match = entry.path().filename();
        if (!match)
            return std::nullopt;
        found /= *match;
    }
    if (!fs::is_regular_file(root / found, ec))
        return std::nullopt;
    return found.generic_string();
}

// A file the project refers to: inside its folder, a regular file and not a link, with a name a pack can
// hold. Reports what is wrong and returns nothing when it is not.
std::optional<fs::path> referenced_file(const fs::path& root, const std::string& name, const fs::path& file,
                                        int line, Diagnostics& d, const std::string& what) {
    fs::path rel(name);
    std::error_code ec;
    fs::path full = root / rel;
    auto canonical_root = fs::weakly_canonical(root, ec);
    auto canonical = fs::weakly_canonical(full, ec);
    auto [root_end, _] =
        std::mismatch(canonical_root.begin(), canonical_root.end(), canonical.begin(), canonical.end());
    if (fs::is_symlink(full, ec))
        d.error(file, line,
                what + " '" + name + "' is a symbolic link; copy the file itself into the content folder");
    else if (rel.is_absolute() || root_end != canonical_root.end())
        d.error(file, line, what + " '" + name + "' must be inside the content folder");
    else if (!fs::is_regular_file(full, ec)) {
        auto other = same_name_but_case(root, rel);
        if (other)
            d.error(file, line,
                    what + " '" + name + "' does not exist; did you mean " + *other +
                        "? Names are case-sensitive on the station: rename the file or write the name as it is");
        else
            d.error(file, line, what + " '" + name + "' does not exist");
    }
    else if (auto ok = kiosk::validate_object_path(rel.generic_string()); !ok)
        d.error(file, line,
                what + " '" + name + "': rename it using only letters a-z, digits, '.', '_' or '-'");
    else
        return full;
    return std::nullopt;
}

// A date as editors write it: a TOML date or date-time (2026-04-30, 2026-04-30T17:00:00) or the same in
// quotes, in the station's local time.
std::optional<std::int64_t> get_local_datetime(const toml::table& t, std::string_view key, const fs::path& file,
                                               Diagnostics& d) {
    const toml::node* node = t.get(key);
    if (!node)
        return std::nullopt;
    std::string text;
    char buf[32];
    if (auto date = node->value<toml::date>()) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date->year, date->month, date->day);
        text = buf;
    } else if (const auto* dt = node->as_date_time()) {
        const auto& v = dt->get();
        if (v.offset)
            d.warning(file, line_of(*node),
                      quoted(key) + ": the time zone offset is ignored; schedules follow the station's local time");
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", v.date.year, v.date.month, v.date.day,
                      v.time.hour, v.time.minute);
        text = buf;
    } else if (node->is_string()) {
        text = *node->value<std::string>();
    } else {
        d.error(file, line_of(*node), quoted(key) + " must be a date like 2026-04-30 or 2026-04-30T17:00:00");
        return std::nullopt;
    }
    auto minute = kiosk::parse_local_datetime(text);
    if (!minute) {
        d.error(file, line_of(*node), quoted(key) + ": " + minute.error().message);
        return std::nullopt;
    }
    return *minute;
}

// from, until, weekdays, times and priority of a slide's [schedule] table or a [[playlist]].
kiosk::ShowTimes get_show_times(const toml::table& t, const fs::path& file, Diagnostics& d, int table_line) {
    kiosk::ShowTimes times;
    times.from = get_local_datetime(t, "from", file, d);
    times.until = get_local_datetime(t, "until", file, d);
    if (times.from && times.until && *times.until <= *times.from)
        d.error(file, table_line, "'until' must come after 'from'");
    if (t.get("weekdays")) {
        times.weekdays = 0;
        bool wrong = false;
        for (const auto& day : get_string_list(t, "weekdays", file, d, false)) {
            if (auto w = kiosk::parse_weekday(day))
                times.weekdays |= static_cast<std::uint8_t>(1u << *w);
            else {
                d.error(file, line_of(*t.get("weekdays")), w.error().message);
                wrong = true;
            }
        }
        if (times.weekdays == 0 && !wrong)
            d.error(file, line_of(*t.get("weekdays")), "'weekdays' must name at least one day, e.g. [\"sat\", \"sun\"]");
    }
    for (const auto& span : get_string_list(t, "times", file, d, false)) {
        if (auto w = kiosk::parse_daily_window(span))
            times.times.push_back(*w);
        else
            d.error(file, line_of(*t.get("times")), w.error().message);
    }
    if (const toml::node* node = t.get("priority")) {
        auto value = node->value<std::int64_t>();
        if (!value || *value < 0 || *value > 100)
            d.error(file, line_of(*node), "priority must be a whole number from 0 (usual) to 100");
        else
            times.priority = static_cast<int>(*value);
    }
    return times;
}

// [[playlist]] id, slides and times (checked against the slides once they are read), and [[merge]]
// rules for other publishers' channels.
void load_playlists_and_merge(const toml::table& t, const fs::path& file, Diagnostics& d, SourceProject& project) {
    kiosk::Content& c = project.content;
    if (const toml::node* node = t.get("playlist")) {
        const toml::array* arr = node->as_array();
        if (!arr)
            d.error(file, line_of(*node), "playlists are written as [[playlist]] tables");
        static const toml::array kNone;
        for (const auto& item : arr ? *arr : kNone) {
            const toml::table* pt = item.as_table();
            if (!pt)
                continue;
            check_known_keys(*pt, {"id", "slides", "from", "until", "weekdays", "times", "priority"}, file, d);
            kiosk::Playlist p;
            p.id = get_string(*pt, "id", file, d, true, line_of(item)).value_or("");
            if (auto ok = kiosk::validate_identifier("playlist", p.id); !ok)
                d.error(file, line_of(item), ok.error().message);
            p.slides = get_string_list(*pt, "slides", file, d, true);
            p.times = get_show_times(*pt, file, d, line_of(item));
            for (const auto& other : c.playlists)
                if (other.id == p.id)
                    d.error(file, line_of(item), "playlist '" + p.id + "' is defined twice");
            project.lines["playlist." + p.id] = line_of(item);
            c.playlists.push_back(std::move(p));
        }
    }
    if (const toml::node* node = t.get("merge")) {
        const toml::array* arr = node->as_array();
        if (!arr)
            d.error(file, line_of(*node), "merge rules are written as [[merge]] tables");
        static const toml::array kNone;
        for (const auto& item : arr ? *arr : kNone) {
            const toml::table* mt = item.as_table();
            if (!mt)
                continue;
            check_known_keys(*mt, {"channel", "every", "browse"}, file, d);
            kiosk::MergeRule rule;
            rule.channel = get_string(*mt, "channel", file, d, true, line_of(item)).value_or("");
            if (auto ok = kiosk::validate_identifier("channel", rule.channel); !ok)
                d.error(file, line_of(item), ok.error().message);
            if (rule.channel == c.channel)
                d.error(file, line_of(item), "a channel cannot merge itself; name another publisher's channel");
            auto every = (*mt)["every"].value_or<std::int64_t>(0);
            if (every < 0 || every > 1000)
                d.error(file, line_of(item), "'every' must be from 0 (after our whole loop) to 1000");
            rule.every = static_cast<int>(every);
            rule.browse = (*mt)["browse"].value_or(true);
            c.merge.push_back(std::move(rule));
        }
    }
}

// [ui.home] vi = "...": the content's own words for the kiosk's buttons and prompts.
void load_ui_words(const toml::table& t, const fs::path& file, Diagnostics& d, kiosk::Content& c) {
    const toml::node* node = t.get("ui");
    if (!node)
        return;
    const toml::table* ui = node->as_table();
    if (!ui) {
        d.error(file, line_of(*node), "'ui' is written as tables like [ui.home] with lines vi = \"...\"");
        return;
    }
    for (const auto& [key, value] : *ui) {
        std::string id(key.str());
        if (!kiosk::is_ui_word(id)) {
            d.error(file, line_of(value), "ui." + id + " is not a word the kiosk shows (" + kiosk::ui_word_list() + ")");
            continue;
        }
        c.ui[id] = get_localized(*ui, id, file, d, c.languages);
    }
}

void load_project(const fs::path& file, Diagnostics& d, SourceProject& project) {
    auto table = parse_toml(file, d);
    if (!table)
        return;
    auto& t = *table;
    check_known_keys(t,
                     {"channel", "stations", "languages", "default_language", "fallback", "name", "category",
                      "profile", "fonts", "playlist", "merge", "ui", "keep_together"},
                     file, d);
    kiosk::Content& c = project.content;
    c.channel = get_string(t, "channel", file, d, true, 1).value_or("");
    if (!c.channel.empty())
        if (auto ok = kiosk::validate_identifier("channel", c.channel); !ok)
            d.error(file, line_of(*t.get("channel")), ok.error().message);
    for (const auto& font : get_string_list(t, "fonts", file, d, false)) {
        int line = line_of(*t.get("fonts"));
        auto full = referenced_file(project.root, font, file, line, d, "font");
        if (!full)
            continue;
        auto ext = full->extension().string();
        auto bytes = kiosk::platform::read_file(*full, 64ull << 20);
        auto loaded = bytes ? kiosk::FontLibrary::from_bytes(font, std::move(bytes.value()))
                            : kiosk::Result<std::shared_ptr<const kiosk::FontFile>>(bytes.error());
        if (ext != ".ttf" && ext != ".otf" && ext != ".ttc")
            d.error(file, line, "font '" + font + "' is not a .ttf, .otf or .ttc file");
        else if (!loaded)
            d.error(file, line,
                    "font '" + font + "': " + loaded.error().message + "; use an OpenType font file");
        else {
            c.fonts.push_back(fs::path(font).generic_string());
            project.font_files.push_back(*full);
            project.fonts.push_back(std::move(loaded.value()));
        }
    }
    project.stations = get_string_list(t, "stations", file, d, true);
    if (t.get("stations") && t.get("stations")->is_array() && t.get("stations")->as_array()->empty())
        d.error(file, line_of(*t.get("stations")),
                "'stations' must name at least one station id, or \"*\" for all");
    for (const auto& s : project.stations)
        if (s != "*")
            if (auto ok = kiosk::validate_identifier("station", s); !ok)
                d.error(file, line_of(*t.get("stations")), ok.error().message);
    c.languages = get_string_list(t, "languages", file, d, true);
    for (const auto& lang : c.languages)
        if (auto ok = kiosk::validate_language_code(lang); !ok)
            d.error(file, line_of(*t.get("languages")), ok.error().message);
    if (t.get("languages") && t.get("languages")->is_array() && t.get("languages")->as_array()->empty())
        d.error(file, line_of(*t.get("languages")), "'languages' must list at least one language");
    c.default_language = get_string(t, "default_language", file, d, true, 1).value_or("");
    // The languages' own error says what to fix; checking other keys against no languages would only
    // repeat it.
    if (!c.default_language.empty() && !c.languages.empty() &&
        std::find(c.languages.begin(), c.languages.end(), c.default_language) == c.languages.end())
        d.error(file, line_of(*t.get("default_language")),
                "default_language '" + c.default_language + "' is not one of the project's languages");
    c.fallback = get_string_list(t, "fallback", file, d, false);
    for (const auto& lang : c.fallback)
        if (!c.languages.empty() && std::find(c.languages.begin(), c.languages.end(), lang) == c.languages.end())
            d.error(file, line_of(*t.get("fallback")),
                    "fallback language '" + lang + "' is not one of the project's languages");
    c.name = get_localized(t, "name", file, d, c.languages);
    if (!c.default_language.empty() && !c.name.count(c.default_language))
        d.error(file, 1,
                "[name] needs the station or project name in the default language (" + c.default_language +
                    ")");

    std::set<std::string> category_ids;
    if (const toml::node* node = t.get("category")) {
        if (const toml::array* arr = node->as_array()) {
            for (const auto& item : *arr) {
                const toml::table* ct = item.as_table();
                if (!ct)
                    continue;
                check_known_keys(*ct, {"id", "label", "icon"}, file, d);
                kiosk::Category cat;
                cat.id = get_string(*ct, "id", file, d, true, line_of(item)).value_or("");
                if (auto ok = kiosk::validate_identifier("category", cat.id); !ok)
                    d.error(file, line_of(item), ok.error().message);
                if (!category_ids.insert(cat.id).second)
                    d.error(file, line_of(item), "category '" + cat.id + "' is defined twice");
                cat.label = get_localized(*ct, "label", file, d, c.languages);
                if (auto icon = get_string(*ct, "icon", file, d, false, line_of(item))) {
                    int line = line_of(*ct->get("icon"));
                    if (auto full = referenced_file(project.root, *icon, file, line, d, "icon")) {
                        if (!media_kind(*full))
                            d.error(file, line, "icon '" + *icon + "' is not a PNG, JPEG or SVG file");
                        else {
                            cat.icon = fs::path(*icon).generic_string();
                            project.icon_files[cat.id] = *full;
                        }
                    }
                }
                for (const auto& lang : c.languages)
                    if (!cat.label.count(lang))
                        d.warning(file, line_of(item),
                                  "category '" + cat.id + "' has no label in '" + lang + "'");
                project.lines["category." + cat.id] = line_of(item);
                c.categories.push_back(std::move(cat));
            }
        } else {
            d.error(file, line_of(*node), "categories are written as [[category]] tables");
        }
    }
    load_profiles(t, file, d, c);
    load_playlists_and_merge(t, file, d, project);
    load_ui_words(t, file, d, c);
    load_kept_names(t, file, d, c);
    // A language the kiosk has no built-in words for needs the content's own, or its buttons fall back.
    for (const auto& lang : c.languages) {
        std::string missing;
        for (const auto& word : kiosk::ui_words())
            if (!kiosk::has_ui_text(c, word, lang))
                missing += (missing.empty() ? "" : ", ") + word;
        if (!missing.empty())
            d.warning(file, 1, "the kiosk has no words of its own in '" + lang + "' for: " + missing +
                                   "; add them as [ui.WORD] tables (e.g. [ui.home] " + lang +
                                   " = \"...\") or travellers reading " + lang + " see them in " +
                                   kiosk::native_language_name(c.fallback.empty() ? "en" : c.fallback.front()));
    }
}

// map = "media/x.png": a large PNG or JPEG (checked from its header only), or an SVG drawing (drawn
// large), that build cuts into tiles.
void load_map(const toml::table& t, const fs::path& file, const SourceProject& project, Diagnostics& d,
              SourceSlide& s) {
    auto map = get_string(t, "map", file, d, false, 1);
    if (!map)
        return;
    int line = line_of(*t.get("map"));
    auto full = referenced_file(project.root, *map, file, line, d, "map");
    if (!full)
        return;
    auto kind = media_kind(*full);
    if (!kind) {
        d.error(file, line, "map '" + *map + "' is not a PNG, JPEG or SVG file (export the map as one of them)");
        return;
    }
    if (auto size = check_map_source(*full); !size) {
        d.error(file, line, "map '" + *map + "': " + size.error().message);
        return;
    }
    if (t.get("video")) {
        d.error(file, line,
                "a slide shows either a film or a map, not both; put the map on a slide of its own");
        return;
    }
    s.slide.map = fs::path(*map).generic_string();
    s.map_file = *full;
}

// [subtitles] vi = "media/film.vi.srt": a film's subtitles per language, each file parsed as the kiosk
// parses it, so a mistake is found here with its line rather than on the station.
void load_subtitles(const toml::table& t, const fs::path& file, const SourceProject& project, Diagnostics& d,
                    SourceSlide& s) {
    const toml::node* node = t.get("subtitles");
    if (!node)
        return;
    const auto& languages = project.content.languages;
    const toml::table* table = node->as_table();
    if (!table) {
        d.error(file, line_of(*node),
                "'subtitles' must be a table of languages, e.g. [subtitles] with lines vi = \"media/film.vi.srt\"");
        return;
    }
    if (!t.get("video"))
        d.error(file, line_of(*node), "[subtitles] needs a film on the slide: add video = \"media/...\" or remove "
                                      "[subtitles]");
    for (const auto& [key, value] : *table) {
        std::string lang(key.str());
        int line = line_of(value);
        if (!kiosk::validate_language_code(lang)) {
            d.error(file, line, "'" + lang + "' is not a language code (use vi, en, lo, km, th, zh, ...)");
            continue;
        }
        if (std::find(languages.begin(), languages.end(), lang) == languages.end()) {
            std::string list;
            for (const auto& l : languages)
                list += (list.empty() ? "" : ", ") + l;
            d.error(file, line,
                    "subtitles." + lang + ": '" + lang + "' is not one of the project's languages (" + list + ")");
            continue;
        }
        if (!value.is_string()) {
            d.error(file, line, "subtitles." + lang + " must be a file name in quotes");
            continue;
        }
        std::string name = *value.value<std::string>();
        auto full = referenced_file(project.root, name, file, line, d, "subtitles");
        if (!full)
            continue;
        auto ext = full->extension().string();
        if (ext != ".srt" && ext != ".vtt") {
            d.error(file, line, "subtitles '" + name + "' is not an .srt or .vtt file");
            continue;
        }
        auto bytes = kiosk::platform::read_file(*full, kiosk::kSubtitlesCap);
        auto parsed = bytes ? kiosk::parse_subtitles(*bytes) : kiosk::Result<kiosk::Subtitles>(bytes.error());
        if (!parsed) {
            // "line N: ..." of the subtitles file is reported at that file and line.
            const std::string& why = parsed.error().message;
            int sub_line = 0;
            if (why.rfind("line ", 0) == 0)
                sub_line = std::atoi(why.c_str() + 5);
            std::string where = " (subtitles." + lang + " of " + file.filename().string() + ":" +
                                std::to_string(line) + ")";
            if (sub_line > 0)
                d.error(*full, sub_line, why.substr(why.find(' ', 5) + 1) + where); // after "line N"
            else
                d.error(file, line, "subtitles '" + name + "': " + why);
            continue;
        }
        if (parsed->cues.empty())
            d.warning(file, line, "subtitles '" + name + "' has no cues; travellers will see no subtitles");
        s.slide.subtitles[lang] = fs::path(name).generic_string();
        s.subtitle_files[lang] = *full;
    }
}

// An image a slide names, decoded once every slide is read, several at a time.
struct ImageCheck {
    fs::path slide_file;
    int line;
    std::string name;
    fs::path file;
};

// Decodes every named picture (on up to four threads; SVG on this one) and reports those that do not
// decode, in slide order.
void check_images(const std::vector<ImageCheck>& checks, Diagnostics& d, PictureCheck pictures) {
    std::vector<std::string> failures(checks.size());
    // SDL_image starts its codecs lazily and without a lock; start them before the threads do.
    IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);
    std::atomic<std::size_t> next{0};
    auto work = [&](bool svg) {
        for (std::size_t k; (k = next++) < checks.size();) {
            bool is_svg = media_kind(checks[k].file) == std::optional<std::string>("image/svg+xml");
            if (is_svg != svg)
                continue;
            auto checked = svg || pictures == PictureCheck::Decode ? load_source_image(checks[k].file)
                                                                   : read_source_image(checks[k].file);
            if (!checked)
                failures[k] = checked.error().message;
        }
    };
    unsigned count = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < count && t < checks.size(); ++t)
        threads.emplace_back([&] {
            work(false);
            SDL_TLSCleanup(); // SDL keeps an error message per thread, freed only when asked
        });
    for (auto& thread : threads)
        thread.join();
    next = 0;
    work(true);
    for (std::size_t k = 0; k < checks.size(); ++k)
        if (!failures[k].empty())
            d.error(checks[k].slide_file, checks[k].line, "image '" + checks[k].name + "': " + failures[k]);
}

// Reads one slide file; false when it is not TOML at all, so that nothing is said about what it holds.
bool load_slide(const fs::path& file, const SourceProject& project, Diagnostics& d,
                std::map<std::string, fs::path>& ids, std::vector<SourceSlide>& out,
                std::vector<ImageCheck>& image_checks) {
    auto table = parse_toml(file, d);
    if (!table)
        return false;
    auto& t = *table;
    check_known_keys(t,
                     {"id", "category", "duration", "image", "video", "muted", "loop", "volume", "title",
                      "body", "caption", "overflow", "map", "subtitles", "gallery", "link", "show", "schedule",
                      "essential"},
                     file, d);
    const kiosk::Content& c = project.content;
    SourceSlide s;
    s.file = file;
    s.slide.id = get_string(t, "id", file, d, true, 1).value_or("");
    if (!s.slide.id.empty()) {
        if (auto ok = kiosk::validate_identifier("slide", s.slide.id); !ok)
            d.error(file, line_of(*t.get("id")), ok.error().message);
        if (auto [it, fresh] = ids.emplace(s.slide.id, file); !fresh)
            d.error(file, line_of(*t.get("id")),
                    "slide id '" + s.slide.id + "' is already used by " + it->second.filename().string() +
                        "; give each slide its own id");
    }
    s.slide.category = get_string(t, "category", file, d, false, 1).value_or("");
    if (!s.slide.category.empty() &&
        std::none_of(c.categories.begin(), c.categories.end(),
                     [&](const auto& cat) { return cat.id == s.slide.category; }))
        d.error(file, line_of(*t.get("category")),
                "category '" + s.slide.category + "' is not defined in project.toml");
    if (const toml::node* node = t.get("duration")) {
        auto seconds = node->value<double>();
        if (!seconds || *seconds < 1 || *seconds > 3600 ||
            *seconds != static_cast<double>(static_cast<int>(*seconds)))
            d.error(file, line_of(*node), "duration must be a whole number of seconds from 1 to 3600");
        else
            s.slide.duration_ms = static_cast<std::uint32_t>(*seconds * 1000);
    }
    if (auto image = get_string(t, "image", file, d, false, 1)) {
        int line = line_of(*t.get("image"));
        if (auto full = referenced_file(project.root, *image, file, line, d, "image")) {
            if (!media_kind(*full))
                d.error(file, line, "image '" + *image + "' is not a PNG, JPEG or SVG file");
            else {
                image_checks.push_back({file, line, *image, *full});
                s.slide.image = fs::path(*image).generic_string();
                s.image_file = *full;
            }
        }
    }
    if (auto video = get_string(t, "video", file, d, false, 1)) {
        int line = line_of(*t.get("video"));
        if (auto full = referenced_file(project.root, *video, file, line, d, "video")) {
            // Any film FFmpeg reads: build turns what the kiosk profile does not take into an MP4.
            static const std::set<std::string> kFilmExtensions = {".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi",
                                                                  ".mpg", ".mpeg", ".ts", ".mts", ".m2ts", ".wmv"};
            auto ext = full->extension().string();
            std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return std::tolower(ch); });
            // check probes each film as build will (so a film cut short is found here); build itself,
            // which probes every film as it prepares it, only makes sure it opens.
            kiosk::Status playable;
            if (kFilmExtensions.count(ext))
                playable = project.checks == PictureCheck::Decode ? plan_video_status(*full) : kiosk::probe_media(*full);
            if (!kFilmExtensions.count(ext))
                d.error(file, line, "video '" + *video +
                                        "' is not a film file this tool knows (.mp4, .mov, .mkv, .webm, .avi, .mpg, "
                                        ".ts, .mts, .m2ts, .wmv)");
            else if (!playable)
                d.error(file, line, "video '" + *video + "': " + playable.error().message);
            else {
                s.slide.video = fs::path(*video).generic_string();
                s.video_file = *full;
            }
        }
    }
    load_map(t, file, project, d, s);
    load_subtitles(t, file, project, d, s);
    for (const auto& picture : get_string_list(t, "gallery", file, d, false)) {
        int line = line_of(*t.get("gallery"));
        if (auto full = referenced_file(project.root, picture, file, line, d, "gallery picture")) {
            if (!media_kind(*full))
                d.error(file, line, "gallery picture '" + picture + "' is not a PNG, JPEG or SVG file");
            else {
                image_checks.push_back({file, line, picture, *full});
                s.slide.gallery.push_back(fs::path(picture).generic_string());
                s.gallery_files.push_back(*full);
            }
        }
    }
    if (auto link = get_string(t, "link", file, d, false, 1)) {
        int line = line_of(*t.get("link"));
        if (link->rfind("https://", 0) != 0 && link->rfind("http://", 0) != 0)
            d.error(file, line, "link must be a web address starting with https:// (it becomes a QR code)");
        else if (link->size() > 1000)
            d.error(file, line, "link is longer than 1000 characters; use a shorter address");
        else
            s.slide.link = *link;
    }
    if (auto show = get_string(t, "show", file, d, false, 1)) {
        if (*show == "both" || *show == "attract" || *show == "browse")
            s.slide.showing = *show == "attract"  ? kiosk::Showing::Attract
                              : *show == "browse" ? kiosk::Showing::Browse
                                                  : kiosk::Showing::Both;
        else
            d.error(file, line_of(*t.get("show")),
                    "show must be \"both\" (loop and browsing), \"attract\" (loop only) or \"browse\" (browsing only)");
    }
    if (const toml::node* node = t.get("schedule")) {
        if (const toml::table* st = node->as_table()) {
            check_known_keys(*st, {"from", "until", "weekdays", "times", "priority"}, file, d);
            s.slide.times = get_show_times(*st, file, d, line_of(*node));
        } else {
            d.error(file, line_of(*node), "'schedule' is written as a [schedule] table with from, until, weekdays, "
                                          "times and priority");
        }
    }
    if (const toml::node* node = t.get("essential")) {
        s.essential_line = line_of(*node);
        if (auto value = node->value<bool>())
            s.essential = *value;
        else
            d.error(file, line_of(*node), "essential must be true or false");
    }
    for (const char* flag : {"muted", "loop"}) {
        if (const toml::node* node = t.get(flag)) {
            auto value = node->value<bool>();
            if (!value)
                d.error(file, line_of(*node), std::string(flag) + " must be true or false");
            else
                (std::string_view(flag) == "muted" ? s.slide.muted : s.slide.loop) = *value;
        }
    }
    if (const toml::node* node = t.get("volume")) {
        auto value = node->value<double>();
        if (!value || *value < 0 || *value > 1)
            d.error(file, line_of(*node),
                    "volume must be a number from 0 (silent) to 1 (the station's volume)");
        else
            s.slide.volume = static_cast<float>(*value);
    }
    if (auto overflow = get_string(t, "overflow", file, d, false, 1)) {
        if (*overflow == "ellipsis" || *overflow == "shrink")
            s.slide.ellipsis = *overflow == "ellipsis";
        else
            d.error(file, line_of(*t.get("overflow")),
                    "overflow must be \"shrink\" (text that still does not fit is an error) or \"ellipsis\" "
                    "(it is "
                    "cut with …)");
    }
    s.slide.title = get_localized(t, "title", file, d, c.languages, &s.lines);
    s.slide.body = get_localized(t, "body", file, d, c.languages, &s.lines);
    s.slide.caption = get_localized(t, "caption", file, d, c.languages, &s.lines);
    // A title written in the wrong form has its own error above; that it then lacks the default language
    // follows from it.
    const toml::node* title = t.get("title");
    bool title_written = title && (!title->is_table() || title->as_table()->get(c.default_language));
    if (!c.default_language.empty() && !s.slide.title.count(c.default_language) && !title_written)
        d.error(file, title ? line_of(*title) : 1,
                "[title] needs text in the default language (" + c.default_language + ")");
    // Missing translations: say which language will show instead.
    for (const auto& lang : c.languages) {
        for (auto [field, text] :
             {std::pair<const char*, const kiosk::LocalizedText*>{"title", &s.slide.title},
              {"body", &s.slide.body},
              {"caption", &s.slide.caption}}) {
            if (text->empty() || text->count(lang))
                continue;
            if (lang == c.default_language && std::string_view(field) == "title")
                continue; // an error above already

            auto shown = c.resolve(*text, lang);
            const toml::node* node = t.get(field);
            d.warning(
                file, node ? line_of(*node) : 1,
                std::string(field) + " has no '" + lang + "' translation; travellers reading " + lang +
                    " will see the " +
                    (shown.language.empty() ? std::string("nothing") : "'" + shown.language + "' text") +
                    " instead");
        }
    }
    out.push_back(std::move(s));
    return true;
}

} // namespace

int SourceSlide::line_of(const std::string& field, const std::string& lang) const {
    if (auto it = lines.find(field + "." + lang); it != lines.end())
        return it->second;
    if (auto it = lines.find(field); it != lines.end())
        return it->second;
    return 1;
}

std::optional<std::string> media_kind(const fs::path& file) {
    auto ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return std::tolower(ch); });
    if (ext == ".png")
        return "image/png";
    if (ext == ".jpg" || ext == ".jpeg")
        return "image/jpeg";
    if (ext == ".svg")
        return "image/svg+xml";
    return std::nullopt;
}

std::optional<SourceProject> load_source(const fs::path& dir, Diagnostics& d, PictureCheck pictures) {
    SourceProject project;
    project.checks = pictures;
    project.root = dir;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        d.error(dir, 0,
                "is not a content folder (run 'content-tool init " + dir.string() + "' to start one)");
        return std::nullopt;
    }
    fs::path project_file = dir / "project.toml";
    if (!fs::is_regular_file(project_file, ec)) {
        d.error(project_file, 0, "missing: every content folder needs a project.toml");
        return std::nullopt;
    }
    load_project(project_file, d, project);
    if (d.has_errors()) // slides are read against the project: its mistakes come first, alone
        return std::nullopt;

    std::vector<fs::path> slide_files;
    for (const auto& entry : fs::directory_iterator(dir / "slides", ec))
        if (entry.path().extension() == ".toml")
            slide_files.push_back(entry.path());
    std::sort(slide_files.begin(), slide_files.end());
    if (slide_files.empty())
        d.error(dir / "slides", 0, "no slides: add files like slides/01-welcome.toml");
    std::map<std::string, fs::path> ids;
    std::vector<ImageCheck> image_checks;
    bool all_read = true;
    for (const auto& file : slide_files)
        all_read = load_slide(file, project, d, ids, project.slides, image_checks) && all_read;
    check_images(image_checks, d, pictures);
    // A slide file that is not TOML has no id, category or schedule to go by: what the project says about
    // its slides (a playlist naming it, a category's pages) is checked once it reads, not guessed at now.
    if (!all_read)
        return std::nullopt;
    for (const auto& playlist : project.content.playlists)
        for (const auto& id : playlist.slides)
            if (!ids.count(id))
                d.error(project_file, project.lines["playlist." + playlist.id],
                        "playlist '" + playlist.id + "' names slide '" + id + "', which no file in slides/ has");
    // A category whose every page is scheduled vanishes from Home outside those times: say so, since
    // travellers may need it (emergency numbers, opening hours) whatever the campaign.
    for (const auto& category : project.content.categories) {
        bool pages = false, always = false;
        for (const auto& slide : project.slides) {
            if (slide.slide.category != category.id || slide.slide.showing == kiosk::Showing::Attract)
                continue;
            pages = true;
            always = always || (slide.slide.times.evergreen() &&
                                std::all_of(project.content.playlists.begin(), project.content.playlists.end(),
                                            [&](const kiosk::Playlist& p) {
                                                return p.times.evergreen() ||
                                                       std::find(p.slides.begin(), p.slides.end(), slide.slide.id) ==
                                                           p.slides.end();
                                            }));
        }
        if (pages && !always)
            d.warning(project_file, project.lines["category." + category.id],
                      "every page of category '" + category.id +
                          "' has a schedule (or a scheduled playlist): outside those times travellers will not find "
                          "it on Home; give one page no schedule if it must always be there");
    }
    check_essential(project, d);
    if (d.has_errors())
        return std::nullopt;
    return project;
}

} // namespace content_tool
