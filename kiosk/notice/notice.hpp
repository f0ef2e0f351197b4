// An urgent notice (a road closed, a gate's hours changed, a storm warning): a small signed file in every
// language of the channel, shown at once over whatever plays until it expires. This file owns the format.
//
// A .notice file is exactly two lines:
//   {"channel":...,"created":...,...}   the notice as canonical JSON (sorted keys, no spaces)
//   <128 lowercase hex digits>           Ed25519 signature over "kiosk-notice-v1\n" + the first line
// Anything else, including any other spelling of the same JSON, is refused.
#pragma once

#include "base/result.hpp"
#include "content/content.hpp"
#include "crypto/keys.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

constexpr int kNoticeFormat = 1;
constexpr std::size_t kNoticeFileCap = 64 * 1024;
// Bytes of text per language: a banner of two or three lines, a takeover of a short paragraph.
constexpr std::size_t kNoticeTextCap = 600;
// A notice must expire, and soon: at most this long after it starts. Lasting information belongs in a pack.
constexpr std::int64_t kNoticeLongestSeconds = 31 * 86400;
constexpr std::string_view kNoticeExtension = ".notice";

enum class NoticeMode {
    Banner,   // a strip over whatever shows
    Takeover, // the whole screen
};

struct Notice {
    std::string channel;
    std::string id; // one notice and its later versions (an identifier: a-z, 0-9, '.', '-', '_')
    std::uint64_t version =
        0; // higher for each new version of the same id; content-tool uses the creation time
    std::int64_t created = 0;          // seconds since the Unix epoch, UTC, as all times here
    std::int64_t starts = 0;           // shown from (may be in the future: installed now, shown then)
    std::int64_t expires = 0;          // and before
    std::vector<std::string> stations; // station ids, or "*" for every station of the channel
    NoticeMode mode = NoticeMode::Banner;
    LocalizedText text; // language -> text
    // A withdrawal: a newer version of the id that takes the notice down at once, everywhere it is
    // installed, and keeps older versions from being installed again. It has no mode, text or times.
    bool withdrawn = false;
    std::string signer; // key id of the signing key

    // Canonical JSON: sorted keys, no spaces; parse() accepts nothing else and checks every rule above.
    std::string to_bytes() const;
    static Result<Notice> parse(std::string_view bytes);

    bool targets(std::string_view station) const;
    bool showing_at(std::int64_t now) const { return !withdrawn && starts <= now && now < expires; }
    // The text in `lang`, else in English, else in Vietnamese, else in any language it has.
    const std::string& text_in(std::string_view lang) const;
    // The language to show it in over a screen: the first of `on_screen` (the languages of the slide or page
    // showing, the one a traveller reads first) that it has text in, so that the notice speaks the screen's
    // language; else English, else Vietnamese, else its first. Show text_in(that) with the heading in that.
    std::string language_for(const std::vector<std::string>& on_screen) const;
};

// The bytes of a .notice file signed by `key` (the notice's signer is set to the key's id).
std::string seal_notice(Notice notice, const SecretKey& key);
// Checks a .notice file's form and its signature by one of the trusted keys, and returns the notice. Whom
// it is for and whether it is current are the caller's to check (NoticeBoard does).
Result<Notice> open_notice(std::string_view file_bytes, const TrustedKeys& keys);

} // namespace kiosk
