// Making an editor's still picture fit for a public screen: upright, no larger than the largest display,
// and carrying no metadata (a phone photo's GPS position must never reach a border-gate screen).
#pragma once

#include "base/result.hpp"
#include "media/video_transcode.hpp"

#include <filesystem>
#include <string>

namespace content_tool {

// Names the still-picture settings below; part of the media cache key.
inline constexpr std::string_view kImageSettingsVersion = "images-1: lanczos, jpeg q88, png";
inline constexpr int kStillJpegQuality = 88;

enum class ImageWork {
    Reencoded, // turned upright, shrunk or rasterised, then encoded again
    Stripped,  // metadata removed, pixels and compressed data untouched
    Unchanged, // nothing to do: the file goes into the pack as it is
};

struct NormalisedImage {
    std::string bytes;
    std::string type; // image/png or image/jpeg
    ImageWork work = ImageWork::Unchanged;
    std::string why; // what was done, for the editor ("4000x3000 shrunk to 1920x1440", ...)
};

// PNG and JPEG: re-encoded (JPEG stays JPEG at quality 88, PNG stays PNG) when larger than the limits or
// not upright by its EXIF orientation, else only stripped of metadata. SVG is rasterised to PNG at its
// own size (shrunk when larger than the limits). Decompression bombs are refused from the header. Errors
// say what is wrong and what to do, not naming the file.
kiosk::Result<NormalisedImage> normalise_image(const std::filesystem::path& file, const MediaLimits& limits);

} // namespace content_tool
