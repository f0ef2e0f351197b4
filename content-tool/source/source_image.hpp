// Decoding an editor's image file (PNG, JPEG or SVG), as both `check` and `build` must.
#pragma once

#include "base/result.hpp"
#include "render/sdl_ptr.hpp"

#include <filesystem>
#include <string>

namespace content_tool {

constexpr long kMaxSourcePixels = 8192L * 8192L;

struct SourceImage {
    std::string bytes; // the file as the editor wrote it
    std::string kind;  // media type from the file name
    kiosk::SurfacePtr pixels;
};

// Reads and decodes the file, refusing decompression bombs from the header before decoding. Errors say
// what is wrong with the file and what to do, without naming it (the caller knows where it is used).
kiosk::Result<SourceImage> load_source_image(const std::filesystem::path& file);

} // namespace content_tool
