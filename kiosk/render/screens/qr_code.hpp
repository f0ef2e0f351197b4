// QR codes for the web addresses pages offer, so a traveller can take a page away on their phone.
#pragma once

#include "base/result.hpp"
#include "render/sdl_ptr.hpp"

#include <string_view>

namespace kiosk {

// The text as a QR code (error correction level M, 8-bit mode) drawn black on white with a quiet zone of
// four modules, each module a whole number of pixels, as large as fits a square of max_side_px. The
// surface is ARGB8888 and opaque. Fails when the text is empty, too long for any QR code, or needs
// more modules than max_side_px has pixels.
Result<SurfacePtr> make_qr(std::string_view text, int max_side_px);

// The quiet zone around the symbol, in modules.
constexpr int kQrQuietModules = 4;

// How many modules wide the text's QR code is with its quiet zone, without drawing it.
Result<int> qr_modules(std::string_view text);

} // namespace kiosk
