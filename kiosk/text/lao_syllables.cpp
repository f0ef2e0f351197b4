// A small scanner over Lao letters; anything it does not expect ends the syllable, so it can only join
// too little, never run on past a space or another script.
#include "text/lao_syllables.hpp"

#include "text/script.hpp"

namespace kiosk {

namespace {

bool consonant(char32_t c) {
    return (c >= 0x0E81 && c <= 0x0EAE) || (c >= 0x0EDC && c <= 0x0EDF);
}
bool vowel_before(char32_t c) {
    return c >= 0x0EC0 && c <= 0x0EC4; // ເ ແ ໂ ໃ ໄ
}
// Vowel signs above, below and after the consonant, the semivowel ຽ and tone marks.
bool vowel_or_mark(char32_t c) {
    return c == 0x0EB0 || c == 0x0EB1 || c == 0x0EB2 || c == 0x0EB3 || (c >= 0x0EB4 && c <= 0x0EBD) ||
           (c >= 0x0EC8 && c <= 0x0ECD);
}
bool can_end_syllable(char32_t c) {
    // ກ ງ ດ ນ ບ ມ ຍ ວ, and ອ which ends the vowels ເ◌ືອ and ◌ໍ
    return c == 0x0E81 || c == 0x0E87 || c == 0x0E94 || c == 0x0E99 || c == 0x0E9A || c == 0x0EA1 ||
           c == 0x0E8D || c == 0x0EA7 || c == 0x0EAD;
}
bool after_ho(char32_t c) {
    return c == 0x0E87 || c == 0x0E8D || c == 0x0E99 || c == 0x0EA1 || c == 0x0EA5 ||
           c == 0x0EA7; // ງ ຍ ນ ມ ລ ວ
}

} // namespace

bool lao_letter(char32_t c) {
    return consonant(c) || vowel_before(c) || vowel_or_mark(c);
}

std::vector<std::size_t> lao_syllable_boundaries(std::string_view text) {
    // Decode once: code points with their byte offsets.
    std::vector<char32_t> cs;
    std::vector<std::size_t> at;
    for (std::size_t pos = 0; pos < text.size();) {
        at.push_back(pos);
        cs.push_back(next_code_point(text, pos));
    }
    at.push_back(text.size());
    auto c = [&](std::size_t i) -> char32_t { return i < cs.size() ? cs[i] : 0; };

    std::vector<std::size_t> out;
    std::size_t i = 0;
    // Where the scanner cannot tell (a consonant that may end one syllable or begin the next), both places
    // count as boundaries: this scanner only vetoes breaks that are surely inside a syllable.
    auto either = [&](std::size_t k) {
        if (out.empty() || out.back() < at[k])
            out.push_back(at[k]);
    };
    while (i < cs.size()) {
        if (!lao_letter(c(i))) {
            ++i;
            continue;
        }
        std::size_t start = i;
        if (vowel_before(c(i)))
            ++i;
        if (!consonant(c(i))) {
            while (vowel_or_mark(c(i)))
                ++i;
            if (i == start)
                ++i;
        } else {
            ++i;
            // Clusters: ຫ before a sonorant (ຫວ, ຫນ, ...), or ◌ວ before a vowel (ກວ່າ, ຄວາມ).
            if (c(i - 1) == 0x0EAB && after_ho(c(i)) &&
                (vowel_or_mark(c(i + 1)) || can_end_syllable(c(i + 1)))) {
                ++i;
            } else if (c(i) == 0x0EA7 && vowel_or_mark(c(i + 1)) && c(i + 1) != 0x0EBD) {
                if (can_end_syllable(c(i - 1)) && i - 1 > start)
                    either(i); // or the consonant closed the syllable before (ໃນ|ວັນ)
                ++i;
            }
            char32_t vowel = 0;
            while (vowel_or_mark(c(i)))
                vowel = c(i++);
            // ະ and ◌ໍ end open syllables: nothing closes them.
            bool open = vowel == 0x0EB0 || vowel == 0x0ECD;
            auto may_close = [&](std::size_t k) {
                if (!can_end_syllable(c(k)) || vowel_or_mark(c(k + 1)))
                    return false;
                // ອ closes only as the vowel of ◌ອ (ຄອນ) or ເ◌ືອ (ເມືອງ).
                return c(k) != 0x0EAD || consonant(c(k - 1)) || c(k - 1) == 0x0EB7;
            };
            auto carrier = [&](char32_t x) { return x == 0x0EAD || x == 0x0EA7 || x == 0x0E8D; }; // ອ ວ ຍ
            if (!open && may_close(i)) {
                if (carrier(c(i + 1)))
                    either(i); // or it begins the next syllable (ພູ|ດອຍ, ຈະ|ກວດ)
                ++i;
                // ອ and ວ also write vowels (ຄອນ, ເມືອງ, ແຂວງ): then a true final may still follow.
                if ((c(i - 1) == 0x0EAD || c(i - 1) == 0x0EA7) && can_end_syllable(c(i)) && c(i) != 0x0EAD &&
                    !vowel_or_mark(c(i + 1))) {
                    if (carrier(c(i + 1)))
                        either(i);
                    ++i;
                }
            }
        }
        if (i < cs.size() && lao_letter(c(i)))
            either(i);
    }
    return out;
}

} // namespace kiosk
