// Proof of play and travellers' visits: what the loop showed and for how long, the pages travellers opened
// and their sessions, turned into telemetry events (the station plays on without telemetry).
#pragma once

#include "interaction/interaction.hpp"
#include "telemetry/telemetry.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace kiosk {

// One slide as it showed: whose pack, which slide, in which language(s) ("vi+en" for a pair).
struct PlayedSlide {
    std::string channel;
    std::uint64_t version = 0;
    std::string slide;
    std::string languages;
};

class PlayRecorder {
public:
    explicit PlayRecorder(Telemetry* telemetry) : m_telemetry(telemetry) {}
    void record(TelemetryEvent event);

    // The loop shows view `index` (as `slide`) from now; SIZE_MAX and nullopt: nothing in the loop counts
    // (a traveller browses, the screen is off). What showed before is recorded for as long as it showed.
    void loop_shows(std::size_t index, std::optional<PlayedSlide> slide, std::int64_t now_ms);
    // The loop's view being counted, SIZE_MAX when none.
    std::size_t loop_view() const { return m_loop_view; }

    // What the state machine said happened, with the slide of a page opened.
    void session_started();
    void page_opened(const PlayedSlide& page, const std::string& category, std::int64_t now_ms);
    void session_ended(const SessionEnded& ended, std::int64_t now_ms);

private:
    // The page open until now, as played in browsing.
    void close_page(std::int64_t now_ms);

    Telemetry* m_telemetry;
    std::size_t m_loop_view = SIZE_MAX;
    std::optional<PlayedSlide> m_loop_slide;
    std::int64_t m_loop_since_ms = 0;
    std::optional<PlayedSlide> m_page;
    std::int64_t m_page_since_ms = 0;
    std::uint32_t m_session = 0;
};

} // namespace kiosk
