// The attract loop as pure data: which slide shows in which language(s), for how long, in what order.
#pragma once

#include "content/content.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

// One screenful: a slide in one language, or in two side by side.
struct SlideView {
    std::size_t slide = 0;
    std::vector<std::string> languages;
    std::uint32_t duration_ms = 0;
    // Whose slide it is: the index of its content in the list the schedule was made from (0: the
    // station's own channel; others: publishers merged into it, such as a national campaign).
    std::size_t source = 0;
    bool operator==(const SlideView&) const = default;
};

// The views of one slide: each language in turn (Single), or the default language beside each other
// language in turn (Dual). A language the slide has no text in is skipped.
std::vector<SlideView> slide_views(const Content& content, std::size_t slide, const DisplayProfile& profile,
                                   std::size_t source = 0);

// Every view of every slide, in content order, whatever its times: what checks and previews go through.
// The station's loop at a given moment comes from schedule_views (scheduler.hpp).
std::vector<SlideView> attract_sequence(const Content& content, const DisplayProfile& profile);

// A cursor over the sequence driven by elapsed time.
class AttractLoop {
public:
    static constexpr std::uint32_t kCrossfadeMs = 700;

    explicit AttractLoop(std::vector<SlideView> views) : m_views(std::move(views)) {}
    // Moves time forward; returns true when the view changed.
    bool advance(std::uint32_t dt_ms);
    bool empty() const { return m_views.empty(); }
    std::size_t index() const { return m_index; }
    std::size_t previous_index() const { return m_previous; } // the view the current one fades in over
    std::size_t next_index() const;
    const SlideView& current() const { return m_views[m_index]; }
    // Leaves a view out from now on (its film or picture is broken), and moves on at once if it is
    // showing. The last view left is never left out: the screen always has something to show.
    void exclude(std::size_t index);
    bool excluded(std::size_t index) const;
    // 0 at the start of a view, 1 once the crossfade from the previous view has finished.
    float fade_in() const;
    bool fading() const { return m_faded_once && fade_in() < 1.0f; }
    const std::vector<SlideView>& views() const { return m_views; }

private:
    std::vector<SlideView> m_views;
    std::size_t m_index = 0, m_previous = 0;
    std::vector<bool> m_excluded = std::vector<bool>(m_views.size(), false);
    std::size_t m_excluded_count = 0;
    std::uint32_t m_elapsed_ms = 0;
    bool m_faded_once = false;
};

} // namespace kiosk
