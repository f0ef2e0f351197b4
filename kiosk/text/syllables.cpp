// A small scanner over Lao letters, and rules on the few characters around each Thai, Lao or Khmer break;
// anything they do not expect allows the break, so they can only keep too little together, never run on
// past a space or another script.
#include "text/syllables.hpp"

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

namespace {

enum class Family { None, Thai, Lao, Khmer };

Family family_of(char32_t c) {
    if (c >= 0x0E01 && c <= 0x0E4E && c != 0x0E2F && c != 0x0E3F && c != 0x0E46)
        return Family::Thai; // letters, vowels and marks; not ฯ, ฿, ๆ, digits or ๏
    if (lao_letter(c))
        return Family::Lao;
    if ((c >= 0x1780 && c <= 0x17D3) || c == 0x17DD)
        return Family::Khmer;
    return Family::None;
}

bool consonant_of(Family f, char32_t c) {
    switch (f) {
    case Family::Thai:
        return c >= 0x0E01 && c <= 0x0E2E && c != 0x0E2F;
    case Family::Lao:
        return (c >= 0x0E81 && c <= 0x0EAE) || (c >= 0x0EDC && c <= 0x0EDF);
    case Family::Khmer:
        return c >= 0x1780 && c <= 0x17A2;
    case Family::None:
        break;
    }
    return false;
}

// Written before the consonant it is pronounced after: เ แ โ ใ ไ, ເ ແ ໂ ໃ ໄ.
bool leading_vowel(char32_t c) {
    return (c >= 0x0E40 && c <= 0x0E44) || (c >= 0x0EC0 && c <= 0x0EC4);
}

// Belongs to the character before it: vowel signs above, below and after, tone marks, ๆ/ໆ, Khmer
// dependent vowels, signs and the coeng that puts the next consonant under the base.
bool attaches_before(char32_t c) {
    bool thai = c == 0x0E30 || c == 0x0E31 || (c >= 0x0E32 && c <= 0x0E3A) || (c >= 0x0E45 && c <= 0x0E4E);
    bool lao = c == 0x0EB0 || c == 0x0EB1 || (c >= 0x0EB2 && c <= 0x0EBD) || (c >= 0x0EC6 && c <= 0x0ECD);
    bool khmer = (c >= 0x17B4 && c <= 0x17D3) || c == 0x17DD;
    return thai || lao || khmer;
}

// Marks that silence the consonant they sit on: thanthakhat ์, Lao cancellation ໌, Khmer toandakhiat ៍
// and bantoc ់ (which closes a syllable on its consonant).
bool silencer(char32_t c) {
    return c == 0x0E4C || c == 0x0ECC || c == 0x17CD || c == 0x17CB;
}

// Short vowels written above or below that a silenced cluster may carry (สิทธิ์, ພຣະພຸດທ໌).
bool silenced_vowel(char32_t c) {
    return c == 0x0E34 || c == 0x0E38 || c == 0x0EB4 || c == 0x0EB8;
}

bool tone_mark(char32_t c) {
    return (c >= 0x0E48 && c <= 0x0E4B) || (c >= 0x0EC8 && c <= 0x0ECB);
}

// ั ็ ັ ົ are never the end of a syllable: a final consonant (or ว, ອ as part of the vowel) follows.
bool needs_final(char32_t c) {
    return c == 0x0E31 || c == 0x0E47 || c == 0x0EB1 || c == 0x0EBB;
}

// Thai short vowels ิ ึ ุ, and the silencer: a consonant after them that is itself followed by a
// consonant carrying a vowel closes their syllable (สิน|ค้า, ซิม|การ์ด, การ์ด|ราคา).
bool closed_by_next_consonant(char32_t c) {
    return c == 0x0E34 || c == 0x0E36 || c == 0x0E38 || c == 0x0E4C;
}

// Sonorants that ห/ຫ leads as one initial (หน, หง, ຫວ): ง ญ น ม ย ร ล ว, ງ ຍ ນ ມ ລ ວ.
bool led_by_ho(char32_t c) {
    return c == 0x0E07 || c == 0x0E0D || c == 0x0E19 || c == 0x0E21 || c == 0x0E22 || c == 0x0E23 ||
           c == 0x0E25 || c == 0x0E27 || c == 0x0E87 || c == 0x0E8D || c == 0x0E99 || c == 0x0EA1 ||
           c == 0x0EA5 || c == 0x0EA7;
}

// The code points around a break: before[0] just before it, after[0] just after it (0 past the ends).
struct Window {
    char32_t before[3] = {0, 0, 0};
    char32_t after[4] = {0, 0, 0, 0};
};

Window window_at(std::string_view text, std::size_t p) {
    Window w;
    std::size_t pos = p;
    for (char32_t& c : w.after)
        c = pos < text.size() ? next_code_point(text, pos) : 0;
    std::size_t end = p;
    for (char32_t& c : w.before) {
        if (end == 0)
            break;
        std::size_t start = end - 1;
        while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
            --start;
        std::size_t at = start;
        c = next_code_point(text, at);
        end = start;
    }
    return w;
}

bool cuts_syllable(const Window& w) {
    char32_t b1 = w.before[0], b2 = w.before[1], a1 = w.after[0], a2 = w.after[1], a3 = w.after[2],
             a4 = w.after[3];
    Family f = family_of(b1);
    if (f == Family::None || (family_of(a1) != f && a1 != 0x0E46 && a1 != 0x0EC6))
        return false;
    if (attaches_before(a1) || leading_vowel(b1) || b1 == 0x17D2)
        return true;
    if (!consonant_of(f, a1))
        return false;
    // A consonant silenced with its neighbours: ห์, ต์, ทร์, ธิ์, ດ໌; in Khmer only the consonant under ់ or ៍.
    bool silenced =
        silencer(a2) || (f != Family::Khmer &&
                         ((consonant_of(f, a2) && silencer(a3)) || (silenced_vowel(a2) && silencer(a3)) ||
                          (consonant_of(f, a2) && silenced_vowel(a3) && silencer(a4))));
    if (silenced)
        return true;
    // The last consonant of a word is the final of the syllable before it (ซิม, ดานัง).
    bool khmer_final = f != Family::Khmer || attaches_before(b1);
    if (family_of(a2) != f && khmer_final)
        return true;
    if (f == Family::Khmer)
        return false;
    if (needs_final(b1) || (tone_mark(b1) && needs_final(b2)))
        return true;
    // ห before a sonorant and its vowel is one initial (เหงะ, ຫວາ).
    bool vowel_after = attaches_before(a2) && a2 != 0x0EC6 && a2 != 0x0E46;
    if ((b1 == 0x0E2B || b1 == 0x0EAB) && led_by_ho(a1) && vowel_after)
        return true;
    if (f != Family::Thai)
        return false;
    // ห ฮ ผ ฝ ฉ never close a syllable: a break after one would leave it without its vowel (แทงฮ|ว้า).
    if (b1 == 0x0E2B || b1 == 0x0E2E || b1 == 0x0E1C || b1 == 0x0E1D || b1 == 0x0E09)
        return true;
    // A consonant followed by a consonant that carries a vowel is either this syllable's final or a
    // syllable of its own with an unwritten vowel; ง and ญ never stand alone (กว๋าง|บิ่ญ), nor does a
    // consonant after a short vowel or a silenced letter.
    bool next_initial = (consonant_of(f, a2) && attaches_before(a3) && a3 != 0x0E46) || leading_vowel(a2);
    bool written_vowel = attaches_before(b1) && b1 != 0x0E30 && b1 != 0x0E46;
    if (next_initial && written_vowel && (a1 == 0x0E07 || a1 == 0x0E0D))
        return true;
    bool short_before = closed_by_next_consonant(b1) || (tone_mark(b1) && closed_by_next_consonant(b2));
    return next_initial && !leading_vowel(a2) && short_before;
}

} // namespace

