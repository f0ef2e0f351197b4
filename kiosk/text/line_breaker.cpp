// Break iterators are costly to create (Lao and Khmer load dictionaries), so each language's are reused.
#include "text/line_breaker.hpp"

#include "text/kept_together.hpp"
#include "text/script.hpp"
#include "text/syllables.hpp"

#include <algorithm>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

namespace kiosk {

struct LineBreaker::Iterators {
    std::unique_ptr<icu::BreakIterator> line, character;
};

LineBreaker::LineBreaker() = default;
LineBreaker::~LineBreaker() = default;

LineBreaker::Iterators& LineBreaker::for_lang(const std::string& lang) {
    auto& slot = m_iterators[lang];
    if (!slot) {
        slot = std::make_unique<Iterators>();
        icu::Locale locale(lang.c_str());
        UErrorCode status = U_ZERO_ERROR;
        slot->line.reset(icu::BreakIterator::createLineInstance(locale, status));
        if (U_FAILURE(status))
            slot->line.reset();
        status = U_ZERO_ERROR;
        slot->character.reset(icu::BreakIterator::createCharacterInstance(locale, status));
        if (U_FAILURE(status))
            slot->character.reset();
    }
    return *slot;
}

namespace {

std::vector<std::size_t> boundaries(std::string_view text, icu::BreakIterator* it) {
    std::vector<std::size_t> points;
    UErrorCode status = U_ZERO_ERROR;
    UText* ut =
        it ? utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status) : nullptr;
    if (ut && U_SUCCESS(status)) {
        it->setText(ut, status);
        if (U_SUCCESS(status))
            for (int32_t p = it->next(); p != icu::BreakIterator::DONE; p = it->next())
                points.push_back(static_cast<std::size_t>(p));
        // The iterator keeps a pointer to the UText; detach it before closing.
        UErrorCode reset = U_ZERO_ERROR;
        UText* empty = utext_openUTF8(nullptr, "", 0, &reset);
        it->setText(empty, reset);
        utext_close(ut);
        utext_close(empty);
    }
    if (points.empty() || points.back() != text.size())
        points.push_back(text.size());
    return points;
}

// The code point starting at byte p, and the one ending there (0 at the ends of the text).
char32_t code_at(std::string_view text, std::size_t p) {
    return p < text.size() ? next_code_point(text, p) : 0;
}
char32_t code_before(std::string_view text, std::size_t p) {
    if (p == 0)
        return 0;
    std::size_t start = p - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
        --start;
    return code_at(text, start);
}

} // namespace

void LineBreaker::set_kept_names(std::vector<std::string> names) {
    std::erase_if(names, [](const std::string& name) { return name.empty(); });
    m_kept_names = std::move(names);
}

std::vector<std::size_t> LineBreaker::line_breaks(std::string_view text, const std::string& lang,
                                                  BreakRules rules) {
    auto points = boundaries(text, for_lang(lang).line.get());
    drop_breaks_inside_syllables(text, points);
    if (rules == BreakRules::Script)
        return points;
    std::vector<KeptSpan> spans;
    add_number_spans(text, spans);
    add_joined_by_punctuation(text, spans);
    if (lang == "ko" || lang.starts_with("ko-") || lang.starts_with("ko_"))
        add_korean_words(text, spans);
    if (rules == BreakRules::Full)
        add_names(text, m_kept_names, spans);
    drop_breaks_inside(std::move(spans), points);
    return points;
}

std::vector<std::size_t> LineBreaker::syllable_cuts(std::string_view text, const std::string& lang) {
    auto points = clusters(text, lang);
    drop_breaks_inside_syllables(text, points);
    if (points.empty() || points.back() != text.size())
        points.push_back(text.size());
    return points;
}

std::vector<std::size_t> LineBreaker::clusters(std::string_view text, const std::string& lang) {
    auto points = boundaries(text, for_lang(lang).character.get());
    // Unicode's grapheme clusters are finer than what readers see as one unit, so some boundaries go:
    // - after a Khmer coeng (U+17D2) or Myanmar virama (U+1039): the next consonant is drawn under the base;
    // - before a Lao or Thai vowel written after its consonant (ະ າ ຳ, ะ า ำ ๅ);
    // - after a Lao or Thai vowel written before its consonant (ເ ແ ໂ ໃ ໄ, เ แ โ ใ ไ).
    std::erase_if(points, [&](std::size_t p) {
        if (p == 0 || p >= text.size())
            return false;
        char32_t before = code_before(text, p), at = code_at(text, p);
        bool subscript = before == 0x17D2 || before == 0x1039;
        bool follows = at == 0x0EB0 || at == 0x0EB2 || at == 0x0EB3 || at == 0x0E30 || at == 0x0E32 ||
                       at == 0x0E33 || at == 0x0E45;
        bool precedes = (before >= 0x0EC0 && before <= 0x0EC4) || (before >= 0x0E40 && before <= 0x0E44);
        return subscript || follows || precedes;
    });
    return points;
}

} // namespace kiosk
