// Turning what showed and what travellers did into telemetry events, each with its duration.
#include "app/play_recorder.hpp"

namespace kiosk {

void PlayRecorder::record(TelemetryEvent event) {
    if (m_telemetry)
        m_telemetry->record(std::move(event));
}

void PlayRecorder::loop_shows(std::size_t index, std::optional<PlayedSlide> slide, std::int64_t now_ms) {
    if (m_loop_slide && now_ms > m_loop_since_ms)
        record(PlayEvent{m_loop_slide->channel, m_loop_slide->version, m_loop_slide->slide,
                         m_loop_slide->languages, m_loop_since_ms,
                         static_cast<std::uint32_t>(now_ms - m_loop_since_ms), PlayMode::Attract});
    m_loop_view = slide ? index : SIZE_MAX;
    m_loop_slide = std::move(slide);
    m_loop_since_ms = now_ms;
}

void PlayRecorder::session_started() {
    m_session = m_telemetry ? m_telemetry->next_session() : m_session + 1;
}

void PlayRecorder::close_page(std::int64_t now_ms) {
    if (m_page && now_ms > m_page_since_ms)
        record(PlayEvent{m_page->channel, m_page->version, m_page->slide, m_page->languages, m_page_since_ms,
                         static_cast<std::uint32_t>(now_ms - m_page_since_ms), PlayMode::Browse});
    m_page.reset();
}

void PlayRecorder::page_opened(const PlayedSlide& page, const std::string& category, std::int64_t now_ms) {
    close_page(now_ms);
    m_page = page;
    m_page_since_ms = now_ms;
    record(PageViewEvent{m_session, now_ms, page.slide, page.languages, category});
}

void PlayRecorder::session_ended(const SessionEnded& ended, std::int64_t now_ms) {
    close_page(now_ms);
    SessionEnd reason = ended.reason == "operator"         ? SessionEnd::Operator
                        : ended.reason == "content-change" ? SessionEnd::ContentChange
                        : ended.reason == "shutdown"       ? SessionEnd::Shutdown
                        : ended.reason == "left"           ? SessionEnd::Left
                                                           : SessionEnd::Timeout;
    record(SessionEvent{m_session, now_ms - (ended.end_ms - ended.start_ms), now_ms, ended.language,
                        ended.pages_viewed, reason});
}

} // namespace kiosk
