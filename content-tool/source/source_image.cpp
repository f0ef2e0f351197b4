// Source images through SDL2_image, with the kiosk's own header sniffing against decompression bombs.
#include "source/source_image.hpp"

#include "media/image_metadata.hpp"
#include "platform/linux/files.hpp"
#include "render/image_decode.hpp"
#include "source/source.hpp"

#include <SDL_image.h>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <fstream>

namespace content_tool {

using kiosk::ErrorCode;
using kiosk::make_error;

namespace {

// The value of attribute `name` in the tag text, or nothing.
std::optional<std::string> attribute(std::string_view tag, std::string_view name) {
    for (std::size_t at = tag.find(name); at != std::string_view::npos; at = tag.find(name, at + 1)) {
        bool starts = at > 0 && std::isspace(static_cast<unsigned char>(tag[at - 1]));
        std::size_t eq = tag.find_first_not_of(" \t\r\n", at + name.size());
        if (!starts || eq == std::string_view::npos || tag[eq] != '=')
            continue;
        std::size_t open = tag.find_first_not_of(" \t\r\n", eq + 1);
        if (open == std::string_view::npos || (tag[open] != '"' && tag[open] != '\''))
            return std::nullopt;
        std::size_t close = tag.find(tag[open], open + 1);
        if (close == std::string_view::npos)
            return std::nullopt;
        return std::string(tag.substr(open + 1, close - open - 1));
    }
    return std::nullopt;
}

// A length in pixels at 96 per inch, or nothing for percentages and what cannot be read.
std::optional<double> length_px(const std::string& text) {
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || !(value > 0))
        return std::nullopt;
    std::string unit(end);
    unit.erase(std::remove_if(unit.begin(), unit.end(), [](unsigned char c) { return std::isspace(c); }), unit.end());
    static const std::pair<const char*, double> kUnits[] = {{"", 1}, {"px", 1}, {"pt", 96.0 / 72}, {"pc", 16},
                                                            {"mm", 96 / 25.4}, {"cm", 96 / 2.54}, {"in", 96}};
    for (auto [name, scale] : kUnits)
        if (unit == name)
            return value * scale;
    return std::nullopt;
}

} // namespace

kiosk::Result<kiosk::ImageSize> svg_declared_size(std::string_view svg) {
    std::size_t open = svg.find("<svg");
    std::size_t close = open == std::string_view::npos ? open : svg.find('>', open);
    if (close == std::string_view::npos)
        return make_error(ErrorCode::Parse, "the file has no <svg> element; is it an SVG drawing?");
    std::string_view tag = svg.substr(open, close - open);
    auto width = attribute(tag, "width"), height = attribute(tag, "height");
    std::optional<double> w = width ? length_px(*width) : std::nullopt;
    std::optional<double> h = height ? length_px(*height) : std::nullopt;
    if (!w || !h) {
        if (auto box = attribute(tag, "viewBox")) {
            double x0, y0, bw, bh;
            if (std::sscanf(box->c_str(), "%lf%*[ ,]%lf%*[ ,]%lf%*[ ,]%lf", &x0, &y0, &bw, &bh) == 4 && bw > 0 && bh > 0) {
                w = w ? w : std::optional<double>(bw);
                h = h ? h : std::optional<double>(bh);
            }
        }
    }
    if (!w || !h)
        return make_error(ErrorCode::Parse, "the drawing declares no size; give its <svg> element a width and "
                                            "height in pixels (or a viewBox)");
    if (*w > 1e6 || *h > 1e6)
        return make_error(ErrorCode::TooLarge, "the drawing declares itself more than a million pixels a side; "
                                               "give its <svg> element a sensible width and height");
    return kiosk::ImageSize{std::max(1, static_cast<int>(*w + 0.5)), std::max(1, static_cast<int>(*h + 0.5))};
}

kiosk::Result<SourceImage> read_source_image(const std::filesystem::path& file) {
    SourceImage image;
    image.bytes = TRY(kiosk::platform::read_file(file, 256ull << 20));
    image.kind = media_kind(file).value_or("");
    if (image.kind == "image/svg+xml") { // a tiny file may declare a gigapixel drawing
        auto size = TRY(svg_declared_size(image.bytes));
        if (static_cast<long>(size.width) * size.height > kMaxSourcePixels)
            return make_error(ErrorCode::TooLarge, "the drawing declares itself " + std::to_string(size.width) + "x" +
                                                       std::to_string(size.height) +
                                                       " pixels, larger than 8192x8192; give its <svg> element a "
                                                       "smaller width and height (it is drawn sharp at any size)");
    } else {
        auto size = kiosk::sniff_image_size(image.bytes);
        if (!size)
            return make_error(size.error().code,
                              size.error().message +
                                  "; save it again as PNG or JPEG (is the file name right?)");
        if (static_cast<long>(size->width) * size->height > kMaxSourcePixels)
            return make_error(ErrorCode::TooLarge, "the image is " + std::to_string(size->width) + "x" +
                                                       std::to_string(size->height) +
                                                       " pixels, larger than 8192x8192; resize it first");
        // The same walk build makes to strip metadata: a file it cannot follow is refused here already.
        if (auto walked = read_image_metadata(image.bytes); !walked)
            return make_error(walked.error().code,
                              walked.error().message + "; open it in an image editor and save it again");
    }
    return image;
}

kiosk::Result<SourceImage> load_source_image(const std::filesystem::path& file) {
    auto image = TRY(read_source_image(file));
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
    auto bytes = TRY(kiosk::platform::read_file(file, 256ull << 20));
    auto declared = TRY(svg_declared_size(bytes));
    int w = declared.width, h = declared.height;
    // That it draws at all, tried small: the map itself is drawn at its own size when it is cut.
    SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
    kiosk::SurfacePtr sample(IMG_LoadSizedSVG_RW(rw, 64, 0));
    SDL_RWclose(rw);
    if (!sample)
        return make_error(ErrorCode::Parse, std::string("the drawing cannot be read (") + IMG_GetError() +
                                                "); open it in a drawing program and save it again as SVG");
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
