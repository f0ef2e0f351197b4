#include "app/map_view.hpp"

#include "base/log.hpp"
#include "render/image_decode.hpp"
#include "render/theme.hpp"

#include <algorithm>

namespace kiosk {

Result<std::unique_ptr<MapView>> MapView::open(const ObjectSource& objects, const std::string& index_path,
                                               SDL_Rect box) {
    auto bytes = objects.read(index_path);
    if (!bytes)
        return make_error(bytes.error().code, "map '" + index_path + "': " + bytes.error().message);
    auto tiles = MapTiles::parse(*bytes);
    if (!tiles)
        return make_error(tiles.error().code, "map '" + index_path + "': " + tiles.error().message);
    return std::unique_ptr<MapView>(new MapView(objects, std::make_unique<MapTiles>(std::move(tiles.value())), box));
}

MapView::MapView(const ObjectSource& objects, std::unique_ptr<MapTiles> tiles, SDL_Rect box)
    : m_objects(objects), m_tiles(std::move(tiles)), m_viewport(*m_tiles, box) {
    m_worker = std::thread([this] { work(); });
}

MapView::~MapView() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_worker.join();
}

void MapView::work() {
    while (true) {
        std::array<int, 3> tile;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stop || !m_wanted.empty(); });
            if (m_stop)
                return;
            tile = m_wanted.front();
            m_wanted.pop_front();
        }
        auto [z, x, y] = tile;
        std::string path = m_tiles->tile_path(z, x, y);
        auto bytes = m_objects.read(path); // verified against the pack's hash as it is read
        auto pixels = bytes ? decode_image(*bytes) : Result<SurfacePtr>(bytes.error());
        if (!pixels)
            log_error("map tile " + path + ": " + pixels.error().message);
        std::lock_guard lock(m_mutex);
        m_done.push_back({z, x, y, pixels ? std::move(pixels.value()) : nullptr});
    }
}

bool MapView::handle(const SDL_Event& e, int w, int h) {
    SDL_Rect box = m_viewport.box();
    auto inside = [&](float x, float y) {
        SDL_Point p{static_cast<int>(x), static_cast<int>(y)};
        return SDL_PointInRect(&p, &box);
    };
    constexpr long long kMouse = -1;
    switch (e.type) {
    case SDL_FINGERDOWN:
        if (!inside(e.tfinger.x * w, e.tfinger.y * h))
            return false;
        m_gestures.down(static_cast<long long>(e.tfinger.fingerId), e.tfinger.x * w, e.tfinger.y * h);
        return true;
    case SDL_FINGERMOTION: {
        auto finger = static_cast<long long>(e.tfinger.fingerId);
        if (!m_gestures.follows(finger))
            return false;
        m_gestures.move(finger, e.tfinger.x * w, e.tfinger.y * h);
        return true;
    }
    case SDL_FINGERUP: {
        // A finger that went down elsewhere (on Home, Back, the language button) lifts there: its lift
        // is the tap's, not the map's.
        auto finger = static_cast<long long>(e.tfinger.fingerId);
        if (!m_gestures.follows(finger))
            return false;
        m_gestures.up(finger);
        return true;
    }
    case SDL_MOUSEBUTTONDOWN:
        if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT ||
            !inside(static_cast<float>(e.button.x), static_cast<float>(e.button.y)))
            return false;
        m_gestures.down(kMouse, static_cast<float>(e.button.x), static_cast<float>(e.button.y));
        return true;
    case SDL_MOUSEMOTION:
        if (e.motion.which == SDL_TOUCH_MOUSEID || !m_gestures.follows(kMouse))
            return false;
        m_gestures.move(kMouse, static_cast<float>(e.motion.x), static_cast<float>(e.motion.y));
        return true;
    case SDL_MOUSEBUTTONUP:
        if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT || !m_gestures.follows(kMouse))
            return false;
        m_gestures.up(kMouse);
        return true;
    case SDL_MOUSEWHEEL:
        if (e.wheel.which == SDL_TOUCH_MOUSEID || !inside(static_cast<float>(e.wheel.mouseX),
                                                          static_cast<float>(e.wheel.mouseY)))
            return false;
        m_gestures.wheel(e.wheel.preciseY, static_cast<float>(e.wheel.mouseX), static_cast<float>(e.wheel.mouseY));
        return true;
    default:
        return false;
    }
}

