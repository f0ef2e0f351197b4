// Placeholder until the libav* transcoder lands: films are checked to be playable and passed through.
#include "media/video_transcode.hpp"

#include "media/media_playback.hpp"

namespace content_tool {

kiosk::Result<VideoPlan> plan_video(const std::filesystem::path& file, const MediaLimits&) {
    auto playable = kiosk::probe_media(file);
    if (!playable)
        return playable.error();
    return VideoPlan{};
}

kiosk::Result<void> transcode_video(const std::filesystem::path&, const VideoPlan&, const MediaLimits&,
                                    const std::filesystem::path&, const std::function<void(double)>&) {
    return kiosk::make_error(kiosk::ErrorCode::Unsupported, "transcoding is not built yet");
}

std::string video_profile_version() {
    return "placeholder";
}

} // namespace content_tool
