// Building the libavfilter graphs of the film transcoder.
#include "media/video_filters.hpp"

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/channel_layout.h>
#include <libavutil/samplefmt.h>
}

#include <algorithm>
#include <cmath>

namespace content_tool {

namespace {

constexpr int kSampleRate = 48000;

int even_at_least_two(double side) {
    const int rounded = static_cast<int>(std::lround(side)) & ~1;
    return std::max(2, rounded);
}

kiosk::Error filter_error(int status) {
    return kiosk::make_error(kiosk::ErrorCode::Unsupported,
                             "cannot be converted (filters failed: " + kiosk::av_error_text(status) +
                                 "); export it again as H.264 MP4");
}

kiosk::Result<FilterChain> build_chain(const char* source_name, const std::string& source_args,
                                       const char* sink_name, const std::string& chain) {
    FilterChain filters;
    filters.graph.reset(avfilter_graph_alloc());
    if (!filters.graph)
        return filter_error(AVERROR(ENOMEM));
    AVFilterGraph* graph = filters.graph.get();
    int status = avfilter_graph_create_filter(&filters.source, avfilter_get_by_name(source_name), "in",
                                              source_args.c_str(), nullptr, graph);
    if (status < 0)
        return filter_error(status);
    status = avfilter_graph_create_filter(&filters.sink, avfilter_get_by_name(sink_name), "out", nullptr,
                                          nullptr, graph);
    if (status < 0)
        return filter_error(status);

    // The chain's open ends: its input is our source's output ("in"), its output our sink's input ("out").
    FilterInOutPtr chain_input(avfilter_inout_alloc());
    FilterInOutPtr chain_output(avfilter_inout_alloc());
    if (!chain_input || !chain_output)
        return filter_error(AVERROR(ENOMEM));
    chain_input->name = av_strdup("in");
    chain_input->filter_ctx = filters.source;
    chain_output->name = av_strdup("out");
    chain_output->filter_ctx = filters.sink;
    AVFilterInOut* outputs = chain_input.release();
    AVFilterInOut* inputs = chain_output.release();
    status = avfilter_graph_parse_ptr(graph, chain.c_str(), &inputs, &outputs, nullptr);
    chain_input.reset(outputs);
    chain_output.reset(inputs);
    if (status < 0)
        return filter_error(status);
    status = avfilter_graph_config(graph, nullptr);
    if (status < 0)
        return filter_error(status);
    return filters;
}

} // namespace

PictureSize fitted_size(int width, int height, AVRational sample_aspect, int rotation,
                        const MediaLimits& limits) {
    double shown_width = width;
    if (sample_aspect.num > 0 && sample_aspect.den > 0)
        shown_width = width * av_q2d(sample_aspect);
    double shown_height = height;
    if (rotation % 180 != 0)
        std::swap(shown_width, shown_height);
    const double long_side = std::max(shown_width, shown_height);
    const double short_side = std::min(shown_width, shown_height);
    const double scale = std::min({1.0, limits.long_side / long_side, limits.short_side / short_side});
    return {even_at_least_two(shown_width * scale), even_at_least_two(shown_height * scale)};
}

AVRational output_frame_rate(const VideoFacts& facts, AVRational stream_rate) {
    if (facts.variable_frame_rate)
        return std::abs(facts.frames_per_second - 25) < std::abs(facts.frames_per_second - 30)
                   ? AVRational{25, 1}
                   : AVRational{30, 1};
    if (stream_rate.num > 0 && stream_rate.den > 0 && av_q2d(stream_rate) <= 60)
        return stream_rate;
    if (facts.frames_per_second > 0 && facts.frames_per_second <= 60)
        return av_d2q(facts.frames_per_second, 1001000);
    return {30, 1};
}

std::string video_filter_chain(const VideoFacts& facts, PictureSize size, AVRational rate) {
    std::string chain;
    // bwdif weaves each interlaced frame into one progressive frame (not one per field), keeping the rate.
    if (facts.interlaced)
        chain += "bwdif=mode=send_frame:parity=auto:deint=all,";
    if (facts.rotation == 90)
        chain += "transpose=clock,";
    else if (facts.rotation == 270)
        chain += "transpose=cclock,";
    else if (facts.rotation == 180)
        chain += "hflip,vflip,";
    // HDR to standard range (BT.709): to linear light, BT.709 primaries, Hable's curve, then BT.709's
    // transfer and matrix in limited range. HDR10 and HLG are both BT.2020.
    if (!facts.hdr_transfer.empty())
        chain += "zscale=tin=" + facts.hdr_transfer +
                 ":pin=2020:min=2020_ncl:t=linear:npl=100,format=gbrpf32le,zscale=p=709,"
                 "tonemap=tonemap=hable:desat=0,zscale=t=709:m=709:r=tv,format=yuv420p,";
    chain += "scale=" + std::to_string(size.width) + ":" + std::to_string(size.height) + ":flags=bicubic,";
    chain += "setsar=1,";
    // start_time=0 repeats the first picture back to zero when the sound starts before it, as the film's
    // times are counted from its start.
    chain += "fps=fps=" + std::to_string(rate.num) + "/" + std::to_string(rate.den) + ":start_time=0,";
    chain += "format=yuv420p";
    return chain;
}

kiosk::Result<FilterChain> build_video_filters(const AVCodecContext& decoder, AVRational time_base,
                                               const std::string& chain) {
    AVRational aspect = decoder.sample_aspect_ratio;
    if (aspect.num <= 0 || aspect.den <= 0)
        aspect = {1, 1};
    const std::string args = "video_size=" + std::to_string(decoder.width) + "x" +
                             std::to_string(decoder.height) + ":pix_fmt=" + std::to_string(decoder.pix_fmt) +
                             ":time_base=" + std::to_string(time_base.num) + "/" +
                             std::to_string(time_base.den) + ":pixel_aspect=" + std::to_string(aspect.num) +
                             "/" + std::to_string(aspect.den);
    return build_chain("buffer", args, "buffersink", chain);
}

kiosk::Result<FilterChain> build_audio_filters(const AVCodecContext& decoder, AVRational time_base,
                                               int frame_size) {
    AVChannelLayout layout{};
    if (decoder.ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
        av_channel_layout_default(&layout, decoder.ch_layout.nb_channels);
    else if (av_channel_layout_copy(&layout, &decoder.ch_layout) < 0)
        return filter_error(AVERROR(ENOMEM));
    char layout_name[128] = {};
    av_channel_layout_describe(&layout, layout_name, sizeof layout_name);
    av_channel_layout_uninit(&layout);
    const char* sample_format = av_get_sample_fmt_name(decoder.sample_fmt);
    const std::string args =
        "time_base=" + std::to_string(time_base.num) + "/" + std::to_string(time_base.den) +
        ":sample_rate=" + std::to_string(decoder.sample_rate) +
        ":sample_fmt=" + (sample_format ? sample_format : "fltp") + ":channel_layout=" + layout_name;
    // async fills gaps and trims overlaps so sound stays with the pictures; first_pts starts it at zero.
    const std::string chain =
        "aresample=" + std::to_string(kSampleRate) +
        ":async=1:first_pts=0,aformat=sample_fmts=fltp:sample_rates=" + std::to_string(kSampleRate) +
        ":channel_layouts=stereo";
    auto filters = TRY(build_chain("abuffer", args, "abuffersink", chain));
    av_buffersink_set_frame_size(filters.sink, static_cast<unsigned>(frame_size));
    return filters;
}

} // namespace content_tool