bool MapView::update(SDL_Renderer* renderer, TextureCache& cache) {
    bool changed = false;
    std::vector<Decoded> done;
    {
        std::lock_guard lock(m_mutex);
        done.swap(m_done);
    }
    for (auto& d : done) {
        std::array<int, 3> id{d.z, d.x, d.y};
        {
            std::lock_guard lock(m_mutex);
            m_in_flight.erase(id);
            if (!d.pixels)
                m_failed.insert(id);
        }
        if (d.pixels) {
            cache.insert(key(d.z, d.x, d.y), TexturePtr(SDL_CreateTextureFromSurface(renderer, d.pixels.get())));
            changed = true;
        }
    }
    // What the view needs now: the whole map's single coarsest tile (always there to stand in), then
    // the visible tiles of the level the zoom calls for, nearest the middle first.
    std::vector<std::array<int, 3>> need{{0, 0, 0}};
    int z = m_viewport.level();
    auto visible = m_viewport.visible_tiles(z);
    SDL_Rect box = m_viewport.box();
    auto distance = [&](const MapViewport::Tile& t) {
        int dx = t.dst.x + t.dst.w / 2 - (box.x + box.w / 2), dy = t.dst.y + t.dst.h / 2 - (box.y + box.h / 2);
        return dx * dx + dy * dy;
    };
    std::stable_sort(visible.begin(), visible.end(),
                     [&](const auto& a, const auto& b) { return distance(a) < distance(b); });
    for (const auto& t : visible)
        need.push_back({t.z, t.x, t.y});
    std::lock_guard lock(m_mutex);
    // Tiles still queued are asked again only if still needed; the one the worker holds stays in flight.
    for (const auto& id : m_wanted)
        m_in_flight.erase(id);
    m_wanted.clear();
    for (const auto& id : need)
        if (!cache.contains(key(id[0], id[1], id[2])) && !m_failed.count(id) && m_in_flight.insert(id).second)
            m_wanted.push_back(id);
    if (!m_wanted.empty())
        m_wake.notify_one();
    return changed;
}

void MapView::draw(SDL_Renderer* renderer, TextureCache& cache, Uint8 alpha) const {
    SDL_Rect box = m_viewport.box();
    SDL_RenderSetClipRect(renderer, &box);
    SDL_SetRenderDrawBlendMode(renderer, alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer, theme::kHeader.r, theme::kHeader.g, theme::kHeader.b, alpha);
    SDL_RenderFillRect(renderer, &box);
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
    auto prepare = [alpha](SDL_Texture* texture) {
        SDL_SetTextureBlendMode(texture, alpha == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(texture, alpha);
    };
    int z = m_viewport.level();
    int t = m_tiles->tile;
    for (const auto& tile : m_viewport.visible_tiles(z)) {
        if (SDL_Texture* texture = cache.find(key(tile.z, tile.x, tile.y))) {
            prepare(texture);
            SDL_RenderCopy(renderer, texture, nullptr, &tile.dst);
            continue;
        }
        // Stand-in: the part of the nearest coarser loaded tile that covers this one.
        for (int k = 1; k <= tile.z; ++k) {
            SDL_Texture* coarse = cache.find(key(tile.z - k, tile.x >> k, tile.y >> k));
            if (!coarse)
                continue;
            int w = 0, h = 0;
            SDL_QueryTexture(coarse, nullptr, nullptr, &w, &h);
            int side = std::max(1, t >> k);
            SDL_Rect src{(tile.x * t >> k) - (tile.x >> k) * t, (tile.y * t >> k) - (tile.y >> k) * t, side, side};
            src.w = std::max(1, std::min(src.w, w - src.x));
            src.h = std::max(1, std::min(src.h, h - src.y));
            // The part of the tile's own box that stand-in pixels cover (an edge tile is smaller).
            SDL_Rect dst = tile.dst;
            prepare(coarse);
            SDL_RenderCopy(renderer, coarse, &src, &dst);
            break;
        }
    }
    SDL_RenderSetClipRect(renderer, nullptr);
}

bool MapView::complete(const TextureCache& cache) const {
    int z = m_viewport.level();
    std::lock_guard lock(m_mutex);
    for (const auto& tile : m_viewport.visible_tiles(z))
        if (!cache.contains(key(tile.z, tile.x, tile.y)) && !m_failed.count({tile.z, tile.x, tile.y}))
            return false;
    return true;
}

Status draw_map_now(SDL_Surface* target, const ObjectSource& objects, const std::string& index_path, SDL_Rect box) {
    auto view = TRY(MapView::open(objects, index_path, box));
    RendererPtr renderer(SDL_CreateSoftwareRenderer(target));
    if (!renderer)
        return make_error(ErrorCode::Io, std::string("cannot draw the map: ") + SDL_GetError());
    TextureCache cache(64u << 20);
    for (int tries = 0; tries < 5000; ++tries) { // at most about ten seconds
        view->update(renderer.get(), cache);
        if (view->complete(cache))
            break;
        SDL_Delay(2);
    }
    view->draw(renderer.get(), cache);
    SDL_RenderPresent(renderer.get());
    // The map clips drawing to its box, and a software renderer keeps that clip on the surface itself:
    // what is painted afterwards (the language strip) must reach the whole screen again.
    SDL_SetClipRect(target, nullptr);
    return {};
}

} // namespace kiosk
