// What is drawn over any screen: the attract loop's language strip, "Still there?" and urgent notices.
#include "render/screens/screen_plan.hpp"

#include <algorithm>

namespace kiosk::screens {

namespace {

struct StripRows {
    int rows = 1, per_row = 1, button_h = 0, hint_h = 0, pad = 0;
};

StripRows strip_rows(const Frame& f, std::size_t count) {
    int n = std::max<int>(1, static_cast<int>(count));
    int max_per_row = f.portrait ? 4 : 8;
    StripRows r;
    r.rows = (n + max_per_row - 1) / max_per_row;
    r.per_row = (n + r.rows - 1) / r.rows; // balanced: five are three and two, not four and one
    r.button_h = std::max(f.s(0.085f), f.target() * 3 / 2);
    r.hint_h = f.s(0.065f);
    r.pad = f.s(0.02f);
    return r;
}

// A disc with an exclamation mark, the sign of an urgent notice.
void alert_sign(Context& c, Plan& plan, SDL_Rect box, SDL_Color disc, SDL_Color mark) {
    int d = std::min(box.w, box.h);
    float cx = box.x + box.w / 2.0f, cy = box.y + box.h / 2.0f;
    plan.ops.push_back(DiscOp{cx, cy, d / 2.0f, disc});
    TextStyle s{std::max(8, d * 7 / 10), Weight::Bold, "en", Align::Center};
    s.markup = Markup::Off;
    auto block = c.text.layout("!", s, d);
    plan.ops.push_back(
        TextOp{block, static_cast<int>(cx) - d / 2, static_cast<int>(cy) - block->height / 2, mark});
}

} // namespace

Box strip_box(const Frame& f, const Catalog& catalog) {
    StripRows r = strip_rows(f, catalog.languages.size());
    int height = r.pad + r.hint_h + r.rows * r.button_h + (r.rows - 1) * f.gap() + r.pad * 3 / 2;
    return {0, f.h - f.inset - height, f.w, height};
}

Plan plan_language_strip(Context& c, const Frame& f, const Catalog& catalog, Box box, std::size_t hint) {
    Plan plan;
    const auto& langs = catalog.languages;
    if (langs.empty())
        return plan;
    StripRows r = strip_rows(f, langs.size());
    plan.ops.push_back(PanelOp{{0, 0, box.w, std::max(3, f.s(0.004f))}, 0, theme::kAccent});

    // "Touch to start", in one language at a time, beside a fingertip.
    const std::string& hint_lang = langs[hint % langs.size()];
    int icon = r.hint_h * 7 / 10, m = f.margin();
    auto words = c.fit("ui/touch_to_start/" + hint_lang, c.ui("touch_to_start", hint_lang),
                       style(0.032f, f, Weight::Bold, hint_lang), box.w - 2 * m - icon - f.gap(), r.hint_h,
                       f.s(0.02f));
    int line_w = words->lines.empty() ? 0 : words->lines[0].width;
    for (const auto& line : words->lines)
        line_w = std::max(line_w, line.width);
    int x = (box.w - icon - f.gap() - line_w) / 2;
    int top = r.pad;
    plan.ops.push_back(IconOp{Icon::Touch, {x, top + (r.hint_h - icon) / 2, icon, icon}, theme::kGold});
    plan.ops.push_back(TextOp{words, x + icon + f.gap(), top + (r.hint_h - words->height) / 2, theme::kGold});

    int gap = f.gap();
    int bw = (box.w - 2 * m - (r.per_row - 1) * gap) / r.per_row;
    int y0 = top + r.hint_h + r.pad / 2;
    for (std::size_t i = 0; i < langs.size(); ++i) {
        int row = static_cast<int>(i) / r.per_row, col = static_cast<int>(i) % r.per_row;
        int in_row = std::min<int>(r.per_row, static_cast<int>(langs.size()) - row * r.per_row);
        int x0 = (box.w - in_row * bw - (in_row - 1) * gap) / 2;
        SDL_Rect button{x0 + col * (bw + gap), y0 + row * (r.button_h + gap), bw, r.button_h};
        plan.ops.push_back(PanelOp{button, f.radius(), colour::kButton});
        plan.ops.push_back(OutlineOp{button, f.radius(), std::max(1, f.s(0.002f)), colour::kButtonEdge});
        int pad = button.h / 6;
        auto name = c.fit("language/" + langs[i], native_language_name(langs[i]),
                          style(0.036f, f, Weight::Bold, langs[i], Align::Center), button.w - 2 * pad,
                          button.h - pad, f.s(0.018f));
        plan.ops.push_back(
            centred(name, {button.x + pad, button.y, button.w - 2 * pad, button.h}, theme::kTitle));
        add_target(plan, f, button, Command{Command::Kind::ChooseLanguage, 0, langs[i]});
    }
    return plan;
}

Plan plan_still_there(Context& c, const Frame& f, const std::string& lang, int seconds, Box box) {
    Plan plan;
    plan.ops.push_back(OutlineOp{{0, 0, box.w, box.h}, 0, std::max(3, f.s(0.005f)), theme::kGold});
    int pad = f.s(0.045f);
    int inner = box.w - 2 * pad;
    auto title = c.fit("ui/still_there/" + lang, c.ui("still_there", lang),
                       style(0.06f, f, Weight::Bold, lang, Align::Center), inner, box.h / 5, f.s(0.03f));
    auto touch = c.fit("ui/touch_to_continue/" + lang, c.ui("touch_to_continue", lang),
                       style(0.036f, f, Weight::Regular, lang, Align::Center), inner, box.h / 5, f.s(0.02f));
    plan.ops.push_back(TextOp{title, pad, pad, theme::kGold});
    plan.ops.push_back(TextOp{touch, pad, box.h - pad - touch->height, theme::kBody});
    // The seconds left in a ring between them.
    int top = pad + title->height, bottom = box.h - pad - touch->height;
    float radius = std::max(8.0f, std::min((bottom - top) * 0.42f, inner * 0.3f));
    float cx = box.w / 2.0f, cy = (top + bottom) / 2.0f;
    float ring = std::max(3.0f, f.s(0.012f) * 1.0f);
    plan.ops.push_back(DiscOp{cx, cy, radius, theme::kGold, ring});
    TextStyle number{std::max(8, static_cast<int>(radius * 1.0f)), Weight::Bold, "en", Align::Center};
    number.markup = Markup::Off;
    auto digits = c.text.layout(std::to_string(std::max(0, seconds)), number, static_cast<int>(radius * 2));
    plan.ops.push_back(TextOp{digits, static_cast<int>(cx - radius),
                              static_cast<int>(cy) - digits->height / 2, theme::kTitle});
    return plan;
}

Plan plan_notice(Context& c, const Frame& f, NoticeMode mode, const std::string& text,
                 const std::string& heading, const std::string& lang, Box box) {
    Plan plan;
    TextStyle body = style(mode == NoticeMode::Banner ? 0.032f : 0.058f, f, Weight::Regular, lang,
                           mode == NoticeMode::Banner ? Align::Start : Align::Center);
    body.line_spacing = 1.12f;
    if (mode == NoticeMode::Banner) {
        int pad = f.s(0.02f), m = f.margin();
        if (!f.portrait) {
            // The sign and the heading, then the words beside them as large as the strip allows.
            int d = std::min(box.h - 2 * pad, f.s(0.075f));
            alert_sign(c, plan, {m, (box.h - d) / 2, d, d}, theme::kTitle, colour::kNotice);
            int x = m + d + m * 2 / 3, hw = f.s(0.26f);
            auto head = c.fit("notice/heading/" + lang, heading, style(0.034f, f, Weight::Bold, lang), hw,
                              box.h - 2 * pad, f.s(0.018f));
            plan.ops.push_back(centred(head, {x, 0, hw, box.h}, theme::kGold));
            x += hw + m;
            int w = box.w - x - m;
            auto words = c.fit("notice/" + lang, text, body, w, box.h - 2 * pad, f.s(0.019f));
            plan.ops.push_back(centred(words, {x, 0, w, box.h}, theme::kTitle));
            return plan;
        }
        // Portrait: the sign and the heading in a row, the words across the whole width under them.
        int d = f.s(0.05f), w = box.w - 2 * m;
        alert_sign(c, plan, {m, pad, d, d}, theme::kTitle, colour::kNotice);
        auto head = c.fit("notice/heading/" + lang, heading, style(0.03f, f, Weight::Bold, lang),
                          w - d - m / 2, d, f.s(0.018f));
        plan.ops.push_back(centred(head, {m + d + m / 2, pad, w - d - m / 2, d}, theme::kGold));
        int top = pad + d + f.s(0.01f);
        auto words = c.fit("notice/" + lang, text, body, w, box.h - top - pad, f.s(0.019f));
        plan.ops.push_back(centred(words, {m, top, w, box.h - top - pad}, theme::kTitle));
        return plan;
    }
    // Takeover: a red band with the heading, the words large below, and a red frame round the screen.
    int band = f.s(0.16f), frame = std::max(4, f.s(0.012f)), m = f.s(0.07f);
    plan.ops.push_back(PanelOp{{0, 0, box.w, band}, 0, colour::kNotice});
    for (SDL_Rect edge : {SDL_Rect{0, 0, frame, box.h}, SDL_Rect{box.w - frame, 0, frame, box.h},
                          SDL_Rect{0, box.h - frame, box.w, frame}})
        plan.ops.push_back(PanelOp{edge, 0, colour::kNotice});
    int d = band * 55 / 100;
    auto head = c.fit("notice/heading/" + lang, heading, style(0.055f, f, Weight::Bold, lang),
                      box.w - 2 * m - d - m / 2, band * 85 / 100, f.s(0.03f));
    int head_w = 0;
    for (const auto& line : head->lines)
        head_w = std::max(head_w, line.width);
    int x = (box.w - d - m / 2 - head_w) / 2;
    alert_sign(c, plan, {x, (band - d) / 2, d, d}, theme::kTitle, colour::kNotice);
    plan.ops.push_back(TextOp{head, x + d + m / 2, (band - head->height) / 2, theme::kTitle});
    SDL_Rect area{m, band + m, box.w - 2 * m, box.h - band - 2 * m};
    auto words = c.fit("notice/" + lang, text, body, area.w, area.h, f.s(0.026f));
    plan.ops.push_back(centred(words, area, theme::kTitle));
    return plan;
}

} // namespace kiosk::screens
