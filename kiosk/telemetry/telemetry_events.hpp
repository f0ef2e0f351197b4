// What the kiosk tells its telemetry: plain records of what was shown and what happened, with no personal
// data (no names, no documents, no images of people). Times are UTC milliseconds since the epoch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace kiosk {

// Whether a slide was shown by the unattended loop or opened by a traveller, so reports can tell reach
// (attract) from interest (browse).
enum class PlayMode { Attract, Browse };

// Why a touch session ended, so reports can tell travellers who walked away from interrupted ones.
// left: the traveller backed out of the language picker; shutdown: the kiosk stopped mid-visit.
enum class SessionEnd { Timeout, Operator, ContentChange, Left, Shutdown };

// What became of a pack offered for installation, for the office's record of which content ran where.
enum class InstallOutcome { Installed, Repaired, Refused, RolledBack };

// Proof of play: one slide shown once, for the yearly report of what each station showed.
struct PlayEvent {
    std::string channel;
    std::uint64_t pack_version = 0;
    std::string slide;
    std::string language;
    std::int64_t start_ms = 0;
    std::uint32_t duration_ms = 0;
    PlayMode mode = PlayMode::Attract;
};

// One traveller's visit from first touch to idle return; `session` links it to its page views.
struct SessionEvent {
    std::uint32_t session = 0; // from Telemetry::next_session(), unique within one run of the kiosk
    std::int64_t start_ms = 0;
    std::int64_t end_ms = 0;
    std::string language; // the language the traveller chose last, empty if they never chose one
    std::uint32_t pages_viewed = 0;
    SessionEnd end_reason = SessionEnd::Timeout;
};

// One page a traveller opened during a session, so reports can rank what travellers look for.
struct PageViewEvent {
    std::uint32_t session = 0; // the same number as the SessionEvent that closes this visit
    std::int64_t at_ms = 0;
    std::string slide;
    std::string language;
    std::string category;
};

// A failure worth counting on the operator screen and in reports (a film that would not play, a bad stick).
struct ErrorEvent {
    std::int64_t at_ms = 0;
    std::string source;  // the module that failed, e.g. "media", "usb"
    std::string message; // capped at kMaxMessageBytes; must never carry personal data
};

// A pack install, repair, refusal or rollback, so the office knows which content version each station ran.
struct InstallEvent {
    std::int64_t at_ms = 0;
    std::string channel;
    std::uint64_t version = 0;
    InstallOutcome outcome = InstallOutcome::Installed;
    std::string detail;
};

// The wall clock jumped (NTP after a power cut, a flat RTC battery), so reports can distrust nearby times.
struct ClockEvent {
    std::int64_t at_ms = 0;
    std::int64_t jump_ms = 0; // negative when the clock went backwards
};

using TelemetryEvent =
    std::variant<PlayEvent, SessionEvent, PageViewEvent, ErrorEvent, InstallEvent, ClockEvent>;

// Longest stored name (slide, language, channel, category, source), so nothing huge lands in the file.
inline constexpr std::size_t kMaxNameBytes = 100;
// Longest stored free text (error message, install detail).
inline constexpr std::size_t kMaxMessageBytes = 200;

// The words stored in the database for each enum value, stable across versions for the report tool.
std::string_view to_string(PlayMode mode);
std::string_view to_string(SessionEnd reason);
std::string_view to_string(InstallOutcome outcome);

} // namespace kiosk
