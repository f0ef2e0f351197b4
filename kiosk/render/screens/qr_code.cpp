// Encoding with libqrencode and drawing the modules as whole-pixel squares.
#include "render/screens/qr_code.hpp"

#include <cerrno>
#include <memory>
#include <qrencode.h>
#include <string>

namespace kiosk {

namespace {

struct QrDeleter {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

using QrPtr = std::unique_ptr<QRcode, QrDeleter>;

Result<QrPtr> encode(std::string_view text) {
    if (text.empty())
        return make_error(ErrorCode::Invalid, "a QR code needs some text");
    errno = 0;
    QrPtr code(QRcode_encodeData(static_cast<int>(text.size()),
                                 reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
    if (!code) {
        if (errno == ERANGE)
            return make_error(ErrorCode::TooLarge, "a QR code cannot hold " + std::to_string(text.size()) +
                                                       " bytes; use a shorter web address");
        return make_error(ErrorCode::Invalid, "the text cannot be made into a QR code");
    }
    return code;
}

} // namespace

Result<int> qr_modules(std::string_view text) {
    auto code = TRY(encode(text));
    return code->width + 2 * kQrQuietModules;
}

Result<SurfacePtr> make_qr(std::string_view text, int max_side_px) {
    auto code = TRY(encode(text));
    int modules = code->width + 2 * kQrQuietModules;
    int module_px = max_side_px / modules;
    if (module_px < 1)
        return make_error(ErrorCode::TooLarge, "a QR code of " + std::to_string(modules) +
                                                   " modules does not fit " + std::to_string(max_side_px) +
                                                   " pixels; use a shorter web address");
    int side = modules * module_px;
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface)
        return make_error(ErrorCode::Io, std::string("cannot make a QR code picture: ") + SDL_GetError());
    SDL_FillRect(surface.get(), nullptr, 0xFFFFFFFFu);
    // Bit 0 of each byte is the module's colour (1 dark); the other bits say what kind of module it is.
    for (int y = 0; y < code->width; ++y)
        for (int x = 0; x < code->width; ++x)
            if (code->data[y * code->width + x] & 1) {
                SDL_Rect r{(x + kQrQuietModules) * module_px, (y + kQrQuietModules) * module_px, module_px,
                           module_px};
                SDL_FillRect(surface.get(), &r, 0xFF000000u);
            }
    return surface;
}

} // namespace kiosk
