// The small markup editors may use in body text: paragraphs, hard line breaks, bullet lists, **bold**
// and *italic*. Pure text in, styled lines out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct StyleSpan {
    std::size_t begin, end; // byte offsets into HardLine::text
    bool bold = false;
    bool italic = false;
};

// One line as the editor broke it; the engine wraps it further to fit its box.
struct HardLine {
    std::string text;              // without markup characters
    std::vector<StyleSpan> spans;  // cover text exactly, in order
    bool bullet = false;           // "- " or "• " at its start
    bool starts_paragraph = false; // preceded by a blank line (not the first paragraph)
};

// Blank lines separate paragraphs; a single newline is a hard break. With markup off only those apply.
// "\*" writes a literal asterisk.
enum class Markup { Off, On };
std::vector<HardLine> parse_markup(std::string_view text, Markup markup);

} // namespace kiosk
