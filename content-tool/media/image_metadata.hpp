// What a photo carries besides its pixels: EXIF orientation, and metadata (GPS position, camera,
// editor's notes, dates) that must not travel to a public screen. Parsed from JPEG segments and PNG
// chunks with every length checked, since editors' files come from anywhere.
#pragma once

#include "base/result.hpp"

#include <string>
#include <string_view>

namespace content_tool {

enum class ImageFormat { Png, Jpeg };

struct ImageMetadata {
    ImageFormat format = ImageFormat::Png;
    // EXIF orientation, 1 (upright) to 8; 1 when the file has none or an unreadable one.
    int orientation = 1;
    // Segments or chunks that strip_image_metadata removes (EXIF, XMP, comments, text, timestamps).
    int removable = 0;
};

// Reads the structure of a PNG or JPEG. Errors say what is wrong with the file, not naming it.
kiosk::Result<ImageMetadata> read_image_metadata(std::string_view bytes);

// The same image with its metadata removed and its pixels untouched (compressed data is copied byte
// for byte). JPEG keeps JFIF, ICC colour profiles (APP2), Adobe colour information (APP14), the tables
// and the scans, and drops APP1 (EXIF, XMP), other APP2, APP13 (Photoshop/IPTC), comments and anything
// after the end marker. PNG drops tEXt, zTXt, iTXt, eXIf and tIME and anything after IEND.
kiosk::Result<std::string> strip_image_metadata(std::string_view bytes);

// The orientation tag of an EXIF (TIFF) block, the part of an APP1 segment after "Exif\0\0" or a PNG
// eXIf chunk; 1 when it has none.
int exif_orientation(std::string_view tiff);

} // namespace content_tool
