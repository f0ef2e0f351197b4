// Source images through SDL2_image, with the kiosk's own header sniffing against decompression bombs.
#include "source/source_image.hpp"

#include "platform/linux/files.hpp"
#include "render/image_decode.hpp"
#include "source/source.hpp"

#include <SDL_image.h>

namespace content_tool {

using kiosk::ErrorCode;
using kiosk::make_error;

kiosk::Result<SourceImage> load_source_image(const std::filesystem::path& file) {
    SourceImage image;
    image.bytes = TRY(kiosk::platform::read_file(file, 256ull << 20));
    image.kind = media_kind(file).value_or("");
    if (image.kind != "image/svg+xml") {
        auto size = kiosk::sniff_image_size(image.bytes);
        if (!size)
            return make_error(size.error().code,
                              size.error().message +
                                  "; save it again as PNG or JPEG (is the file name right?)");
        if (static_cast<long>(size->width) * size->height > kMaxSourcePixels)
            return make_error(ErrorCode::TooLarge, "the image is " + std::to_string(size->width) + "x" +
                                                       std::to_string(size->height) +
                                                       " pixels, larger than 8192x8192; resize it first");
    }
    SDL_RWops* rw = SDL_RWFromConstMem(image.bytes.data(), static_cast<int>(image.bytes.size()));
    image.pixels.reset(IMG_Load_RW(rw, 1));
    if (!image.pixels)
        return make_error(ErrorCode::Parse, std::string("the image cannot be decoded (") + IMG_GetError() +
                                                "); open it in an image editor and save it again");
    if (static_cast<long>(image.pixels->w) * image.pixels->h > kMaxSourcePixels)
        return make_error(ErrorCode::TooLarge, "the image is larger than 8192x8192 pixels; resize it first");
    return image;
}

} // namespace content_tool
