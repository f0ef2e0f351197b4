// The pyramid, finest level first: cut a level into tiles, halve it with an area filter, repeat.
#include "media/map_tiles_builder.hpp"

#include "media/image_metadata.hpp"
#include "media/pixels.hpp"
#include "platform/linux/files.hpp"
#include "source/source.hpp"
#include "source/source_image.hpp"

#include <SDL_image.h>
#include <fstream>

namespace content_tool {

using kiosk::ErrorCode;
using kiosk::make_error;
using kiosk::Result;

namespace {

constexpr std::uint64_t kMaxMapFile = 512ull << 20;

kiosk::Status write_bytes(const std::filesystem::path& file, std::string_view bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out)
        return make_error(ErrorCode::Io, "cannot write " + file.string());
    return {};
}

} // namespace

Result<kiosk::MapTiles> build_map_tiles(const std::filesystem::path& source, const std::string& base,
                                        const std::filesystem::path& out_dir,
                                        const std::function<void(double)>& progress) {
    auto size = TRY(check_map_source(source));
    bool svg = media_kind(source) == std::optional<std::string>("image/svg+xml");
    auto bytes = TRY(kiosk::platform::read_file(source, kMaxMapFile));
    auto meta = svg ? ImageMetadata{} : TRY(read_image_metadata(bytes));
    kiosk::SurfacePtr level;
    {
        SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
        kiosk::SurfacePtr decoded(svg ? IMG_LoadSizedSVG_RW(rw, size.width, size.height) : IMG_Load_RW(rw, 1));
        if (svg)
            SDL_RWclose(rw);
        if (!decoded)
            return make_error(ErrorCode::Parse, std::string("the map cannot be decoded (") + IMG_GetError() +
                                                    "); open it in an image editor and save it again");
        bytes = std::string();
        level = TRY(to_argb(decoded.get()));
    }
    if (meta.orientation != 1)
        level = TRY(apply_orientation(level.get(), meta.orientation));
    flatten_on_white(level.get());

    kiosk::MapTiles map;
    map.width = level->w;
    map.height = level->h;
    map.tile = kMapTileSide;
    map.levels = kiosk::map_levels_for(map.width, map.height, map.tile);
    map.base = base;
    long total = 0, done = 0;
    for (int z = 0; z < map.levels; ++z)
        total += static_cast<long>(map.columns(z)) * map.rows(z);

    for (int z = map.levels - 1; z >= 0; --z) {
        auto size = map.level_size(z);
        if (level->w != size.width || level->h != size.height)
            return make_error(ErrorCode::Invalid, "map level " + std::to_string(z) + " came out the wrong size");
        std::filesystem::path dir = out_dir / std::to_string(z);
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec)
            return make_error(ErrorCode::Io, "cannot create " + dir.string() + ": " + ec.message());
        for (int y = 0; y < map.rows(z); ++y) {
            for (int x = 0; x < map.columns(z); ++x) {
                int tx = x * map.tile, ty = y * map.tile;
                int tw = std::min(map.tile, size.width - tx), th = std::min(map.tile, size.height - ty);
                auto* first = static_cast<std::uint8_t*>(level->pixels) + std::size_t(ty) * level->pitch + tx * 4;
                kiosk::SurfacePtr view(
                    SDL_CreateRGBSurfaceWithFormatFrom(first, tw, th, 32, level->pitch, SDL_PIXELFORMAT_ARGB8888));
                if (!view)
                    return make_error(ErrorCode::Io, std::string("cannot cut a map tile: ") + SDL_GetError());
                auto jpeg = TRY(encode_jpeg(view.get(), kMapJpegQuality));
                TRY(write_bytes(dir / (std::to_string(x) + "_" + std::to_string(y) + ".jpg"), jpeg));
                if (progress)
                    progress(static_cast<double>(++done) / total);
            }
        }
        if (z > 0) {
            auto half = map.level_size(z - 1);
            level = TRY(scale_argb(level.get(), half.width, half.height, ScaleFilter::Area));
        }
    }
    TRY(write_bytes(out_dir / "map.json", map.to_json()));
    TRY(kiosk::MapTiles::parse(map.to_json())); // the kiosk's own checks, so a map that builds is one it shows
    return map;
}

} // namespace content_tool
