// Font files per script (Noto families) and the (file, size) cache.
#include "text/font_stack.hpp"

namespace kiosk {

namespace {

struct Face {
    Script script;
    const char* regular;
    const char* bold;
    const char* hb_script; // ISO 15924 tag for HarfBuzz
};

constexpr Face kFaces[] = {
    {Script::Latin, "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "Latn"},
    {Script::Lao, "NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf", "Laoo"},
    {Script::Thai, "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", "Thai"},
    {Script::Khmer, "NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf", "Khmr"},
};

const Face& face_for(Script script) {
    for (const auto& f : kFaces)
        if (f.script == script)
            return f;
    return kFaces[0]; // FIXME: CJK needs fonts-noto-cjk; until then Han falls back to Noto Sans.
}

} // namespace

Result<FontStack> FontStack::open(const std::filesystem::path& dir) {
    if (!TTF_WasInit() && TTF_Init() != 0)
        return make_error(ErrorCode::Io, std::string("cannot start the font engine: ") + TTF_GetError());
    for (const auto& f : kFaces) {
        for (const char* file : {f.regular, f.bold}) {
            std::error_code ec;
            if (!std::filesystem::is_regular_file(dir / file, ec)) {
                return make_error(ErrorCode::NotFound,
                                  "font " + (dir / file).string() +
                                      " is missing; install Debian's fonts-noto-core or set fonts_dir");
            }
        }
    }
    return FontStack(dir);
}

std::filesystem::path FontStack::file_for(Script script, Weight weight) const {
    const Face& f = face_for(script);
    return m_dir / (weight == Weight::Bold ? f.bold : f.regular);
}

Script FontStack::coverage_script(Script preferred, char32_t c) {
    if (c < 0x20)
        return preferred;
    auto has = [&](Script s) {
        TTF_Font* f = font(s, Weight::Regular, 16);
        return f && TTF_GlyphIsProvided32(f, c);
    };
    if (has(preferred))
        return preferred;
    for (const auto& face : kFaces)
        if (face.script != preferred && has(face.script))
            return face.script;
    return preferred;
}

std::vector<ScriptRun> FontStack::cover(std::string_view text, const std::vector<ScriptRun>& runs) {
    std::vector<ScriptRun> out;
    for (const auto& run : runs) {
        std::size_t pos = run.begin;
        while (pos < run.end) {
            std::size_t start = pos;
            Script s = coverage_script(run.script, next_code_point(text, pos));
            if (!out.empty() && out.back().script == s && out.back().end == start)
                out.back().end = pos;
            else
                out.push_back({s, start, pos});
        }
    }
    return out;
}

TTF_Font* FontStack::font(Script script, Weight weight, int px) {
    auto file = file_for(script, weight);
    auto key = std::make_pair(file.string(), px);
    auto it = m_cache.find(key);
    if (it != m_cache.end())
        return it->second.get();
    TTF_Font* font = TTF_OpenFont(file.c_str(), px);
    if (!font)
        return nullptr;
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    TTF_SetFontKerning(font, 1);
    TTF_SetFontScriptName(font, face_for(script).hb_script);
    m_cache.emplace(key, std::unique_ptr<TTF_Font, FontDeleter>(font));
    return font;
}

} // namespace kiosk
