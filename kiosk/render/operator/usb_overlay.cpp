// The USB install's panel: the operator screen's look (bilingual lines, its colours) over what plays.
#include "render/operator/usb_overlay.hpp"

#include "render/operator/operator_kit.hpp"
#include "render/screens/shapes.hpp"
#include "render/theme.hpp"

#include <algorithm>

namespace kiosk {

using namespace operator_kit;

Box usb_overlay_box(int w, int h, float screen_inches) {
    Frame f(w, h, screen_inches);
    int bw, bh;
    if (f.portrait) {
        bw = w * 92 / 100;
        bh = h * 56 / 100;
    } else if (h < 600) { // a small LED wall: nearly all of it, read from afar
        bw = w * 94 / 100;
        bh = h * 92 / 100;
    } else {
        bw = std::min(w * 84 / 100, h * 3 / 2);
        bh = h * 88 / 100;
    }
    return {(w - bw) / 2, (h - bh) / 2, bw, bh};
}

void paint_usb_overlay(Canvas& canvas, TextEngine& text, const UsbOverlayState& st, int screen_w, int screen_h,
                       float screen_inches) {
    Page p{canvas, text, Frame(screen_w, screen_h, screen_inches), {}};
    const Frame& f = p.f;
    int w = canvas.width(), h = canvas.height();
    SDL_Color stripe = !st.done ? colour::kWarn : st.refused || st.nothing_found ? colour::kBad : colour::kGood;
    canvas.fill({0, 0, w, h}, theme::kHeader);
    fill_round_rect(canvas, {0, 0, w, h}, f.radius(), theme::kPanel);
    stroke_round_rect(canvas, {0, 0, w, h}, f.radius(), std::max(2, f.s(0.004f)), stripe);
    int band = std::max(6, f.s(0.018f));
    fill_round_rect(canvas, {0, 0, w, band * 2}, f.radius(), stripe);
    canvas.fill({0, band, w, band}, theme::kPanel);

    int pad = std::max(10, f.s(0.045f));
    SDL_Rect in{pad, band + pad / 2, w - 2 * pad, h - band - pad - pad / 2};
    int g = f.gap();
    int heading_h = std::max(f.target() * 2, f.s(0.115f));
    std::string head_vi, head_en;
    SDL_Color head_colour = colour::kWarn;
    if (!st.done) {
        head_vi = "Đang cài đặt từ USB";
        head_en = "Installing from USB";
    } else if (st.nothing_found) {
        head_vi = "USB không có nội dung để cài";
        head_en = "Nothing to install on this stick";
        head_colour = colour::kBad;
    } else if (st.refused) {
        head_vi = "Đã xong, có tệp bị từ chối";
        head_en = "Finished: some files were refused";
        head_colour = colour::kBad;
    } else {
        head_vi = "Đã cài đặt xong từ USB";
        head_en = "Installed from USB";
        head_colour = colour::kGood;
    }
    p.two_lines({in.x, in.y, in.w, heading_h}, head_vi, head_en, f.s(0.052f), Align::Start, head_colour,
                theme::kMuted);
    int y = in.y + heading_h + g;
    int bottom = in.y + in.h;

    if (!st.done) {
        // The bar, the percentage beside it, the file under way and a warning not to pull the stick.
        int percent = st.bytes_total ? static_cast<int>(std::min<std::uint64_t>(100, st.bytes_done * 100 / st.bytes_total))
                                     : 0;
        int bar_h = std::max(f.target(), f.s(0.07f));
        int label_w = f.s(0.2f);
        SDL_Rect bar{in.x, y, in.w - label_w - g, bar_h};
        fill_round_rect(canvas, bar, bar_h / 2, colour::kDisabled);
        int filled = bar.w * percent / 100;
        if (filled > 0)
            fill_round_rect(canvas, {bar.x, bar.y, std::max(filled, bar_h), bar.h}, bar_h / 2, colour::kGood);
        auto number = p.fit(std::to_string(percent) + "%", f.s(0.06f), Weight::Bold, Align::End, label_w, bar_h * 3 / 2,
                            f.s(0.03f), "en");
        p.draw(*number, in.x + in.w - label_w, y + (bar_h - number->height) / 2, theme::kTitle);
        y += bar_h + g * 3 / 2;
        if (!st.file.empty()) {
            std::string n = std::to_string(st.index), c = std::to_string(st.count);
            p.two_lines({in.x, y, in.w, heading_h}, "Tệp " + n + "/" + c + ": " + st.file,
                        "File " + n + " of " + c + ": " + st.file, f.s(0.036f), Align::Start, theme::kTitle,
                        theme::kMuted);
            y += heading_h + g;
        }
        int warn_h = std::max(f.target() * 2, f.s(0.13f));
        SDL_Rect warn{in.x, std::max(y, bottom - warn_h), in.w, warn_h};
        p.two_lines(warn, "Không rút USB ra trong khi cài đặt", "Do not remove the stick while it installs",
                    f.s(0.04f), Align::Center, colour::kWarn, theme::kBody);
        return;
    }

    // The result: the closing words at the bottom, the notes above them, the rows of files in between.
    int close_h = std::max(f.target() * 2, f.s(0.12f));
    SDL_Rect closing{in.x, bottom - close_h, in.w, close_h};
    p.two_lines(closing, "Có thể rút USB", "You may remove the USB stick", f.s(0.048f), Align::Center, colour::kGood,
                theme::kBody);
    std::string note_vi, note_en;
    if (!st.result_written) {
        note_vi = "Không ghi được kết quả vào USB (USB chống ghi?); kết quả chỉ hiện ở đây.";
        note_en = "The result could not be written to the stick (write-protected?); it is shown here only.";
    }
    if (st.touch) {
        note_vi += std::string(note_vi.empty() ? "" : " ") + "Chạm vào màn hình để đóng.";
        note_en += std::string(note_en.empty() ? "" : " ") + "Touch the screen to close.";
    }
    int rows_bottom = closing.y - g / 2;
    if (!note_vi.empty()) {
        int note_h = std::max(f.target() * 2, f.s(f.portrait ? 0.13f : 0.075f));
        rows_bottom -= note_h;
        p.message({in.x, rows_bottom, in.w, note_h}, note_vi + " / " + note_en, f.s(0.025f), f.s(0.018f),
                  theme::kBody, theme::kMuted, Align::Center);
        rows_bottom -= g / 2;
    }
    int plain_h = std::max(f.target() * 3 / 2, f.s(0.07f));
    int detail_h = std::max(f.target() * 2, f.s(0.11f));
    int more_h = std::max(f.target(), f.s(0.06f));
    int step = g / 2;
    auto height_of = [&](const UsbOverlayState::Row& row) { return row.detail_vi.empty() ? plain_h : detail_h; };
    // As many rows as fit (refusals come first in the list), leaving room for "and N more" when needed.
    std::size_t shown = 0;
    int used = 0;
    for (; shown < st.rows.size(); ++shown) {
        int need = height_of(st.rows[shown]) + step;
        bool last = shown + 1 == st.rows.size();
        if (y + used + need + (last ? 0 : more_h) > rows_bottom)
            break;
        used += need;
    }
    int dot = std::max(6, f.s(0.022f));
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& row = st.rows[i];
        SDL_Color c = row.tone == Tone::Good ? colour::kGood : row.tone == Tone::Bad ? colour::kBad : colour::kWarn;
        int row_h = height_of(row);
        fill_circle(canvas, in.x + dot / 2.0f, y + std::min(row_h, plain_h) / 2.0f, dot / 2.0f, c);
        SDL_Rect box{in.x + dot + g, y, in.w - dot - g, row_h};
        SDL_Color vi_colour = row.tone == Tone::Bad ? colour::kWarnText : theme::kTitle;
        if (row.detail_vi.empty()) {
            p.two_lines(box, row.vi, row.en, f.s(0.03f), Align::Start, vi_colour, theme::kMuted);
        } else {
            // The headline in each language, then why, both wrapped at one size.
            p.message(box, row.vi + " — " + row.detail_vi + " / " + row.en + " — " + row.detail_en, f.s(0.027f),
                      f.s(0.017f), vi_colour, theme::kMuted);
        }
        y += row_h + step;
    }
    if (shown < st.rows.size()) {
        std::string n = std::to_string(st.rows.size() - shown);
        p.two_lines({in.x, y, in.w, more_h}, "… và " + n + " tệp khác: xem tệp kết quả trên USB",
                    "… and " + n + " more files: see the result file on the stick", f.s(0.026f), Align::Start,
                    theme::kBody, theme::kMuted);
    }
}

} // namespace kiosk
