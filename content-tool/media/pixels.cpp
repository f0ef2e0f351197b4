// Orientation by index arithmetic, scaling through libswscale, encoding through SDL_image into memory.
#include "media/pixels.hpp"

#include <SDL_image.h>

extern "C" {
#include <libswscale/swscale.h>
}

#include <cstring>
#include <memory>

namespace content_tool {

using kiosk::ErrorCode;
using kiosk::make_error;
using kiosk::Result;
using kiosk::SurfacePtr;

namespace {

Result<SurfacePtr> new_argb(int width, int height) {
    SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!s)
        return make_error(ErrorCode::Io, std::string("not enough memory for a ") + std::to_string(width) + "x" +
                                             std::to_string(height) + " picture (" + SDL_GetError() + ")");
    return s;
}

std::uint32_t* row(SDL_Surface* s, int y) {
    return reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(s->pixels) + std::size_t(y) * s->pitch);
}

// An SDL_RWops that appends everything written to a string.
SDL_RWops* string_writer(std::string& out) {
    SDL_RWops* rw = SDL_AllocRW();
    if (!rw)
        return nullptr;
    rw->type = SDL_RWOPS_UNKNOWN;
    rw->hidden.unknown.data1 = &out;
    rw->size = [](SDL_RWops* self) -> Sint64 { return static_cast<std::string*>(self->hidden.unknown.data1)->size(); };
    rw->seek = [](SDL_RWops* self, Sint64, int whence) -> Sint64 {
        // Encoders only ask where they are; writing is append-only.
        auto* s = static_cast<std::string*>(self->hidden.unknown.data1);
        return whence == RW_SEEK_END || whence == RW_SEEK_CUR ? static_cast<Sint64>(s->size()) : -1;
    };
    rw->read = [](SDL_RWops*, void*, size_t, size_t) -> size_t { return 0; };
    rw->write = [](SDL_RWops* self, const void* data, size_t size, size_t count) -> size_t {
        static_cast<std::string*>(self->hidden.unknown.data1)->append(static_cast<const char*>(data), size * count);
        return count;
    };
    rw->close = [](SDL_RWops* self) -> int {
        SDL_FreeRW(self);
        return 0;
    };
    return rw;
}

struct SwsDeleter {
    void operator()(SwsContext* c) const { sws_freeContext(c); }
};

} // namespace

Result<SurfacePtr> to_argb(SDL_Surface* surface) {
    SurfacePtr s(SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_ARGB8888, 0));
    if (!s)
        return make_error(ErrorCode::Io, std::string("cannot convert the picture: ") + SDL_GetError());
    return s;
}

Result<SurfacePtr> apply_orientation(SDL_Surface* src, int orientation) {
    const int w = src->w, h = src->h;
    const bool swap = orientation >= 5 && orientation <= 8;
    SurfacePtr out = TRY(new_argb(swap ? h : w, swap ? w : h));
    for (int y = 0; y < out->h; ++y) {
        std::uint32_t* dst = row(out.get(), y);
        for (int x = 0; x < out->w; ++x) {
            int sx = x, sy = y;
            switch (orientation) {
            case 2: sx = w - 1 - x; break;
            case 3: sx = w - 1 - x; sy = h - 1 - y; break;
            case 4: sy = h - 1 - y; break;
            case 5: sx = y; sy = x; break;
            case 6: sx = y; sy = h - 1 - x; break;
            case 7: sx = w - 1 - y; sy = h - 1 - x; break;
            case 8: sx = w - 1 - y; sy = x; break;
            default: break;
            }
            dst[x] = row(src, sy)[sx];
        }
    }
    return out;
}

Result<SurfacePtr> scale_argb(SDL_Surface* src, int width, int height, ScaleFilter filter) {
    static_assert(SDL_BYTEORDER == SDL_LIL_ENDIAN, "ARGB8888 is BGRA in memory only on little-endian machines");
    if (width < 1 || height < 1)
        return make_error(ErrorCode::Invalid, "cannot scale a picture to nothing");
    int flags = (filter == ScaleFilter::Area ? SWS_AREA : SWS_LANCZOS) | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT |
                SWS_FULL_CHR_H_INP;
    std::unique_ptr<SwsContext, SwsDeleter> sws(sws_getContext(src->w, src->h, AV_PIX_FMT_BGRA, width, height,
                                                               AV_PIX_FMT_BGRA, flags, nullptr, nullptr, nullptr));
    if (!sws)
        return make_error(ErrorCode::Unsupported, "cannot scale a " + std::to_string(src->w) + "x" +
                                                      std::to_string(src->h) + " picture to " +
                                                      std::to_string(width) + "x" + std::to_string(height));
    SurfacePtr out = TRY(new_argb(width, height));
    const std::uint8_t* in_planes[1] = {static_cast<const std::uint8_t*>(src->pixels)};
    int in_strides[1] = {src->pitch};
    std::uint8_t* out_planes[1] = {static_cast<std::uint8_t*>(out->pixels)};
    int out_strides[1] = {out->pitch};
    if (sws_scale(sws.get(), in_planes, in_strides, 0, src->h, out_planes, out_strides) != height)
        return make_error(ErrorCode::Io, "scaling the picture failed");
    return out;
}

void flatten_on_white(SDL_Surface* s) {
    for (int y = 0; y < s->h; ++y) {
        std::uint32_t* p = row(s, y);
        for (int x = 0; x < s->w; ++x) {
            std::uint32_t c = p[x], a = c >> 24;
            if (a == 255)
                continue;
            auto mix = [&](int shift) { return ((((c >> shift) & 0xFF) * a + 255 * (255 - a) + 127) / 255) << shift; };
            p[x] = 0xFF000000u | mix(16) | mix(8) | mix(0);
        }
    }
}

Result<std::string> encode_jpeg(SDL_Surface* surface, int quality) {
    std::string out;
    SDL_RWops* rw = string_writer(out);
    if (!rw || IMG_SaveJPG_RW(surface, rw, 1, quality) != 0)
        return make_error(ErrorCode::Io, std::string("cannot encode JPEG: ") + IMG_GetError());
    return out;
}

Result<std::string> encode_png(SDL_Surface* surface) {
    std::string out;
    SDL_RWops* rw = string_writer(out);
    if (!rw || IMG_SavePNG_RW(surface, rw, 1) != 0)
        return make_error(ErrorCode::Io, std::string("cannot encode PNG: ") + IMG_GetError());
    return out;
}

} // namespace content_tool
