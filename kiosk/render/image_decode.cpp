// Header sniffing and decoding through SDL2_image.
#include "render/image_decode.hpp"

#include <SDL_image.h>
#include <cstdint>

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
    SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
    SurfacePtr surface(IMG_Load_RW(rw, 1));
    if (!surface)
        return make_error(ErrorCode::Parse, std::string("image cannot be decoded: ") + IMG_GetError());
    return surface;
}

} // namespace kiosk
