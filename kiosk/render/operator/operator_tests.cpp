// The panel checks: a test pattern that shows cropped edges, scaling and colour faults at a glance, and
// the touch test's backdrop and coordinate readout.
#include "render/operator/operator_tests.hpp"

#include "render/screens/shapes.hpp"
#include "render/theme.hpp"

#include <algorithm>
#include <string>

namespace kiosk {

SDL_Color touch_colour(int number) {
    static constexpr SDL_Color kColours[] = {{255, 196, 0, 255},   {0, 200, 255, 255},  {255, 80, 160, 255},
                                             {120, 230, 80, 255},  {255, 120, 40, 255}, {170, 120, 255, 255},
                                             {255, 255, 255, 255}, {0, 230, 180, 255},  {255, 70, 70, 255},
                                             {200, 200, 80, 255}};
    int i = (std::max(1, number) - 1) % 10;
    return kColours[i];
}

} // namespace kiosk

namespace kiosk::operator_kit {

namespace {

constexpr SDL_Color kBlack{0, 0, 0, 255};
constexpr SDL_Color kWhite{255, 255, 255, 255};
constexpr SDL_Color kMark{255, 40, 40, 255};

SDL_Color grey(int v) {
    auto c = static_cast<Uint8>(std::clamp(v, 0, 255));
    return {c, c, c, 255};
}

} // namespace

void paint_test_pattern(Page& p) {
    const Frame& f = p.f;
    Canvas& c = p.canvas;
    const int w = f.w, h = f.h;
    c.fill({0, 0, w, h}, kBlack);

    // Full-strength colour bars: a missing or swapped channel shows as a wrong or missing bar.
    const SDL_Color bars[] = {{255, 255, 255, 255}, {255, 255, 0, 255}, {0, 255, 255, 255}, {0, 255, 0, 255},
                              {255, 0, 255, 255},   {255, 0, 0, 255},   {0, 0, 255, 255},   {0, 0, 0, 255}};
    int bars_h = h * 38 / 100;
    for (int i = 0; i < 8; ++i) {
        int x0 = w * i / 8, x1 = w * (i + 1) / 8;
        c.fill({x0, 0, x1 - x0, bars_h}, bars[i]);
    }
    // Sixteen grey steps (each must differ from its neighbours: crushed blacks or clipped whites merge
    // at the ends), then a smooth ramp (banding shows a panel with too few bits).
    int steps_y = bars_h, steps_h = h * 12 / 100;
    for (int i = 0; i < 16; ++i) {
        int x0 = w * i / 16, x1 = w * (i + 1) / 16;
        c.fill({x0, steps_y, x1 - x0, steps_h}, grey(i * 255 / 15));
    }
    int ramp_y = steps_y + steps_h, ramp_h = h * 8 / 100;
    for (int x = 0; x < w; ++x)
        c.fill({x, ramp_y, 1, ramp_h}, grey(w > 1 ? x * 255 / (w - 1) : 0));

    // A 1-px grid: lines that blur, double or vanish mean the picture is scaled on its way to the panel.
    int grid_y = ramp_y + ramp_h;
    int cell = std::max(8, f.base / 16);
    for (int x = 0; x < w; x += cell)
        c.fill({x, grid_y, 1, h - grid_y}, grey(150));
    for (int y = h - 1; y >= grid_y; y -= cell)
        c.fill({0, y, w, 1}, grey(150));
    // Patches of alternating 1-px lines, across and down: even grey when scaled, crisp stripes when not.
    int patch = std::max(16, f.s(0.16f));
    int patch_y = grid_y + (h - grid_y - patch) / 2;
    SDL_Rect across{w / 12, patch_y, patch, patch}, down{w - w / 12 - patch, patch_y, patch, patch};
    for (int i = 0; i < patch; ++i) {
        c.fill({across.x + i, across.y, 1, patch}, i % 2 ? kBlack : kWhite);
        c.fill({down.x, down.y + i, patch, 1}, i % 2 ? kBlack : kWhite);
    }

    // The resolution, and how to leave, in the middle of the grid.
    int label_w = std::min(w - 2 * (across.x + patch) - 2 * f.gap(), f.s(0.9f));
    int label_h = std::min(h - grid_y - 2 * f.gap(), std::max(f.s(0.26f), f.target() * 3));
    SDL_Rect label{(w - label_w) / 2, grid_y + (h - grid_y - label_h) / 2, label_w, label_h};
    c.fill(label, kBlack);
    c.fill({label.x, label.y, label.w, 1}, kWhite);
    c.fill({label.x, label.y + label.h - 1, label.w, 1}, kWhite);
    int pad = std::max(4, f.s(0.02f));
    SDL_Rect in{label.x + pad, label.y + pad, label.w - 2 * pad, label.h - 2 * pad};
    auto size = p.fit(std::to_string(w) + " × " + std::to_string(h), f.s(0.07f), Weight::Bold, Align::Center,
                      in.w, in.h * 45 / 100, f.s(0.03f), "en");
    p.draw(*size, in.x, in.y, kWhite);
    int rest_y = in.y + size->height + pad / 2;
    p.two_lines({in.x, rest_y, in.w, in.y + in.h - rest_y}, "Mẫu kiểm tra · chạm vào bất kỳ đâu để quay lại",
                "Test pattern · tap anywhere to go back", f.s(0.03f), Align::Center, kWhite, grey(190));

    // The panel's outermost pixels, and corner marks flush with its edges: a cropped or overscanned
    // panel loses the white line or part of a mark.
    c.fill({0, 0, w, 1}, kWhite);
    c.fill({0, h - 1, w, 1}, kWhite);
    c.fill({0, 0, 1, h}, kWhite);
    c.fill({w - 1, 0, 1, h}, kWhite);
    int t = std::max(2, f.s(0.008f)), len = f.s(0.08f);
    for (int cx : {0, w - len})
        for (int cy : {0, h - t})
            c.fill({cx, cy, len, t}, kMark);
    for (int cx : {0, w - t})
        for (int cy : {0, h - len})
            c.fill({cx, cy, t, len}, kMark);

    p.target({0, 0, w, h}, OperatorAction::Back);
}

Box touch_readout(const Frame& f) {
    int m = f.margin(), g = f.gap();
    int bh = std::max(f.target() * 2, f.s(0.11f));
    int bw = std::max(f.target() * 3, f.s(0.3f));
    int x = m + bw + g;
    return Box{x, m, std::max(1, f.w - x - m), bh};
}

void paint_touch_backdrop(Page& p) {
    const Frame& f = p.f;
    p.canvas.fill({0, 0, f.w, f.h}, {6, 10, 16, 255});
    int cell = std::max(16, f.s(0.1f));
    for (int x = cell; x < f.w; x += cell)
        p.canvas.fill({x, 0, 1, f.h}, {26, 36, 50, 255});
    for (int y = cell; y < f.h; y += cell)
        p.canvas.fill({0, y, f.w, 1}, {26, 36, 50, 255});
    int m = f.margin();
    Box readout = touch_readout(f);
    SDL_Rect back{m, m, readout.x - f.gap() - m, readout.h};
    p.button(back, "Quay lại", "Back", OperatorAction::Back);
    int hint_w = std::min(f.w - 2 * m, f.s(0.95f));
    int hint_h = f.s(0.2f);
    p.two_lines({(f.w - hint_w) / 2, (f.h - hint_h) / 2, hint_w, hint_h},
                "Chạm và kéo bằng một hoặc nhiều ngón tay",
                "Touch and drag with one or more fingers: each has its own colour", f.s(0.034f),
                Align::Center, theme::kMuted, {100, 118, 138, 255});
}

void paint_readout(Page& p, const std::vector<TouchPoint>& points) {
    Canvas& c = p.canvas;
    int w = c.width(), h = c.height();
    c.fill({0, 0, w, h}, theme::kHeader);
    int pad = std::max(4, h / 10);
    int down = static_cast<int>(
        std::count_if(points.begin(), points.end(), [](const TouchPoint& t) { return t.down; }));
    std::string count = points.empty() ? "Chưa có điểm chạm / No touches yet"
                                       : std::to_string(down) + " điểm đang chạm / " + std::to_string(down) +
                                             (down == 1 ? " touch" : " touches");
    int px = std::max(8, h * 26 / 100);
    auto head = p.fit(count, px, Weight::Bold, Align::Start, w - 2 * pad, h / 2 - pad, px * 2 / 3);
    p.draw(*head, pad, pad, theme::kTitle);
    if (points.empty())
        return;
    int n = static_cast<int>(std::min<std::size_t>(points.size(), 10));
    int cell_w = (w - 2 * pad) / std::max(n, 4);
    int row_y = h / 2, row_h = h / 2 - pad / 2;
    for (int i = 0; i < n; ++i) {
        const TouchPoint& t = points[static_cast<std::size_t>(i)];
        int x = pad + i * cell_w;
        float r = std::min(row_h * 0.28f, cell_w * 0.1f);
        SDL_Color colour = touch_colour(t.number);
        if (t.down)
            fill_circle(c, x + r + 1, row_y + row_h / 2.0f, r, colour);
        else
            stroke_circle(c, x + r + 1, row_y + row_h / 2.0f, r * 0.8f, std::max(1.5f, r * 0.3f), colour);
        int tx = x + static_cast<int>(2 * r) + pad / 2;
        auto xy = p.fit(std::to_string(t.x) + ", " + std::to_string(t.y), px * 9 / 10, Weight::Regular,
                        Align::Start, x + cell_w - tx - pad / 2, row_h, px / 2, "en");
        p.draw(*xy, tx, row_y + (row_h - xy->height) / 2, t.down ? theme::kTitle : theme::kMuted);
    }
}

} // namespace kiosk::operator_kit
