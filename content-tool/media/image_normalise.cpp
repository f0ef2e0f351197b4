// Still pictures: decide from the header and metadata, decode only when the pixels must change.
#include "media/image_normalise.hpp"

#include "media/image_metadata.hpp"
#include "media/media_limits.hpp"
#include "media/pixels.hpp"
#include "platform/linux/files.hpp"
#include "render/image_decode.hpp"
#include "source/source.hpp"
#include "source/source_image.hpp"

namespace content_tool {

using kiosk::Result;

namespace {

std::string size_text(int w, int h) {
    return std::to_string(w) + "x" + std::to_string(h);
}

// Decodes (refusing bombs), turns upright and shrinks to the limits.
Result<kiosk::SurfacePtr> upright_and_fitted(const std::filesystem::path& file, int orientation,
                                             const MediaLimits& limits, std::string& why) {
    auto source = TRY(load_source_image(file));
    auto pixels = TRY(to_argb(source.pixels.get()));
    source.pixels.reset();
    if (orientation != 1) {
        pixels = TRY(apply_orientation(pixels.get(), orientation));
        why = "turned upright (EXIF orientation " + std::to_string(orientation) + ")";
    }
    auto fitted = fit_within(pixels->w, pixels->h, limits);
    if (fitted.width != pixels->w || fitted.height != pixels->h) {
        why += (why.empty() ? "" : ", ") + size_text(pixels->w, pixels->h) + " shrunk to " +
               size_text(fitted.width, fitted.height);
        pixels = TRY(scale_argb(pixels.get(), fitted.width, fitted.height, ScaleFilter::Lanczos));
    }
    return pixels;
}

} // namespace

Result<NormalisedImage> normalise_image(const std::filesystem::path& file, const MediaLimits& limits) {
    NormalisedImage out;
    if (media_kind(file) == std::optional<std::string>("image/svg+xml")) {
        auto pixels = TRY(upright_and_fitted(file, 1, limits, out.why));
        out.bytes = TRY(encode_png(pixels.get()));
        out.type = "image/png";
        out.work = ImageWork::Reencoded;
        out.why = out.why.empty() ? "rasterised to PNG" : "rasterised to PNG, " + out.why;
        return out;
    }
    auto bytes = TRY(kiosk::platform::read_file(file, 256ull << 20));
    auto meta = TRY(read_image_metadata(bytes));
    auto size = TRY(kiosk::sniff_image_size(bytes));
    out.type = meta.format == ImageFormat::Jpeg ? "image/jpeg" : "image/png";
    if (meta.orientation != 1 || exceeds_limits(size.width, size.height, limits)) {
        auto pixels = TRY(upright_and_fitted(file, meta.orientation, limits, out.why));
        out.bytes = meta.format == ImageFormat::Jpeg ? TRY(encode_jpeg(pixels.get(), kStillJpegQuality))
                                                     : TRY(encode_png(pixels.get()));
        out.work = ImageWork::Reencoded;
        return out;
    }
    // Kept as they are, so decoded here once to be sure they decode (they fit a screen: it is quick).
    TRY(load_source_image(file));
    if (meta.removable == 0) {
        out.bytes = std::move(bytes);
        out.work = ImageWork::Unchanged;
        return out;
    }
    out.bytes = TRY(strip_image_metadata(bytes));
    out.work = ImageWork::Stripped;
    out.why = "metadata removed";
    return out;
}

} // namespace content_tool
