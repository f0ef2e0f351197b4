// What every screen shares: proportions, text fitting with reports, grids, and the persistent bar.
#include "base/log.hpp"
#include "content/ui_text.hpp"
#include "render/screens/qr_code.hpp"
#include "render/screens/screen_plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kiosk::screens {

Frame::Frame(int w_, int h_, float inches, int inset_)
    : w(w_), h(h_), base(std::max(1, std::min(w_, h_))), portrait(h_ > w_),
      metrics(ScreenMetrics::of(w_, h_, inches)), inset(std::clamp(inset_, 0, h_ / 3)) {}

int Frame::s(float share) const {
    return std::max(1, static_cast<int>(std::lround(base * share)));
}

int Frame::bar_height() const {
    return std::max(s(0.105f), target() * 3 / 2);
}

SDL_Rect Frame::body() const {
    int top = bar_height() + margin();
    return {margin(), top, w - 2 * margin(), h - inset - top - margin()};
}

const Slide* Context::slide(const SlideRef& ref) const {
    const Content* content = this->content(ref.source);
    return content && ref.slide < content->slides.size() ? &content->slides[ref.slide] : nullptr;
}

std::string Context::ui(const char* id, const std::string& lang) const {
    return ui_text(own(), id, lang);
}

std::string Context::ui_language(const BrowseState& state) const {
    if (!state.language.empty())
        return state.language;
    const auto& langs = own().languages;
    if (std::find(langs.begin(), langs.end(), "en") != langs.end())
        return "en";
    return own().default_language.empty() ? std::string("en") : own().default_language;
}

void Context::note(const std::string& name, const TextBlock& block) {
    for (char32_t ch : block.missing) {
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(ch));
        if (missing.insert(name + " " + code).second)
            log_warn("no font has " + std::string(code) + " in " + name + "; it shows as a box");
    }
    if (block.overflow && overflows.insert(name).second)
        log_warn("text does not fit its box and was shortened: " + name);
}

TextBlockPtr Context::fit(const std::string& name, std::string_view text, const TextStyle& style, int w,
                          int h, int min_px) {
    TextBlockPtr block = this->text.fit(text, style, std::max(1, w), std::max(1, h), min_px);
    note(name, *block);
    return block;
}

int qr_card_pad(int side) {
    return std::max(2, side / 40);
}

int Context::qr_card(const std::string& link, int side) {
    auto it = qr_sizes.find(link);
    if (it == qr_sizes.end()) {
        auto modules = qr_modules(link);
        if (!modules)
            log_warn("no QR code for '" + link + "': " + modules.error().message);
        it = qr_sizes.emplace(link, modules ? *modules : 0).first;
    }
    int pad = qr_card_pad(side);
    if (it->second <= 0 || side - 2 * pad < it->second)
        return 0;
    return (side - 2 * pad) / it->second * it->second + 2 * pad;
}

TextStyle style(float share, const Frame& f, Weight weight, const std::string& lang, Align align) {
    TextStyle s{f.s(share), weight, lang, align};
    return s;
}

TextOp centred(TextBlockPtr block, SDL_Rect box, SDL_Color color) {
    int y = box.y + (box.h - block->height) / 2;
    return TextOp{std::move(block), box.x, y, color};
}

void add_target(Plan& plan, const Frame& f, SDL_Rect box, Command command) {
    int min = f.target();
    if (box.w < min) {
        box.x -= (min - box.w) / 2;
        box.w = min;
    }
    if (box.h < min) {
        box.y -= (min - box.h) / 2;
        box.h = min;
    }
    plan.targets.push_back({Box{box.x, box.y, box.w, box.h}, std::move(command)});
}

SDL_Rect Grid::cell(const SDL_Rect& area, int gap, int index) const {
    int total_w = cols * cell_w + (cols - 1) * gap;
    int total_h = rows * cell_h + (rows - 1) * gap;
    int row = index / cols, col = index % cols;
    int x0 = area.x + (area.w - total_w) / 2;
    int y0 = top ? area.y : area.y + (area.h - total_h) / 2;
    return {x0 + col * (cell_w + gap), y0 + row * (cell_h + gap), cell_w, cell_h};
}

