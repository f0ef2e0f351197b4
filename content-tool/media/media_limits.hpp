// The largest picture a project's screens show, which bounds every still, film and map it ships.
#pragma once

#include "content/content.hpp"
#include "media/video_transcode.hpp"

namespace content_tool {

// From the project's display profiles (the built-in ones when it names none): the long side is the
// largest of any profile's long sides, the short side the largest of the short sides, so a picture that
// fits fills any of the screens, in either orientation.
MediaLimits media_limits_for(const kiosk::Content& content);

// Whether a w x h picture (in either orientation) is larger than the limits.
bool exceeds_limits(int width, int height, const MediaLimits& limits);

// The largest size of the same shape as w x h that fits the limits (w x h itself when it fits).
struct PixelSize {
    int width = 0, height = 0;
};
PixelSize fit_within(int width, int height, const MediaLimits& limits);

} // namespace content_tool
