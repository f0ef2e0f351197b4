// The live part of a picture box: a film (with its subtitles and controls) or a zoomable map. The attract
// loop and the traveller's pages each hold one, so touches, updates and drawing take one path whatever
// the box holds, and a touch that begins outside the box always reaches the buttons around it.
#pragma once

#include "app/loaded_pack.hpp"
#include "app/map_view.hpp"
#include "app/subtitle_view.hpp"
#include "app/texture_cache.hpp"
#include "app/video_controls.hpp"
#include "app/video_view.hpp"

#include <memory>
#include <optional>

namespace kiosk {

// How the slot is drawn in a crossfade: at `alpha`, over the view coming in (a film that plays on across
// languages stays opaque).
struct MediaFade {
    Uint8 alpha = 255;
};

class MediaSlot {
public:
    // A film in `area`, its subtitles in the traveller's language when the content has them.
    void play_film(std::unique_ptr<VideoView> film, SDL_Rect area);
    void set_subtitles(std::optional<SubtitleView> subtitles) { m_subtitles = std::move(subtitles); }
    void show_map(std::unique_ptr<MapView> map);
    // Stops the film or closes the map; the box is empty again.
    void clear();

    VideoView* film() const { return m_film.get(); }
    // Where the film or the map is on screen; empty when the slot holds neither.
    SDL_Rect area() const;

    // A finger or mouse event on a w x h screen; true when it was the slot's. Only a touch that went down
    // inside the box is the slot's, with its moves and its lift.
    bool handle(const SDL_Event& event, int w, int h, Uint64 now);
    // Takes in the film's new frame, the map's new tiles and the controls appearing or hiding; true when
    // the picture on screen changes.
    bool update(SDL_Renderer* renderer, Uint64 now);
    void draw(SDL_Renderer* renderer, TextEngine& text, int screen_h, Uint64 now, MediaFade fade = {});

    // Whether something in the box still moves: a film not ended, map tiles on their way.
    bool moving() const;
    // A film plays unpaused: the traveller is watching.
    bool watching() const;
    // A finger rests on the map.
    bool touching() const { return m_map && m_map->gestures().touching(); }
    // When a traveller last touched the box (0: not since it opened).
    Uint64 touched() const { return m_touched; }
    // The traveller has gone: the whole map again, the film playing.
    void rest();
    // Every tile the map needs is on screen and the film has its first picture (or has ended): what
    // screenshots wait for.
    bool settled() const;

private:
    std::unique_ptr<VideoView> m_film;
    std::optional<SubtitleView> m_subtitles;
    VideoControls m_controls;
    SDL_Rect m_film_area{};
    bool m_controls_shown = false;
    std::unique_ptr<MapView> m_map;
    TextureCache m_tiles{32u << 20}; // the map's, uploaded as they arrive
    Uint64 m_touched = 0;
};

// A slide's film subtitles in `lang` (or the language the content falls back to), when it has them;
// subtitles that cannot be read are logged and left out, and the film plays on without them.
std::optional<SubtitleView> load_subtitles(const LoadedPack& pack, const Slide& slide,
                                           const std::string& lang);

} // namespace kiosk
