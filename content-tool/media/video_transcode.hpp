// Making films safe for the kiosk to play smoothly on weak hardware: probing each source film with
// libavformat/libavcodec and, where the kiosk profile cannot play it as it is, transcoding it with
// libav* (never the ffmpeg CLI) to the kiosk-safe profile: H.264 (yuv420p, 8-bit) with AAC stereo
// sound in an MP4 whose index is at the front, constant frame rate, progressive, upright, and no larger
// than the largest display profile.
#pragma once

#include "base/result.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace content_tool {

// The largest picture any of the project's display profiles shows, whatever its orientation: media
// larger than this is scaled down so its long side fits long_side and its short side fits short_side.
struct MediaLimits {
    int long_side = 1920;
    int short_side = 1080;
};

// What probing found in a film.
struct VideoFacts {
    std::string container;   // e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    std::string video_codec; // e.g. "h264", "hevc", "mpeg2video"
    std::string pixel_format;
    std::string audio_codec; // empty when the film has no sound
    int audio_channels = 0;
    int width = 0, height = 0;
    double frames_per_second = 0; // the average rate
    bool variable_frame_rate = false;
    bool interlaced = false;
    int rotation = 0; // degrees clockwise the player must turn the picture (0, 90, 180, 270)
    // The transfer of high dynamic range pictures ("smpte2084" for HDR10, "arib-std-b67" for HLG, as
    // phones record); empty for standard range. The kiosk shows HDR washed out unless it is tone-mapped.
    std::string hdr_transfer;
    double seconds = 0;
    // MP4/MOV only: the index (moov) comes before the pictures, so the kiosk can start the film while it
    // streams it from the store ("faststart").
    bool index_at_front = true;
};

struct VideoPlan {
    VideoFacts facts;
    // Why the film must be transcoded, in words for the editor ("HEVC is not in the kiosk profile",
    // "3840x2160 is larger than the largest display profile (1920x1080)", ...); empty when it plays as is.
    std::vector<std::string> reasons;
    bool needs_transcode() const { return !reasons.empty(); }
};

// Probes the file and decodes its first frames. An error says what is wrong with the file and what to
// do, without naming the file (the caller names it).
kiosk::Result<VideoPlan> plan_video(const std::filesystem::path& file, const MediaLimits& limits);

// Writes the kiosk-safe version of file to out (an .mp4 path; written whole or not at all). progress is
// called with the fraction done, 0..1. Errors as for plan_video. A film whose pictures and sound are
// already kiosk-safe, and only sit in another container or with the MP4 index at the end, is copied
// into the new MP4 without re-encoding. An empty plan makes it probe the file itself.
kiosk::Result<void> transcode_video(const std::filesystem::path& file, const VideoPlan& plan,
                                    const MediaLimits& limits, const std::filesystem::path& out,
                                    const std::function<void(double fraction)>& progress);

// Names the kiosk-safe profile and encoder settings; part of the media cache key, so a change to the
// profile re-encodes cached films.
std::string video_profile_version();

} // namespace content_tool
