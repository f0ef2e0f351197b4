// A forgiving reader of SRT and WebVTT as editors' tools write them (BOM, CRLF, missing cue numbers,
// hours left out in WebVTT), strict only where a mistake would show the wrong words at the wrong time.
#include "content/subtitles.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

namespace kiosk {

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        auto nl = text.find('\n');
        auto line = text.substr(0, nl);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.push_back(line);
        if (nl == std::string_view::npos)
            break;
        text.remove_prefix(nl + 1);
    }
    return lines;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// "01:02:03,456", "01:02:03.456" or (WebVTT) "02:03.456", in seconds.
std::optional<double> parse_time(std::string_view s) {
    int parts[3] = {0, 0, 0};
    int count = 0;
    while (true) {
        if (count == 3)
            return std::nullopt;
        int value = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
        if (ec != std::errc() || end == s.data() || value < 0)
            return std::nullopt;
        parts[count++] = value;
        s.remove_prefix(static_cast<std::size_t>(end - s.data()));
        if (s.empty() || s.front() != ':')
            break;
        s.remove_prefix(1);
    }
    if (count < 2 || s.size() != 4 || (s.front() != ',' && s.front() != '.'))
        return std::nullopt;
    int millis = 0;
    auto [end, ec] = std::from_chars(s.data() + 1, s.data() + 4, millis);
    if (ec != std::errc() || end != s.data() + 4)
        return std::nullopt;
    int h = count == 3 ? parts[0] : 0, m = parts[count - 2], sec = parts[count - 1];
    if (m > 59 || sec > 59)
        return std::nullopt;
    return h * 3600.0 + m * 60.0 + sec + millis / 1000.0;
}

// "start --> end [WebVTT settings]".
std::optional<std::pair<double, double>> parse_timing(std::string_view line) {
    auto arrow = line.find("-->");
    if (arrow == std::string_view::npos)
        return std::nullopt;
    auto start = parse_time(trim(line.substr(0, arrow)));
    auto rest = trim(line.substr(arrow + 3));
    auto space = rest.find_first_of(" \t");
    auto end = parse_time(rest.substr(0, space));
    if (!start || !end)
        return std::nullopt;
    return std::pair{*start, *end};
}

// Whether a line begins with a time ("00:01:02,500 ...", "01:02.500 ..."): a timing line, even when its
// arrow is written wrong, as opposed to a cue number or identifier.
bool starts_with_time(std::string_view line) {
    line = trim(line);
    auto end = line.find_first_of(" \t-");
    return parse_time(line.substr(0, end)).has_value();
}

// What is wrong with a line that should be a cue timing, and how to write it.
std::string timing_problem(std::string_view line) {
    if (line.find("-->") == std::string_view::npos && starts_with_time(line))
        return "has no '-->' between its times (two hyphens and '>'); write it as 00:01:02,500 --> "
               "00:01:04,000";
    return "is not a cue timing; write it as 00:01:02,500 --> 00:01:04,000";
}

