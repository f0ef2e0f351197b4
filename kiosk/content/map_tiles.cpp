// JSON encoding and validation of a map's tile index.
#include "content/map_tiles.hpp"

#include "pack/manifest.hpp"

#include <nlohmann/json.hpp>

namespace kiosk {

using nlohmann::json;

int map_levels_for(int width, int height, int tile) {
    int levels = 1;
    while (width > tile || height > tile) {
        width = (width + 1) / 2;
        height = (height + 1) / 2;
        ++levels;
    }
    return levels;
}

MapTiles::Size MapTiles::level_size(int z) const {
    int w = width, h = height;
    for (int i = levels - 1; i > z; --i) {
        w = (w + 1) / 2;
        h = (h + 1) / 2;
    }
    return {w, h};
}

std::string MapTiles::tile_path(int z, int x, int y) const {
    return base + "/" + std::to_string(z) + "/" + std::to_string(x) + "_" + std::to_string(y) + ".jpg";
}

std::string MapTiles::to_json() const {
    json doc = {{"format", 1}, {"width", width}, {"height", height},
                {"tile", tile}, {"levels", levels}, {"base", base}};
    return doc.dump(1);
}

Result<MapTiles> MapTiles::parse(std::string_view text) {
    auto bad = [](const std::string& why) { return make_error(ErrorCode::Invalid, "map index: " + why); };
    json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object())
        return bad("not a JSON object");
    if (doc.value("format", 0) != 1)
        return make_error(ErrorCode::Unsupported, "map index format is not supported; update the kiosk software");
    MapTiles map;
    try {
        map.width = doc.at("width").get<int>();
        map.height = doc.at("height").get<int>();
        map.tile = doc.at("tile").get<int>();
        map.levels = doc.at("levels").get<int>();
        map.base = doc.at("base").get<std::string>();
    } catch (const json::exception& e) {
        return bad(e.what());
    }
    if (map.width < 1 || map.height < 1 || map.width > kMapMaxSide || map.height > kMapMaxSide)
        return bad("size " + std::to_string(map.width) + "x" + std::to_string(map.height) + " is out of range");
    if (map.tile < 64 || map.tile > 1024)
        return bad("tile side " + std::to_string(map.tile) + " is outside 64 to 1024");
    if (map.levels != map_levels_for(map.width, map.height, map.tile))
        return bad("the level count does not match the size");
    TRY(validate_object_path(map.base));
    return map;
}

} // namespace kiosk
