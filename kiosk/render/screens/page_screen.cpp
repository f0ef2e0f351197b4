// A page: its title and text, its picture or gallery, film or map, QR code, and the way to the next page.
// Portrait stacks the picture above the text; landscape puts them side by side.
#include "render/screens/screen_plan.hpp"

#include "render/slide_painter.hpp"

#include <algorithm>

namespace kiosk::screens {

namespace {

enum class Media { None, Pictures, Film, Map };

Media media_of(const Slide& slide) {
    if (!slide.video.empty())
        return Media::Film;
    if (!slide.map.empty())
        return Media::Map;
    return page_pictures(slide).empty() ? Media::None : Media::Pictures;
}

// The largest 16:9 box inside area, centred: films are made for it.
SDL_Rect film_box(SDL_Rect area) {
    int w = area.w, h = area.w * 9 / 16;
    if (h > area.h) {
        h = area.h;
        w = area.h * 16 / 9;
    }
    return {area.x + (area.w - w) / 2, area.y + (area.h - h) / 2, w, h};
}

struct PageParts {
    const Slide& slide;
    const Content& owner;
    std::size_t source;
    std::string lang;
    std::string name; // "slide/lang" for reports
};

// What goes under the picture: the caption, and the gallery's dots.
struct Below {
    TextBlockPtr caption;
    int dots = 0;
    int height = 0;
};

Below below_media(Context& c, const Frame& f, const PageParts& p, int width) {
    Below below;
    auto caption = p.owner.resolve(p.slide.caption, p.lang);
    if (media_of(p.slide) == Media::Pictures && page_pictures(p.slide).size() > 1)
        below.dots = f.s(0.04f);
    below.height = below.dots;
    if (!caption.text.empty()) {
        TextStyle s = style(size::kCaption, f, Weight::Regular, caption.language);
        if (p.slide.ellipsis)
            s.overflow = Overflow::Ellipsis;
        below.caption =
            c.fit(p.name + "/caption", caption.text, s, width, f.s(0.075f), f.s(size::kCaptionMin));
        below.height += below.caption->height + f.s(0.012f);
    }
    return below;
}

// The tallest picture box worth giving a width: pictures are rarely taller than 4:3, films are 16:9.
int tallest_picture(const PageParts& p, int width) {
    return media_of(p.slide) == Media::Film ? width * 9 / 16 : width * 3 / 4;
}

// The picture area (at most max_h tall) with what is in it, the caption and the gallery's dots and
// arrows under it. Returns the height used.
int plan_media(Context& c, const Frame& f, const PageParts& p, const BrowseState& state, SDL_Rect area,
               int max_h, Plan& plan) {
    Media media = media_of(p.slide);
    auto pictures = page_pictures(p.slide);
    bool gallery = media == Media::Pictures && pictures.size() > 1;
    Below below = below_media(c, f, p, area.w);
    SDL_Rect picture{area.x, area.y, area.w,
                     std::clamp(area.h - below.height, f.s(0.1f), std::max(f.s(0.1f), max_h))};

    switch (media) {
    case Media::Film: {
        SDL_Rect box = film_box(picture);
        plan.ops.push_back(PanelOp{picture, 0, colour::kPictureWell});
        plan.ops.push_back(
            PictureOp{{p.source, p.slide.image, box.w, box.h, Fit::Contain}, box, Icon::Play, true});
        plan.media = Box{box.x, box.y, box.w, box.h};
        break;
    }
    case Media::Map:
        plan.ops.push_back(PictureOp{
            {p.source, p.slide.image, picture.w, picture.h, Fit::Contain}, picture, Icon::MapPin, true});
        plan.media = Box{picture.x, picture.y, picture.w, picture.h};
        break;
    case Media::Pictures: {
        std::size_t index = state.picture % pictures.size();
        plan.ops.push_back(PictureOp{
            {p.source, pictures[index], picture.w, picture.h, Fit::Contain}, picture, Icon::Picture, true});
        break;
    }
    case Media::None:
        break;
    }
    int y = picture.y + picture.h;
    if (gallery) {
        plan.gallery = Box{picture.x, picture.y, picture.w, picture.h};
        // Arrows on the picture's sides, and a dot per picture under it.
        int d = std::max(f.target(), f.s(0.075f));
        int cy = picture.y + picture.h / 2;
        int inset = f.s(0.015f);
        SDL_Rect left{picture.x + inset, cy - d / 2, d, d},
            right{picture.x + picture.w - inset - d, cy - d / 2, d, d};
        for (auto [box, icon, kind] : {std::tuple{left, Icon::ChevronLeft, Command::Kind::PreviousPicture},
                                       std::tuple{right, Icon::ChevronRight, Command::Kind::NextPicture}}) {
            plan.ops.push_back(DiscOp{box.x + d / 2.0f, box.y + d / 2.0f, d / 2.0f, theme::kHeader});
            plan.ops.push_back(DiscOp{box.x + d / 2.0f, box.y + d / 2.0f, d / 2.0f - 1, colour::kButtonEdge,
                                      std::max(2.0f, d / 28.0f)});
            int is = d * 3 / 5;
            plan.ops.push_back(
                IconOp{icon, {box.x + (d - is) / 2, box.y + (d - is) / 2, is, is}, theme::kTitle});
            add_target(plan, f, box, Command{kind});
        }
        int n = static_cast<int>(pictures.size());
        int r = std::max(3, below.dots / 6), step = r * 4;
        int x0 = picture.x + (picture.w - (n - 1) * step) / 2;
        for (int i = 0; i < n; ++i) {
            bool current = static_cast<std::size_t>(i) == state.picture % pictures.size();
            plan.ops.push_back(DiscOp{static_cast<float>(x0 + i * step), y + below.dots / 2.0f,
                                      current ? r * 1.4f : static_cast<float>(r),
                                      current ? theme::kGold : theme::kMuted});
        }
        y += below.dots;
    }
    if (below.caption) {
        plan.ops.push_back(TextOp{below.caption, area.x, y + f.s(0.012f), theme::kMuted});
        y += f.s(0.012f) + below.caption->height;
    }
    return y - area.y;
}

TextStyle title_style(const Frame& f, const PageParts& p, const std::string& lang, float scale) {
    TextStyle s = style(size::kTitle * scale, f, Weight::Bold, lang);
    s.overflow = p.slide.ellipsis ? Overflow::Ellipsis : Overflow::Report;
    s.line_spacing = 1.05f;
    return s;
}

TextStyle body_style(const Frame& f, const PageParts& p, const std::string& lang, float scale) {
    TextStyle s = style(size::kBody * (f.portrait ? 1.12f : 1.0f) * scale, f, Weight::Regular, lang);
    s.overflow = p.slide.ellipsis ? Overflow::Ellipsis : Overflow::Report;
    s.line_spacing = 1.18f;
    return s;
}

// Short texts may grow to this much over the standard size, to fill a calm screen rather than leave it empty.
constexpr float kGrow = 1.25f;

int title_gap(const Frame& f) {
    return f.s(0.03f);
}

// The height of the title and body at their standard sizes in a column this wide.
int wanted_text_height(Context& c, const Frame& f, const PageParts& p, int width) {
    auto title = p.owner.resolve(p.slide.title, p.lang);
    auto body = p.owner.resolve(p.slide.body, p.lang);
    int h = c.text.layout(title.text, title_style(f, p, title.language, 1.0f), width)->height + title_gap(f);
    if (!body.text.empty())
        h += c.text.layout(body.text, body_style(f, p, body.language, 1.0f), width)->height;
    return h;
}

// The title, a short rule, and the body fitted to what is left. Returns the height used.
int plan_text(Context& c, const Frame& f, const PageParts& p, SDL_Rect area, Plan& plan) {
    auto title = p.owner.resolve(p.slide.title, p.lang);
    auto title_block = c.fit(p.name + "/title", title.text, title_style(f, p, title.language, kGrow), area.w,
                             area.h * 3 / 10, f.s(size::kTitleMin));
    plan.ops.push_back(TextOp{title_block, area.x, area.y, theme::kGold});
    int gap = title_gap(f);
    plan.ops.push_back(
        PanelOp{{area.x, area.y + title_block->height + gap / 3, f.s(0.08f), std::max(2, f.s(0.003f))},
                0,
                theme::kAccent});
    int top = area.y + title_block->height + gap;
    auto body = p.owner.resolve(p.slide.body, p.lang);
    if (body.text.empty())
        return top - area.y;
    auto body_block = c.fit(p.name + "/body", body.text, body_style(f, p, body.language, kGrow), area.w,
                            area.y + area.h - top, f.s(size::kBodyMin));
    plan.ops.push_back(TextOp{body_block, area.x, top, theme::kBody});
    return top + body_block->height - area.y;
}

// Title and body alone in box, as large as fits between the standard size and kAloneGrow times it.
constexpr float kAloneGrow = 1.8f;
void plan_text_alone(Context& c, const Frame& f, const PageParts& p, SDL_Rect box, Plan& plan) {
    auto title = p.owner.resolve(p.slide.title, p.lang);
    auto body = p.owner.resolve(p.slide.body, p.lang);
    float scale = f.portrait ? 1.12f : 1.0f;
    TextAlone t = fit_text_alone(c.text, title.text, body.text, title_style(f, p, title.language, 1.0f),
                                 body_style(f, p, body.language, 1.0f), box, f.s(size::kBodyMin),
                                 f.s(size::kBody * scale * kAloneGrow));
    c.note(p.name + "/title", *t.title);
    if (t.body)
        c.note(p.name + "/body", *t.body);
    int y = box.y + std::max(0, (box.h - t.column.h) / 3);
    plan.ops.push_back(TextOp{t.title, t.column.x, y, theme::kGold});
    plan.ops.push_back(
        PanelOp{{t.column.x, y + t.rule_y, f.s(0.08f), std::max(2, f.s(0.003f))}, 0, theme::kAccent});
    if (t.body)
        plan.ops.push_back(TextOp{t.body, t.column.x, y + t.body_y, theme::kBody});
}

int qr_height(const Frame& f) {
    return f.s(0.19f);
}

// The QR code and what it is for, beside it (row) or under it (column).
enum class QrShape { Row, Column };
void plan_qr(Context& c, const Frame& f, const PageParts& p, SDL_Rect area, QrShape shape, Plan& plan) {
    int side = c.qr_card(p.slide.link, std::min({qr_height(f), area.h, area.w}));
    if (side == 0)
        return; // logged: a link too long for a code this size
    SDL_Rect code{area.x, area.y, side, side};
    SDL_Rect words = shape == QrShape::Row
                         ? SDL_Rect{area.x + side + f.gap(), area.y, area.w - side - f.gap(), side}
                         : SDL_Rect{area.x, area.y + side + f.gap(), area.w, area.h - side - f.gap()};
    if (shape == QrShape::Column)
        code.x = area.x + (area.w - side) / 2;
    plan.ops.push_back(QrOp{p.slide.link, code});
    Align align = shape == QrShape::Row ? Align::Start : Align::Center;
    auto scan = c.fit("ui/scan_to_take_away/" + p.lang, c.ui("scan_to_take_away", p.lang),
                      style(0.03f, f, Weight::Bold, p.lang, align), words.w,
                      std::max(words.h * 6 / 10, f.s(0.1f)), f.s(0.018f));
    TextStyle link_style = style(0.021f, f, Weight::Regular, "en", align);
    link_style.markup = Markup::Off; // an address is shown exactly as it is
    link_style.overflow = Overflow::Ellipsis;
    auto link =
        c.text.fit(p.slide.link, link_style, words.w, std::max(words.h * 35 / 100, f.s(0.06f)), f.s(0.015f));
    int space = f.s(0.01f);
    int used = scan->height + space + link->height;
    int top = shape == QrShape::Row ? words.y + (words.h - used) / 2 : words.y;
    plan.ops.push_back(TextOp{scan, words.x, top, theme::kTitle});
    plan.ops.push_back(TextOp{link, words.x, top + scan->height + space, theme::kMuted});
}

// "2 / 5" between the previous and next buttons, along the bottom.
void plan_pager(Context& c, const Frame& f, std::size_t page, std::size_t total, SDL_Rect footer,
                Plan& plan) {
    int bw = f.s(f.portrait ? 0.26f : 0.2f);
    SDL_Rect prev{footer.x, footer.y, bw, footer.h}, next{footer.x + footer.w - bw, footer.y, bw, footer.h};
    for (auto [box, icon, kind, enabled] :
         {std::tuple{prev, Icon::ChevronLeft, Command::Kind::PreviousPage, page > 0},
          std::tuple{next, Icon::ChevronRight, Command::Kind::NextPage, page + 1 < total}}) {
        plan.ops.push_back(PanelOp{box, f.radius(), enabled ? colour::kButton : theme::kBackground});
        plan.ops.push_back(OutlineOp{box, f.radius(), std::max(1, f.s(0.002f)),
                                     enabled ? colour::kButtonEdge : colour::kDisabled});
        int is = box.h * 3 / 5;
        plan.ops.push_back(IconOp{icon,
                                  {box.x + (box.w - is) / 2, box.y + (box.h - is) / 2, is, is},
                                  enabled ? theme::kTitle : colour::kDisabled});
        if (enabled)
            add_target(plan, f, box, Command{kind});
    }
    auto counter = c.text.fit(std::to_string(page + 1) + " / " + std::to_string(total),
                              style(0.036f, f, Weight::Bold, "en", Align::Center), footer.w - 2 * bw,
                              footer.h, f.s(0.02f));
    plan.ops.push_back(
        centred(counter, {footer.x + bw, footer.y, footer.w - 2 * bw, footer.h}, theme::kTitle));
}

} // namespace

Plan plan_page(Context& c, const Frame& f, const BrowseState& state, const Catalog& catalog) {
    Plan plan;
    plan_bar(c, f, state, plan);
    if (state.category >= catalog.categories.size())
        return plan;
    const CatalogCategory& entry = catalog.categories[state.category];
    if (state.page >= entry.pages.size())
        return plan;
    const SlideRef& ref = entry.pages[state.page];
    const Slide* slide = c.slide(ref);
    const Content* owner = c.content(ref.source);
    if (!slide || !owner)
        return plan;
    std::string lang = c.ui_language(state);
    PageParts p{*slide, *owner, ref.source, lang, slide->id + "/" + lang};

    SDL_Rect body = f.body();
    if (entry.pages.size() > 1) {
        int fh = std::max(f.s(0.09f), f.target() * 3 / 2);
        SDL_Rect footer{body.x, body.y + body.h - fh, body.w, fh};
        plan_pager(c, f, state.page, entry.pages.size(), footer, plan);
        body.h -= fh + f.margin();
    }
    Media media = media_of(*slide);
    bool qr = !slide->link.empty();
    int gap = f.margin();
    int qr_h = qr ? qr_height(f) + gap : 0;
    if (f.portrait) {
        // The picture takes what the text leaves at its standard size, between a fair share and 4:3.
        SDL_Rect text = body;
        if (media != Media::None) {
            int below = below_media(c, f, p, body.w).height;
            int room = body.h - qr_h - gap - wanted_text_height(c, f, p, body.w) - below;
            int picture =
                std::clamp(room, body.h * 28 / 100, std::max(body.h * 28 / 100, tallest_picture(p, body.w)));
            int used = plan_media(c, f, p, state, {body.x, body.y, body.w, picture + below}, picture, plan);
            text.y += used + gap;
            text.h -= used + gap;
        }
        text.h -= qr_h;
        int used = plan_text(c, f, p, text, plan);
        if (qr)
            plan_qr(c, f, p, {text.x, text.y + used + gap, text.w, qr_height(f)}, QrShape::Row, plan);
    } else if (media != Media::None) {
        // The picture's column is wider when the text needs less room: a film or map with a few lines.
        int mw = body.w * 52 / 100;
        for (int share : {64, 58}) {
            int wide = body.w * share / 100;
            if (wanted_text_height(c, f, p, body.w - wide - gap * 3 / 2) <= body.h * 7 / 10) {
                mw = wide;
                break;
            }
        }
        SDL_Rect column{body.x, body.y, mw, body.h - qr_h};
        int used = plan_media(c, f, p, state, column, tallest_picture(p, mw), plan);
        if (qr)
            plan_qr(c, f, p, {column.x, column.y + used + gap, column.w, qr_height(f)}, QrShape::Row, plan);
        plan_text(c, f, p, {body.x + mw + gap * 3 / 2, body.y, body.w - mw - gap * 3 / 2, body.h}, plan);
    } else {
        // Text alone has the screen: it grows to fill it (lines no longer than reading allows), with the
        // QR code beside it on a landscape screen and under it on a portrait one.
        SDL_Rect box = body;
        if (qr && f.portrait) {
            box.h -= qr_h;
            plan_qr(c, f, p, {body.x, body.y + body.h - qr_height(f), body.w, qr_height(f)}, QrShape::Row, plan);
        } else if (qr) {
            int qw = f.s(0.32f);
            box.w -= qw + gap * 2;
            plan_qr(c, f, p, {body.x + body.w - qw, body.y, qw, body.h}, QrShape::Column, plan);
        }
        plan_text_alone(c, f, p, box, plan);
    }
    return plan;
}

} // namespace kiosk::screens
