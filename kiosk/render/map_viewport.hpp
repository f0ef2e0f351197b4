// Which part of a zoomable map a box on screen shows, and which tiles draw it. Pure arithmetic over
// the tile pyramid (content/map_tiles.hpp), so zooming and panning are tested without a screen.
#pragma once

#include "content/map_tiles.hpp"

#include <SDL_rect.h>
#include <vector>

namespace kiosk {

class MapViewport {
public:
    // Starts showing the whole map, centred in `box`.
    MapViewport(const MapTiles& map, SDL_Rect box);

    // Zooms by `factor` about the screen point (x, y), which stays over the same place on the map.
    // Never smaller than the whole map in the box, never larger than kMaxZoom screen pixels per map pixel.
    void zoom_at(double factor, double x, double y);
    // Moves the map by (dx, dy) screen pixels; it cannot be dragged out of the box.
    void pan(double dx, double dy);
    void reset();
    // A new box (the screen changed size): the same place stays in the middle.
    void set_box(SDL_Rect box);

    double scale() const { return m_scale; } // screen pixels per full-resolution map pixel
    double fit_scale() const;
    bool zoomed() const { return m_scale > fit_scale() * 1.001; }
    SDL_Rect box() const { return m_box; }
    // The coarsest level whose pixels are at least as dense as the screen's.
    int level() const;
    // Where the map point (mx, my) (full-resolution pixels) is on screen.
    SDL_FPoint to_screen(double mx, double my) const;

    struct Tile {
        int z, x, y;
        SDL_Rect dst; // on screen; neighbours share edges exactly, so no seams
    };
    // The tiles of `z` that overlap the box, top row first.
    std::vector<Tile> visible_tiles(int z) const;

    static constexpr double kMaxZoom = 2.0;

private:
    void clamp();
    const MapTiles& m_map;
    SDL_Rect m_box;
    double m_scale = 1;
    double m_left = 0, m_top = 0; // screen position of the map's top-left corner, relative to the box
};

// One or two fingers (or a mouse) on the map: one drags, two pinch and drag together. Positions are
// screen pixels. Pure: fed events, it moves the viewport.
class MapGestures {
public:
    explicit MapGestures(MapViewport& view) : m_view(view) {}
    void down(long long finger, float x, float y);
    void move(long long finger, float x, float y);
    void up(long long finger);
    // Mouse wheel: each step zooms by a fifth, about the pointer.
    void wheel(float steps, float x, float y);
    bool touching() const { return !m_fingers.empty(); }
    // Whether this finger went down on the map: only its moves and its lift are the map's.
    bool follows(long long finger) const;

private:
    struct Finger {
        long long id;
        float x, y;
    };
    MapViewport& m_view;
    std::vector<Finger> m_fingers; // at most two are followed
};

} // namespace kiosk
