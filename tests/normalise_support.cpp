// Making test pictures and their metadata blocks.
#include "normalise_support.hpp"

#include "media/pixels.hpp"

#include <SDL_image.h>
#include <fstream>
#include <stdexcept>

namespace test_support {

kiosk::SurfacePtr draw(int w, int h, const std::function<std::uint32_t(int, int)>& colour) {
    kiosk::SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!s)
        throw std::runtime_error("no memory for a test picture");
    for (int y = 0; y < h; ++y) {
        auto* row = reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(s->pixels) + y * s->pitch);
        for (int x = 0; x < w; ++x)
            row[x] = colour(x, y);
    }
    return s;
}

std::string jpeg_of(SDL_Surface* s, int quality) {
    auto bytes = content_tool::encode_jpeg(s, quality);
    if (!bytes)
        throw std::runtime_error(bytes.error().message);
    return *bytes;
}

std::string png_of(SDL_Surface* s) {
    auto bytes = content_tool::encode_png(s);
    if (!bytes)
        throw std::runtime_error(bytes.error().message);
    return *bytes;
}

kiosk::SurfacePtr decode_argb(const std::string& bytes) {
    SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
    kiosk::SurfacePtr decoded(IMG_Load_RW(rw, 1));
    if (!decoded)
        throw std::runtime_error(std::string("test picture does not decode: ") + IMG_GetError());
    return kiosk::SurfacePtr(SDL_ConvertSurfaceFormat(decoded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
}

std::uint32_t pixel(SDL_Surface* s, int x, int y) {
    return reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(s->pixels) + y * s->pitch)[x];
}

int channel_distance(std::uint32_t a, std::uint32_t b) {
    int d = 0;
    for (int shift : {0, 8, 16})
        d = std::max(d, std::abs(static_cast<int>((a >> shift) & 0xFF) - static_cast<int>((b >> shift) & 0xFF)));
    return d;
}

namespace {

void le16(std::string& s, unsigned v) {
    s += static_cast<char>(v & 0xFF);
    s += static_cast<char>(v >> 8 & 0xFF);
}
void le32(std::string& s, std::uint32_t v) {
    le16(s, v & 0xFFFF);
    le16(s, v >> 16);
}
void be32(std::string& s, std::uint32_t v) {
    for (int shift : {24, 16, 8, 0})
        s += static_cast<char>(v >> shift & 0xFF);
}
void entry(std::string& s, unsigned tag, unsigned type, std::uint32_t count, std::uint32_t value) {
    le16(s, tag);
    le16(s, type);
    le32(s, count);
    le32(s, value);
}

std::uint32_t crc32(const std::string& bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char c : bytes) {
        crc ^= c;
        for (int k = 0; k < 8; ++k)
            crc = crc & 1 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return crc ^ 0xFFFFFFFFu;
}

} // namespace

std::string exif_app1(int orientation, const std::string& make) {
    // Little-endian TIFF: IFD0 at 8 with Make, Orientation and the GPS IFD pointer; the GPS IFD holds
    // latitude N 17 deg 55' 12" (Na Meo), with its values after it.
    std::string make_value = make + '\0';
    const std::uint32_t ifd0 = 8, ifd0_size = 2 + 3 * 12 + 4;
    const std::uint32_t make_at = ifd0 + ifd0_size;
    const std::uint32_t gps = make_at + static_cast<std::uint32_t>(make_value.size());
    const std::uint32_t gps_size = 2 + 2 * 12 + 4;
    const std::uint32_t latitude_at = gps + gps_size;
    std::string t = "II";
    le16(t, 42);
    le32(t, ifd0);
    le16(t, 3);
    entry(t, 0x010F, 2, static_cast<std::uint32_t>(make_value.size()), make_at);
    entry(t, 0x0112, 3, 1, static_cast<std::uint32_t>(orientation));
    entry(t, 0x8825, 4, 1, gps);
    le32(t, 0);
    t += make_value;
    le16(t, 2);
    entry(t, 0x0001, 2, 2, 'N');
    entry(t, 0x0002, 5, 3, latitude_at);
    le32(t, 0);
    for (std::uint32_t v : {17u, 1u, 55u, 1u, 12u, 1u})
        le32(t, v);
    std::string payload = std::string("Exif\0\0", 6) + t;
    std::string segment = "\xFF\xE1";
    std::size_t length = payload.size() + 2;
    segment += static_cast<char>(length >> 8);
    segment += static_cast<char>(length & 0xFF);
    return segment + payload;
}

std::string with_segment(const std::string& jpeg, const std::string& segment) {
    return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

std::string png_chunk(const std::string& type, const std::string& data) {
    std::string chunk;
    be32(chunk, static_cast<std::uint32_t>(data.size()));
    chunk += type + data;
    be32(chunk, crc32(type + data));
    return chunk;
}

std::string with_chunk(const std::string& png, const std::string& chunk) {
    const std::size_t after_ihdr = 8 + 12 + 13;
    return png.substr(0, after_ihdr) + chunk + png.substr(after_ihdr);
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

} // namespace test_support
