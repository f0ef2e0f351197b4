// The compiled content document (content.json inside every pack): languages, display profiles,
// categories and slides. content-tool writes it, the kiosk reads it; this file owns the format.
#pragma once

#include "base/civil_time.hpp"
#include "base/result.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

constexpr int kContentFormat = 1;
constexpr std::size_t kContentCap = 8 * 1024 * 1024;

// Text keyed by language code ("vi", "en", "lo", ...).
using LocalizedText = std::map<std::string, std::string>;

enum class ProfileLayout {
    Single, // one language at a time, in turn
    Dual,   // the default language beside each other language in turn
};

struct DisplayProfile {
    std::string name;
    int width = 1920;
    int height = 1080;
    bool touch = true;
    ProfileLayout layout = ProfileLayout::Single;
    bool portrait() const { return height > width; }
};

// Profiles every station knows even when content names none.
const std::vector<DisplayProfile>& builtin_profiles();

struct Category {
    std::string id;
    LocalizedText label;
    std::string icon; // object path of the tile's picture, or empty
};

// When a slide or a playlist may be shown, in the station's local time; parts left empty do not limit.
struct ShowTimes {
    static constexpr std::uint8_t kEveryDay = 0x7f;
    std::optional<std::int64_t> from;  // local civil minute (civil_time.hpp) from which it shows
    std::optional<std::int64_t> until; // and before which
    std::uint8_t weekdays = kEveryDay; // bit 0 Monday ... bit 6 Sunday
    std::vector<DailyWindow> times;    // times of day; none means all day
    // Among what may show at a moment, only the highest priority plays in the attract loop.
    int priority = 0;
    // Content that may show at any time: what fills the screen when nothing dated applies, or the
    // clock is wrong.
    bool evergreen() const { return !from && !until && weekdays == kEveryDay && times.empty(); }
    bool operator==(const ShowTimes&) const = default;
};

// Where a slide appears: in the attract loop, as a page travellers browse to, or both.
enum class Showing { Both, Attract, Browse };

struct Slide {
    std::string id;
    std::string category;
    std::uint32_t duration_ms = 10000; // how long each language (or language pair) is shown
    std::string image;                 // object path in the pack, or empty
    LocalizedText title;
    LocalizedText body;
    LocalizedText caption;
    // The editor's choice for text that does not fit even at the smallest size: cut with an ellipsis
    // (accepted) rather than reported as an error to fix.
    bool ellipsis = false;
    // A film shown in the picture's place (object path), and how: without sound unless asked, looping
    // for as long as the slide is shown, at a share of the station's volume.
    std::string video;
    bool muted = true;
    bool loop = true;
    float volume = 1.0f;
    // Subtitles for the film by language (object paths of SRT or WebVTT files), shown in the slide's
    // language, else by the content's fallback rules.
    LocalizedText subtitles;
    // A zoomable map shown in the picture's place: the object path of its tile index (map_tiles.hpp).
    std::string map;
    // More pictures (object paths) that travellers swipe through on the slide's page.
    std::vector<std::string> gallery;
    // A web address offered as a QR code on the page, so a traveller can take the page away.
    std::string link;
    Showing showing = Showing::Both;
    ShowTimes times;
};

// Slides scheduled together, such as a week's campaign: each shows only when both its own times and
// the playlist's allow, at the higher of the two priorities.
struct Playlist {
    std::string id;
    std::vector<std::string> slides;
    ShowTimes times;
};

// How another publisher's channel (a national campaign beside the province's own content) joins this
// channel's screens: one of its views after every `every` of ours (0: after our whole loop), and its
// categories on the Home screen when `browse` is set.
struct MergeRule {
    std::string channel;
    int every = 0;
    bool browse = true;
};

struct ResolvedText {
    std::string text;
    std::string language; // the language actually used, which differs from the one asked for on fallback
};

struct Content {
    std::string channel;
    LocalizedText name; // the station or project name shown in headers
    std::vector<std::string> languages;
    std::string default_language;
    std::vector<std::string> fallback;
    std::vector<DisplayProfile> profiles;
    std::vector<Category> categories;
    std::vector<Slide> slides;
    std::vector<std::string> fonts; // object paths of font files the content adds, tried before Noto
    std::vector<Playlist> playlists;
    std::vector<MergeRule> merge;
    // The content's own words for the kiosk's buttons and prompts, by string id ("home", "still_there",
    // ...) and language; they win over the kiosk's built-in words (ui_text.hpp).
    std::map<std::string, LocalizedText> ui;
    // Names no line may end inside, in any language ("Cầu Treo", "ເກົາແຈວ"): place names that ICU's
    // dictionaries do not know and would break between syllables. Matched byte for byte, so NFC.
    std::vector<std::string> keep_together;

    std::string to_json() const;
    static Result<Content> parse(std::string_view json);

    // The named profile from the content, else from the built-in ones.
    const DisplayProfile* find_profile(std::string_view name) const;
    const Slide* find_slide(std::string_view id) const;
    const Category* find_category(std::string_view id) const;
    // The playlists a slide belongs to.
    std::vector<const Playlist*> playlists_of(std::string_view slide) const;
    // The text in lang, else in the fallback languages in order, else in the default language.
    ResolvedText resolve(const LocalizedText& text, std::string_view lang) const;
};

// For a profile name nobody knows: "unknown display profile 'led'; the profiles are landscape, portrait,
// ...", listing the built-in ones and, with content, the content's own.
std::string unknown_profile_message(std::string_view name, const Content* content = nullptr);

Status validate_language_code(std::string_view code);

// Limits of keep_together, the same for content-tool and the kiosk (a signed pack can still be wrong): each
// name is checked when the list is laid out against every text, so both its length and count are bounded.
constexpr std::size_t kKeptNamesMost = 500;
constexpr std::size_t kKeptNameMostBytes = 100;
// Whether one name can be kept together: 1 to kKeptNameMostBytes bytes, no control character or line
// separator, no space at either end. The message starts with the name in quotes.
Status validate_kept_name(std::string_view name);
// The same for each name, and no more than kKeptNamesMost names, none twice.
Status validate_kept_names(const std::vector<std::string>& names);
// Native name of a language for menus and indicators ("Tiếng Việt", "ພາສາລາວ"); the code if unknown.
std::string native_language_name(std::string_view code);

} // namespace kiosk

namespace kiosk {
class ObjectSource;
// Reads and parses the content document of a pack, and checks that every image it names is in the pack.
Result<Content> load_content(const ObjectSource& objects);
} // namespace kiosk
