// The USB install shown over whatever plays: "Đang cài đặt từ USB / Installing from USB" with a progress bar,
// its percentage and the file being installed; then the result of each file and "Có thể rút USB / You may
// remove the USB stick". Painted on a canvas the size of its panel (pure painting, no SDL window).
#pragma once

#include "interaction/interaction.hpp"
#include "render/canvas.hpp"
#include "render/operator/operator_painter.hpp"
#include "text/text_engine.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

struct UsbOverlayState {
    bool done = false; // installing, or the result
    // Installing: how far, and the file under way (its number among those installed).
    std::uint64_t bytes_done = 0, bytes_total = 0;
    std::string file;
    std::size_t index = 0, count = 0;
    // The result: one row per file (refusals first), each a line of Vietnamese and the English under it,
    // and for a refused or skipped file why.
    struct Row {
        Tone tone = Tone::Plain; // Good installed, Bad refused, Plain skipped or already current
        std::string vi, en;
        std::string detail_vi, detail_en;
    };
    std::vector<Row> rows;
    bool refused = false;        // some file was refused
    bool nothing_found = false;  // the stick held nothing to install
    bool result_written = true;  // the result file is on the stick
    bool touch = true;           // the screen takes touches: "touch to close" is said
};

// Where the panel goes on a w x h screen (centred; most of a small LED wall).
Box usb_overlay_box(int w, int h, float screen_inches);
// Paints the panel on a canvas of usb_overlay_box's size.
void paint_usb_overlay(Canvas& canvas, TextEngine& text, const UsbOverlayState& state, int screen_w, int screen_h,
                       float screen_inches);

} // namespace kiosk
