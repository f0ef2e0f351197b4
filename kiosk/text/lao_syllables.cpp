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
bool second_of_cluster(char32_t c) {
    return c == 0x0EA7 || c == 0x0EA5 || c == 0x0EA3; // ວ ລ ຣ
}
bool after_ho(char32_t c) {
    return c == 0x0E87 || c == 0x0E8D || c == 0x0E99 || c == 0x0EA1 || c == 0x0EA5 ||
           c == 0x0EA7; // ງ ຍ ນ ມ ລ ວ
}

} // namespace

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
    auto lao = [&](std::size_t i) { return consonant(c(i)) || vowel_before(c(i)) || vowel_or_mark(c(i)); };

    std::vector<std::size_t> out;
    std::size_t i = 0;
    while (i < cs.size()) {
        if (!lao(i)) {
            ++i;
            continue;
        }
        std::size_t start = i;
        if (vowel_before(c(i)))
            ++i;
        if (consonant(c(i))) {
            ++i;
            // Clusters: ຫ before a sonorant (ຫວ, ຫນ, ...), or ວ ລ ຣ after a consonant when a vowel follows.
            if ((c(i - 1) == 0x0EAB && after_ho(c(i)) &&
                 (vowel_or_mark(c(i + 1)) || can_end_syllable(c(i + 1)))) ||
                (second_of_cluster(c(i)) && vowel_or_mark(c(i + 1)) && c(i + 1) != 0x0EBD))
                ++i;
            while (vowel_or_mark(c(i)))
                ++i;
            // A final consonant: one that can end a syllable and does not itself take the vowel that follows.
            // Before ວ and a vowel it may instead begin a cluster (ດີ|ກວ່າ, not ດີກ|ວ່າ; but ເວັ້ນ|ວີ): both
            // places are syllable boundaries as far as this scanner can tell.
            if (can_end_syllable(c(i)) && c(i + 1) == 0x0EA7 && vowel_or_mark(c(i + 2)) && c(i + 2) != 0x0EBD)
                out.push_back(at[i]);
            if (can_end_syllable(c(i)) && !vowel_or_mark(c(i + 1))) {
                ++i;
                // ອ and ວ also write vowels (ຄອນ, ເມືອງ, ແຂວງ): then a true final may still follow.
                if ((c(i - 1) == 0x0EAD || c(i - 1) == 0x0EA7) && can_end_syllable(c(i)) && c(i) != 0x0EAD &&
                    !vowel_or_mark(c(i + 1)))
                    ++i;
            }
        } else {
            while (vowel_or_mark(c(i)))
                ++i;
            if (i == start)
                ++i;
        }
        if (i < cs.size() && lao(i))
            out.push_back(at[i]);
    }
    return out;
}

} // namespace kiosk
