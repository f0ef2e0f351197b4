// Cutting a large map or document scan into the kiosk's tile pyramid (kiosk/content/map_tiles.hpp), so
// that travellers can pinch into a 10000-pixel map on a screen that loads only the tiles in view.
#pragma once

#include "base/result.hpp"
#include "content/map_tiles.hpp"

#include <filesystem>
#include <functional>
#include <string>

namespace content_tool {

// Names the pyramid settings below; part of the media cache key.
inline constexpr std::string_view kMapSettingsVersion = "maps-2: area halving, 256 px tiles, jpeg q85, svg 4800 px";
inline constexpr int kMapTileSide = 256;
inline constexpr int kMapJpegQuality = 85;

// Refuses sources larger than check_map_source (source/source_image.hpp) allows, from the header.
// Writes <out_dir>/<z>/<x>_<y>.jpg for every tile and <out_dir>/map.json (whose base is `base`, the
// object path the tiles will have in the pack). One level is held in memory at a time, besides the
// one being made from it. progress gets the fraction of tiles done.
kiosk::Result<kiosk::MapTiles> build_map_tiles(const std::filesystem::path& source, const std::string& base,
                                               const std::filesystem::path& out_dir,
                                               const std::function<void(double)>& progress = {});

} // namespace content_tool
