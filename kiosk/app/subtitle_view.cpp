#include "app/subtitle_view.hpp"

#include "render/subtitle_painter.hpp"

#include <algorithm>

namespace kiosk {

void SubtitleView::draw(SDL_Renderer* renderer, TextEngine& text, double seconds, SDL_Rect film, int max_bottom) {
    std::string now = m_subtitles.text_at(seconds);
    if (now != m_text || film.w != m_film.w || film.h != m_film.h) {
        m_text = std::move(now);
        m_film = film;
        m_band.reset();
        if (!m_text.empty()) {
            if (auto canvas = paint_subtitle(text, m_text, m_lang, film.w, film.h)) {
                m_band.reset(SDL_CreateTextureFromSurface(renderer, canvas->surface()));
                m_band_w = canvas->width();
                m_band_h = canvas->height();
            }
        }
    }
    if (!m_band)
        return;
    // Slightly see-through, a twentieth of the picture above its bottom edge.
    SDL_SetTextureBlendMode(m_band.get(), SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(m_band.get(), 225);
    SDL_Rect at{film.x + (film.w - m_band_w) / 2, film.y + film.h - m_band_h - film.h / 20, m_band_w, m_band_h};
    at.y = std::min(at.y, max_bottom - m_band_h - film.h / 40);
    SDL_RenderCopy(renderer, m_band.get(), nullptr, &at);
}

} // namespace kiosk
