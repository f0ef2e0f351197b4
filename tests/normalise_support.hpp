// Pictures made in the tests for media normalisation: drawn surfaces, encoded as JPEG or PNG, with
// metadata blocks crafted byte by byte as cameras and editors write them.
#pragma once

#include "render/sdl_ptr.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace test_support {

// A w x h ARGB8888 picture whose pixel (x, y) is colour(x, y) (0xAARRGGBB).
kiosk::SurfacePtr draw(int w, int h, const std::function<std::uint32_t(int x, int y)>& colour);
std::string jpeg_of(SDL_Surface* s, int quality = 95);
std::string png_of(SDL_Surface* s);
// Decodes PNG or JPEG bytes to ARGB8888.
kiosk::SurfacePtr decode_argb(const std::string& bytes);
std::uint32_t pixel(SDL_Surface* argb, int x, int y);
// Largest difference of one channel between two colours.
int channel_distance(std::uint32_t a, std::uint32_t b);

// An APP1 EXIF segment with the given orientation, a camera make and a GPS position, as phones write it.
std::string exif_app1(int orientation, const std::string& make = "SecretPhone");
// The JPEG with the segment put right after its start marker.
std::string with_segment(const std::string& jpeg, const std::string& segment);
// A PNG chunk of the given type and data, with its CRC.
std::string png_chunk(const std::string& type, const std::string& data);
// The PNG with the chunk put right after IHDR.
std::string with_chunk(const std::string& png, const std::string& chunk);

void write_bytes(const std::filesystem::path& file, const std::string& bytes);

} // namespace test_support
