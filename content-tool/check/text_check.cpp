// Paints each view exactly as a station would (on a canvas, without images: they do not move text) and
// turns what the painter noticed into diagnostics.
#include "check/text_check.hpp"

#include "base/log.hpp"
#include "pack/object_source.hpp"
#include "render/screens/browse_painter.hpp"
#include "render/slide_painter.hpp"
#include "schedule/attract.hpp"
#include "text/text_engine.hpp"

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

std::vector<kiosk::DisplayProfile> profiles_of(const kiosk::Content& content) {
    std::vector<kiosk::DisplayProfile> out = content.profiles;
    for (const auto& builtin : kiosk::builtin_profiles())
        if (!content.find_profile(builtin.name))
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

} // namespace

void check_text(const SourceProject& project, const kiosk::FontPaths& fonts, Diagnostics& d) {
    auto engine = kiosk::TextEngine::open(fonts);
    if (!engine) {
        d.error(project.root, 0, "cannot check text: " + engine.error().message);
        return;
    }
    engine->set_content_fonts(project.fonts); // read and checked once, by load_source
    kiosk::Content content = project.content;
    for (const auto& s : project.slides) {
        content.slides.push_back(s.slide);
        content.slides.back().image.clear();
    }
    NoObjects objects;
    // What the painter notices becomes diagnostics below, not log lines.
    kiosk::set_log_level(kiosk::LogLevel::Error);
    std::set<std::string> reported;
    for (const auto& profile : profiles_of(content)) {
        auto sized = kiosk::Canvas::create(profile.width, profile.height);
        if (!sized)
            continue;
        kiosk::SlidePainter painter(*sized, *engine, content, objects, profile);
        // On touch screens the attract loop keeps the bottom free for the language strip.
        painter.set_bottom_inset(kiosk::attract_strip_height(profile, content, profile.width, profile.height));
        for (const auto& view : kiosk::attract_sequence(content, profile))
            painter.paint(view, profile.width, profile.height);
        auto report = [&](const std::string& name, bool overflow) {
            Noticed n = parse(name);
            const SourceSlide* slide = nullptr;
            for (const auto& s : project.slides)
                if (s.slide.id == n.slide)
                    slide = &s;
            if (!slide)
                return;
            const kiosk::LocalizedText* text = n.field == "title"  ? &slide->slide.title
                                               : n.field == "body" ? &slide->slide.body
                                                                   : &slide->slide.caption;
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
    }
    kiosk::set_log_level(kiosk::LogLevel::Info);
}

} // namespace content_tool