Grid best_grid(int n, SDL_Rect area, int gap, float aspect, int max_cell_h) {
    Grid best;
    double best_score = -1;
    n = std::max(1, n);
    for (int cols = 1; cols <= n; ++cols) {
        int rows = (n + cols - 1) / cols;
        if ((rows - 1) * cols >= n) // an empty last row
            continue;
        int cw = (area.w - (cols - 1) * gap) / cols;
        int ch = (area.h - (rows - 1) * gap) / rows;
        if (cw <= 0 || ch <= 0)
            continue;
        // Cells keep roughly their shape: never more than 1.6 times wider or taller than asked.
        int w = std::min(cw, static_cast<int>(ch * aspect * 1.6f));
        int h = std::min({ch, static_cast<int>(cw / aspect * 1.6f), max_cell_h});
        w = std::min(w, static_cast<int>(h * aspect * 1.6f));
        // Filled grids read better than ragged ones: a half-empty last row costs a little.
        double filled = static_cast<double>(n) / (rows * cols);
        double score = static_cast<double>(w) * h * (0.85 + 0.15 * filled);
        if (score > best_score) {
            best_score = score;
            best = Grid{cols, rows, w, h};
        }
    }
    return best;
}

const Category* find_category(const Context& c, const CatalogCategory& category) {
    const Content* content = c.content(category.source);
    return content ? content->find_category(category.id) : nullptr;
}

namespace {

// A button of the bar: a panel, an icon at its start and a label after it.
void bar_button(Context& c, const Frame& f, Plan& plan, SDL_Rect box, Icon icon, const std::string& label,
                const std::string& lang, const std::string& name, bool current, Command command) {
    plan.ops.push_back(PanelOp{box, f.radius(), colour::kButton});
    if (current)
        plan.ops.push_back(OutlineOp{box, f.radius(), std::max(2, f.s(0.004f)), colour::kCurrent});
    int pad = box.h / 4;
    int icon_side = box.h * 11 / 20;
    plan.ops.push_back(IconOp{icon,
                              {box.x + pad, box.y + (box.h - icon_side) / 2, icon_side, icon_side},
                              current ? colour::kCurrent : theme::kTitle});
    int text_x = box.x + pad + icon_side + pad * 2 / 3;
    SDL_Rect text_box{text_x, box.y, box.x + box.w - pad * 2 / 3 - text_x, box.h};
    auto block = c.fit(name, label, style(size::kButton, f, Weight::Bold, lang), text_box.w, box.h * 9 / 10,
                       f.s(size::kButtonMin));
    plan.ops.push_back(centred(block, text_box, theme::kTitle));
    add_target(plan, f, box, std::move(command));
}

} // namespace

void plan_bar(Context& c, const Frame& f, const BrowseState& state, Plan& plan) {
    int bar = f.bar_height();
    plan.ops.push_back(PanelOp{{0, 0, f.w, bar}, 0, theme::kHeader});
    plan.ops.push_back(PanelOp{{0, bar, f.w, std::max(3, f.s(0.004f))}, 0, theme::kAccent});
    std::string lang = c.ui_language(state);
    int m = f.margin(), gap = f.gap();
    int pad = std::max(bar * 3 / 20, 2);
    int bh = bar - 2 * pad;
    int bw = f.s(f.portrait ? 0.235f : 0.25f), lw = f.s(0.29f);
    SDL_Rect home{m, pad, bw, bh}, back{m + bw + gap, pad, bw, bh}, language{f.w - m - lw, pad, lw, bh};
    bar_button(c, f, plan, home, Icon::Home, c.ui("home", lang), lang, "ui/home/" + lang,
               state.screen == Screen::Home, Command{Command::Kind::Home});
    bar_button(c, f, plan, back, Icon::Back, c.ui("back", lang), lang, "ui/back/" + lang, false,
               Command{Command::Kind::Back});
    bool choosing = state.screen == Screen::Languages;
    std::string label =
        state.language.empty() ? c.ui("language", lang) : native_language_name(state.language);
    bar_button(c, f, plan, language, Icon::Globe, label, lang, "ui/language/" + lang, choosing,
               Command{Command::Kind::ChangeLanguage});

    // The station's name between the buttons, where a landscape screen has room for it.
    int left = back.x + back.w + m, right = language.x - m;
    if (!f.portrait && right - left >= f.s(0.3f)) {
        auto name = c.own().name.empty() ? ResolvedText{} : c.own().resolve(c.own().name, lang);
        if (!name.text.empty()) {
            auto block = c.fit("station/" + lang, name.text,
                               style(0.034f, f, Weight::Bold, name.language, Align::Center), right - left, bh,
                               f.s(0.02f));
            plan.ops.push_back(centred(block, {left, 0, right - left, bar}, theme::kTitle));
        }
    }
}

} // namespace kiosk::screens
