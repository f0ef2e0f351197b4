// The screens of choices: the language picker, Home's category tiles, and a category's list of pages.
#include "render/screens/screen_plan.hpp"

#include <algorithm>

namespace kiosk::screens {

namespace {

// Calm accents for tiles that have no icon, told apart by colour as well as by their words.
constexpr SDL_Color kTileAccents[] = {
    {255, 205, 0, 255},   {79, 163, 224, 255}, {38, 166, 154, 255},  {218, 37, 29, 255},
    {102, 187, 106, 255}, {245, 150, 60, 255}, {149, 117, 205, 255}, {236, 98, 143, 255},
};

std::string first_paragraph(const std::string& body) {
    auto end = body.find("\n\n");
    std::string p = body.substr(0, end);
    while (!p.empty() && (p.front() == '\n' || p.front() == ' '))
        p.erase(p.begin());
    return p;
}

// A picture of the page for its card: its own picture, else its gallery's first.
std::string card_picture(const Slide& slide) {
    if (!slide.image.empty())
        return slide.image;
    return slide.gallery.empty() ? std::string() : slide.gallery.front();
}

} // namespace

Plan plan_languages(Context& c, const Frame& f, const BrowseState& state, const Catalog& catalog) {
    Plan plan;
    plan_bar(c, f, state, plan);
    SDL_Rect body = f.body();
    const auto& langs = catalog.languages.empty() ? c.own().languages : catalog.languages;
    int n = static_cast<int>(langs.size());
    if (n == 0)
        return plan;
    int gap = f.gap() * 3 / 2;
    // A globe over the buttons, the sign of languages everywhere; the two are centred together.
    int globe = f.s(0.11f);
    SDL_Rect buttons{body.x, body.y + globe + gap * 2, body.w, body.h - globe - gap * 2};
    Grid grid = best_grid(n, buttons, gap, 3.2f, f.s(0.2f));
    int grid_h = grid.rows * grid.cell_h + (grid.rows - 1) * gap;
    int top = body.y + (body.h - globe - gap * 2 - grid_h) / 2;
    plan.ops.push_back(IconOp{Icon::Globe, {body.x + (body.w - globe) / 2, top, globe, globe}, theme::kGold});
    buttons = {body.x, top + globe + gap * 2, body.w, grid_h};
    for (int i = 0; i < n; ++i) {
        const std::string& lang = langs[static_cast<std::size_t>(i)];
        SDL_Rect cell = grid.cell(buttons, gap, i);
        bool current = lang == state.language;
        plan.ops.push_back(PanelOp{cell, f.radius() * 3 / 2, colour::kButton});
        plan.ops.push_back(OutlineOp{cell, f.radius() * 3 / 2, std::max(2, f.s(current ? 0.005f : 0.002f)),
                                     current ? colour::kCurrent : colour::kButtonEdge});
        int pad = std::max(cell.h / 8, f.s(0.01f));
        int inner_w = cell.w - 2 * pad;
        auto name = c.fit("language/" + lang, native_language_name(lang),
                          style(0.05f, f, Weight::Bold, lang, Align::Center), inner_w, cell.h * 52 / 100,
                          f.s(0.026f));
        auto hint = c.fit("ui/choose_language/" + lang, c.ui("choose_language", lang),
                          style(0.026f, f, Weight::Regular, lang, Align::Center), inner_w, cell.h * 30 / 100,
                          f.s(0.017f));
        int space = f.s(0.008f);
        int top = cell.y + (cell.h - name->height - space - hint->height) / 2;
        plan.ops.push_back(TextOp{name, cell.x + pad, top, current ? colour::kCurrent : theme::kTitle});
        plan.ops.push_back(TextOp{hint, cell.x + pad, top + name->height + space, theme::kBody});
        add_target(plan, f, cell, Command{Command::Kind::ChooseLanguage, 0, lang});
    }
    return plan;
}

Plan plan_home(Context& c, const Frame& f, const BrowseState& state, const Catalog& catalog) {
    Plan plan;
    plan_bar(c, f, state, plan);
    SDL_Rect body = f.body();
    std::string lang = c.ui_language(state);
    int n = static_cast<int>(catalog.categories.size());
    int gap = f.gap() * 3 / 2;
    float aspect = f.portrait ? 1.05f : 1.25f;
    Grid grid = best_grid(std::max(1, n), body, gap, aspect, f.s(0.46f));
    if (f.portrait) {
        // A portrait bar has no room for the station's name: it heads the tiles instead, the two centred
        // together when a few tiles leave room.
        auto name = c.own().resolve(c.own().name, lang);
        if (!name.text.empty()) {
            int band = f.s(0.13f);
            SDL_Rect tiles{body.x, body.y + band + f.gap(), body.w, body.h - band - f.gap()};
            grid = best_grid(std::max(1, n), tiles, gap, aspect, f.s(0.46f));
            int grid_h = grid.rows * grid.cell_h + (grid.rows - 1) * gap;
            int top = body.y + std::max(0, (tiles.h - grid_h) / 2);
            auto block =
                c.fit("station/" + lang, name.text,
                      style(0.048f, f, Weight::Bold, name.language, Align::Center), body.w, band, f.s(0.03f));
            plan.ops.push_back(centred(block, {body.x, top, body.w, band}, theme::kGold));
            body = {body.x, top + band + f.gap(), body.w, grid_h};
        }
    }
    if (n == 0)
        return plan;
    for (int i = 0; i < n; ++i) {
        const CatalogCategory& entry = catalog.categories[static_cast<std::size_t>(i)];
        const Category* category = find_category(c, entry);
        const Content* content = c.content(entry.source);
        SDL_Rect tile = grid.cell(body, gap, i);
        int r = f.radius() * 3 / 2;
        plan.ops.push_back(PanelOp{tile, r, theme::kPanel});
        plan.ops.push_back(OutlineOp{tile, r, std::max(1, f.s(0.002f)), colour::kButtonEdge});
        ResolvedText label = category && content ? content->resolve(category->label, lang) : ResolvedText{};
        if (label.text.empty())
            label = {entry.id, "en"};
        std::string name = "category/" + entry.id + "/" + lang;
        int pad = std::max(tile.h / 12, f.s(0.012f));
        if (category && !category->icon.empty()) {
            int icon_h = tile.h * 56 / 100 - pad;
            SDL_Rect icon{tile.x + pad, tile.y + pad + pad / 2, tile.w - 2 * pad, icon_h - pad / 2};
            plan.ops.push_back(PictureOp{
                {entry.source, category->icon, icon.w, icon.h, Fit::Contain}, icon, Icon::Picture, false});
            SDL_Rect words{tile.x + pad, tile.y + tile.h * 56 / 100, tile.w - 2 * pad,
                           tile.h * 44 / 100 - pad};
            auto block =
                c.fit(name, label.text, style(size::kTile, f, Weight::Bold, label.language, Align::Center),
                      words.w, words.h, f.s(size::kTileMin));
            plan.ops.push_back(centred(block, words, theme::kTitle));
        } else {
            // No icon: the words large, underlined in a colour of their own, so the tile reads at a glance.
            SDL_Color accent = kTileAccents[static_cast<std::size_t>(i) % std::size(kTileAccents)];
            int rule_h = std::max(4, f.s(0.007f)), rule_gap = f.s(0.02f);
            SDL_Rect words{tile.x + pad, tile.y + pad, tile.w - 2 * pad,
                           tile.h - 2 * pad - rule_h - rule_gap};
            auto block = c.fit(name, label.text,
                               style(size::kTile * 1.6f, f, Weight::Bold, label.language, Align::Center),
                               words.w, words.h, f.s(size::kTileMin));
            int top = tile.y + (tile.h - block->height - rule_gap - rule_h) / 2;
            plan.ops.push_back(TextOp{block, words.x, top, theme::kTitle});
            int rule_w = std::min(words.w, f.s(0.1f));
            plan.ops.push_back(
                PanelOp{{tile.x + (tile.w - rule_w) / 2, top + block->height + rule_gap, rule_w, rule_h},
                        rule_h / 2,
                        accent});
        }
        add_target(plan, f, tile, Command{Command::Kind::OpenCategory, static_cast<std::size_t>(i)});
    }
    return plan;
}

Plan plan_category(Context& c, const Frame& f, const BrowseState& state, const Catalog& catalog) {
    Plan plan;
    plan_bar(c, f, state, plan);
    if (state.category >= catalog.categories.size())
        return plan;
    const CatalogCategory& entry = catalog.categories[state.category];
    const Category* category = find_category(c, entry);
    const Content* content = c.content(entry.source);
    std::string lang = c.ui_language(state);
    SDL_Rect body = f.body();

    // The heading: the category's icon and label.
    int band = f.s(0.09f);
    int x = body.x;
    if (category && !category->icon.empty()) {
        SDL_Rect icon{body.x, body.y, band, band};
        plan.ops.push_back(
            PictureOp{{entry.source, category->icon, band, band, Fit::Contain}, icon, Icon::Picture, false});
        x += band + f.gap();
    }
    ResolvedText label =
        category && content ? content->resolve(category->label, lang) : ResolvedText{entry.id, "en"};
    auto heading = c.fit("category/" + entry.id + "/" + lang, label.text,
                         style(size::kHeading, f, Weight::Bold, label.language), body.x + body.w - x, band,
                         f.s(size::kHeadingMin));
    plan.ops.push_back(centred(heading, {x, body.y, body.x + body.w - x, band}, theme::kGold));
    body.y += band + f.gap() * 2;
    body.h -= band + f.gap() * 2;

    int n = static_cast<int>(entry.pages.size());
    int gap = f.gap();
    Grid grid = best_grid(n, body, gap, f.portrait ? 4.2f : 3.6f, f.s(0.24f));
    grid.top = true;
    for (int i = 0; i < n; ++i) {
        const Slide* slide = c.slide(entry.pages[static_cast<std::size_t>(i)]);
        const Content* owner = c.content(entry.pages[static_cast<std::size_t>(i)].source);
        if (!slide || !owner)
            continue;
        SDL_Rect card = grid.cell(body, gap, i);
        // Cards fill the width when they are stacked in one column.
        if (grid.cols == 1) {
            card.x = body.x;
            card.w = body.w;
        }
        int r = f.radius();
        plan.ops.push_back(PanelOp{card, r, theme::kPanel});
        int pad = std::max(card.h / 10, f.s(0.01f));
        int x0 = card.x + pad;
        std::string picture = card_picture(*slide);
        if (!picture.empty() || !slide->video.empty() || !slide->map.empty()) {
            int th = card.h - 2 * pad, tw = th * 4 / 3;
            SDL_Rect thumb{x0, card.y + pad, tw, th};
            Icon kind = !slide->video.empty() ? Icon::Play
                        : !slide->map.empty() ? Icon::MapPin
                                              : Icon::Picture;
            plan.ops.push_back(
                PictureOp{{entry.pages[static_cast<std::size_t>(i)].source, picture, tw, th, Fit::Cover},
                          thumb,
                          kind,
                          true});
            if (!slide->video.empty())
                plan.ops.push_back(
                    IconOp{Icon::Play,
                           {thumb.x + tw / 2 - th / 5, thumb.y + th / 2 - th / 5, th * 2 / 5, th * 2 / 5},
                           theme::kTitle});
            x0 += tw + pad;
        }
        int chevron = std::max(card.h / 3, f.s(0.03f));
        int text_w = card.x + card.w - pad - chevron - pad - x0;
        std::string page_name = slide->id + "/" + lang;
        auto title = owner->resolve(slide->title, lang);
        auto teaser = owner->resolve(slide->body, lang);
        auto title_block =
            c.fit(page_name + "/title", title.text, style(size::kTile, f, Weight::Bold, title.language),
                  text_w, (card.h - 2 * pad) * 6 / 10, f.s(size::kTileMin));
        TextStyle teaser_style = style(0.025f, f, Weight::Regular, teaser.language);
        teaser_style.overflow = Overflow::Ellipsis; // a foretaste: the page itself shows it all
        int space = f.s(0.006f);
        int teaser_h = card.h - 2 * pad - title_block->height - space;
        TextBlockPtr teaser_block;
        if (teaser_h >= f.s(0.03f))
            teaser_block =
                c.text.fit(first_paragraph(teaser.text), teaser_style, text_w, teaser_h, f.s(0.02f));
        int used = title_block->height + (teaser_block ? space + teaser_block->height : 0);
        int top = card.y + (card.h - used) / 2;
        plan.ops.push_back(TextOp{title_block, x0, top, theme::kTitle});
        if (teaser_block)
            plan.ops.push_back(TextOp{teaser_block, x0, top + title_block->height + space, theme::kMuted});
        plan.ops.push_back(
            IconOp{Icon::ChevronRight,
                   {card.x + card.w - pad - chevron, card.y + (card.h - chevron) / 2, chevron, chevron},
                   colour::kCurrent});
        add_target(plan, f, card, Command{Command::Kind::OpenPage, static_cast<std::size_t>(i)});
    }
    return plan;
}

} // namespace kiosk::screens
