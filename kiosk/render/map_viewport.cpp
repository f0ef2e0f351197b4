#include "render/map_viewport.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

MapViewport::MapViewport(const MapTiles& map, SDL_Rect box) : m_map(map), m_box(box) {
    reset();
}

double MapViewport::fit_scale() const {
    return std::min(static_cast<double>(m_box.w) / m_map.width, static_cast<double>(m_box.h) / m_map.height);
}

void MapViewport::reset() {
    m_scale = fit_scale();
    m_left = (m_box.w - m_map.width * m_scale) / 2;
    m_top = (m_box.h - m_map.height * m_scale) / 2;
}

void MapViewport::set_box(SDL_Rect box) {
    double cx = (m_box.w / 2.0 - m_left) / m_scale, cy = (m_box.h / 2.0 - m_top) / m_scale;
    bool whole = !zoomed();
    m_box = box;
    if (whole)
        return reset();
    m_scale = std::max(m_scale, fit_scale());
    m_left = m_box.w / 2.0 - cx * m_scale;
    m_top = m_box.h / 2.0 - cy * m_scale;
    clamp();
}

void MapViewport::clamp() {
    // Along each axis: a map narrower than the box is centred; a wider one must cover the box.
    auto axis = [](double& offset, double extent, int box) {
        if (extent <= box)
            offset = (box - extent) / 2;
        else
            offset = std::clamp(offset, box - extent, 0.0);
    };
    axis(m_left, m_map.width * m_scale, m_box.w);
    axis(m_top, m_map.height * m_scale, m_box.h);
}

void MapViewport::zoom_at(double factor, double x, double y) {
    if (!(factor > 0))
        return;
    double scale = std::clamp(m_scale * factor, fit_scale(), std::max(fit_scale(), kMaxZoom));
    double px = x - m_box.x, py = y - m_box.y;
    double mx = (px - m_left) / m_scale, my = (py - m_top) / m_scale;
    m_scale = scale;
    m_left = px - mx * m_scale;
    m_top = py - my * m_scale;
    clamp();
}

void MapViewport::pan(double dx, double dy) {
    m_left += dx;
    m_top += dy;
    clamp();
}

int MapViewport::level() const {
    for (int z = 0; z < m_map.levels; ++z)
        if (static_cast<double>(m_map.level_size(z).width) / m_map.width >= m_scale * 0.999)
            return z;
    return m_map.levels - 1;
}

SDL_FPoint MapViewport::to_screen(double mx, double my) const {
    return {static_cast<float>(m_box.x + m_left + mx * m_scale), static_cast<float>(m_box.y + m_top + my * m_scale)};
}

std::vector<MapViewport::Tile> MapViewport::visible_tiles(int z) const {
    auto size = m_map.level_size(z);
    double sx = m_scale * m_map.width / size.width, sy = m_scale * m_map.height / size.height;
    // Screen edge of level pixel p along an axis, rounded the same way for both tiles sharing it.
    auto edge_x = [&](int p) { return static_cast<int>(std::floor(m_box.x + m_left + p * sx)); };
    auto edge_y = [&](int p) { return static_cast<int>(std::floor(m_box.y + m_top + p * sy)); };
    int t = m_map.tile;
    int x0 = std::max(0, static_cast<int>(std::floor(-m_left / sx / t)));
    int y0 = std::max(0, static_cast<int>(std::floor(-m_top / sy / t)));
    int x1 = std::min(m_map.columns(z) - 1, static_cast<int>(std::floor((m_box.w - m_left) / sx / t)));
    int y1 = std::min(m_map.rows(z) - 1, static_cast<int>(std::floor((m_box.h - m_top) / sy / t)));
    std::vector<Tile> tiles;
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            int l = edge_x(x * t), r = edge_x(std::min((x + 1) * t, size.width));
            int top = edge_y(y * t), bottom = edge_y(std::min((y + 1) * t, size.height));
            if (r > l && bottom > top)
                tiles.push_back({z, x, y, {l, top, r - l, bottom - top}});
        }
    return tiles;
}

void MapGestures::down(long long finger, float x, float y) {
    if (m_fingers.size() < 2)
        m_fingers.push_back({finger, x, y});
}

void MapGestures::move(long long finger, float x, float y) {
    auto it = std::find_if(m_fingers.begin(), m_fingers.end(), [&](const Finger& f) { return f.id == finger; });
    if (it == m_fingers.end())
        return;
    if (m_fingers.size() == 1) {
        m_view.pan(x - it->x, y - it->y);
    } else {
        Finger& other = m_fingers[it == m_fingers.begin() ? 1 : 0];
        double before = std::hypot(it->x - other.x, it->y - other.y);
        double after = std::hypot(x - other.x, y - other.y);
        // Zoom about the old midpoint, then follow the midpoint, which moves by half the finger's move
        // (in this order, so a map that just fits its box is not held in place before it grows).
        if (before > 4 && after > 4)
            m_view.zoom_at(after / before, (it->x + other.x) / 2.0, (it->y + other.y) / 2.0);
        m_view.pan((x - it->x) / 2.0, (y - it->y) / 2.0);
    }
    it->x = x;
    it->y = y;
}

bool MapGestures::follows(long long finger) const {
    return std::any_of(m_fingers.begin(), m_fingers.end(), [&](const Finger& f) { return f.id == finger; });
}

void MapGestures::up(long long finger) {
    std::erase_if(m_fingers, [&](const Finger& f) { return f.id == finger; });
}

void MapGestures::wheel(float steps, float x, float y) {
    m_view.zoom_at(std::pow(1.2, steps), x, y);
}

} // namespace kiosk
