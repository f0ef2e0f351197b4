// The Noto families per script and the fallback search.
#include "text/font_stack.hpp"

#include <algorithm>

namespace kiosk {

struct FontStack::Family {
    std::string name;
    std::vector<Script> scripts; // scripts this family is the first choice for
    std::string lang;            // for CJK: the language whose glyph forms it has ("" = any)
    // Files by style; a missing style falls back to regular (or bold for bold italic).
    std::shared_ptr<const FontFile> regular, bold, italic, bold_italic;
};

namespace {

struct BuiltIn {
    const char* name;
    std::vector<Script> scripts;
    const char* lang;
    const char* dir; // "noto" or "cjk"
    const char* regular;
    const char* bold;
    const char* italic;
    const char* bold_italic;
    int index; // face index inside a .ttc collection
};

// The built-in order is also the fallback order: Latin, then the scripts of the region, then CJK.
const std::vector<BuiltIn>& builtins() {
    static const std::vector<BuiltIn> list = {
        {"Noto Sans",
         {Script::Latin},
         "",
         "noto",
         "NotoSans-Regular.ttf",
         "NotoSans-Bold.ttf",
         "NotoSans-Italic.ttf",
         "NotoSans-BoldItalic.ttf",
         0},
        {"Noto Sans Lao",
         {Script::Lao},
         "",
         "noto",
         "NotoSansLao-Regular.ttf",
         "NotoSansLao-Bold.ttf",
         nullptr,
         nullptr,
         0},
        {"Noto Sans Thai",
         {Script::Thai},
         "",
         "noto",
         "NotoSansThai-Regular.ttf",
         "NotoSansThai-Bold.ttf",
         nullptr,
         nullptr,
         0},
        {"Noto Sans Khmer",
         {Script::Khmer},
         "",
         "noto",
         "NotoSansKhmer-Regular.ttf",
         "NotoSansKhmer-Bold.ttf",
         nullptr,
         nullptr,
         0},
        {"Noto Sans Myanmar",
         {Script::Myanmar},
         "",
         "noto",
         "NotoSansMyanmar-Regular.ttf",
         "NotoSansMyanmar-Bold.ttf",
         nullptr,
         nullptr,
         0},
        // One collection, several faces: Simplified Chinese forms unless the text is Japanese.
        {"Noto Sans CJK SC",
         {Script::Han},
         "",
         "cjk",
         "NotoSansCJK-Regular.ttc",
         "NotoSansCJK-Bold.ttc",
         nullptr,
         nullptr,
         2},
        {"Noto Sans CJK JP",
         {Script::Han},
         "ja",
         "cjk",
         "NotoSansCJK-Regular.ttc",
         "NotoSansCJK-Bold.ttc",
         nullptr,
         nullptr,
         0},
        // Korean forms: Hangul spacing, and a light proportional middle dot (·) where the Chinese face
        // has a full-width heavy one.
        {"Noto Sans CJK KR",
         {Script::Han},
         "ko",
         "cjk",
         "NotoSansCJK-Regular.ttc",
         "NotoSansCJK-Bold.ttc",
         nullptr,
         nullptr,
         1},
    };
    return list;
}

} // namespace

FontStack::FontStack() : m_library(std::make_unique<FontLibrary>()) {}
FontStack::FontStack(FontStack&&) noexcept = default;
FontStack& FontStack::operator=(FontStack&&) noexcept = default;
FontStack::~FontStack() = default;

Result<FontStack> FontStack::open(const FontPaths& paths) {
    FontStack stack;
    for (const auto& b : builtins()) {
        const auto& dir = std::string(b.dir) == "cjk" ? paths.cjk_dir : paths.noto_dir;
        const char* package = std::string(b.dir) == "cjk" ? "fonts-noto-cjk" : "fonts-noto-core";
        auto load = [&](const char* name) -> Result<std::shared_ptr<const FontFile>> {
            if (!name)
                return std::shared_ptr<const FontFile>();
            auto file = stack.m_library->file(dir / name, b.index);
            if (!file)
                return make_error(ErrorCode::NotFound, "font " + (dir / name).string() +
                                                           " cannot be read; install Debian's " + package +
                                                           " (" + file.error().message + ")");
            return file;
        };
        Family family{b.name,
                      b.scripts,
                      b.lang,
                      TRY(load(b.regular)),
                      TRY(load(b.bold)),
                      TRY(load(b.italic)),
                      TRY(load(b.bold_italic))};
        stack.m_families.push_back(std::move(family));
    }
    return stack;
}

void FontStack::set_content_fonts(std::vector<std::shared_ptr<const FontFile>> files) {
    std::erase_if(m_families, [](const Family& f) { return f.scripts.empty(); });
    for (auto it = files.rbegin(); it != files.rend(); ++it)
        m_families.insert(m_families.begin(),
                          Family{(*it)->path.filename().string(), {}, "", *it, nullptr, nullptr, nullptr});
}

const FontStack::Family* FontStack::family_for(Script script, const std::string& lang) const {
    const Family* best = nullptr;
    for (const auto& f : m_families) {
        if (std::find(f.scripts.begin(), f.scripts.end(), script) == f.scripts.end())
            continue;
        if (!f.lang.empty() && lang.rfind(f.lang, 0) == 0)
            return &f; // the language's own forms win
        if (!best && f.lang.empty())
            best = &f;
    }
    return best ? best : &m_families.back();
}

std::shared_ptr<FontFace> FontStack::face(const Family& family, Weight weight, Slant slant, int px) {
    const std::shared_ptr<const FontFile>* file = &family.regular;
    if (weight == Weight::Bold && slant == Slant::Italic && family.bold_italic)
        file = &family.bold_italic;
    else if (weight == Weight::Bold && family.bold)
        file = &family.bold;
    else if (slant == Slant::Italic && family.italic)
        file = &family.italic;
    return m_library->face(*file, px);
}

std::shared_ptr<FontFace> FontStack::primary(Script script, const std::string& lang, Weight weight,
                                             Slant slant, int px) {
    return face(*family_for(script, lang), weight, slant, px);
}

std::shared_ptr<FontFace> FontStack::face_for(char32_t c, Script script, const std::string& lang,
                                              Weight weight, Slant slant, int px) {
    // Content fonts first (they are at the front), for what they cover.
    for (const auto& f : m_families) {
        if (!f.scripts.empty())
            break;
        auto candidate = face(f, weight, slant, px);
        if (candidate && candidate->has(c))
            return candidate;
    }
    const Family* preferred = family_for(script, lang);
    if (auto candidate = face(*preferred, weight, slant, px); candidate && candidate->has(c))
        return candidate;
    for (const auto& f : m_families) {
        if (&f == preferred || f.scripts.empty())
            continue;
        auto candidate = face(f, weight, slant, px);
        if (candidate && candidate->has(c))
            return candidate;
    }
    return nullptr;
}

} // namespace kiosk
