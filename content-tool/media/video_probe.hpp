// The kiosk-safe profile as rules: why a film with the given facts must be transcoded.
#pragma once

#include "media/video_transcode.hpp"

#include <string>
#include <vector>

namespace content_tool {

// Short sentences for the editor, one per rule the film breaks; empty when the kiosk plays it as it is.
std::vector<std::string> kiosk_profile_reasons(const VideoFacts& facts, const MediaLimits& limits);

// The picture's size once turned upright.
int upright_width(const VideoFacts& facts);
int upright_height(const VideoFacts& facts);

} // namespace content_tool
