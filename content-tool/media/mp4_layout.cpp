// Walks the top-level boxes of an MP4/MOV file by their 8- or 16-byte headers.
#include "media/mp4_layout.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <system_error>

namespace content_tool {

namespace {

std::uint64_t big_endian(const unsigned char* bytes, int count) {
    std::uint64_t value = 0;
    for (int i = 0; i < count; ++i)
        value = value << 8 | bytes[i];
    return value;
}

// The boxes a file may begin with: ftyp in MP4, any of the others in old QuickTime files.
bool first_box(const char* type) {
    static constexpr const char* kTypes[] = {"ftyp", "moov", "mdat", "free", "skip", "wide", "pnot"};
    for (const char* known : kTypes)
        if (std::memcmp(type, known, 4) == 0)
            return true;
    return false;
}

// Box types are four printable characters; anything else means the walk has left the box structure.
bool box_type(const char* type) {
    for (int i = 0; i < 4; ++i)
        if (type[i] < 0x20 || type[i] > 0x7e)
            return false;
    return true;
}

} // namespace

Mp4Layout scan_mp4_layout(const std::filesystem::path& file) {
    Mp4Layout layout;
    std::error_code error;
    const std::uint64_t file_size = std::filesystem::file_size(file, error);
    std::ifstream in(file, std::ios::binary);
    if (error || !in)
        return layout;
    bool seen_media = false;
    std::uint64_t offset = 0;
    // A film has a handful of top-level boxes; the cap keeps a hostile file from looping for long.
    for (int box = 0; box < 10000; ++box) {
        if (offset == file_size) {
            layout.walked_to_end = true;
            break;
        }
        if (offset + 8 > file_size)
            break;
        std::array<unsigned char, 16> header{};
        in.seekg(static_cast<std::streamoff>(offset));
        if (!in.read(reinterpret_cast<char*>(header.data()), 8))
            break;
        const char* type = reinterpret_cast<const char*>(header.data() + 4);
        if (box == 0 && !first_box(type))
            break;
        if (!box_type(type))
            break;
        layout.is_mp4 = true;
        std::uint64_t size = big_endian(header.data(), 4);
        if (size == 1) {
            if (!in.read(reinterpret_cast<char*>(header.data() + 8), 8))
                break;
            size = big_endian(header.data() + 8, 8);
        } else if (size == 0) {
            size = file_size - offset; // the box runs to the end of the file
        }
        if (size < 8)
            break;
        if (std::memcmp(type, "moov", 4) == 0) {
            layout.has_index = true;
            layout.index_at_front = !seen_media;
        }
        if (std::memcmp(type, "mdat", 4) == 0)
            seen_media = true;
        if (size > file_size - offset) {
            layout.cut_short = true;
            break;
        }
        offset += size;
    }
    return layout;
}

} // namespace content_tool
