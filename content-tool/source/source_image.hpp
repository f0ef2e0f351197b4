// Decoding an editor's image file (PNG, JPEG or SVG), as both `check` and `build` must.
#pragma once

#include "base/result.hpp"
#include "render/image_decode.hpp"
#include "render/sdl_ptr.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace content_tool {

constexpr long kMaxSourcePixels = 8192L * 8192L;
// Maps are cut into tiles one level at a time, so they may be larger than other pictures.
constexpr int kMapMaxSourceSide = 16384;
constexpr long kMapMaxSourcePixels = 100'000'000;
// An SVG map has no pixels of its own: it is drawn this many pixels on its long side, 2.5 times a
// full-HD screen, so travellers can zoom in on its finest lines.
constexpr int kSvgMapLongSide = 4800;

struct SourceImage {
    std::string bytes; // the file as the editor wrote it
    std::string kind;  // media type from the file name
    kiosk::SurfacePtr pixels;
};

// Reads and decodes the file, refusing decompression bombs from the header before decoding. Errors say
// what is wrong with the file and what to do, without naming it (the caller knows where it is used).
kiosk::Result<SourceImage> load_source_image(const std::filesystem::path& file);
// The same checks without decoding the picture (pixels stays empty): size from the header, the file's
// structure, and an SVG's declared size. For builds, where the media preparation decodes what it uses.
kiosk::Result<SourceImage> read_source_image(const std::filesystem::path& file);

// Reads the size of a PNG or JPEG map from its header, without decoding the picture, and refuses one
// larger than 16384 pixels a side or 100 megapixels. Errors say what to do, not naming the file.
kiosk::Result<kiosk::ImageSize> check_map_source(const std::filesystem::path& file);
// The size an SVG drawing declares on its <svg> element (width and height, in px, pt, pc, mm, cm or in
// at 96 per inch as the renderer reads them, else its viewBox), read without drawing it.
kiosk::Result<kiosk::ImageSize> svg_declared_size(std::string_view svg);
// The size an SVG map is drawn at: kSvgMapLongSide on its long side, its own shape.
kiosk::Result<kiosk::ImageSize> svg_map_size(const std::filesystem::path& file);

} // namespace content_tool
