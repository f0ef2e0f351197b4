// Decodes image bytes (PNG, JPEG) to a surface, refusing images too large to be safe to decode.
#pragma once

#include "base/result.hpp"
#include "render/sdl_ptr.hpp"

#include <string_view>

namespace kiosk {

// 8K x 8K; larger images would take hundreds of megabytes once decoded.
constexpr long kMaxImagePixels = 8192L * 8192L;

struct ImageSize {
    int width = 0;
    int height = 0;
};

// Reads the dimensions from a PNG or JPEG header without decoding.
Result<ImageSize> sniff_image_size(std::string_view bytes);
Result<SurfacePtr> decode_image(std::string_view bytes);

} // namespace kiosk
