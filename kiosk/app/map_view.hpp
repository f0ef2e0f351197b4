// A zoomable map on screen: tiles read and decoded on a worker thread, uploaded on the main thread into
// the texture cache, and drawn for the part of the map the viewport shows. While a tile is on its way,
// the nearest coarser tile already loaded stands in for it, so zooming never shows holes.
#pragma once

#include "app/texture_cache.hpp"
#include "pack/object_source.hpp"
#include "render/map_viewport.hpp"

#include <array>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

namespace kiosk {

class MapView {
public:
    // Reads the map's tile index from the pack; the view starts showing the whole map in `box`.
    static Result<std::unique_ptr<MapView>> open(const ObjectSource& objects, const std::string& index_path,
                                                 SDL_Rect box);
    ~MapView();
    MapView(const MapView&) = delete;
    MapView& operator=(const MapView&) = delete;

    MapViewport& viewport() { return m_viewport; }
    MapGestures& gestures() { return m_gestures; }
    const MapTiles& tiles() const { return *m_tiles; }
    // Touch (fingers, pinch), mouse drag and wheel on the map, on a screen w x h pixels; true when the
    // event was the map's. Mouse events SDL makes up from touches are left out, so nothing counts twice.
    bool handle(const SDL_Event& event, int w, int h);
    // Uploads tiles decoded since the last call and asks for the ones the view now needs; true when
    // the picture on screen changes.
    bool update(SDL_Renderer* renderer, TextureCache& cache);
    // Draws the view inside its box (and nothing outside it), `alpha` opaque (for crossfades). Only
    // draws: never uploads or evicts.
    void draw(SDL_Renderer* renderer, TextureCache& cache, Uint8 alpha = 255) const;
    // Every tile the view needs at its level is on screen (or failed, and logged).
    bool complete(const TextureCache& cache) const;

private:
    MapView(const ObjectSource& objects, std::unique_ptr<MapTiles> tiles, SDL_Rect box);
    std::string key(int z, int x, int y) const { return "map:" + m_tiles->tile_path(z, x, y); }
    void work();

    const ObjectSource& m_objects;
    std::unique_ptr<MapTiles> m_tiles; // owned here so the viewport's reference stays put
    MapViewport m_viewport;
    MapGestures m_gestures{m_viewport};

    struct Decoded {
        int z, x, y;
        SurfacePtr pixels; // null when the tile could not be read or decoded
    };
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::array<int, 3>> m_wanted; // what the worker decodes next, most wanted first
    std::vector<Decoded> m_done;
    std::set<std::array<int, 3>> m_in_flight, m_failed;
    bool m_stop = false;
    std::thread m_worker;
};

// Draws the whole map into `box` of a surface, waiting for its tiles: screenshots and previews.
Status draw_map_now(SDL_Surface* target, const ObjectSource& objects, const std::string& index_path, SDL_Rect box);

} // namespace kiosk
