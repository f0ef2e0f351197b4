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

int readable_px(const Frame& f, const DisplayProfile& profile) {
    return f.metrics.readable_px(profile.touch ? Viewing::Cabinet : Viewing::Wall);
}

namespace {

constexpr float kNoticeSpacing = 1.12f;

// A line of notice text at px, generously for every script (Khmer and Lao stack marks above and below and
// their fonts' lines are nearly twice their size).
int notice_line(int px) {
    return static_cast<int>(px * 1.9f * kNoticeSpacing);
}

int banner_pad(const Frame& f) {
    return f.s(0.02f);
}

int portrait_heading_row(const Frame& f, int min_px) {
    return std::max(f.s(0.05f), notice_line(min_px));
}

// How long a page of text shows: time to read it at a calm pace, ideographs and Hangul syllables counting
// as three letters, never less than five seconds nor more than fifteen.
int page_ms(const std::string& text) {
    int weight = 0;
    for (std::size_t i = 0; i < text.size();) {
        unsigned char b = static_cast<unsigned char>(text[i]);
        std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t cp = n == 3 && i + 2 < text.size()
                          ? (b & 0x0F) << 12 | (text[i + 1] & 0x3F) << 6 | (text[i + 2] & 0x3F)
                          : 0;
        weight += (cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ? 3 : 1;
        i += n;
    }
    return std::clamp(2500 + 70 * weight, 5000, 15000);
}

// The notice's words in a w x h area: the largest size from style.px down to min_px at which they fit,
// else min_px in pages of whole lines (never smaller). Fills fit's text_px, pages and page_ms.
TextBlockPtr notice_words(Context& c, const std::string& name, const std::string& text, TextStyle style, int w,
                          int h, int min_px, std::size_t page, NoticeFit* fit) {
    w = std::max(1, w);
    h = std::max(1, h);
    style.px = std::max(style.px, min_px);
    TextBlockPtr whole = c.text.fit(text, style, w, h, min_px);
    if (!whole->overflow) {
        c.note(name, *whole);
        fit->text_px = whole->px;
        fit->pages = 1;
        fit->page_ms = 0;
        return whole;
    }
    style.px = min_px;
    TextBlockPtr block = c.text.layout(text, style, w);
    c.note(name, *block);
    std::vector<std::pair<std::size_t, std::size_t>> pages; // [first, last) lines
    const auto& lines = block->lines;
    for (std::size_t first = 0; first < lines.size();) {
        std::size_t last = first + 1;
        while (last < lines.size() && lines[last].y + lines[last].height - lines[first].y <= h)
            ++last;
        pages.emplace_back(first, last);
        first = last;
    }
    if (pages.empty())
        pages.emplace_back(0, 0);
    fit->text_px = min_px;
    fit->pages = pages.size();
    fit->page_ms = 0;
    for (auto [first, last] : pages) {
        std::string words;
        for (std::size_t i = first; i < last; ++i)
            words += lines[i].text();
        fit->page_ms = std::max(fit->page_ms, page_ms(words));
    }
    auto [first, last] = pages[page % pages.size()];
    TextBlock part = *block;
    part.lines.assign(lines.begin() + static_cast<std::ptrdiff_t>(first),
                      lines.begin() + static_cast<std::ptrdiff_t>(last));
    int top = part.lines.empty() ? 0 : part.lines.front().y;
    for (auto& line : part.lines)
        line.y -= top;
    part.height = part.lines.empty() ? 0 : part.lines.back().y + part.lines.back().height;
    return std::make_shared<const TextBlock>(std::move(part));
}

// A dot per page, the one showing in gold, in a row (or a column) centred on (cx, cy).
void page_dots(Plan& plan, const NoticeFit& fit, std::size_t page, float cx, float cy, int r, bool column) {
    if (fit.pages <= 1)
        return;
    int n = static_cast<int>(fit.pages), step = r * 4;
    for (int i = 0; i < n; ++i) {
        float offset = static_cast<float>((i - (n - 1) / 2.0f) * step);
        bool current = static_cast<std::size_t>(i) == page % fit.pages;
        plan.ops.push_back(DiscOp{column ? cx : cx + offset, column ? cy + offset : cy,
                                  current ? r * 1.4f : static_cast<float>(r),
                                  current ? theme::kGold : theme::kTitle});
    }
}

} // namespace

int notice_banner_height(const Frame& f, int min_px) {
    int text = 2 * notice_line(min_px) + 2 * banner_pad(f);
    return f.portrait ? text + portrait_heading_row(f, min_px) + f.s(0.01f) : text;
}

Plan plan_notice(Context& c, const Frame& f, NoticeMode mode, const std::string& text,
                 const std::string& heading, const std::string& lang, Box box, std::size_t page, NoticeFit* fit) {
    Plan plan;
    int min_px = readable_px(f, c.profile);
    fit->min_px = min_px;
    bool banner = mode == NoticeMode::Banner;
    TextStyle body = style(banner ? 0.032f : 0.085f, f, Weight::Regular, lang, banner ? Align::Start : Align::Center);
    body.line_spacing = kNoticeSpacing;
    std::string name = "notice/" + lang;
    auto heading_style = [&](float share) {
        TextStyle s = style(share, f, Weight::Bold, lang);
        s.px = std::max(s.px, min_px);
        s.overflow = Overflow::Ellipsis;
        return s;
    };
    if (banner) {
        int pad = banner_pad(f), m = f.margin();
        int r = std::max(4, f.s(0.008f));
        if (!f.portrait) {
            // The sign and the heading, then the words beside them as large as the strip allows, and a dot
            // per page at the end when they take turns.
            int d = std::min(box.h - 2 * pad, f.s(0.075f));
            alert_sign(c, plan, {m, (box.h - d) / 2, d, d}, theme::kTitle, colour::kNotice);
            int x = m + d + m * 2 / 3, hw = std::max(f.s(0.26f), min_px * 6);
            // A heading that fits on one line in a third of the strip keeps to one line.
            auto whole = c.fit("notice/heading/" + lang, heading, heading_style(0.034f), box.w / 3, box.h - 2 * pad,
                               min_px);
            if (whole->lines.size() == 1)
                hw = std::max(hw, whole->lines.front().width + 1);
            auto head = c.fit("notice/heading/" + lang, heading, heading_style(0.034f), hw, box.h - 2 * pad, min_px);
            plan.ops.push_back(centred(head, {x, 0, hw, box.h}, theme::kGold));
            x += hw + m;
            int w = box.w - x - m;
            auto words = notice_words(c, name, text, body, w, box.h - 2 * pad, min_px, page, fit);
            if (fit->pages > 1) {
                w -= r * 6;
                words = notice_words(c, name, text, body, w, box.h - 2 * pad, min_px, page, fit);
                page_dots(plan, *fit, page, static_cast<float>(box.w - m / 2 - r * 2), box.h / 2.0f, r, true);
            }
            plan.ops.push_back(centred(words, {x, 0, w, box.h}, theme::kTitle));
            return plan;
        }
        // Portrait: the sign and the heading in a row (with the page dots at its end), the words across the
        // whole width under them.
        int row = portrait_heading_row(f, min_px), d = std::min(row, f.s(0.05f)), w = box.w - 2 * m;
        alert_sign(c, plan, {m, pad + (row - d) / 2, d, d}, theme::kTitle, colour::kNotice);
        int top = pad + row + f.s(0.01f);
        auto words = notice_words(c, name, text, body, w, box.h - top - pad, min_px, page, fit);
        int dots_w = fit->pages > 1 ? static_cast<int>(fit->pages) * r * 4 + m : 0;
        auto head = c.fit("notice/heading/" + lang, heading, heading_style(0.03f), w - d - m / 2 - dots_w, row,
                          min_px);
        plan.ops.push_back(centred(head, {m + d + m / 2, pad, w - d - m / 2 - dots_w, row}, theme::kGold));
        page_dots(plan, *fit, page, static_cast<float>(box.w - m - dots_w / 2), pad + row / 2.0f, r, false);
        plan.ops.push_back(centred(words, {m, top, w, box.h - top - pad}, theme::kTitle));
        return plan;
    }
    // Takeover: a red band with a large heading, the words as large as fill the screen below it, and a red
    // frame round the screen.
    int frame = std::max(4, f.s(0.012f)), m = f.s(0.07f);
    int band = std::max(f.s(0.16f), notice_line(min_px) + 2 * frame);
    plan.ops.push_back(PanelOp{{0, 0, box.w, band}, 0, colour::kNotice});
    for (SDL_Rect edge : {SDL_Rect{0, 0, frame, box.h}, SDL_Rect{box.w - frame, 0, frame, box.h},
                          SDL_Rect{0, box.h - frame, box.w, frame}})
        plan.ops.push_back(PanelOp{edge, 0, colour::kNotice});
    int d = band * 55 / 100;
    auto head = c.fit("notice/heading/" + lang, heading, heading_style(0.07f), box.w - 2 * m - d - m / 2,
                      band * 85 / 100, min_px);
    int head_w = 0;
    for (const auto& line : head->lines)
        head_w = std::max(head_w, line.width);
    int x = (box.w - d - m / 2 - head_w) / 2;
    alert_sign(c, plan, {x, (band - d) / 2, d, d}, theme::kTitle, colour::kNotice);
    plan.ops.push_back(TextOp{head, x + d + m / 2, (band - head->height) / 2, theme::kTitle});
    SDL_Rect area{m, band + m * 2 / 3, box.w - 2 * m, box.h - band - m * 4 / 3};
    auto words = notice_words(c, name, text, body, area.w, area.h, min_px, page, fit);
    if (fit->pages > 1) {
        int r = std::max(4, f.s(0.008f));
        area.h -= r * 6;
        words = notice_words(c, name, text, body, area.w, area.h, min_px, page, fit);
        page_dots(plan, *fit, page, box.w / 2.0f, static_cast<float>(area.y + area.h + r * 3), r, false);
    }
    plan.ops.push_back(centred(words, area, theme::kTitle));
    return plan;
}

} // namespace kiosk::screens
