// Moving a film that is already kiosk-safe inside into an MP4 with its index at the front, without
// decoding it: no loss and a few seconds even for a long film.
#pragma once

#include "base/result.hpp"
#include "media/video_transcode.hpp"

#include <filesystem>
#include <functional>

namespace content_tool {

// Whether the film breaks only the rules about its file (container, index position), so that its
// pictures and sound can be copied as they are.
bool only_the_file_needs_changing(const VideoFacts& facts, const MediaLimits& limits);

// Copies the film's picture and sound streams into an MP4 at out (written in place: the caller keeps
// it whole or not at all). progress as for transcode_video.
kiosk::Status remux_film(const std::filesystem::path& file, const std::filesystem::path& out,
                         const std::function<void(double fraction)>& progress);

} // namespace content_tool
