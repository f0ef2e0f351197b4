// Zoomable maps: the viewport's arithmetic, and the view on screen driven by synthetic touch and mouse
// events, with golden images. The tile pyramid is cut here from a drawn map, as content-tool cuts one.
#include "app/map_view.hpp"
#include "support.hpp"

#include <SDL_image.h>
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <thread>

using namespace kiosk;
using namespace test_support;

namespace {

// Objects held in memory, standing in for a verified pack.
class MemoryObjects final : public ObjectSource {
public:
    const Manifest& manifest() const override { return m_manifest; }
    Result<std::string> read(std::string_view path) const override {
        auto it = objects.find(std::string(path));
        if (it == objects.end())
            return make_error(ErrorCode::NotFound, std::string(path) + " is not in the pack");
        return it->second;
    }
    std::map<std::string, std::string> objects;

private:
    Manifest m_manifest;
};

SurfacePtr surface(int w, int h) {
    return SurfacePtr(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
}

// A map to recognise at any zoom: four coloured quarters, a grid every 125 pixels, a white cross.
SurfacePtr draw_map(int w, int h) {
    auto map = surface(w, h);
    auto fill = [&](SDL_Rect r, Uint8 red, Uint8 green, Uint8 blue) {
        SDL_FillRect(map.get(), &r, SDL_MapRGB(map->format, red, green, blue));
    };
    fill({0, 0, w / 2, h / 2}, 40, 110, 170);
    fill({w / 2, 0, w - w / 2, h / 2}, 60, 150, 80);
    fill({0, h / 2, w / 2, h - h / 2}, 200, 170, 90);
    fill({w / 2, h / 2, w - w / 2, h - h / 2}, 170, 60, 60);
    for (int x = 0; x < w; x += 125)
        fill({x, 0, 6, h}, 20, 20, 20);
    for (int y = 0; y < h; y += 125)
        fill({0, y, w, 6}, 20, 20, 20);
    fill({w / 2 - 4, 0, 8, h}, 255, 255, 255);
    fill({0, h / 2 - 4, w, 8}, 255, 255, 255);
    return map;
}

std::string png_bytes(SDL_Surface* s, const fs::path& scratch) {
    REQUIRE(IMG_SavePNG(s, scratch.c_str()) == 0);
    return read_text(scratch);
}

// Cuts the pyramid the way map_tiles.hpp describes it and stores tiles and index as objects.
MapTiles cut_tiles(SDL_Surface* full, const std::string& base, MemoryObjects& objects, const fs::path& scratch) {
    MapTiles map{full->w, full->h, 256, map_levels_for(full->w, full->h, 256), base};
    SurfacePtr level(SDL_DuplicateSurface(full));
    for (int z = map.levels - 1; z >= 0; --z) {
        for (int y = 0; y < map.rows(z); ++y)
            for (int x = 0; x < map.columns(z); ++x) {
                SDL_Rect src{x * 256, y * 256, std::min(256, level->w - x * 256), std::min(256, level->h - y * 256)};
                auto tile = surface(src.w, src.h);
                SDL_BlitSurface(level.get(), &src, tile.get(), nullptr);
                objects.objects[map.tile_path(z, x, y)] = png_bytes(tile.get(), scratch);
            }
        if (z > 0) {
            auto size = map.level_size(z - 1);
            auto half = surface(size.width, size.height);
            SDL_BlitScaled(level.get(), nullptr, half.get(), nullptr);
            level = std::move(half);
        }
    }
    objects.objects[map.index_path()] = map.to_json();
    return map;
}

SDL_Event finger(Uint32 type, SDL_FingerID id, float x, float y, int w, int h) {
    SDL_Event e{};
    e.type = type;
    e.tfinger.fingerId = id;
    e.tfinger.x = x / static_cast<float>(w);
    e.tfinger.y = y / static_cast<float>(h);
    return e;
}

// A screen drawn by SDL's software renderer into memory, as the kiosk draws without a GPU.
struct Screen {
    static constexpr int kW = 480, kH = 320;
    SurfacePtr pixels = surface(kW, kH);
    RendererPtr renderer{SDL_CreateSoftwareRenderer(pixels.get())};
    TextureCache cache{64u << 20};

    // Lets the worker bring every tile the view needs, then draws.
    void settle(MapView& view) {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        do {
            view.update(renderer.get(), cache);
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        } while (!view.complete(cache) && std::chrono::steady_clock::now() < until);
        REQUIRE(view.complete(cache));
        SDL_SetRenderDrawColor(renderer.get(), 0, 0, 0, 255);
        SDL_RenderClear(renderer.get());
        view.draw(renderer.get(), cache);
        SDL_RenderPresent(renderer.get());
    }
    void check(const std::string& golden, const TempDir& dir) {
        auto out = dir / (golden + ".png");
        REQUIRE(IMG_SavePNG(pixels.get(), out.c_str()) == 0);
        compare_with_golden(golden, out);
    }
};

} // namespace

TEST_CASE("the map viewport fits, zooms about a point, stays inside its box and picks levels", "[map]") {
    MapTiles map{4000, 2000, 256, map_levels_for(4000, 2000, 256), "maps/sea"};
    MapViewport view(map, {100, 50, 800, 600});
    CHECK(view.scale() == Approx(0.2)); // 4000 wide into 800
    CHECK_FALSE(view.zoomed());
    CHECK(view.to_screen(0, 0).y == Approx(50 + (600 - 400) / 2.0)); // centred vertically
    REQUIRE(map.levels == 5); // 4000, 2000, 1000, 500, 250 wide
    CHECK(view.level() == 2); // 1000 wide is the first at least as dense as 0.2 screen pixels per map pixel

    auto before = view.to_screen(2500, 1200);
    view.zoom_at(4.0, before.x, before.y);
    CHECK(view.scale() == Approx(0.8));
    auto after = view.to_screen(2500, 1200);
    CHECK(after.x == Approx(before.x).margin(0.01));
    CHECK(after.y == Approx(before.y).margin(0.01));
    CHECK(view.level() == 4); // full resolution above 0.5

    view.zoom_at(100.0, 500, 300);
    CHECK(view.scale() == Approx(MapViewport::kMaxZoom));
    view.zoom_at(0.0001, 500, 300);
    CHECK(view.scale() == Approx(0.2));

    // Dragged far away, the map still covers the box where it is wider than it.
    view.zoom_at(2.0, 500, 350);
    view.pan(1e6, 1e6);
    CHECK(view.to_screen(0, 0).x == Approx(100));
    view.pan(-1e7, -1e7);
    CHECK(view.to_screen(4000, 2000).x == Approx(900));
    CHECK(view.to_screen(4000, 2000).y == Approx(650));
}

TEST_CASE("visible tiles cover the box without gaps or overlaps and only those are listed", "[map]") {
    MapTiles map{3000, 1700, 256, map_levels_for(3000, 1700, 256), "maps/x"};
    MapViewport view(map, {0, 0, 640, 480});
    view.zoom_at(3.3, 317, 211);
    view.pan(-123.4, 57.7);
    int z = view.level();
    auto tiles = view.visible_tiles(z);
    REQUIRE_FALSE(tiles.empty());
    CHECK(tiles.size() < static_cast<std::size_t>(map.columns(z) * map.rows(z)));
    std::vector<int> covered(640 * 480, 0);
    for (const auto& t : tiles)
        for (int y = std::max(0, t.dst.y); y < std::min(480, t.dst.y + t.dst.h); ++y)
            for (int x = std::max(0, t.dst.x); x < std::min(640, t.dst.x + t.dst.w); ++x)
                ++covered[static_cast<std::size_t>(y * 640 + x)];
    auto top_left = view.to_screen(0, 0), bottom_right = view.to_screen(map.width, map.height);
    for (int y = 0; y < 480; ++y)
        for (int x = 0; x < 640; ++x) {
            bool on_map = x >= top_left.x + 1 && x < bottom_right.x - 1 && y >= top_left.y + 1 && y < bottom_right.y - 1;
            if (on_map)
                REQUIRE(covered[static_cast<std::size_t>(y * 640 + x)] == 1);
        }
}

TEST_CASE("two fingers pinch the map larger about their midpoint, one finger drags it", "[map]") {
    MapTiles map{2000, 1000, 256, map_levels_for(2000, 1000, 256), "maps/x"};
    MapViewport view(map, {0, 0, 1000, 500});
    MapGestures gestures(view);
    gestures.down(1, 400, 250);
    gestures.down(2, 500, 250);
    double mx = (450 - 0) / view.scale(); // the map point under the fingers' midpoint
    gestures.move(2, 600, 250);           // spread to twice the distance
    CHECK(view.scale() == Approx(1.0).epsilon(0.01));
    CHECK(view.to_screen(mx, 500).x == Approx(500).margin(0.5)); // it follows the new midpoint
    gestures.up(2);
    auto before = view.to_screen(1000, 500);
    gestures.move(1, 380, 240); // one finger left: a drag
    auto after = view.to_screen(1000, 500);
    CHECK(after.x - before.x == Approx(-20));
    CHECK(after.y - before.y == Approx(-10));
    gestures.up(1);
    CHECK_FALSE(gestures.touching());
    gestures.wheel(3, 500, 250);
    CHECK(view.scale() == Approx(std::min(2.0, 1.0 * 1.2 * 1.2 * 1.2)));
}

TEST_CASE("a map on screen: whole, pinched by two fingers, dragged, and zoomed by the mouse wheel",
          "[map][golden]") {
    TempDir dir;
    MemoryObjects objects;
    auto drawn = draw_map(1500, 1000);
    auto map = cut_tiles(drawn.get(), "maps/gate", objects, dir / "tile.png");
    REQUIRE(map.levels == 4);

    Screen screen;
    const SDL_Rect box{20, 20, 440, 280};
    auto view = MapView::open(objects, "maps/gate/map.json", box);
    REQUIRE(view);
    screen.settle(**view);
    screen.check("map_whole", dir);

    // Two fingers land on the map and spread apart: three times larger about their midpoint.
    int w = Screen::kW, h = Screen::kH;
    REQUIRE((*view)->handle(finger(SDL_FINGERDOWN, 1, 200, 160, w, h), w, h));
    REQUIRE((*view)->handle(finger(SDL_FINGERDOWN, 2, 240, 160, w, h), w, h));
    for (int step = 1; step <= 10; ++step) {
        (*view)->handle(finger(SDL_FINGERMOTION, 1, 200 - 4.0f * step, 160, w, h), w, h);
        (*view)->handle(finger(SDL_FINGERMOTION, 2, 240 + 4.0f * step, 160, w, h), w, h);
    }
    (*view)->handle(finger(SDL_FINGERUP, 1, 160, 160, w, h), w, h);
    (*view)->handle(finger(SDL_FINGERUP, 2, 280, 160, w, h), w, h);
    double fit = (*view)->viewport().fit_scale();
    CHECK((*view)->viewport().scale() == Approx(fit * 3).epsilon(0.02));
    // Then one finger drags it up and to the left.
    (*view)->handle(finger(SDL_FINGERDOWN, 3, 300, 200, w, h), w, h);
    (*view)->handle(finger(SDL_FINGERMOTION, 3, 250, 170, w, h), w, h);
    (*view)->handle(finger(SDL_FINGERUP, 3, 250, 170, w, h), w, h);
    screen.settle(**view);
    screen.check("map_pinched", dir);
    // Only tiles near the view were read: the far corner of the finest level never was.
    CHECK_FALSE(screen.cache.contains("map:" + map.tile_path(3, map.columns(3) - 1, map.rows(3) - 1)));

    // A touch outside the map's box is not the map's.
    CHECK_FALSE((*view)->handle(finger(SDL_FINGERDOWN, 4, 5, 5, w, h), w, h));

    // The mouse, for testing at a desk: reset, then wheel in three steps over the white cross and drag.
    (*view)->viewport().reset();
    SDL_Event wheel{};
    wheel.type = SDL_MOUSEWHEEL;
    wheel.wheel.preciseY = 3;
    wheel.wheel.mouseX = 240;
    wheel.wheel.mouseY = 160;
    REQUIRE((*view)->handle(wheel, w, h));
    SDL_Event press{};
    press.type = SDL_MOUSEBUTTONDOWN;
    press.button.button = SDL_BUTTON_LEFT;
    press.button.x = 240;
    press.button.y = 160;
    REQUIRE((*view)->handle(press, w, h));
    SDL_Event motion{};
    motion.type = SDL_MOUSEMOTION;
    motion.motion.x = 300;
    motion.motion.y = 200;
    (*view)->handle(motion, w, h);
    SDL_Event release = press;
    release.type = SDL_MOUSEBUTTONUP;
    (*view)->handle(release, w, h);
    screen.settle(**view);
    screen.check("map_wheel", dir);
}

TEST_CASE("a damaged tile is logged and the coarser picture stands in for it", "[map]") {
    TempDir dir;
    MemoryObjects objects;
    auto drawn = draw_map(700, 500);
    auto map = cut_tiles(drawn.get(), "maps/bad", objects, dir / "tile.png");
    objects.objects[map.tile_path(map.levels - 1, 0, 0)] = "not an image";
    Screen screen;
    auto view = MapView::open(objects, "maps/bad/map.json", {0, 0, Screen::kW, Screen::kH});
    REQUIRE(view);
    (*view)->viewport().zoom_at(10, 0, 0);
    screen.settle(**view); // completes: the broken tile counts as done, not as forever loading
    // Its place shows the coarser level's pixels, not the empty background.
    Uint32 p = static_cast<const Uint32*>(screen.pixels->pixels)[20 * Screen::kW + 20];
    CHECK(((p >> 16) & 0xFF) == Approx(40).margin(12));
    CHECK((p & 0xFF) == Approx(170).margin(12));

    objects.objects["maps/bad/map.json"] = "{\"format\":1,\"width\":10}";
    CHECK_FALSE(MapView::open(objects, "maps/bad/map.json", {0, 0, 10, 10}));
}

TEST_CASE("the texture cache keeps what was used last within its budget", "[map]") {
    auto target = surface(64, 64);
    RendererPtr renderer(SDL_CreateSoftwareRenderer(target.get()));
    auto texture = [&] { // 100 x 100 ARGB: 40,000 bytes
        return TexturePtr(SDL_CreateTexture(renderer.get(), SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC,
                                            100, 100));
    };
    TextureCache cache(100000); // room for two
    REQUIRE(cache.insert("a", texture()));
    REQUIRE(cache.insert("b", texture()));
    CHECK(cache.bytes() == 80000);
    CHECK(cache.find("a")); // a is now the most recent
    cache.insert("c", texture());
    CHECK(cache.contains("a"));
    CHECK_FALSE(cache.contains("b"));
    CHECK(cache.contains("c"));
    CHECK(cache.evictions() == 1);
    // A texture larger than the whole budget is still kept, alone: the frame being drawn needs it.
    cache.set_budget(10000);
    cache.insert("big", texture());
    CHECK(cache.size() == 1);
    CHECK(cache.contains("big"));
    cache.erase("big");
    CHECK(cache.bytes() == 0);
}
