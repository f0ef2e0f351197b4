// A film's subtitles on screen: follows the film's position and repaints its band only when the words
// change, so a cue costs one layout and one upload, not one per frame.
#pragma once

#include "content/subtitles.hpp"
#include "render/sdl_ptr.hpp"
#include "text/text_engine.hpp"

#include <cstdint>

namespace kiosk {

class SubtitleView {
public:
    SubtitleView(Subtitles subtitles, std::string lang) : m_subtitles(std::move(subtitles)), m_lang(std::move(lang)) {}
    // Draws the words showing at `seconds` at the bottom of `film` (the picture's rectangle on screen),
    // lifted to end above `max_bottom` (controls shown over the film).
    void draw(SDL_Renderer* renderer, TextEngine& text, double seconds, SDL_Rect film, int max_bottom = INT32_MAX);
    const std::string& showing() const { return m_text; }

private:
    Subtitles m_subtitles;
    std::string m_lang;
    std::string m_text;
    SDL_Rect m_film{};
    TexturePtr m_band;
    int m_band_w = 0, m_band_h = 0;
};

} // namespace kiosk
