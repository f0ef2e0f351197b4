// Media limits from display profiles, and fitting pictures within them.
#include "media/media_limits.hpp"

#include <algorithm>
#include <cmath>

namespace content_tool {

MediaLimits media_limits_for(const kiosk::Content& content) {
    const auto& profiles = content.profiles.empty() ? kiosk::builtin_profiles() : content.profiles;
    MediaLimits limits{0, 0};
    for (const auto& p : profiles) {
        limits.long_side = std::max(limits.long_side, std::max(p.width, p.height));
        limits.short_side = std::max(limits.short_side, std::min(p.width, p.height));
    }
    if (limits.long_side <= 0 || limits.short_side <= 0)
        return MediaLimits{};
    return limits;
}

bool exceeds_limits(int width, int height, const MediaLimits& limits) {
    return std::max(width, height) > limits.long_side || std::min(width, height) > limits.short_side;
}

PixelSize fit_within(int width, int height, const MediaLimits& limits) {
    if (width <= 0 || height <= 0 || !exceeds_limits(width, height, limits))
        return {width, height};
    double scale = std::min(static_cast<double>(limits.long_side) / std::max(width, height),
                            static_cast<double>(limits.short_side) / std::min(width, height));
    auto side = [&](int n) { return std::max(1, static_cast<int>(std::lround(n * scale))); };
    PixelSize fitted{side(width), side(height)};
    // Rounding must never push a side back over its limit.
    while (exceeds_limits(fitted.width, fitted.height, limits)) {
        scale *= 0.999;
        fitted = {side(width), side(height)};
    }
    return fitted;
}

} // namespace content_tool
