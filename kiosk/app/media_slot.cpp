// One picture box's film or map: touches claimed only from inside the box, frames and tiles taken in, drawn.
#include "app/media_slot.hpp"

#include "base/log.hpp"
#include "render/theme.hpp"

namespace kiosk {

void MediaSlot::play_film(std::unique_ptr<VideoView> film, SDL_Rect area) {
    clear();
    m_film = std::move(film);
    m_film_area = area;
}

void MediaSlot::show_map(std::unique_ptr<MapView> map) {
    clear();
    m_map = std::move(map);
}

void MediaSlot::clear() {
    m_film.reset();
    m_subtitles.reset();
    m_controls = VideoControls{};
    m_controls_shown = false;
    m_map.reset();
    m_tiles.clear();
    m_touched = 0;
}

SDL_Rect MediaSlot::area() const {
    if (m_map)
        return m_map->viewport().box();
    return m_film ? m_film_area : SDL_Rect{};
}

bool MediaSlot::handle(const SDL_Event& event, int w, int h, Uint64 now) {
    bool mine = (m_map && m_map->handle(event, w, h)) ||
                (m_film && m_controls.handle(event, w, h, m_film_area, *m_film, now));
    if (mine)
        m_touched = std::max<Uint64>(now, 1);
    return mine;
}

bool MediaSlot::update(SDL_Renderer* renderer, Uint64 now) {
    bool changed = false;
    if (m_film && m_film->update())
        changed = true;
    if (m_film && m_controls.visible(now) != m_controls_shown) { // they appeared or just hid
        m_controls_shown = !m_controls_shown;
        changed = true;
    }
    if (m_map && m_map->update(renderer, m_tiles))
        changed = true;
    return changed;
}

void MediaSlot::draw(SDL_Renderer* renderer, TextEngine& text, int screen_h, Uint64 now, MediaFade fade) {
    if (m_map)
        m_map->draw(renderer, m_tiles, fade.alpha);
    if (!m_film || !m_film->texture())
        return;
    // The film's box shows only the film: dark bars where its shape differs, never the still beneath.
    bool blend = fade.alpha < 255;
    SDL_SetRenderDrawBlendMode(renderer, blend ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(renderer, theme::kHeader.r, theme::kHeader.g, theme::kHeader.b, fade.alpha);
    SDL_RenderFillRect(renderer, &m_film_area);
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
    SDL_SetTextureAlphaMod(m_film->texture(), fade.alpha);
    SDL_SetTextureBlendMode(m_film->texture(), blend ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
    SDL_Rect picture = draw_video(renderer, *m_film, m_film_area);
    bool controls = m_controls.visible(now);
    if (m_subtitles)
        m_subtitles->draw(renderer, text, m_film->position(), picture,
                          controls ? VideoControls::layout_for(m_film_area, screen_h).strip.y : INT32_MAX);
    if (controls)
        m_controls.draw(renderer, text, *m_film, m_film_area, screen_h, now);
}

bool MediaSlot::moving() const {
    return (m_film && !m_film->ended()) || (m_map && !m_map->complete(m_tiles));
}

bool MediaSlot::settled() const {
    if (m_map && !m_map->complete(m_tiles))
        return false;
    return !m_film || m_film->texture() || m_film->ended();
}

bool MediaSlot::watching() const {
    return m_film && !m_film->ended() && !m_film->paused();
}

void MediaSlot::rest() {
    if (m_map)
        m_map->viewport().reset();
    if (m_film)
        m_film->set_paused(false);
    m_touched = 0;
}

std::optional<SubtitleView> load_subtitles(const LoadedPack& pack, const Slide& slide,
                                           const std::string& lang) {
    ResolvedText path = pack.content.resolve(slide.subtitles, lang);
    if (path.text.empty())
        return std::nullopt;
    auto bytes = pack.objects->read(path.text);
    auto parsed = bytes ? parse_subtitles(*bytes) : Result<Subtitles>(bytes.error());
    if (!parsed) {
        log_error("subtitles '" + path.text + "' of slide '" + slide.id + "': " + parsed.error().message);
        return std::nullopt;
    }
    return SubtitleView(std::move(parsed.value()), path.language);
}

} // namespace kiosk
