// The tile index of a zoomable map (maps/<name>/map.json in a pack): a pyramid of square JPEG tiles.
// content-tool writes it from one large source image; the kiosk loads only the tiles a view needs.
//
// Level levels-1 is the image at full resolution; each level below halves it (rounding up), and
// level 0 is the first that fits in one tile. Tile (x, y) of level z covers pixels
// [x*tile, min((x+1)*tile, level width)) horizontally, likewise vertically, and is stored at
// "<base>/<z>/<x>_<y>.jpg"; edge tiles are smaller than tile x tile.
#pragma once

#include "base/result.hpp"

#include <string>
#include <string_view>

namespace kiosk {

inline constexpr std::string_view kMapType = "application/vnd.kiosk.map+json";
inline constexpr int kMapMaxSide = 32768;

struct MapTiles {
    int width = 0, height = 0; // full-resolution size in pixels
    int tile = 256;            // tile side in pixels
    int levels = 1;
    std::string base; // object path prefix of the tiles, e.g. "maps/hoang-sa"

    struct Size {
        int width, height;
    };
    Size level_size(int z) const;
    int columns(int z) const { return (level_size(z).width + tile - 1) / tile; }
    int rows(int z) const { return (level_size(z).height + tile - 1) / tile; }
    std::string tile_path(int z, int x, int y) const;
    std::string index_path() const { return base + "/map.json"; }

    std::string to_json() const;
    static Result<MapTiles> parse(std::string_view json);
};

// The number of levels a width x height image needs with tiles of side tile.
int map_levels_for(int width, int height, int tile);

} // namespace kiosk
