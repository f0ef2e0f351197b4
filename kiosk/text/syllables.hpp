// Syllables of Lao, Thai and Khmer, which are written without spaces between words: ICU's dictionaries
// guess at words they do not know (place names, transliterations, loanwords) and may then offer a break
// inside a syllable or before a silenced letter; line breaking keeps only the breaks this file allows.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace kiosk {

// Lao consonants, vowels and marks: not digits, ໆ, ຯ or punctuation, next to which a break is always allowed.
bool lao_letter(char32_t c);

// Byte offsets inside runs of Lao letters where one syllable ends and the next begins, ascending. The
// scanner follows the shape of Lao writing (an optional vowel written before the consonant, an initial
// consonant or cluster, vowel signs and tone marks, an optional final) and, where a consonant may close
// one syllable or open the next, counts both places.
std::vector<std::size_t> lao_syllable_boundaries(std::string_view text);

// Removes from breaks (ascending byte offsets into text after which a line may end) every break that
// would cut a Lao, Thai or Khmer syllable: before a combining mark, a vowel written after its consonant,
// a tone mark, ๆ/ໆ, a Khmer coeng pair or sign, or a consonant silenced by ์/໌/៍; after a vowel written
// before its consonant or a Khmer coeng; between a Thai or Lao vowel that needs a final consonant and
// that final; before a word's last consonant. Between two Lao letters only syllable boundaries stay.
// Linear in the text: each break looks at a few characters around it.
void drop_breaks_inside_syllables(std::string_view text, std::vector<std::size_t>& breaks);

} // namespace kiosk
