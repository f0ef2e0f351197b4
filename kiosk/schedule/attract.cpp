// Building and stepping the attract loop.
#include "schedule/attract.hpp"

#include <algorithm>

namespace kiosk {

namespace {

bool has_text(const Slide& slide, const std::string& lang) {
    auto in = [&](const LocalizedText& t) {
        auto it = t.find(lang);
        return it != t.end() && !it->second.empty();
    };
    return in(slide.title) || in(slide.body);
}

} // namespace

std::vector<SlideView> slide_views(const Content& content, std::size_t index, const DisplayProfile& profile,
                                   std::size_t source) {
    std::vector<SlideView> views;
    const Slide& slide = content.slides[index];
    std::vector<std::string> langs;
    for (const auto& lang : content.languages)
        if (has_text(slide, lang))
            langs.push_back(lang);
    if (langs.empty())
        langs.push_back(content.default_language);
    const std::string& primary = content.default_language;
    bool dual = profile.layout == ProfileLayout::Dual && langs.size() > 1 &&
                std::find(langs.begin(), langs.end(), primary) != langs.end();
    if (dual) {
        for (const auto& lang : langs)
            if (lang != primary)
                views.push_back({index, {primary, lang}, slide.duration_ms, source});
    } else {
        for (const auto& lang : langs)
            views.push_back({index, {lang}, slide.duration_ms, source});
    }
    return views;
}

std::vector<SlideView> attract_sequence(const Content& content, const DisplayProfile& profile) {
    std::vector<SlideView> views;
    for (std::size_t i = 0; i < content.slides.size(); ++i) {
        auto more = slide_views(content, i, profile);
        views.insert(views.end(), more.begin(), more.end());
    }
    return views;
}

bool AttractLoop::advance(std::uint32_t dt_ms) {
    if (m_views.empty())
        return false;
    bool changed = false;
    m_elapsed_ms += dt_ms;
    // A long gap (suspend, a slow frame) moves on by at most one view per call, so nothing is skipped unseen.
    if (m_elapsed_ms >= m_views[m_index].duration_ms) {
        m_elapsed_ms = std::min<std::uint32_t>(m_elapsed_ms - m_views[m_index].duration_ms, kCrossfadeMs);
        m_previous = m_index;
        m_index = next_index();
        m_faded_once = true;
        changed = true;
    }
    return changed;
}

std::size_t AttractLoop::next_index() const {
    std::size_t i = m_index;
    do
        i = (i + 1) % m_views.size();
    while (m_excluded[i] && i != m_index);
    return i;
}

void AttractLoop::exclude(std::size_t index) {
    if (index >= m_views.size() || m_excluded[index] || m_excluded_count + 1 >= m_views.size())
        return;
    m_excluded[index] = true;
    ++m_excluded_count;
    if (index == m_index) // on screen now: its time is up
        m_elapsed_ms = std::max(m_elapsed_ms, m_views[m_index].duration_ms);
}

bool AttractLoop::excluded(std::size_t index) const {
    return index < m_views.size() && m_excluded[index];
}

float AttractLoop::fade_in() const {
    if (!m_faded_once)
        return 1.0f;
    return std::min(1.0f, static_cast<float>(m_elapsed_ms) / kCrossfadeMs);
}

} // namespace kiosk
