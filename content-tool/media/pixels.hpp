// Pixel work for media normalisation: turning photos upright, scaling with a proper filter
// (libswscale, never nearest-neighbour), flattening transparency and encoding to bytes in memory.
#pragma once

#include "base/result.hpp"
#include "render/sdl_ptr.hpp"

#include <string>

namespace content_tool {

// Every function here works on 32-bit SDL_PIXELFORMAT_ARGB8888 surfaces.
kiosk::Result<kiosk::SurfacePtr> to_argb(SDL_Surface* surface);

// The picture as EXIF orientation 1..8 says it is meant to be seen (5..8 swap width and height).
kiosk::Result<kiosk::SurfacePtr> apply_orientation(SDL_Surface* argb, int orientation);

enum class ScaleFilter {
    Lanczos, // photos shrunk to fit a screen: sharp
    Area,    // map levels halved: the average of the pixels each one covers
};
kiosk::Result<kiosk::SurfacePtr> scale_argb(SDL_Surface* argb, int width, int height, ScaleFilter filter);

// Puts transparent pixels on white, for formats without transparency (JPEG map tiles).
void flatten_on_white(SDL_Surface* argb);

kiosk::Result<std::string> encode_jpeg(SDL_Surface* surface, int quality);
kiosk::Result<std::string> encode_png(SDL_Surface* surface);

} // namespace content_tool
