// Lao syllable boundaries, from the shape of Lao writing: an optional vowel written before the
// consonant, an initial consonant or cluster, vowel signs and tone marks, an optional final consonant.
// ICU's Lao dictionary guesses at words it does not know (place names, transliterations) and may then
// offer a break in the middle of a syllable; line breaking keeps only those at syllable boundaries.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace kiosk {

// Consonants, vowels and marks: not digits, ໆ, ຯ or punctuation, next to which a break is always allowed.
bool lao_letter(char32_t c);

// Byte offsets inside runs of Lao letters where one syllable ends and the next begins, ascending.
std::vector<std::size_t> lao_syllable_boundaries(std::string_view text);

} // namespace kiosk
