// Splits text into runs of one writing system, so each run can be shaped with a font that covers it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// The writing systems the stations show; Latin also stands for every other script Noto Sans covers.
enum class Script { Latin, Lao, Thai, Khmer, Myanmar, Han };

struct ScriptRun {
    Script script;
    std::size_t begin; // byte offsets into the text
    std::size_t end;
};

// Spaces, digits, punctuation and combining marks join the run around them (the one before, or at the
// start of the text the one after).
std::vector<ScriptRun> itemize(std::string_view text);

// Characters every script uses: spaces, digits, punctuation, combining marks.
bool is_shared(char32_t c);
const char* iso15924(Script script); // "Latn", "Laoo", ...
// The smallest line height, in ems, at which the script's stacked marks do not touch the next line.
float min_line_height_em(Script script);

// Decodes one UTF-8 code point at pos and advances pos; invalid bytes yield U+FFFD.
char32_t next_code_point(std::string_view text, std::size_t& pos);

} // namespace kiosk
