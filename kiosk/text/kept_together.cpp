// Each rule scans the text once, left to right, and reports spans; only the spans are sorted.
#include "text/kept_together.hpp"

#include "text/script.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace kiosk {

namespace {

// The text as code points with the byte offset of each, and of the end.
struct Decoded {
    std::vector<char32_t> cs;
    std::vector<std::size_t> at;
    explicit Decoded(std::string_view text) {
        for (std::size_t pos = 0; pos < text.size();) {
            at.push_back(pos);
            cs.push_back(next_code_point(text, pos));
        }
        at.push_back(text.size());
    }
    char32_t operator[](std::size_t i) const { return i < cs.size() ? cs[i] : 0; }
    std::size_t size() const { return cs.size(); }
};

bool digit(char32_t c) {
    return c != 0 && u_isdigit(static_cast<UChar32>(c));
}
bool letter(char32_t c) {
    return c != 0 && u_isalpha(static_cast<UChar32>(c));
}
bool mark(char32_t c) {
    auto type = u_charType(static_cast<UChar32>(c));
    return c != 0 && (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK);
}
// A space a line may end at; no-break spaces need no rule.
bool breaking_space(char32_t c) {
    return c == ' ' || c == 0x2009 || c == 0x2007;
}
bool group_space(char32_t c) {
    return breaking_space(c) || c == 0xA0 || c == 0x202F;
}
bool unit_symbol(char32_t c) {
    return c == '%' || c == 0x2030 || c == 0xB0 || c == 0x2103 || c == 0x2109 || c == 0x2032 || c == 0x2033 ||
           u_charType(static_cast<UChar32>(c)) == U_CURRENCY_SYMBOL;
}

// Words that follow a number as its unit, written in lower case; abbreviations in capitals (VND, USD, GB)
// need no entry. Chinese and Japanese write units against the number, which keeps them already.
constexpr auto kUnits = std::to_array<std::string_view>({
    // length, area, mass, volume, power, data, speed
    "km", "m", "cm", "mm", "ha", "kg", "g", "t", "tấn", "l", "lít", "ml", "kw", "kwh", "w", "v", "mb", "gb",
    "kb", "tb", "mph", "ft", "mi", "metres", "meters", "metre", "meter", "kilometres", "kilometers",
    "kilograms", "tonnes", "litres", "liters",
    // time
    "h", "min", "s", "giờ", "phút", "giây", "ngày", "đêm", "tuần", "tháng", "năm", "am", "pm", "hour",
    "hours", "minute", "minutes", "second", "seconds", "day", "days", "night", "nights", "week", "weeks",
    "month", "months", "year", "years",
    // money and large numbers
    "đ", "đồng", "kip", "kíp", "baht", "bạt", "yuan", "won", "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "dollars",
    "dollar", "thousand", "million", "billion",
    // counts
    "người", "chiếc", "lượt", "chuyến", "lần", "xe", "tầng", "people", "persons", "passengers", "vehicles",
    "trucks", "times", "percent", "degrees", "lanes",
    // Lao: kilometre, metre, kip, baht, hour, minute, day, month, year, people, times
    "ກິໂລແມັດ", "ກມ", "ແມັດ", "ກີບ", "ບາດ", "ຊົ່ວໂມງ", "ໂມງ", "ນາທີ", "ວັນ", "ເດືອນ", "ປີ", "ຄົນ", "ຄັ້ງ",
    // Thai
    "กิโลเมตร", "กม", "เมตร", "บาท", "กีบ", "ชั่วโมง", "โมง", "นาที", "วัน", "เดือน", "ปี", "คน", "ครั้ง",
    // Khmer
    "គីឡូម៉ែត្រ", "ម៉ែត្រ", "រៀល", "ដុល្លារ", "ម៉ោង", "នាទី", "ថ្ងៃ", "ខែ", "ឆ្នាំ", "នាក់", "ដង",
    // Korean, when written with a space
    "원", "달러", "시간", "분", "일", "개월", "년", "명", "번"});

// Is word a unit: listed (any case of its ASCII letters), or an abbreviation of one to four Latin capitals
// (a short word in another script is not an abbreviation: Lao "ມີ" after a year is a verb)?
bool unit_word(std::string_view word, std::size_t letters) {
    std::string lower(word);
    bool capitals = letters >= 1 && letters <= 4;
    for (char& ch : lower) {
        if (ch >= 'A' && ch <= 'Z')
            ch = static_cast<char>(ch - 'A' + 'a');
        else
            capitals = false;
    }
    return capitals || std::find(kUnits.begin(), kUnits.end(), lower) != kUnits.end();
}

// The end (code point index) of a unit starting at u, or u when what starts there is not a unit. What a
// slash joins to the unit comes with it (km/h, đồng/người); the unit itself is the part before the slash.
std::size_t unit_end(std::string_view text, const Decoded& d, std::size_t u) {
    std::size_t i = u, letters = 0, slash = 0;
    bool symbol = unit_symbol(d[i]);
    // A unit ends where its script does: Korean and Japanese write their particles against it (300 km입니다).
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(static_cast<UChar32>(d[u]), &status);
    auto other_script = [&](char32_t c) {
        UErrorCode e = U_ZERO_ERROR;
        UScriptCode s = uscript_getScript(static_cast<UChar32>(c), &e);
        return letter(c) && s != script && s != USCRIPT_COMMON && s != USCRIPT_INHERITED;
    };
    while (i < d.size()) {
        char32_t c = d[i];
        if (other_script(c))
            break;
        bool joins = c == '/' && (letter(d[i + 1]) || digit(d[i + 1]));
        if (letter(c) && slash == 0)
            ++letters;
        else if (joins && slash == 0)
            slash = i;
        else if (!(letter(c) || joins || mark(c) || unit_symbol(c) || c == 0xB2 || c == 0xB3))
            break;
        ++i;
    }
    if (i == u || digit(d[i]))
        return u;
    std::size_t unit = slash ? slash : i;
    if (symbol || unit_word(text.substr(d.at[u], d.at[unit] - d.at[u]), letters))
        return i;
    return u;
}

// What joins two digit groups of one phone-like number: ")", one space, "-" or ".", one space, "(",
// in that order, at least one of them; returns the index after it, or i when nothing joins there.
std::size_t group_joint(const Decoded& d, std::size_t i, bool& only_space) {
    std::size_t j = i;
    bool space = false, other = false;
    if (d[j] == ')')
        ++j, other = true;
    if (group_space(d[j]))
        ++j, space = true;
    if (d[j] == '-' || d[j] == '.' || d[j] == 0x2011)
        ++j, other = true;
    if (group_space(d[j]) && !(space && !other))
        ++j, space = true;
    if (d[j] == '(')
        ++j, other = true;
    only_space = space && !other;
    return j > i && digit(d[j]) ? j : i;
}

} // namespace

