// Play/pause and a seek bar over a film, for video pages and for operators testing a file on the real
// screen (`kiosk --play-media`). Touch and mouse alike: a tap on the button pauses or plays, a tap or
// drag on the bar seeks. The controls hide a few seconds after the last touch and return on the next.
#pragma once

#include "app/video_view.hpp"
#include "text/text_engine.hpp"

namespace kiosk {

class VideoControls {
public:
    static constexpr Uint64 kHideAfterMs = 4000;

    // The controls' boxes over a film shown in `area`: a strip along its bottom, at least 9 mm tall on
    // a cabinet's screen (at least 64 px, and 1/12 of the screen's height), with the button at its left.
    struct Layout {
        SDL_Rect strip, button, bar;
    };
    static Layout layout_for(SDL_Rect area, int screen_h);

    // Handles a touch or mouse event on a screen w x h for a film shown in `area`; true when it was the
    // controls' (a first touch anywhere on the film shows them).
    bool handle(const SDL_Event& event, int w, int h, SDL_Rect area, VideoView& video, Uint64 now);
    // Draws them, unless hidden.
    void draw(SDL_Renderer* renderer, TextEngine& text, const VideoView& video, SDL_Rect area, int screen_h,
              Uint64 now);
    bool visible(Uint64 now) const { return m_touched && (now - m_touched < kHideAfterMs || m_dragging); }

private:
    // The share of the film at screen x on the bar.
    static double fraction_at(const Layout& layout, float x);
    Uint64 m_touched = 0; // 0: never touched, hidden
    bool m_dragging = false;
    double m_drag_fraction = 0;
    std::string m_time_text; // what the time label texture shows
    TexturePtr m_time;
    int m_time_w = 0, m_time_h = 0;
};

} // namespace kiosk
