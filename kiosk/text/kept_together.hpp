// Stretches of text that a line may not end inside, whatever the language's break rules offer there:
// phone numbers, numbers with their units, slashed units, Korean words, and names an editor listed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// Bytes [begin, end) of a text: a line may end at begin or at end, not between.
struct KeptSpan {
    std::size_t begin, end;
};

// Numbers stay whole and with their unit:
// - a phone-like number (digit groups joined by single spaces, hyphens, dots or brackets, with at least
//   two groups and either a leading + or (, six digits or more, or groups of three as thousands) is one
//   unit: "0239 3 875 113", "+84 239 3875 113", "(024) 3825 1234", "1 000 000";
// - a number, one space and a unit after it stay together: a unit symbol (%, °C, ₫, $, ...), a listed
//   unit word (km, kg, giờ, phút, ngày, đồng, người, hours, ...) or an abbreviation of at most four
//   capitals (VND, USD, GB), with what a slash joins to it (km/h, đồng/người); ordinary words after a
//   number ("12 của", "2024 the") are not units;
// - a number and a letter or ideograph written right after it (80公里, 3天) are not parted.
void add_number_spans(std::string_view text, std::vector<KeptSpan>& out);

// A slash between letters or digits joins them as browsers do: "đồng/chiếc", "km/h", "24/7".
// A middle dot (· ・) never starts a line, like a comma.
void add_joined_by_punctuation(std::string_view text, std::vector<KeptSpan>& out);

// Korean is broken only at spaces (CSS word-break: keep-all): each run of Hangul and ideographs is kept.
void add_korean_words(std::string_view text, std::vector<KeptSpan>& out);

// Every occurrence of every name, matched byte for byte (so names and text should both be NFC).
void add_names(std::string_view text, const std::vector<std::string>& names, std::vector<KeptSpan>& out);

// Removes the breaks (ascending byte offsets) that fall strictly inside a span; spans may overlap and come
// in any order. Sorting the spans is the only cost above linear.
void drop_breaks_inside(std::vector<KeptSpan> spans, std::vector<std::size_t>& breaks);

} // namespace kiosk