// Cue text to markup: <i>/<em> -> *, <b>/<strong> -> **, entities decoded, other tags dropped, and
// asterisks the film's text contains kept literal.
std::string to_markup(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        if (c == '<') {
            auto close = text.find('>', i);
            if (close == std::string_view::npos) {
                out += text.substr(i);
                break;
            }
            std::string tag(text.substr(i + 1, close - i - 1));
            std::transform(tag.begin(), tag.end(), tag.begin(), [](unsigned char ch) { return std::tolower(ch); });
            std::string name = tag.substr(0, tag.find_first_of(" .\t"));
            if (name == "i" || name == "/i" || name == "em" || name == "/em")
                out += '*';
            else if (name == "b" || name == "/b" || name == "strong" || name == "/strong")
                out += "**";
            i = close + 1;
        } else if (c == '&') {
            static const std::pair<std::string_view, std::string_view> entities[] = {
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", "\u00a0"},
                {"&lrm;", "\u200e"}, {"&rlm;", "\u200f"}, {"&quot;", "\""}, {"&apos;", "'"}};
            bool done = false;
            for (auto [entity, value] : entities)
                if (text.substr(i, entity.size()) == entity) {
                    out += value;
                    i += entity.size();
                    done = true;
                    break;
                }
            if (!done) {
                out += c;
                ++i;
            }
        } else if (c == '*' || c == '\\') {
            out += '\\';
            out += c;
            ++i;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

Error bad_line(std::size_t line, std::string_view text, const std::string& why) {
    std::string shown(text.substr(0, 60));
    return make_error(ErrorCode::Parse, "line " + std::to_string(line + 1) + ": '" + shown + "' " + why);
}

// Where the first byte that is not well-formed UTF-8 lies, or npos.
std::size_t invalid_utf8_at(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 9;
        if (extra == 9 || c == 0xC0 || c == 0xC1 || c > 0xF4 || (extra > 0 && i + extra >= text.size()))
            return i;
        for (std::size_t k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
                return i;
        i += extra + 1;
    }
    return std::string_view::npos;
}

// Subtitles must be UTF-8 text: other encodings would show as garbage on the screen.
Status check_encoding(std::string_view text) {
    if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF")
        return make_error(ErrorCode::Parse, "the file is saved as UTF-16 text; save it again as UTF-8 "
                                            "(in most editors: Save as, Encoding: UTF-8)");
    if (text.find('\0') != std::string_view::npos)
        return make_error(ErrorCode::Parse, "the file is not text (it holds zero bytes); is this a subtitle "
                                            "file? Export the subtitles as .srt or .vtt in UTF-8");
    if (auto at = invalid_utf8_at(text); at != std::string_view::npos) {
        auto line = static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
        return make_error(ErrorCode::Parse, "line " + std::to_string(line + 1) +
                                                " is not UTF-8 text (the file may be saved as Latin-1 or "
                                                "Windows-1258); save it again as UTF-8");
    }
    return {};
}

} // namespace

std::string Subtitles::text_at(double seconds) const {
    auto after = std::upper_bound(cues.begin(), cues.end(), seconds,
                                  [](double t, const Cue& cue) { return t < cue.start; });
    std::vector<const Cue*> showing;
    for (auto it = after; it != cues.begin();) {
        --it;
        if (it->start < seconds - longest)
            break;
        if (seconds < it->end)
            showing.push_back(&*it);
    }
    std::string text;
    for (auto it = showing.rbegin(); it != showing.rend(); ++it) {
        if (!text.empty())
            text += '\n';
        text += (*it)->text;
    }
    return text;
}

Result<Subtitles> parse_subtitles(std::string_view text) {
    if (text.size() > kSubtitlesCap)
        return make_error(ErrorCode::TooLarge, "subtitles are larger than 2 MiB; is this a subtitle file?");
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    TRY(check_encoding(text));
    auto lines = split_lines(text);
    bool vtt = !lines.empty() && lines[0].substr(0, 6) == "WEBVTT";
    Subtitles subs;
    std::size_t i = vtt ? 1 : 0;
    // The WebVTT header runs to the first blank line.
    while (vtt && i < lines.size() && !trim(lines[i]).empty())
        ++i;
    while (i < lines.size()) {
        if (trim(lines[i]).empty()) {
            ++i;
            continue;
        }
        std::size_t block = i;
        std::size_t block_end = i;
        while (block_end < lines.size() && !trim(lines[block_end]).empty())
            ++block_end;
        i = block_end;
        if (vtt && (lines[block].substr(0, 4) == "NOTE" || lines[block].substr(0, 5) == "STYLE" ||
                    lines[block].substr(0, 6) == "REGION"))
            continue;
        // A cue number (SRT) or identifier (WebVTT) may come before the timing line.
        // A first line that starts with a time is the timing itself, even with its arrow written wrong
        // ("->"): the mistake is reported there, not at the cue text below it.
        std::size_t timing_line = block;
        if (lines[block].find("-->") == std::string_view::npos && !starts_with_time(lines[block]))
            timing_line = block + 1;
        if (timing_line >= block_end)
            return bad_line(block, lines[block],
                            "is not followed by a cue timing such as 00:01:02,500 --> 00:01:04,000");
        auto timing = parse_timing(lines[timing_line]);
        if (!timing)
            return bad_line(timing_line, lines[timing_line], timing_problem(lines[timing_line]));
        if (timing->second <= timing->first)
            return bad_line(timing_line, lines[timing_line], "ends before it starts");
        Cue cue{timing->first, timing->second, {}};
        for (std::size_t l = timing_line + 1; l < block_end; ++l) {
            if (!cue.text.empty())
                cue.text += '\n';
            cue.text += to_markup(trim(lines[l]));
        }
        if (cue.text.empty())
            continue;
        if (subs.cues.size() == kMaxCues)
            return make_error(ErrorCode::TooLarge, "more than " + std::to_string(kMaxCues) + " cues");
        subs.longest = std::max(subs.longest, cue.end - cue.start);
        subs.cues.push_back(std::move(cue));
    }
    if (subs.cues.empty())
        return make_error(ErrorCode::Parse, vtt ? "the WebVTT file has no cues"
                                                : "no cues found; is this an SRT or WebVTT file?");
    std::stable_sort(subs.cues.begin(), subs.cues.end(),
                     [](const Cue& a, const Cue& b) { return a.start < b.start; });
    return subs;
}

} // namespace kiosk
