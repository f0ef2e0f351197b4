// Source images through SDL2_image, with the kiosk's own header sniffing against decompression bombs.
#include "source/source_image.hpp"

#include "platform/linux/files.hpp"
#include "render/image_decode.hpp"
#include "source/source.hpp"

#include <SDL_image.h>
#include <algorithm>
#include <fstream>

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

kiosk::Result<kiosk::ImageSize> svg_map_size(const std::filesystem::path& file) {
    auto image = TRY(load_source_image(file));
    int w = image.pixels->w, h = image.pixels->h;
    if (w < 1 || h < 1)
        return make_error(ErrorCode::Parse, "the SVG map has no size; give its <svg> a width and height");
    double scale = static_cast<double>(kSvgMapLongSide) / std::max(w, h);
    return kiosk::ImageSize{std::max(1, static_cast<int>(w * scale + 0.5)), std::max(1, static_cast<int>(h * scale + 0.5))};
}

kiosk::Result<kiosk::ImageSize> check_map_source(const std::filesystem::path& file) {
    if (media_kind(file) == std::optional<std::string>("image/svg+xml"))
        return svg_map_size(file);
    // JPEG frame headers can sit behind large EXIF blocks; a few megabytes reach them in any real file.
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return make_error(ErrorCode::Io, "the file cannot be read");
    std::string head(4u << 20, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    auto size = kiosk::sniff_image_size(head);
    if (!size)
        return make_error(size.error().code, "the map must be a PNG or JPEG image (" + size.error().message + ")");
    auto text = std::to_string(size->width) + "x" + std::to_string(size->height);
    if (size->width < 1 || size->height < 1)
        return make_error(ErrorCode::Parse, "the map's header says it is " + text + " pixels; save it again");
    if (size->width > kMapMaxSourceSide || size->height > kMapMaxSourceSide)
        return make_error(ErrorCode::TooLarge, "the map is " + text +
                                                   " pixels; a map may be at most 16384 pixels a side: "
                                                   "scale it down or split it into several maps");
    long pixels = static_cast<long>(size->width) * size->height;
    if (pixels > kMapMaxSourcePixels)
        return make_error(ErrorCode::TooLarge, "the map is " + text + " pixels (" + std::to_string(pixels / 1'000'000) +
                                                   " megapixels); a map may have at most 100 megapixels: "
                                                   "scale it down or split it into several maps");
    return size.value();
}

} // namespace content_tool
