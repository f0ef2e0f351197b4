// Script itemisation by Unicode block.
#include "text/script.hpp"

#include <optional>

namespace kiosk {

namespace {

std::optional<Script> script_of(char32_t c) {
    if (c >= 0x0E80 && c <= 0x0EFF)
        return Script::Lao;
    if (c >= 0x0E00 && c <= 0x0E7F)
        return Script::Thai;
    if ((c >= 0x1780 && c <= 0x17FF) || (c >= 0x19E0 && c <= 0x19FF))
        return Script::Khmer;
    if ((c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3040 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF) || (c >= 0x3000 && c <= 0x303F))
        return Script::Han;
    bool common = c < 0x41 || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0xBF) || c == 0xD7 ||
                  c == 0xF7 || (c >= 0x0300 && c <= 0x036F) || (c >= 0x2000 && c <= 0x206F) ||
                  (c >= 0x20A0 && c <= 0x20CF) || c == 0xFFFD || c == 0x25CC;
    if (common)
        return std::nullopt;
    return Script::Latin;
}

} // namespace

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
    std::optional<Script> pending; // script of the current run, unknown while only common characters seen
    std::size_t run_begin = 0;
    while (pos < text.size()) {
        std::size_t start = pos;
        auto script = script_of(next_code_point(text, pos));
        if (!script)
            continue;
        if (!pending) {
            pending = script;
        } else if (*script != *pending) {
            // Common characters before this one stay with the run they follow.
            runs.push_back({*pending, run_begin, start});
            run_begin = start;
            pending = script;
        }
    }
    if (run_begin < text.size())
        runs.push_back({pending.value_or(Script::Latin), run_begin, text.size()});
    return runs;
}

} // namespace kiosk