void add_number_spans(std::string_view text, std::vector<KeptSpan>& out) {
    Decoded d(text);
    std::size_t i = 0;
    while (i < d.size()) {
        bool lead = (d[i] == '+' || d[i] == '(') && digit(d[i + 1]);
        if (!digit(d[i]) && !lead) {
            ++i;
            continue;
        }
        std::size_t start = i;
        if (lead)
            ++i;
        std::size_t groups = 0, digits = 0, last_end = i;
        bool thousands = true, spaces_only = true;
        while (true) {
            std::size_t g = i;
            // A group: digits, with the decimal or grouping marks inside it (3,5 or 1.000).
            while (digit(d[i]) || ((d[i] == '.' || d[i] == ',') && digit(d[i - 1]) && digit(d[i + 1])))
                digits += digit(d[i++]) ? 1 : 0;
            std::size_t len = i - g;
            thousands = thousands && (groups == 0 ? len <= 3 : len == 3);
            ++groups;
            last_end = i;
            bool only_space = false;
            std::size_t next = group_joint(d, i, only_space);
            if (next == i)
                break;
            spaces_only = spaces_only && only_space;
            i = next;
        }
        if (lead && d[start] == '(' && d[last_end] == ')')
            ++last_end;
        bool phone = groups >= 2 && (lead || digits >= 6 || (thousands && spaces_only));
        if (phone)
            out.push_back({d.at[start], d.at[last_end]});
        // The unit after the number (or after the last group, when the groups are separate numbers).
        std::size_t number_end = phone ? last_end : i;
        if (breaking_space(d[number_end]) && digit(d[number_end - 1])) {
            std::size_t u = number_end + 1;
            std::size_t e = unit_end(text, d, u);
            if (e > u)
                out.push_back({d.at[number_end], d.at[e]});
        }
        // A letter or ideograph written against the number is its unit: 80公里, 3天.
        if (letter(d[number_end]))
            out.push_back({d.at[number_end - 1], d.at[number_end + 1]});
        i = std::max(number_end, start + 1);
    }
}

void add_joined_by_punctuation(std::string_view text, std::vector<KeptSpan>& out) {
    Decoded d(text);
    auto word = [&](char32_t c) { return letter(c) || digit(c) || mark(c); };
    for (std::size_t i = 0; i + 1 < d.size(); ++i) {
        // A slash between two words, or one that starts a word (a path such as /etc/kiosk), never ends a line.
        bool starts = i == 0 || group_space(d[i - 1]) || d[i - 1] == '(' || d[i - 1] == '"' || d[i - 1] == '\'';
        if (d[i] == '/' && word(d[i + 1]) && (starts || word(d[i - 1])))
            out.push_back({d.at[starts ? i : i - 1], d.at[i + 2]});
        if (i == 0)
            continue;
        bool middle_dot = d[i] == 0xB7 || d[i] == 0x30FB || d[i] == 0xFF65 || d[i] == 0x2027;
        if (middle_dot && !group_space(d[i - 1]))
            out.push_back({d.at[i - 1], d.at[i + 1]});
    }
}

void add_korean_words(std::string_view text, std::vector<KeptSpan>& out) {
    auto korean = [](char32_t c) {
        return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
               (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF) || (c >= 0x4E00 && c <= 0x9FFF) ||
               (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
    };
    std::size_t run = 0, count = 0;
    for (std::size_t pos = 0; pos <= text.size();) {
        std::size_t here = pos;
        char32_t c = pos < text.size() ? next_code_point(text, pos) : 0;
        if (c && korean(c)) {
            if (count++ == 0)
                run = here;
        } else {
            if (count >= 2)
                out.push_back({run, here});
            count = 0;
            if (!c)
                break;
        }
    }
}

void add_names(std::string_view text, const std::vector<std::string>& names, std::vector<KeptSpan>& out) {
    for (const auto& name : names) {
        if (name.empty())
            continue;
        for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1))
            out.push_back({at, at + name.size()});
    }
}

void drop_breaks_inside(std::vector<KeptSpan> spans, std::vector<std::size_t>& breaks) {
    if (spans.empty())
        return;
    std::sort(spans.begin(), spans.end(),
              [](const KeptSpan& a, const KeptSpan& b) { return a.begin < b.begin; });
    std::size_t next = 0, covered_to = 0, kept = 0;
    for (std::size_t p : breaks) {
        while (next < spans.size() && spans[next].begin < p)
            covered_to = std::max(covered_to, spans[next++].end);
        if (p >= covered_to)
            breaks[kept++] = p;
    }
    breaks.resize(kept);
}

} // namespace kiosk
