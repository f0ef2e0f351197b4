#include "app/video_controls.hpp"

#include "render/text_painter.hpp"
#include "render/theme.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kiosk {

namespace {

std::string clock_text(double seconds) {
    auto s = static_cast<long>(std::max(0.0, seconds));
    char text[32];
    std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
    return text;
}

void fill(SDL_Renderer* r, SDL_Rect rect, SDL_Color c) {
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r, &rect);
}

} // namespace

VideoControls::Layout VideoControls::layout_for(SDL_Rect area, int screen_h) {
    int strip_h = std::min(std::max(64, screen_h / 12), area.h);
    int w = area.w;
    Layout l;
    l.strip = {area.x, area.y + area.h - strip_h, w, strip_h};
    l.button = {area.x + strip_h / 4, l.strip.y, strip_h, strip_h};
    int bar_x = l.button.x + l.button.w + strip_h / 3;
    // The bar's touch target is the strip's height; it is drawn thinner.
    l.bar = {bar_x, l.strip.y, std::max(1, area.x + w - bar_x - strip_h * 3), strip_h};
    return l;
}

double VideoControls::fraction_at(const Layout& layout, float x) {
    return std::clamp((x - static_cast<float>(layout.bar.x)) / static_cast<float>(layout.bar.w), 0.0f, 1.0f);
}

bool VideoControls::handle(const SDL_Event& e, int w, int h, SDL_Rect area, VideoView& video, Uint64 now) {
    Layout l = layout_for(area, h);
    float x = 0, y = 0;
    bool down = false, move = false, up = false;
    switch (e.type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        x = e.tfinger.x * static_cast<float>(w);
        y = e.tfinger.y * static_cast<float>(h);
        down = e.type == SDL_FINGERDOWN;
        move = e.type == SDL_FINGERMOTION;
        up = e.type == SDL_FINGERUP;
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT)
            return false;
        x = static_cast<float>(e.button.x);
        y = static_cast<float>(e.button.y);
        down = e.type == SDL_MOUSEBUTTONDOWN;
        up = !down;
        break;
    case SDL_MOUSEMOTION:
        if (e.motion.which == SDL_TOUCH_MOUSEID)
            return false;
        x = static_cast<float>(e.motion.x);
        y = static_cast<float>(e.motion.y);
        move = true;
        break;
    default:
        return false;
    }
    SDL_Point p{static_cast<int>(x), static_cast<int>(y)};
    if (down) {
        if (!SDL_PointInRect(&p, &area))
            return false;
        bool was_visible = visible(now);
        m_touched = std::max<Uint64>(now, 1);
        if (!was_visible)
            return true; // the first touch only shows the controls
        if (SDL_PointInRect(&p, &l.button)) {
            video.set_paused(!video.paused());
            return true;
        }
        if (SDL_PointInRect(&p, &l.bar) && video.media().duration() > 0) {
            m_dragging = true;
            m_drag_fraction = fraction_at(l, x);
            return true;
        }
        return true;
    }
    if (move && m_dragging) {
        m_touched = now;
        m_drag_fraction = fraction_at(l, x);
        return true;
    }
    if (up && m_dragging) {
        m_dragging = false;
        m_touched = now;
        m_drag_fraction = fraction_at(l, x);
        video.seek(m_drag_fraction * video.media().duration());
        return true;
    }
    return false;
}

void VideoControls::draw(SDL_Renderer* r, TextEngine& text, const VideoView& video, SDL_Rect area, int screen_h,
                         Uint64 now) {
    if (!visible(now))
        return;
    Layout l = layout_for(area, screen_h);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    fill(r, l.strip, SDL_Color{0, 0, 0, 170});
    // Button: two bars while playing (tap to pause), a triangle while paused (tap to play).
    SDL_Rect b = l.button;
    int pad = b.w / 4;
    SDL_Color white{255, 255, 255, 255};
    if (video.paused()) {
        SDL_Vertex tri[3];
        SDL_FPoint points[3] = {{static_cast<float>(b.x + pad), static_cast<float>(b.y + pad)},
                                {static_cast<float>(b.x + b.w - pad), static_cast<float>(b.y + b.h / 2)},
                                {static_cast<float>(b.x + pad), static_cast<float>(b.y + b.h - pad)}};
        for (int i = 0; i < 3; ++i)
            tri[i] = {points[i], white, {0, 0}};
        SDL_RenderGeometry(r, nullptr, tri, 3, nullptr, 0);
    } else {
        int bar_w = b.w / 6;
        fill(r, {b.x + pad, b.y + pad, bar_w, b.h - 2 * pad}, white);
        fill(r, {b.x + b.w - pad - bar_w, b.y + pad, bar_w, b.h - 2 * pad}, white);
    }
    // Seek bar: the track, the part played, and a knob where the film is (or where the finger is).
    double duration = video.media().duration();
    double shown = m_dragging ? m_drag_fraction : duration > 0 ? std::clamp(video.position() / duration, 0.0, 1.0) : 0.0;
    int track_h = std::max(6, l.bar.h / 10);
    SDL_Rect track{l.bar.x, l.bar.y + (l.bar.h - track_h) / 2, l.bar.w, track_h};
    fill(r, track, SDL_Color{255, 255, 255, 90});
    fill(r, {track.x, track.y, static_cast<int>(track.w * shown), track.h}, theme::kAccent);
    int knob = track_h * 3;
    fill(r, {track.x + static_cast<int>(track.w * shown) - knob / 2, track.y + track_h / 2 - knob / 2, knob, knob},
         white);
    // Time: where the film is, and how long it is.
    std::string label = clock_text(m_dragging ? m_drag_fraction * duration : video.position()) + " / " +
                        clock_text(duration);
    if (label != m_time_text) {
        m_time_text = label;
        TextStyle style{std::max(16, l.strip.h / 3), Weight::Regular, "en"};
        TextBlockPtr block = text.layout(label, style, area.w);
        int lw = block->lines.empty() ? 0 : block->lines[0].width;
        if (auto canvas = Canvas::create(std::max(1, lw + 8), std::max(1, block->height))) {
            canvas->fill({0, 0, canvas->width(), canvas->height()}, SDL_Color{0, 0, 0, 255});
            paint_text(*canvas, text, *block, 4, 0, white);
            m_time.reset(SDL_CreateTextureFromSurface(r, canvas->surface()));
            m_time_w = canvas->width();
            m_time_h = canvas->height();
        }
    }
    if (m_time) {
        SDL_Rect at{l.bar.x + l.bar.w + l.strip.h / 4, l.strip.y + (l.strip.h - m_time_h) / 2, m_time_w, m_time_h};
        SDL_SetTextureBlendMode(m_time.get(), SDL_BLENDMODE_NONE);
        SDL_RenderCopy(r, m_time.get(), nullptr, &at);
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
}

} // namespace kiosk
