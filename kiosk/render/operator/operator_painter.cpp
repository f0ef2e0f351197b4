// The operator screen's pages: the PIN pad, the status menu, the roll back confirmation and results.
#include "render/operator/operator_painter.hpp"

#include "render/operator/operator_kit.hpp"
#include "render/operator/operator_tests.hpp"
#include "render/screens/shapes.hpp"
#include "render/theme.hpp"

#include <algorithm>

namespace kiosk {

using namespace operator_kit;

const char* operator_action_name(OperatorAction action) {
    switch (action) {
    case OperatorAction::Digit:
        return "digit";
    case OperatorAction::Delete:
        return "delete";
    case OperatorAction::Enter:
        return "enter";
    case OperatorAction::Cancel:
        return "cancel";
    case OperatorAction::TestPattern:
        return "test-pattern";
    case OperatorAction::TouchTest:
        return "touch-test";
    case OperatorAction::RollBack:
        return "roll-back";
    case OperatorAction::ConfirmRollBack:
        return "confirm-roll-back";
    case OperatorAction::Export:
        return "export";
    case OperatorAction::Close:
        return "close";
    case OperatorAction::Back:
        return "back";
    }
    return "?";
}

const OperatorTarget* operator_target_at(const std::vector<OperatorTarget>& targets, int x, int y) {
    for (auto it = targets.rbegin(); it != targets.rend(); ++it)
        if (it->box.contains(x, y))
            return &*it;
    return nullptr;
}

namespace {

SDL_Color note_fill(Tone tone) {
    return tone == Tone::Bad ? colour::kBadPanel : theme::kPanel;
}

// The note under the keypad, in a panel coloured by its tone.
void note(Page& p, SDL_Rect box, const std::string& text, Tone tone) {
    int r = p.f.radius();
    fill_round_rect(p.canvas, box, r, note_fill(tone));
    if (tone == Tone::Bad)
        stroke_round_rect(p.canvas, box, r, std::max(2, p.f.s(0.004f)), colour::kBad);
    int pad = std::max(6, p.f.s(0.025f));
    SDL_Rect inner{box.x + pad, box.y + pad, box.w - 2 * pad, box.h - 2 * pad};
    p.message(inner, text, p.f.s(0.03f), p.f.s(0.017f), theme::kTitle,
              tone == Tone::Bad ? colour::kWarnText : theme::kMuted);
}

// The typed digits as dots (never the digits themselves: people stand behind the guard).
void pin_display(Page& p, SDL_Rect box, const OperatorScreenState& st) {
    fill_round_rect(p.canvas, box, p.f.radius(), theme::kHeader);
    stroke_round_rect(p.canvas, box, p.f.radius(), std::max(2, p.f.s(0.003f)), colour::kButtonEdge);
    if (st.checking) {
        p.two_lines(box, "Đang kiểm tra...", "Checking...", std::min(p.f.s(0.04f), box.h * 36 / 100),
                    Align::Center, colour::kWarn, theme::kMuted);
        return;
    }
    if (!st.keys_enabled) { // a wait after wrong PINs, or no PIN set: the note under the keypad says which
        p.two_lines(box, "Chưa nhập được mã PIN", "The PIN cannot be entered now",
                    std::min(p.f.s(0.04f), box.h * 36 / 100), Align::Center, colour::kWarnText,
                    theme::kMuted);
        return;
    }
    if (st.digits == 0) {
        p.two_lines(box, "Nhập mã PIN", "Enter the PIN", std::min(p.f.s(0.04f), box.h * 36 / 100),
                    Align::Center, theme::kMuted, theme::kMuted);
        return;
    }
    float r = std::min(box.h * 0.16f, box.w / (st.digits * 3.4f + 1.0f));
    float step = r * 3.2f;
    float x = box.x + box.w / 2.0f - step * (st.digits - 1) / 2.0f;
    for (int i = 0; i < st.digits; ++i)
        fill_circle(p.canvas, x + step * i, box.y + box.h / 2.0f, r, theme::kTitle);
}

void keypad(Page& p, SDL_Rect area, const OperatorScreenState& st, int key_w, int key_h) {
    int g = p.f.gap();
    int x0 = area.x + (area.w - (3 * key_w + 2 * g)) / 2;
    int y0 = area.y + (area.h - (4 * key_h + 3 * g)) / 2;
    auto key = [&](int index) {
        return SDL_Rect{x0 + index % 3 * (key_w + g), y0 + index / 3 * (key_h + g), key_w, key_h};
    };
    bool on = st.keys_enabled && !st.checking;
    auto look = [&](ButtonLook normal) { return on ? normal : ButtonLook::Disabled; };
    for (int d = 1; d <= 9; ++d)
        p.button(key(d - 1), std::to_string(d), {}, OperatorAction::Digit, look(ButtonLook::Normal), d);
    p.button(key(9), "Xóa", "Delete", OperatorAction::Delete,
             look(st.digits > 0 ? ButtonLook::Normal : ButtonLook::Disabled));
    p.button(key(10), "0", {}, OperatorAction::Digit, look(ButtonLook::Normal), 0);
    p.button(key(11), "Đồng ý", "OK", OperatorAction::Enter,
             look(st.digits >= 4 ? ButtonLook::Primary : ButtonLook::Disabled));
}

void pin_page(Page& p, const OperatorScreenState& st) {
    const Frame& f = p.f;
    p.background();
    int top = p.header() + f.margin();
    int m = f.margin(), g = f.gap();
    int bottom = f.h - m;
    int target = f.target();
    if (f.portrait) {
        int kw = std::min(f.w - 2 * m, f.s(0.86f));
        int key_w = (kw - 2 * g) / 3;
        int display_h = std::max(target * 2, f.s(0.13f));
        int cancel_h = std::max(target * 2, f.s(0.11f));
        int note_h = std::max(target * 2, f.s(0.24f));
        int room = bottom - top - display_h - note_h - cancel_h - 6 * g;
        int key_h = std::clamp(room / 4 - g, target, key_w * 2 / 3);
        int keypad_h = 4 * key_h + 3 * g;
        int total = display_h + keypad_h + note_h + cancel_h + 3 * 2 * g;
        int y = top + std::max(0, (bottom - top - total) / 2);
        int x = (f.w - kw) / 2;
        pin_display(p, {x, y, kw, display_h}, st);
        y += display_h + 2 * g;
        keypad(p, {x, y, kw, keypad_h}, st, key_w, key_h);
        y += keypad_h + 2 * g;
        note(p, {x, y, kw, note_h}, st.message, st.tone);
        y += note_h + 2 * g;
        p.button({x, y, kw, cancel_h}, "Hủy", "Cancel", OperatorAction::Cancel);
        return;
    }
    // Landscape: the keypad on the right, what it says on the left.
    int col_w = (f.w - 2 * m - 2 * g) / 2;
    SDL_Rect left{m, top, col_w, bottom - top}, right{m + col_w + 2 * g, top, col_w, bottom - top};
    int key_h = std::max(target, (right.h - 3 * g) / 4);
    int key_w = std::min((right.w - 2 * g) / 3, key_h * 17 / 10);
    keypad(p, right, st, key_w, key_h);
    int kw = std::min(left.w, 3 * key_w + 2 * g + key_w);
    int x = left.x + (left.w - kw) / 2;
    int display_h = std::max(target * 2, std::min(key_h, f.s(0.16f)));
    int cancel_h = std::max(target * 2, std::min(key_h, f.s(0.14f)));
    int keypad_top = right.y + (right.h - (4 * key_h + 3 * g)) / 2;
    int keypad_bottom = keypad_top + 4 * key_h + 3 * g;
    pin_display(p, {x, keypad_top, kw, display_h}, st);
    int note_y = keypad_top + display_h + 2 * g;
    int cancel_y = keypad_bottom - cancel_h;
    note(p, {x, note_y, kw, cancel_y - 2 * g - note_y}, st.message, st.tone);
    p.button({x, cancel_y, kw, cancel_h}, "Hủy", "Cancel", OperatorAction::Cancel);
}

// The status lines in rows: the label in both languages on the left, the value on the right, warnings
// tinted with their advice under the value. Returns false when they do not fit at this size.
bool status_rows(Page& p, SDL_Rect area, const std::vector<StatusLine>& lines, int px, bool stacked,
                 bool paint) {
    const Frame& f = p.f;
    int g = std::max(2, px / 3), pad = std::max(2, px / 4);
    int label_w = area.w * (stacked ? 32 : 40) / 100;
    int value_x = area.x + label_w + g * 2;
    int value_w = area.x + area.w - value_x - pad;
    int y = area.y;
    for (const auto& line : lines) {
        // Labels: Vietnamese in bold, English under it (or after it, on a small screen).
        int label_h = 0;
        TextBlockPtr vi, en;
        if (stacked) {
            vi = p.layout(line.label_vi, px, Weight::Bold, Align::Start, label_w - pad);
            en = p.layout(line.label_en, px * 4 / 5, Weight::Regular, Align::Start, label_w - pad, "en");
            label_h = vi->height + en->height;
        } else {
            vi = p.layout(line.label_vi + " / " + line.label_en, px, Weight::Bold, Align::Start,
                          label_w - pad);
            label_h = vi->height;
        }
        // A value (a log line, say) takes at most three lines; advice at most three more.
        int line_h = p.layout("Ag", px, Weight::Regular, Align::Start, value_w)->height;
        auto value = p.fit(line.value, px, Weight::Regular, Align::Start, value_w, line_h * 3, px);
        TextBlockPtr advice;
        if (!line.advice.empty())
            advice = p.fit(line.advice, px * 17 / 20, Weight::Regular, Align::Start, value_w, line_h * 3,
                           px * 17 / 20);
        int row_h = std::max(label_h, value->height + (advice ? advice->height + pad : 0)) + 2 * pad;
        if (y + row_h > area.y + area.h)
            return false;
        if (paint) {
            if (line.warning) {
                p.canvas.fill({area.x, y, area.w, row_h}, colour::kWarnRow);
                p.canvas.fill({area.x, y, std::max(3, f.s(0.008f)), row_h}, colour::kWarn);
            }
            int lx = area.x + std::max(6, f.s(0.015f));
            p.draw(*vi, lx, y + pad, theme::kTitle);
            if (en)
                p.draw(*en, lx, y + pad + vi->height, theme::kMuted);
            p.draw(*value, value_x, y + pad, line.warning ? colour::kWarn : theme::kTitle);
            if (advice)
                p.draw(*advice, value_x, y + pad + value->height + pad, colour::kWarnText);
            p.canvas.fill({area.x, y + row_h, area.w, 1}, theme::kPanel);
        }
        y += row_h + 1;
    }
    return true;
}

void status_list(Page& p, SDL_Rect area, const std::vector<StatusLine>& lines) {
    const Frame& f = p.f;
    int largest = f.s(0.03f), smallest = std::max(11, f.s(0.02f));
    for (bool stacked : {true, false})
        for (int px = largest; px >= smallest; px = std::min(px - 1, px * 15 / 16))
            if (status_rows(p, area, lines, px, stacked, false)) {
                status_rows(p, area, lines, px, stacked, true);
                return;
            }
    // Too many lines even at the smallest size: the first ones that fit (the errors are last).
    std::vector<StatusLine> shown = lines;
    while (shown.size() > 1 && !status_rows(p, area, shown, smallest, false, false))
        shown.pop_back();
    status_rows(p, area, shown, smallest, false, true);
}

void menu_page(Page& p, const OperatorScreenState& st) {
    const Frame& f = p.f;
    p.background();
    int top = p.header() + f.margin();
    int m = f.margin(), g = f.gap();
    int bottom = f.h - m;
    struct Item {
        const char *vi, *en;
        OperatorAction action;
        ButtonLook look;
    };
    const Item items[] = {
        {"Mẫu kiểm tra", "Test pattern", OperatorAction::TestPattern, ButtonLook::Normal},
        {"Kiểm tra cảm ứng", "Touch test", OperatorAction::TouchTest, ButtonLook::Normal},
        {"Quay về gói trước", "Roll back", OperatorAction::RollBack, ButtonLook::Caution},
        {"Xuất nhật ký ra USB", "Export to USB", OperatorAction::Export, ButtonLook::Normal},
        {"Đóng", "Close", OperatorAction::Close, ButtonLook::Primary},
    };
    SDL_Rect status;
    if (f.portrait) {
        int bh = std::max(f.target() * 2, f.s(0.13f));
        int bw = (f.w - 2 * m - g) / 2;
        int y = bottom - 3 * bh - 2 * g;
        for (int i = 0; i < 4; ++i)
            p.button({m + i % 2 * (bw + g), y + i / 2 * (bh + g), bw, bh}, items[i].vi, items[i].en,
                     items[i].action, items[i].look);
        p.button({m, y + 2 * (bh + g), f.w - 2 * m, bh}, items[4].vi, items[4].en, items[4].action,
                 items[4].look);
        status = {m, top, f.w - 2 * m, y - 2 * g - top};
    } else {
        int bw = std::max(f.target() * 4, f.s(0.42f));
        int bh = (bottom - top - 4 * g) / 5;
        int x = f.w - m - bw;
        for (int i = 0; i < 5; ++i)
            p.button({x, top + i * (bh + g), bw, bh}, items[i].vi, items[i].en, items[i].action,
                     items[i].look);
        status = {m, top, x - 2 * g - m, bottom - top};
    }
    status_list(p, status, st.status);
}

std::string pack_words_vi(const PackFacts& pack) {
    return "gói v" + std::to_string(pack.version) + " (đóng gói " + local_time_text(pack.created) + ")";
}

std::string pack_words_en(const PackFacts& pack) {
    return "pack v" + std::to_string(pack.version) + " (built " + local_time_text(pack.created) + ")";
}

// A panel in the middle of the page, below the title bar; returns its inside.
SDL_Rect dialog(Page& p, int top, int height_share_of_rest, SDL_Color stripe) {
    const Frame& f = p.f;
    int m = f.margin();
    int w = std::min(f.w - 2 * m, f.portrait ? f.w : f.base * 3 / 2);
    int rest = f.h - top - 2 * m;
    int h = rest * height_share_of_rest / 100;
    SDL_Rect box{(f.w - w) / 2, top + m + (rest - h) / 2, w, h};
    fill_round_rect(p.canvas, box, f.radius(), theme::kPanel);
    int band = std::max(4, f.s(0.012f));
    fill_round_rect(p.canvas, {box.x, box.y, box.w, band * 2}, f.radius(), stripe);
    p.canvas.fill({box.x, box.y + band, box.w, band}, theme::kPanel);
    int pad = std::max(8, f.s(0.04f));
    return {box.x + pad, box.y + pad, box.w - 2 * pad, box.h - 2 * pad};
}

void confirm_page(Page& p, const OperatorScreenState& st) {
    const Frame& f = p.f;
    p.background();
    int top = p.header();
    SDL_Rect in = dialog(p, top, f.portrait ? 70 : 100, colour::kWarn);
    int g = f.gap();
    int heading_h = std::max(f.target() * 2, f.s(0.13f));
    p.two_lines({in.x, in.y, in.w, heading_h}, "Quay về gói nội dung trước?",
                "Roll back to the previous content pack?", f.s(0.042f), Align::Start, theme::kTitle,
                theme::kMuted);
    int bh = std::max(f.target() * 2, f.s(0.12f));
    int by = in.y + in.h - bh;
    SDL_Rect body{in.x, in.y + heading_h + g, in.w, by - 2 * g - (in.y + heading_h + g)};

    std::string text;
    bool can = true;
    std::string now_vi = st.current_pack ? pack_words_vi(*st.current_pack) : "màn hình dự phòng";
    std::string now_en = st.current_pack ? pack_words_en(*st.current_pack) : "the built-in screen";
    if (st.previous_known && !st.previous_pack) {
        can = false;
        text = "Đang chiếu " + now_vi + ". Máy không còn gói nào trước gói này để quay về. / Now showing " +
               now_en + ". This station keeps no earlier pack to roll back to.";
    } else if (st.previous_pack) {
        std::string back_vi = pack_words_vi(*st.previous_pack), back_en = pack_words_en(*st.previous_pack);
        text = "Đang chiếu " + now_vi + ". Sau khi quay về, màn hình sẽ chiếu " + back_vi +
               ". Muốn trở lại gói đang chiếu, bấm Quay về gói trước thêm một lần nữa. / Now showing " +
               now_en + ". After the roll back the screen shows " + back_en +
               ". To return to the pack showing now, press Roll back once more.";
    } else {
        text = "Đang chiếu " + now_vi +
               ". Màn hình sẽ chiếu gói đã cài trước gói này. Muốn trở lại, bấm Quay về gói "
               "trước thêm một lần nữa. / Now showing " +
               now_en +
               ". The screen will show the pack installed before it. To return, press Roll back once more.";
    }
    p.message(body, text, f.s(0.032f), f.s(0.018f), theme::kTitle, theme::kMuted);
    int bw = (in.w - 2 * g) / 2;
    p.button({in.x, by, bw, bh}, "Hủy", "Cancel", OperatorAction::Back);
    if (can)
        p.button({in.x + in.w - bw, by, bw, bh}, "Quay về gói trước", "Roll back",
                 OperatorAction::ConfirmRollBack, ButtonLook::Caution);
}

void result_page(Page& p, const OperatorScreenState& st) {
    const Frame& f = p.f;
    p.background();
    int top = p.header();
    SDL_Color stripe = st.tone == Tone::Good  ? colour::kGood
                       : st.tone == Tone::Bad ? colour::kBad
                                              : colour::kWarn;
    SDL_Rect in = dialog(p, top, f.portrait ? 60 : 100, stripe);
    int g = f.gap();
    int heading_h = std::max(f.target() * 2, f.s(0.13f));
    p.two_lines({in.x, in.y, in.w, heading_h}, st.heading_vi, st.heading_en, f.s(0.045f), Align::Start,
                st.tone == Tone::Bad    ? colour::kBad
                : st.tone == Tone::Good ? colour::kGood
                                        : colour::kWarn,
                theme::kMuted);
    bool busy = st.tone == Tone::Busy;
    int bh = std::max(f.target() * 2, f.s(0.12f));
    int body_bottom = busy ? in.y + in.h : in.y + in.h - bh - 2 * g;
    SDL_Rect body{in.x, in.y + heading_h + g, in.w, body_bottom - (in.y + heading_h + g)};
    p.message(body, st.message, f.s(0.032f), f.s(0.017f), theme::kTitle, theme::kMuted);
    if (!busy) {
        int bw = std::min(in.w, f.s(0.5f));
        p.button({in.x + in.w - bw, in.y + in.h - bh, bw, bh}, "Đồng ý", "OK", OperatorAction::Back,
                 ButtonLook::Primary);
    }
}

} // namespace

OperatorPainter::OperatorPainter(TextEngine& text, float screen_inches)
    : m_text(text), m_inches(screen_inches) {}

std::vector<OperatorTarget> OperatorPainter::paint(Canvas& canvas, const OperatorScreenState& state) {
    Page p{canvas, m_text, Frame(canvas.width(), canvas.height(), m_inches), {}};
    switch (state.page) {
    case OperatorPage::Pin:
        pin_page(p, state);
        break;
    case OperatorPage::Menu:
        menu_page(p, state);
        break;
    case OperatorPage::ConfirmRollBack:
        confirm_page(p, state);
        break;
    case OperatorPage::Result:
        result_page(p, state);
        break;
    case OperatorPage::TestPattern:
        paint_test_pattern(p);
        break;
    case OperatorPage::TouchTest:
        paint_touch_backdrop(p);
        break;
    }
    return std::move(p.targets);
}

Box OperatorPainter::touch_readout_box(int w, int h) const {
    return touch_readout(Frame(w, h, m_inches));
}

void OperatorPainter::paint_touch_readout(Canvas& canvas, const std::vector<TouchPoint>& points, int screen_w,
                                          int screen_h) {
    Page p{canvas, m_text, Frame(screen_w, screen_h, m_inches), {}};
    paint_readout(p, points);
}

int OperatorPainter::touch_dot_radius(int w, int h) const {
    Frame f(w, h, m_inches);
    return std::max(f.metrics.px(4.0f), f.s(0.018f));
}

} // namespace kiosk
