// Walking JPEG segments and PNG chunks, bounds-checked at every step.
#include "media/image_metadata.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace content_tool {

using kiosk::ErrorCode;
using kiosk::make_error;

namespace {

constexpr std::array<unsigned char, 8> kPngSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

unsigned byte_at(std::string_view s, std::size_t i) {
    return static_cast<unsigned char>(s[i]);
}

std::uint32_t be32(std::string_view s, std::size_t i) {
    return std::uint32_t(byte_at(s, i)) << 24 | std::uint32_t(byte_at(s, i + 1)) << 16 |
           std::uint32_t(byte_at(s, i + 2)) << 8 | byte_at(s, i + 3);
}

bool is_png(std::string_view s) {
    return s.size() >= 8 && std::memcmp(s.data(), kPngSignature.data(), 8) == 0;
}

bool is_jpeg(std::string_view s) {
    return s.size() >= 3 && byte_at(s, 0) == 0xFF && byte_at(s, 1) == 0xD8 && byte_at(s, 2) == 0xFF;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// One piece of a file: a JPEG segment (marker and payload) or a PNG chunk, as a span of the file.
struct Piece {
    std::size_t begin = 0, end = 0; // the whole piece, header included
    std::string_view payload;
    bool removable = false;
    int orientation = 1;
};

bool jpeg_removable(unsigned marker, std::string_view payload) {
    if (marker == 0xE1 || marker == 0xED || marker == 0xFE) // APP1 (EXIF, XMP), APP13 (IPTC), COM
        return true;
    if (marker == 0xE2) // APP2 is kept only for ICC colour profiles (MPF and FlashPix go)
        return !starts_with(payload, std::string_view("ICC_PROFILE\0", 12));
    return false;
}

// Calls visit(piece) for each segment up to and including EOI. Entropy-coded scan data is part of
// the SOS piece that precedes it, so copying kept pieces in order rebuilds a valid file.
template <typename Visit>
kiosk::Status walk_jpeg(std::string_view s, Visit&& visit) {
    std::size_t i = 2;
    visit(Piece{0, 2, {}, false, 1});
    while (true) {
        if (i + 2 > s.size())
            return make_error(ErrorCode::Parse, "the JPEG file is cut short (no end marker)");
        if (byte_at(s, i) != 0xFF)
            return make_error(ErrorCode::Parse, "the JPEG file is damaged (a segment does not start with a marker)");
        std::size_t begin = i;
        while (i < s.size() && byte_at(s, i) == 0xFF) // fill bytes
            ++i;
        if (i >= s.size())
            return make_error(ErrorCode::Parse, "the JPEG file is cut short (no end marker)");
        unsigned marker = byte_at(s, i++);
        if (marker == 0xD9) { // EOI: what follows is not part of the image
            visit(Piece{begin, i, {}, false, 1});
            if (i < s.size()) // a trailer (a camera's second picture, a thumbnail) goes too
                visit(Piece{i, s.size(), {}, true, 1});
            return {};
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no payload
            visit(Piece{begin, i, {}, false, 1});
            continue;
        }
        if (marker == 0x00 || marker == 0xD8)
            return make_error(ErrorCode::Parse, "the JPEG file is damaged (an unexpected marker)");
        if (i + 2 > s.size())
            return make_error(ErrorCode::Parse, "the JPEG file is cut short inside a segment header");
        std::size_t length = std::size_t(byte_at(s, i)) << 8 | byte_at(s, i + 1);
        if (length < 2 || i + length > s.size())
            return make_error(ErrorCode::Parse, "the JPEG file is cut short or damaged (a segment runs past its end)");
        std::string_view payload = s.substr(i + 2, length - 2);
        i += length;
        if (marker == 0xDA) { // SOS: the scan's data runs to the next marker that is not RSTn or stuffing
            while (true) {
                if (i + 1 >= s.size())
                    return make_error(ErrorCode::Parse, "the JPEG file is cut short inside its picture data");
                if (byte_at(s, i) == 0xFF) {
                    unsigned next = byte_at(s, i + 1);
                    if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7))
                        break;
                    i += next == 0xFF ? 1 : 2;
                } else {
                    ++i;
                }
            }
            visit(Piece{begin, i, payload, false, 1});
            continue;
        }
        Piece piece{begin, i, payload, jpeg_removable(marker, payload), 1};
        if (marker == 0xE1 && starts_with(payload, std::string_view("Exif\0\0", 6)))
            piece.orientation = exif_orientation(payload.substr(6));
        visit(piece);
    }
}

