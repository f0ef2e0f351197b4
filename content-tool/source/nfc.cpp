// NFC with ICU's normaliser, skipped for text that is already normal (nearly all of it).
#include "source/nfc.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace content_tool {

std::string to_nfc(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status))
        return std::string(text);
    auto source =
        icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    if (nfc->isNormalized(source, status) && U_SUCCESS(status))
        return std::string(text);
    status = U_ZERO_ERROR;
    icu::UnicodeString normal = nfc->normalize(source, status);
    if (U_FAILURE(status))
        return std::string(text);
    std::string out;
    normal.toUTF8String(out);
    return out;
}

} // namespace content_tool
