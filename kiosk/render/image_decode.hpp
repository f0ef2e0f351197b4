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
// The format decoded images without 32-bit pixels are converted to: the one canvases use.
constexpr Uint32 kImageFormat = SDL_PIXELFORMAT_ARGB8888;

// Decodes to 32-bit pixels (kImageFormat, or the decoder's own 32-bit order). Safe from any thread.
Result<SurfacePtr> decode_image(std::string_view bytes);

// The image filling a w x h box without stretching: the middle part of the same shape as the box,
// smoothly (bilinear) scaled to exactly w x h, in the image's own 32-bit format. Safe from any thread.
Result<SurfacePtr> cover_image(SDL_Surface* image, int w, int h);

} // namespace kiosk
