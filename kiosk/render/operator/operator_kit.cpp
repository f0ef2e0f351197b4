// The operator screen's shared painting: bilingual text, buttons with finger-sized targets, the title bar.
#include "render/operator/operator_kit.hpp"

#include "render/screens/shapes.hpp"
#include "render/text_painter.hpp"
#include "render/theme.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::operator_kit {

Frame::Frame(int w_, int h_, float inches)
    : w(w_), h(h_), base(std::max(1, std::min(w_, h_))), portrait(h_ > w_),
      metrics(ScreenMetrics::of(w_, h_, inches)) {}

int Frame::s(float share) const {
    return std::max(1, static_cast<int>(std::lround(base * share)));
}

int Frame::header() const {
    return std::max(s(0.12f), target() * 3 / 2);
}

std::pair<std::string_view, std::string_view> split_vi_en(std::string_view text) {
    auto at = text.find(" / ");
    if (at == std::string_view::npos)
        return {text, {}};
    return {text.substr(0, at), text.substr(at + 3)};
}

TextBlockPtr Page::fit(std::string_view s, int px, Weight weight, Align align, int w, int h, int min_px,
                       const char* lang) {
    TextStyle style;
    style.px = std::max(1, px);
    style.weight = weight;
    style.lang = lang;
    style.align = align;
    style.markup = Markup::Off;
    style.overflow = Overflow::Ellipsis;
    return text.fit(s, style, std::max(1, w), std::max(1, h), std::clamp(min_px, 1, style.px));
}

TextBlockPtr Page::layout(std::string_view s, int px, Weight weight, Align align, int w, const char* lang) {
    TextStyle style;
    style.px = std::max(1, px);
    style.weight = weight;
    style.lang = lang;
    style.align = align;
    style.markup = Markup::Off;
    return text.layout(s, style, std::max(1, w));
}

void Page::draw(const TextBlock& block, int x, int y, SDL_Color colour) {
    paint_text(canvas, text, block, x, y, colour);
}

void Page::two_lines(SDL_Rect box, std::string_view vi, std::string_view en, int px, Align align,
                     SDL_Color vi_colour, SDL_Color en_colour) {
    int en_px = std::max(1, px * 3 / 4);
    auto top = fit(vi, px, Weight::Bold, align, box.w, en.empty() ? box.h : box.h * 58 / 100, px * 2 / 3);
    TextBlockPtr under;
    if (!en.empty())
        under = fit(en, en_px, Weight::Regular, align, box.w, box.h - top->height, en_px * 2 / 3, "en");
    int total = top->height + (under ? under->height : 0);
    int y = box.y + (box.h - total) / 2;
    draw(*top, box.x, y, vi_colour);
    if (under)
        draw(*under, box.x, y + top->height, en_colour);
}

int Page::message(SDL_Rect box, std::string_view s, int px, int min_px, SDL_Color vi_colour,
                  SDL_Color en_colour, Align align) {
    auto [vi, en] = split_vi_en(s);
    if (en.empty()) {
        auto block = fit(vi, px, Weight::Regular, align, box.w, box.h, min_px);
        draw(*block, box.x, box.y, vi_colour);
        return block->height;
    }
    // Both halves at one size, the largest at which both fit, so neither language looks secondary
    // in size; English is told apart by its shade.
    for (int size = std::max(px, min_px);; size = std::max(min_px, size * 9 / 10)) {
        int gap = std::max(2, size / 3);
        auto top = layout(vi, size, Weight::Regular, align, box.w);
        auto under = layout(en, size, Weight::Regular, align, box.w, "en");
        bool fits = top->height + gap + under->height <= box.h;
        if (!fits && size <= min_px) {
            // Even the smallest size overflows: each half gets its share, cut with an ellipsis.
            int half = (box.h - gap) / 2;
            top = fit(vi, size, Weight::Regular, align, box.w, half, size);
            under = fit(en, size, Weight::Regular, align, box.w, box.h - gap - top->height, size, "en");
            fits = true;
        }
        if (fits) {
            draw(*top, box.x, box.y, vi_colour);
            draw(*under, box.x, box.y + top->height + gap, en_colour);
            return top->height + gap + under->height;
        }
    }
}

void Page::target(SDL_Rect box, OperatorAction action, int digit) {
    int min = f.target();
    if (box.w < min) {
        box.x -= (min - box.w) / 2;
        box.w = min;
    }
    if (box.h < min) {
        box.y -= (min - box.h) / 2;
        box.h = min;
    }
    targets.push_back({Box{box.x, box.y, box.w, box.h}, action, digit});
}

void Page::button(SDL_Rect box, std::string_view vi, std::string_view en, OperatorAction action,
                  ButtonLook look, int digit) {
    SDL_Color fill = colour::kButton, edge = colour::kButtonEdge, label = theme::kTitle, under = theme::kBody;
    switch (look) {
    case ButtonLook::Normal:
        break;
    case ButtonLook::Primary:
        fill = colour::kPrimary;
        edge = colour::kGood;
        break;
    case ButtonLook::Caution:
        fill = colour::kCaution;
        edge = colour::kWarn;
        break;
    case ButtonLook::Disabled:
        fill = colour::kDisabled;
        edge = colour::kDisabled;
        label = under = colour::kDisabledText;
        break;
    }
    int r = f.radius();
    fill_round_rect(canvas, box, r, fill);
    stroke_round_rect(canvas, box, r, std::max(1, f.s(0.003f)), edge);
    int pad = std::max(4, std::min(box.w, box.h) / 8);
    SDL_Rect inner{box.x + pad, box.y + pad / 2, box.w - 2 * pad, box.h - pad};
    // A lone label (a keypad digit) is drawn larger: it is read at arm's length while typing.
    int px = en.empty() ? std::min(f.s(0.05f), box.h * 45 / 100) : std::min(f.s(0.034f), box.h * 30 / 100);
    two_lines(inner, vi, en, px, Align::Center, label, under);
    if (look != ButtonLook::Disabled)
        target(box, action, digit);
}

void Page::background() {
    canvas.fill({0, 0, f.w, f.h}, theme::kBackground);
}

int Page::header() {
    int bar = f.header();
    canvas.fill({0, 0, f.w, bar}, theme::kHeader);
    canvas.fill({0, bar, f.w, std::max(3, f.s(0.004f))}, theme::kAccent);
    int m = f.margin();
    two_lines({m, bar / 10, f.w - 2 * m, bar - bar / 5}, "Màn hình vận hành", "Operator screen", f.s(0.042f),
              Align::Center, theme::kTitle, theme::kMuted);
    return bar + std::max(3, f.s(0.004f));
}

} // namespace kiosk::operator_kit
