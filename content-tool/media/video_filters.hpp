// The libavfilter graphs between the decoders and the kiosk-safe encoders: pictures deinterlaced,
// turned upright, scaled to fit the display profiles and retimed to a constant rate; sound resampled to
// 48 kHz stereo in frames of the encoder's size.
#pragma once

#include "base/result.hpp"
#include "media/av_extra.hpp"
#include "media/video_transcode.hpp"

#include <string>

namespace content_tool {

struct PictureSize {
    int width = 0;
    int height = 0;
};

// The upright size, in square pixels, that fits the limits with the source's shape kept; both sides even
// as 4:2:0 needs.
PictureSize fitted_size(int width, int height, AVRational sample_aspect, int rotation,
                        const MediaLimits& limits);

// The constant rate of the output: the source's own when it is constant and at most 60, the nearest of
// 25 and 30 to its average when it varies, otherwise 30.
AVRational output_frame_rate(const VideoFacts& facts, AVRational stream_rate);

// The filter chain (libavfilter syntax) from decoded pictures to the encoder's.
std::string video_filter_chain(const VideoFacts& facts, PictureSize size, AVRational rate);

// A filter graph with one source that takes decoded frames and one sink that gives encoder frames.
struct FilterChain {
    FilterGraphPtr graph;
    AVFilterContext* source = nullptr;
    AVFilterContext* sink = nullptr;
};

kiosk::Result<FilterChain> build_video_filters(const AVCodecContext& decoder, AVRational time_base,
                                               const std::string& chain);
// Sound from the decoder to 48 kHz stereo float planes in frames of frame_size samples (the AAC
// encoder takes exactly 1024 a frame). Output timestamps count samples from zero.
kiosk::Result<FilterChain> build_audio_filters(const AVCodecContext& decoder, AVRational time_base,
                                               int frame_size);

} // namespace content_tool
