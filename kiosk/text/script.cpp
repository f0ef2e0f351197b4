// Script itemisation with ICU's Unicode script property.
#include "text/script.hpp"

#include <optional>
#include <unicode/uscript.h>

namespace kiosk {

namespace {

// The script of c, or nothing for characters shared by all scripts (spaces, digits, punctuation, marks).
std::optional<Script> own_script(char32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript(static_cast<UChar32>(c), &status);
    if (U_FAILURE(status))
        return std::nullopt;
    switch (code) {
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
    case USCRIPT_UNKNOWN:
        return std::nullopt;
    case USCRIPT_LAO:
        return Script::Lao;
    case USCRIPT_THAI:
        return Script::Thai;
    case USCRIPT_KHMER:
        return Script::Khmer;
    case USCRIPT_MYANMAR:
        return Script::Myanmar;
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_HANGUL:
    case USCRIPT_BOPOMOFO:
        return Script::Han;
    default:
        return Script::Latin;
    }
}

// The script a character belongs with: its own, or Han for CJK punctuation and full-width forms, which
// ICU calls Common but which belong with Chinese text.
std::optional<Script> script_with_cjk_punctuation(char32_t c) {
    if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF))
        return Script::Han;
    return own_script(c);
}

} // namespace

bool is_shared(char32_t c) {
    return !script_with_cjk_punctuation(c);
}

const char* iso15924(Script script) {
    switch (script) {
    case Script::Lao:
        return "Laoo";
    case Script::Thai:
        return "Thai";
    case Script::Khmer:
        return "Khmr";
    case Script::Myanmar:
        return "Mymr";
    case Script::Han:
        return "Hani";
    case Script::Latin:
        break;
    }
    return "Latn";
}

float min_line_height_em(Script script) {
    switch (script) {
    case Script::Lao:
        return 1.70f; // vowels above and below plus tone marks stacked over them
    case Script::Thai:
        return 1.55f;
    case Script::Khmer:
        return 1.85f; // subscript consonants (coeng) hang far below the baseline
    case Script::Myanmar:
        return 2.20f;
    case Script::Han:
        return 1.45f;
    case Script::Latin:
        break;
    }
    return 1.36f; // Vietnamese stacks two marks above some letters: "ế", "ổ"
}

char32_t next_code_point(std::string_view s, std::size_t& pos) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    unsigned char b0 = byte(pos);
    int len = b0 < 0x80 ? 1 : (b0 >> 5) == 6 ? 2 : (b0 >> 4) == 14 ? 3 : (b0 >> 3) == 30 ? 4 : 0;
    if (len == 0 || pos + len > s.size()) {
        ++pos;
        return 0xFFFD;
    }
    char32_t c = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
    for (int i = 1; i < len; ++i) {
        unsigned char b = byte(pos + i);
        if ((b >> 6) != 2) {
            ++pos;
            return 0xFFFD;
        }
        c = (c << 6) | (b & 0x3F);
    }
    pos += len;
    return c;
}

std::vector<ScriptRun> itemize(std::string_view text) {
    std::vector<ScriptRun> runs;
    std::size_t pos = 0;
    std::optional<Script> current; // unknown while only shared characters have been seen
    std::size_t run_begin = 0;
    while (pos < text.size()) {
        std::size_t start = pos;
        char32_t c = next_code_point(text, pos);
        std::optional<Script> script = script_with_cjk_punctuation(c);
        if (!script)
            continue;
        if (!current) {
            current = script;
        } else if (*script != *current) {
            runs.push_back({*current, run_begin, start});
            run_begin = start;
            current = script;
        }
    }
    if (run_begin < text.size())
        runs.push_back({current.value_or(Script::Latin), run_begin, text.size()});
    return runs;
}

} // namespace kiosk
