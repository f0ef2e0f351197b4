// Owning pointers for the libav* objects the film transcoder uses beyond the kiosk's own (av_ptr.hpp).
#pragma once

#include "media/av_ptr.hpp"

extern "C" {
#include <libavfilter/avfilter.h>
#include <libavutil/dict.h>
}

#include <memory>
#include <string>

namespace content_tool {

struct AvExtraDeleter {
    void operator()(AVFilterGraph* g) const { avfilter_graph_free(&g); }
    void operator()(AVFilterInOut* io) const { avfilter_inout_free(&io); }
};

using FilterGraphPtr = std::unique_ptr<AVFilterGraph, AvExtraDeleter>;
using FilterInOutPtr = std::unique_ptr<AVFilterInOut, AvExtraDeleter>;

// An output file being written: its AVIOContext is closed before the context is freed, so the file
// handle is released whether or not writing finished.
struct OutputDeleter {
    void operator()(AVFormatContext* f) const {
        if (f->pb && !(f->oformat->flags & AVFMT_NOFILE))
            avio_closep(&f->pb);
        avformat_free_context(f);
    }
};
using OutputPtr = std::unique_ptr<AVFormatContext, OutputDeleter>;

// Options handed to an avcodec_open2 or avformat_write_header call, freed with whatever it left unused.
class AvOptions {
public:
    AvOptions() = default;
    ~AvOptions() { av_dict_free(&m_dict); }
    AvOptions(const AvOptions&) = delete;
    AvOptions& operator=(const AvOptions&) = delete;
    void set(const char* key, const std::string& value) { av_dict_set(&m_dict, key, value.c_str(), 0); }
    AVDictionary** get() { return &m_dict; }

private:
    AVDictionary* m_dict = nullptr;
};

// Opens the MP4 file an output context writes to, and writes its header asking for the index at the
// front (so the kiosk can stream the film). Returns libav's status.
inline int start_mp4_file(AVFormatContext* output, const std::string& file) {
    if (int status = avio_open(&output->pb, file.c_str(), AVIO_FLAG_WRITE); status < 0)
        return status;
    AvOptions options;
    options.set("movflags", "+faststart");
    return avformat_write_header(output, options.get());
}

} // namespace content_tool