template <typename Visit>
kiosk::Status walk_png(std::string_view s, Visit&& visit) {
    visit(Piece{0, 8, {}, false, 1});
    std::size_t i = 8;
    bool header = true;
    while (true) {
        if (i + 12 > s.size())
            return make_error(ErrorCode::Parse, "the PNG file is cut short (no IEND chunk)");
        std::uint32_t length = be32(s, i);
        if (length > 0x7FFFFFFFu || length > s.size() - i - 12)
            return make_error(ErrorCode::Parse, "the PNG file is cut short or damaged (a chunk runs past its end)");
        std::string_view type = s.substr(i + 4, 4);
        if (header && type != "IHDR")
            return make_error(ErrorCode::Parse, "the PNG file is damaged (it does not start with IHDR)");
        header = false;
        std::string_view payload = s.substr(i + 8, length);
        Piece piece{i, i + 12 + length, payload, false, 1};
        piece.removable = type == "tEXt" || type == "zTXt" || type == "iTXt" || type == "eXIf" || type == "tIME";
        if (type == "eXIf")
            piece.orientation = exif_orientation(payload);
        visit(piece);
        i = piece.end;
        if (type == "IEND") {
            if (i < s.size())
                visit(Piece{i, s.size(), {}, true, 1});
            return {};
        }
    }
}

template <typename Visit>
kiosk::Result<ImageFormat> walk(std::string_view s, Visit&& visit) {
    if (is_png(s)) {
        TRY(walk_png(s, visit));
        return ImageFormat::Png;
    }
    if (is_jpeg(s)) {
        TRY(walk_jpeg(s, visit));
        return ImageFormat::Jpeg;
    }
    return make_error(ErrorCode::Unsupported, "the file is not a PNG or JPEG image");
}

} // namespace

int exif_orientation(std::string_view tiff) {
    if (tiff.size() < 8)
        return 1;
    bool little = starts_with(tiff, "II");
    if (!little && !starts_with(tiff, "MM"))
        return 1;
    auto u16 = [&](std::size_t at) -> std::uint32_t {
        return little ? byte_at(tiff, at) | byte_at(tiff, at + 1) << 8 : byte_at(tiff, at) << 8 | byte_at(tiff, at + 1);
    };
    auto u32 = [&](std::size_t at) -> std::uint32_t { return little ? u16(at) | u16(at + 2) << 16 : u16(at) << 16 | u16(at + 2); };
    if (u16(2) != 42)
        return 1;
    std::uint32_t ifd = u32(4);
    if (ifd > tiff.size() || tiff.size() - ifd < 2)
        return 1;
    std::uint32_t entries = u16(ifd);
    for (std::uint32_t k = 0; k < entries; ++k) {
        std::size_t entry = std::size_t(ifd) + 2 + std::size_t(k) * 12;
        if (entry + 12 > tiff.size())
            return 1;
        if (u16(entry) != 0x0112)
            continue;
        if (u16(entry + 2) != 3 || u32(entry + 4) != 1) // one SHORT, stored in the entry itself
            return 1;
        std::uint32_t value = u16(entry + 8);
        return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
    }
    return 1;
}

kiosk::Result<ImageMetadata> read_image_metadata(std::string_view bytes) {
    ImageMetadata meta;
    bool found_orientation = false;
    meta.format = TRY(walk(bytes, [&](const Piece& piece) {
        if (piece.removable)
            ++meta.removable;
        if (!found_orientation && piece.orientation != 1) {
            meta.orientation = piece.orientation;
            found_orientation = true;
        }
    }));
    return meta;
}

kiosk::Result<std::string> strip_image_metadata(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    TRY(walk(bytes, [&](const Piece& piece) {
        if (!piece.removable)
            out.append(bytes.substr(piece.begin, piece.end - piece.begin));
    }));
    return out;
}

} // namespace content_tool
