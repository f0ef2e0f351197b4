// The tile pyramid arithmetic that content-tool and the kiosk must agree on.
#include "content/map_tiles.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

TEST_CASE("Map levels halve down to one tile and edge tiles are counted", "[map]") {
    CHECK(map_levels_for(256, 256, 256) == 1);
    CHECK(map_levels_for(257, 10, 256) == 2);
    MapTiles map{5000, 3001, 256, map_levels_for(5000, 3001, 256), "maps/hoang-sa"};
    CHECK(map.levels == 6); // 5000 -> 2500 -> 1250 -> 625 -> 313 -> 157
    CHECK(map.level_size(5).width == 5000);
    CHECK(map.level_size(4).width == 2500);
    CHECK(map.level_size(4).height == 1501);
    CHECK(map.level_size(0).width == 157);
    CHECK(map.level_size(0).height == 94); // 3001 -> 1501 -> 751 -> 376 -> 188 -> 94
    CHECK(map.columns(5) == 20);
    CHECK(map.rows(5) == 12);
    CHECK(map.columns(0) == 1);
    CHECK(map.tile_path(3, 2, 1) == "maps/hoang-sa/3/2_1.jpg");
    CHECK(map.index_path() == "maps/hoang-sa/map.json");

    auto back = MapTiles::parse(map.to_json());
    REQUIRE(back);
    CHECK(back->width == 5000);
    CHECK(back->levels == 6);
    CHECK(back->base == "maps/hoang-sa");
}

TEST_CASE("A map index that does not add up is refused", "[map]") {
    MapTiles map{5000, 3001, 256, 3, "maps/x"};
    CHECK_FALSE(MapTiles::parse(map.to_json())); // wrong level count
    map.levels = 6;
    map.base = "../etc";
    CHECK_FALSE(MapTiles::parse(map.to_json()));
    map.base = "maps/x";
    map.width = 100000;
    CHECK_FALSE(MapTiles::parse(map.to_json()));
    CHECK_FALSE(MapTiles::parse("{\"format\":1}"));
    CHECK_FALSE(MapTiles::parse("not json"));
}
