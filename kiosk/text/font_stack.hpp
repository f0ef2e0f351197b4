// Fonts by (file, size), and the choice of font for each script and weight, from explicit paths.
#pragma once

#include "base/result.hpp"
#include "text/script.hpp"

#include <SDL_ttf.h>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kiosk {

enum class Weight { Regular, Bold };

struct FontDeleter {
    void operator()(TTF_Font* f) const { TTF_CloseFont(f); }
};

class FontStack {
public:
    // Checks that every font file the stack needs exists in dir (Debian's fonts-noto-core layout).
    static Result<FontStack> open(const std::filesystem::path& dir);

    // The font for a script at a pixel size, opened once and cached.
    TTF_Font* font(Script script, Weight weight, int px);
    std::filesystem::path file_for(Script script, Weight weight) const;
    // The script whose font draws c: the preferred one when its font has the glyph, else the first that does
    // (Lao and Khmer fonts lack Latin punctuation, for instance).
    Script coverage_script(Script preferred, char32_t c);
    // Runs re-split so that every character is drawn by a font that has it.
    std::vector<ScriptRun> cover(std::string_view text, const std::vector<ScriptRun>& runs);

private:
    explicit FontStack(std::filesystem::path dir) : m_dir(std::move(dir)) {}
    std::filesystem::path m_dir;
    std::map<std::pair<std::string, int>, std::unique_ptr<TTF_Font, FontDeleter>> m_cache;
};

} // namespace kiosk
