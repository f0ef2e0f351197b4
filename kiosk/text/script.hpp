// Splits text into runs of one writing system, so each run can be drawn with a font that covers it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class Script { Latin, Lao, Thai, Khmer, Han };

struct ScriptRun {
    Script script;
    std::size_t begin; // byte offsets into the text
    std::size_t end;
};

// Spaces, digits, punctuation and combining marks join the run around them.
std::vector<ScriptRun> itemize(std::string_view text);

// Decodes one UTF-8 code point at pos and advances pos; invalid bytes yield U+FFFD.
char32_t next_code_point(std::string_view text, std::size_t& pos);

} // namespace kiosk
