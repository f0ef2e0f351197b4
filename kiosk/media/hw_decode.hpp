// Hardware video decoding through FFmpeg's VAAPI hwaccel, with a reason whenever it is not used, so a
// station that silently decodes in software (or silently fails in hardware) is never a mystery.
#pragma once

#include "base/result.hpp"
#include "media/av_ptr.hpp"

#include <string>

namespace kiosk {

enum class HwDecode {
    Auto,     // VAAPI when the machine has a render node and its driver decodes the codec
    Software, // never try
    Vaapi,    // try, and log it as an error when it cannot be used
};

struct Decoding {
    HwDecode hw = HwDecode::Software;
    std::string vaapi_device; // empty: the first /dev/dri/renderD* node
};

// The VAAPI device a decoder was given, and the frame format its decoded pictures arrive in.
struct HwDevice {
    std::unique_ptr<AVBufferRef, void (*)(AVBufferRef*)> device{nullptr, nullptr};
    AVPixelFormat format = AV_PIX_FMT_NONE;
    std::string node;
};

// Opens the VAAPI device for `decoder`, or says why not ("no render node in /dev/dri", "the vp9 decoder
// has no VAAPI support in this FFmpeg", the driver's error).
Result<HwDevice> open_vaapi(const AVCodec* decoder, const std::string& wanted_node);

// Gives `codec` (not yet opened) the device: it decodes in hardware when the stream allows, else FFmpeg
// hands it software frames.
void attach_hw_device(AVCodecContext* codec, const HwDevice& hw);

// A frame decoded in hardware copied to memory (NV12 or the like); software frames are returned as they are.
Result<FramePtr> download_frame(FramePtr frame, AVPixelFormat hw_format);

} // namespace kiosk