void drop_breaks_inside_syllables(std::string_view text, std::vector<std::size_t>& breaks) {
    // Only text with Thai, Lao or Khmer (all 3-byte UTF-8 starting E0 B8..BB or E1 9E..9F) is looked at.
    bool lao =
        text.find("\xE0\xBA") != std::string_view::npos || text.find("\xE0\xBB") != std::string_view::npos;
    bool other =
        text.find("\xE0\xB8") != std::string_view::npos || text.find("\xE0\xB9") != std::string_view::npos ||
        text.find("\xE1\x9E") != std::string_view::npos || text.find("\xE1\x9F") != std::string_view::npos;
    if (!lao && !other)
        return;
    std::vector<std::size_t> syllables = lao ? lao_syllable_boundaries(text) : std::vector<std::size_t>{};
    std::size_t next_syllable = 0, kept = 0; // breaks and syllables are both ascending: one walk each
    for (std::size_t p : breaks) {
        bool cut = false;
        if (p > 0 && p < text.size()) {
            Window w = window_at(text, p);
            if (lao && lao_letter(w.before[0]) && lao_letter(w.after[0])) {
                while (next_syllable < syllables.size() && syllables[next_syllable] < p)
                    ++next_syllable;
                cut = next_syllable == syllables.size() || syllables[next_syllable] != p;
            }
            cut = cut || cuts_syllable(w);
        }
        if (!cut)
            breaks[kept++] = p;
    }
    breaks.resize(kept);
}

} // namespace kiosk
