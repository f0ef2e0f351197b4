// The fonts text is drawn with: a family per script (Noto), a fallback order for characters a family
// lacks, and fonts a content pack adds. Found by explicit paths, never by fontconfig's guesses.
#pragma once

#include "base/result.hpp"
#include "text/font_face.hpp"
#include "text/script.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace kiosk {

enum class Weight { Regular, Bold };
enum class Slant { Upright, Italic };

struct FontPaths {
    std::filesystem::path noto_dir = "/usr/share/fonts/truetype/noto"; // Debian fonts-noto-core
    std::filesystem::path cjk_dir = "/usr/share/fonts/opentype/noto";  // Debian fonts-noto-cjk
};

class FontStack {
public:
    // Opens every family's files; a missing one is an error naming the Debian package to install.
    static Result<FontStack> open(const FontPaths& paths);
    FontStack(FontStack&&) noexcept;
    FontStack& operator=(FontStack&&) noexcept;
    ~FontStack();

    // The content's own fonts, tried before the built-in families, replacing those set before.
    void set_content_fonts(std::vector<std::shared_ptr<const FontFile>> files);

    // The face that draws c in text of this script and language at px, following the fallback order;
    // nullptr when no font has c.
    std::shared_ptr<FontFace> face_for(char32_t c, Script script, const std::string& lang, Weight weight,
                                       Slant slant, int px);
    // The primary face of a script (for metrics of empty lines and ellipses).
    std::shared_ptr<FontFace> primary(Script script, const std::string& lang, Weight weight, Slant slant,
                                      int px);

private:
    struct Family;
    FontStack();
    const Family* family_for(Script script, const std::string& lang) const;
    std::shared_ptr<FontFace> face(const Family& family, Weight weight, Slant slant, int px);

    std::unique_ptr<FontLibrary> m_library;
    std::vector<Family> m_families; // content fonts first, then the built-in order
};

} // namespace kiosk
