// Paints each view exactly as a station would (on a canvas, without images: they do not move text) and
// turns what the painter noticed into diagnostics.
#include "check/text_check.hpp"

#include "base/log.hpp"
#include "content/ui_text.hpp"
#include "pack/object_source.hpp"
#include "render/screens/browse_painter.hpp"
#include "render/slide_painter.hpp"
#include "schedule/attract.hpp"
#include "text/text_engine.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

namespace content_tool {

namespace {

// The painter's object source: text checks need no media.
class NoObjects final : public kiosk::ObjectSource {
public:
    const kiosk::Manifest& manifest() const override { return m_manifest; }
    kiosk::Result<std::string> read(std::string_view path) const override {
        return kiosk::make_error(kiosk::ErrorCode::NotFound, "no media while checking: " + std::string(path));
    }

private:
    kiosk::Manifest m_manifest;
};

// The project's own profiles, and every built-in one it does not redefine: a station may be set to any of
// them (find_profile would answer with the built-in one, so the project's own list is what is asked).
std::vector<kiosk::DisplayProfile> profiles_of(const kiosk::Content& content) {
    std::vector<kiosk::DisplayProfile> out = content.profiles;
    for (const auto& builtin : kiosk::builtin_profiles())
        if (std::none_of(content.profiles.begin(), content.profiles.end(),
                         [&](const kiosk::DisplayProfile& own) { return own.name == builtin.name; }))
            out.push_back(builtin);
    return out;
}

// "slide/lang/field[ U+XXXX]" as the painter names what it noticed.
struct Noticed {
    std::string slide, lang, field, code;
};

Noticed parse(const std::string& name) {
    Noticed n;
    auto a = name.find('/'), b = name.find('/', a + 1), space = name.find(' ', b + 1);
    n.slide = name.substr(0, a);
    n.lang = name.substr(a + 1, b - a - 1);
    n.field = name.substr(b + 1, space == std::string::npos ? std::string::npos : space - b - 1);
    if (space != std::string::npos)
        n.code = name.substr(space + 1);
    return n;
}

const SourceSlide* find_slide(const SourceProject& project, const std::string& id) {
    for (const auto& s : project.slides)
        if (s.slide.id == id)
            return &s;
    return nullptr;
}

// A slide's title, body or caption, by the painter's name for it.
const kiosk::LocalizedText* field_text(const SourceSlide& slide, const std::string& field) {
    return field == "title" ? &slide.slide.title : field == "body" ? &slide.slide.body : &slide.slide.caption;
}

// The line of the station's name in a language in project.toml (its [name] table), or 1.
int name_line(const SourceProject& project, const std::string& lang) {
    std::ifstream in(project.root / "project.toml");
    std::string line;
    int number = 0, table = 0;
    while (std::getline(in, line)) {
        ++number;
        auto start = line.find_first_not_of(" \t");
        if (start == std::string::npos)
            continue;
        if (line[start] == '[') {
            if (table)
                break;
            if (line.compare(start, 6, "[name]") == 0)
                table = number;
        } else if (table && line.compare(start, lang.size(), lang) == 0 &&
                   line.find_first_not_of(" \t", start + lang.size()) == line.find('=', start)) {
            return number;
        }
    }
    return table ? table : 1;
}

// Warns where the station's name does not fit a slide's header at its full size (it is shrunk, set on two
// lines, or cut), once per language and profile.
void report_header(const SourceProject& project, const kiosk::DisplayProfile& profile,
                   const std::map<std::string, kiosk::HeaderNote>& notes, std::set<std::string>& reported,
                   Diagnostics& d) {
    for (const auto& [langs, note] : notes) {
        if (note.fit == kiosk::HeaderFit::Full || !reported.insert("header/" + langs + "/" + profile.name).second)
            continue;
        std::string first = langs.substr(0, langs.find('+'));
        std::string how = note.fit == kiosk::HeaderFit::Shrunk
                              ? "is shrunk from " + std::to_string(note.full_px) + " to " + std::to_string(note.px) + " px"
                          : note.fit == kiosk::HeaderFit::TwoLines
                              ? "takes two lines (at " + std::to_string(note.px) + " px), making the header taller"
                              : "is cut with an ellipsis even on two lines at " + std::to_string(note.px) + " px";
        std::string shown = langs.find('+') == std::string::npos ? "(" + langs + ")" : "(" + langs + ", side by side)";
        d.warning(project.root / "project.toml", name_line(project, first),
                  "the station's name " + shown + " does not fit the slides' header on the " + profile.name +
                      " profile (" + std::to_string(profile.width) + "x" + std::to_string(profile.height) +
                      ") at its full size: it " + how + "; a shorter name reads better from afar");
    }
}

// Says where a listed name would have split on a profile and that it is kept whole, once per name, text,
// language and profile.
void report_name_splits(const SourceProject& project, const kiosk::Content& content,
                        const kiosk::DisplayProfile& profile,
                        const std::map<std::string, std::vector<kiosk::NameSplit>>& splits,
                        std::set<std::string>& reported, Diagnostics& d) {
    for (const auto& [where, found] : splits) {
        if (found.empty())
            continue;
        Noticed n = parse(where);
        const SourceSlide* slide = find_slide(project, n.slide);
        if (!slide)
            continue;
        auto shown = content.resolve(*field_text(*slide, n.field), n.lang).language;
        if (shown.empty())
            shown = n.lang;
        int line = slide->line_of(n.field, shown);
        for (const auto& split : found) {
            if (!reported
                     .insert("name/" + slide->file.string() + "/" + n.field + "/" + shown + "/" +
                             profile.name + "/" + split.name)
                     .second)
                continue;
            // "Na|Mèo" rather than "Na |Mèo": the space a line ends at is not drawn.
            auto before = split.before.substr(0, split.before.find_last_not_of(' ') + 1);
            auto after = split.after.substr(std::min(split.after.size(), split.after.find_first_not_of(' ')));
            d.info(slide->file, line,
                   n.field + " (" + shown + "): \"" + split.name + "\" would have been split as " + before +
                       "|" + after + " on the " + profile.name + " profile (" +
                       std::to_string(profile.width) + "x" + std::to_string(profile.height) +
                       "); keep_together keeps it whole");
        }
    }
}

} // namespace

void check_text(const SourceProject& project, const kiosk::FontPaths& fonts, Diagnostics& d) {
    auto engine = kiosk::TextEngine::open(fonts);
    if (!engine) {
        d.error(project.root, 0, "cannot check text: " + engine.error().message);
        return;
    }
    engine->set_content_fonts(project.fonts); // read and checked once, by load_source
    engine->set_kept_names(project.content.keep_together);
    kiosk::Content content = project.content;
    for (const auto& s : project.slides)
        content.slides.push_back(s.slide);
    NoObjects objects;
    // What the painter notices becomes diagnostics below, not log lines.
    kiosk::set_log_level(kiosk::LogLevel::Error);
    std::set<std::string> reported;
    for (const auto& profile : profiles_of(content)) {
        auto sized = kiosk::Canvas::create(profile.width, profile.height);
        if (!sized)
            continue;
        kiosk::SlidePainter painter(*sized, *engine, content, objects, profile);
        // Pictures are not read (checks have no media), but whether a slide has one decides its layout.
        painter.set_pictures(kiosk::Pictures::Placeholder);
        // Editors see what their keep_together list protects, and whether a name needs listing at all.
        painter.set_name_checks(kiosk::NameChecks::On);
        // On touch screens the attract loop keeps the bottom free for the language strip.
        painter.set_bottom_inset(kiosk::attract_strip_height(profile, content, profile.width, profile.height));
        for (const auto& view : kiosk::attract_sequence(content, profile))
            painter.paint(view, profile.width, profile.height);
        auto report = [&](const std::string& name, bool overflow) {
            Noticed n = parse(name);
            const SourceSlide* slide = find_slide(project, n.slide);
            if (!slide)
                return;
            const kiosk::LocalizedText* text = field_text(*slide, n.field);
            auto shown = content.resolve(*text, n.lang).language; // a fallback shows when a translation lacks
            int line = slide->line_of(n.field, shown.empty() ? n.lang : shown);
            std::string key = slide->file.string() + ":" + std::to_string(line) + ":" + n.field + n.code +
                              (overflow ? profile.name : "");
            if (!reported.insert(key).second)
                return;
            if (overflow)
                d.error(slide->file, line,
                        n.field + " (" + (shown.empty() ? n.lang : shown) + ") does not fit its box on the " +
                            profile.name + " profile (" + std::to_string(profile.width) + "x" +
                            std::to_string(profile.height) + ") even at the smallest size; shorten it");
            else
                d.error(
                    slide->file, line,
                    n.field + " (" + (shown.empty() ? n.lang : shown) + ") has " + n.code +
                        ", which no font has: it would show as a box; remove it or add a font that has it");
        };
        for (const auto& name : painter.overflows())
            report(name, true);
        for (const auto& name : painter.missing_glyphs())
            report(name, false);
        report_header(project, profile, painter.header_notes(), reported, d);
        report_name_splits(project, content, profile, painter.name_splits(), reported, d);
    }
    kiosk::set_log_level(kiosk::LogLevel::Info);
}

void check_notice_text(const kiosk::Notice& notice, const SourceProject* project, const kiosk::FontPaths& fonts,
                       const fs::path& file, const std::map<std::string, int>& lines, Diagnostics& d) {
    auto engine = kiosk::TextEngine::open(fonts);
    if (!engine) {
        d.error(file, 0, "cannot check the notice's text: " + engine.error().message);
        return;
    }
    kiosk::Content content;
    if (project) {
        engine->set_content_fonts(project->fonts);
        content = project->content;
    }
    kiosk::set_log_level(kiosk::LogLevel::Error);
    kiosk::BrowseSources sources{{&content}, {}};
    const char* mode = notice.mode == kiosk::NoticeMode::Takeover ? "takeover" : "banner";
    std::set<std::string> glyphs; // reported once, whatever the profile
    for (const auto& profile : profiles_of(content)) {
        kiosk::BrowsePainter painter(*engine, sources, profile, kiosk::kDefaultScreenInches);
        for (const auto& [lang, text] : notice.text) {
            auto fit = painter.notice_fit(notice.mode, text, kiosk::ui_text(content, "urgent_notice", lang), lang,
                                          profile.width, profile.height);
            auto line = lines.count(lang) ? lines.at(lang) : 1;
            std::string where = std::string(mode) + " on the " + profile.name + " profile (" +
                                std::to_string(profile.width) + "x" + std::to_string(profile.height) + ")";
            std::string limit = "the smallest readable size there is " + std::to_string(fit.min_px) +
                                " px (capitals of 20 arc-minutes from " +
                                (profile.touch ? "2 m on a touch cabinet" : "4 m on an LED wall") + " of " +
                                std::to_string(static_cast<int>(kiosk::kDefaultScreenInches)) + " inches)";
            std::string seconds = std::to_string((fit.page_ms + 500) / 1000);
            if (fit.pages > kNoticeMostPages)
                d.error(file, line,
                        "text." + lang + " does not fit the " + where + ": " + limit + ", and at that size it takes " +
                            std::to_string(fit.pages) + " pages of " + seconds + " s (at most " +
                            std::to_string(kNoticeMostPages) + "); shorten it to about " +
                            std::to_string(text.size() * kNoticeMostPages / fit.pages) + " bytes" +
                            (notice.mode == kiosk::NoticeMode::Banner ? " or use mode = \"takeover\"" : ""));
            else if (fit.pages > 1)
                d.warning(file, line,
                          "text." + lang + " takes " + std::to_string(fit.pages) + " pages of the " + where +
                              ", shown in turn for " + seconds + " s each: " + limit);
        }
        for (const auto& name : painter.missing_glyphs()) {
            // "notice/LANG U+XXXX" or "notice/heading/LANG U+XXXX"
            auto space = name.rfind(' ');
            auto lang = name.substr(name.rfind('/', space) + 1, space - name.rfind('/', space) - 1);
            if (!glyphs.insert(name).second)
                continue;
            d.error(file, lines.count(lang) ? lines.at(lang) : 1,
                    "text." + lang + " has " + name.substr(space + 1) +
                        ", which no font has: it would show as a box; remove it or add a font that has it");
        }
    }
    kiosk::set_log_level(kiosk::LogLevel::Info);
}

} // namespace content_tool
