// A forgiving parser: unmatched emphasis markers are shown as written, never an error.
#include "text/markup.hpp"

namespace kiosk {

namespace {

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::string_view trim_end(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// Whether a closing marker `mark` follows somewhere after pos on this line.
bool closes_later(std::string_view s, std::size_t pos, std::string_view mark) {
    for (std::size_t i = pos; i + mark.size() <= s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
            continue;
        }
        if (s.substr(i, mark.size()) == mark)
            return true;
    }
    return false;
}

HardLine parse_line(std::string_view s, Markup markup) {
    HardLine line;
    std::size_t start = 0;
    while (start < s.size() && (s[start] == ' ' || s[start] == '\t'))
        ++start;
    if (s.substr(start, 2) == "- " || s.substr(start, 4) == "\xE2\x80\xA2 ") { // "- " or "• "
        line.bullet = true;
        start += s[start] == '-' ? 2 : 4;
    } else {
        start = 0; // leading spaces of ordinary lines are kept as written
    }
    bool bold = false, italic = false;
    std::size_t span_begin = 0;
    auto switch_style = [&](bool new_bold, bool new_italic) {
        if (line.text.size() > span_begin)
            line.spans.push_back({span_begin, line.text.size(), bold, italic});
        span_begin = line.text.size();
        bold = new_bold;
        italic = new_italic;
    };
    for (std::size_t i = start; i < s.size(); ++i) {
        char c = s[i];
        if (markup == Markup::On && c == '\\' && i + 1 < s.size() && s[i + 1] == '*') {
            line.text += '*';
            ++i;
            continue;
        }
        if (markup == Markup::On && c == '*') {
            bool dbl = i + 1 < s.size() && s[i + 1] == '*';
            std::string_view mark = dbl ? "**" : "*";
            bool closing = dbl ? bold : italic;
            if (closing || closes_later(s, i + mark.size(), mark)) {
                if (dbl)
                    switch_style(!bold, italic);
                else
                    switch_style(bold, !italic);
                i += mark.size() - 1;
                continue;
            }
        }
        line.text += c;
    }
    switch_style(false, false);
    if (line.spans.empty())
        line.spans.push_back({0, line.text.size(), false, false});
    return line;
}

} // namespace

std::vector<HardLine> parse_markup(std::string_view text, Markup markup) {
    std::vector<HardLine> lines;
    bool gap = false;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = text.size();
        std::string_view raw = trim_end(text.substr(pos, nl - pos));
        if (blank(raw)) {
            gap = !lines.empty();
        } else {
            HardLine line = parse_line(raw, markup);
            line.starts_paragraph = gap;
            gap = false;
            lines.push_back(std::move(line));
        }
        if (nl == text.size())
            break;
        pos = nl + 1;
    }
    return lines;
}

} // namespace kiosk
