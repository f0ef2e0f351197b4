#include "media/hw_decode.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

extern "C" {
#include <libavutil/hwcontext.h>
#include <libavutil/pixdesc.h>
}

namespace kiosk {

namespace {

std::string first_render_node() {
    std::error_code ec;
    std::vector<std::string> nodes;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec))
        if (entry.path().filename().string().rfind("renderD", 0) == 0)
            nodes.push_back(entry.path().string());
    std::sort(nodes.begin(), nodes.end());
    return nodes.empty() ? std::string() : nodes.front();
}

void unref_buffer(AVBufferRef* ref) {
    av_buffer_unref(&ref);
}

// FFmpeg asks which of the formats it can produce we want: the hardware one when offered, else the
// first software one (FFmpeg then decodes this stream in software).
AVPixelFormat choose_format(AVCodecContext* codec, const AVPixelFormat* offered) {
    auto wanted = static_cast<AVPixelFormat>(reinterpret_cast<std::intptr_t>(codec->opaque));
    for (const AVPixelFormat* f = offered; *f != AV_PIX_FMT_NONE; ++f)
        if (*f == wanted)
            return *f;
    for (const AVPixelFormat* f = offered; *f != AV_PIX_FMT_NONE; ++f)
        if (!(av_pix_fmt_desc_get(*f)->flags & AV_PIX_FMT_FLAG_HWACCEL))
            return *f;
    return AV_PIX_FMT_NONE;
}

} // namespace

Result<HwDevice> open_vaapi(const AVCodec* decoder, const std::string& wanted_node) {
    HwDevice hw;
    for (int i = 0;; ++i) {
        const AVCodecHWConfig* config = avcodec_get_hw_config(decoder, i);
        if (!config)
            break;
        if ((config->methods & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) &&
            config->device_type == AV_HWDEVICE_TYPE_VAAPI) {
            hw.format = config->pix_fmt;
            break;
        }
    }
    if (hw.format == AV_PIX_FMT_NONE)
        return make_error(ErrorCode::Unsupported,
                          std::string("the ") + decoder->name + " decoder has no VAAPI support in this FFmpeg");
    hw.node = wanted_node.empty() ? first_render_node() : wanted_node;
    if (hw.node.empty())
        return make_error(ErrorCode::NotFound, "no GPU render node in /dev/dri");
    std::error_code ec;
    if (!std::filesystem::exists(hw.node, ec))
        return make_error(ErrorCode::NotFound, "the VAAPI device " + hw.node +
                                                   " does not exist (check vaapi_device; ls /dev/dri lists them)");
    AVBufferRef* device = nullptr;
    if (int err = av_hwdevice_ctx_create(&device, AV_HWDEVICE_TYPE_VAAPI, hw.node.c_str(), nullptr, 0); err < 0)
        return make_error(ErrorCode::Unsupported,
                          "no VAAPI driver works on " + hw.node + " (" + av_error_text(err) + ")");
    hw.device = {device, &unref_buffer};
    return hw;
}

void attach_hw_device(AVCodecContext* codec, const HwDevice& hw) {
    codec->hw_device_ctx = av_buffer_ref(hw.device.get());
    codec->opaque = reinterpret_cast<void*>(static_cast<std::intptr_t>(hw.format));
    codec->get_format = &choose_format;
}

Result<FramePtr> download_frame(FramePtr frame, AVPixelFormat hw_format) {
    if (hw_format == AV_PIX_FMT_NONE || frame->format != hw_format)
        return frame;
    FramePtr copy(av_frame_alloc());
    if (!copy)
        return make_error(ErrorCode::Io, "out of memory");
    if (int err = av_hwframe_transfer_data(copy.get(), frame.get(), 0); err < 0)
        return make_error(ErrorCode::Io, "a decoded picture cannot be read back from the GPU (" +
                                             av_error_text(err) + ")");
    av_frame_copy_props(copy.get(), frame.get());
    return copy;
}

} // namespace kiosk
