// Header sniffing and decoding through SDL2_image.
#include "render/image_decode.hpp"

#include <SDL_image.h>
#include <algorithm>
#include <cstdint>
#include <mutex>

namespace kiosk {

namespace {

std::uint32_t be32(const unsigned char* p) {
    return std::uint32_t(p[0]) << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

} // namespace

Result<ImageSize> sniff_image_size(std::string_view bytes) {
    auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t n = bytes.size();
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (n >= 24 && std::equal(png, png + 8, p)) {
        return ImageSize{static_cast<int>(std::min<std::uint32_t>(be32(p + 16), INT32_MAX)),
                         static_cast<int>(std::min<std::uint32_t>(be32(p + 20), INT32_MAX))};
    }
    if (n >= 4 && p[0] == 0xFF && p[1] == 0xD8) {
        std::size_t i = 2;
        while (i + 9 < n) {
            if (p[i] != 0xFF) {
                ++i;
                continue;
            }
            unsigned char marker = p[i + 1];
            if (marker == 0xFF) {
                ++i;
                continue;
            }
            std::size_t len = std::size_t(p[i + 2]) << 8 | p[i + 3];
            bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof)
                return ImageSize{p[i + 7] << 8 | p[i + 8], p[i + 5] << 8 | p[i + 6]};
            i += 2 + len;
        }
        return make_error(ErrorCode::Parse, "JPEG image has no frame header");
    }
    return make_error(ErrorCode::Unsupported, "not a PNG or JPEG image");
}

Result<SurfacePtr> decode_image(std::string_view bytes) {
    auto size = TRY(sniff_image_size(bytes));
    if (size.width <= 0 || size.height <= 0 ||
        static_cast<long>(size.width) * size.height > kMaxImagePixels) {
        return make_error(ErrorCode::TooLarge, "image of " + std::to_string(size.width) + "x" +
                                                   std::to_string(size.height) +
                                                   " pixels is larger than allowed");
    }
    // SDL_image initialises its codecs lazily and without a lock; do it once before threads decode.
    static std::once_flag codecs;
    std::call_once(codecs, [] { IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG); });
    SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
    SurfacePtr surface(IMG_Load_RW(rw, 1));
    if (!surface)
        return make_error(ErrorCode::Parse, std::string("image cannot be decoded: ") + IMG_GetError());
    if (surface->format->BytesPerPixel == 4)
        return surface; // any 32-bit order: scaling keeps it, and the final blit converts as it copies
    // Converted here, by the decoding thread, to a format the scaler and blitter work on directly.
    SurfacePtr converted(SDL_ConvertSurfaceFormat(surface.get(), kImageFormat, 0));
    if (!converted)
        return make_error(ErrorCode::Io, std::string("image cannot be converted: ") + SDL_GetError());
    return converted;
}

Result<SurfacePtr> cover_image(SDL_Surface* image, int w, int h) {
    if (w <= 0 || h <= 0 || image->w <= 0 || image->h <= 0)
        return make_error(ErrorCode::Invalid, "empty image or box");
    double box = static_cast<double>(w) / h, img = static_cast<double>(image->w) / image->h;
    SDL_Rect src{0, 0, image->w, image->h};
    if (img > box) {
        src.w = std::max(1, static_cast<int>(image->h * box));
        src.x = (image->w - src.w) / 2;
    } else {
        src.h = std::max(1, static_cast<int>(image->w / box));
        src.y = (image->h - src.h) / 2;
    }
    SurfacePtr out(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, image->format->format));
    if (!out)
        return make_error(ErrorCode::Io, std::string("cannot scale an image: ") + SDL_GetError());
    SDL_Rect dst{0, 0, w, h};
    if (SDL_SoftStretchLinear(image, &src, out.get(), &dst) != 0)
        return make_error(ErrorCode::Io, std::string("cannot scale an image: ") + SDL_GetError());
    return out;
}

} // namespace kiosk
