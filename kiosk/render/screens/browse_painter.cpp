// The browse painter: plans a screen, draws the plan, and keeps what makes the next paint quick (laid-out
// text in the engine, scaled pictures, QR codes) while pictures arrive from their worker.
#include "render/screens/browse_painter.hpp"

#include "base/log.hpp"
#include "render/screens/qr_code.hpp"
#include "render/screens/screen_plan.hpp"
#include "render/text_painter.hpp"

#include <algorithm>
#include <chrono>
#include <list>

namespace kiosk {

using namespace screens;

namespace {

constexpr std::size_t kQrCacheEntries = 8;
// How long one call to prefetch may plan screens on the caller's thread.
constexpr std::chrono::milliseconds kPrefetchSlice{4};

void blit(Canvas& canvas, SDL_Surface* picture, SDL_Rect at, bool opaque) {
    SDL_SetSurfaceBlendMode(picture, opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_BlitSurface(picture, nullptr, canvas.surface(), &at);
}

} // namespace

struct BrowsePainter::Impl {
    TextEngine& text;
    BrowseSources sources;
    DisplayProfile profile;
    float inches;
    PictureCache pictures;
    std::list<std::pair<std::string, SurfacePtr>> qr_codes; // by "side:link", most recent first
    std::set<std::string> overflows, missing;
    std::map<std::string, int> qr_sizes;
    std::map<std::pair<Icon, int>, IconMask> icons; // a few icons at a few sizes per screen size
    std::vector<DrawnPicture> drawn;

    // Screens still to plan ahead for the state they were asked for.
    BrowseState prefetch_from;
    int prefetch_w = 0, prefetch_h = 0;
    std::vector<BrowseState> prefetch_queue;
    bool prefetch_started = false;

    Impl(TextEngine& t, BrowseSources s, const DisplayProfile& p, float i)
        : text(t), sources(std::move(s)), profile(p), inches(i), pictures(sources.objects) {}

    Context context() { return Context{text, sources, profile, inches, overflows, missing, qr_sizes}; }

    Plan plan(const BrowseState& state, const Catalog& catalog, int w, int h, int inset) {
        if (sources.contents.empty() || !sources.contents[0] || w < 16 || h < 16)
            return {};
        Frame f(w, h, inches, inset);
        Context c = context();
        switch (state.screen) {
        case Screen::Languages:
            return plan_languages(c, f, state, catalog);
        case Screen::Home:
            return plan_home(c, f, state, catalog);
        case Screen::Category:
            return plan_category(c, f, state, catalog);
        case Screen::Page:
            return plan_page(c, f, state, catalog);
        case Screen::Attract:
        case Screen::Operator:
            break;
        }
        return {};
    }

    SDL_Surface* qr_code(const std::string& link, int side) {
        std::string key = std::to_string(side) + ":" + link;
        for (auto it = qr_codes.begin(); it != qr_codes.end(); ++it)
            if (it->first == key) {
                qr_codes.splice(qr_codes.begin(), qr_codes, it);
                return it->second.get();
            }
        auto made = make_qr(link, side);
        if (!made) {
            log_warn("no QR code for '" + link + "': " + made.error().message);
            qr_codes.emplace_front(key, nullptr);
        } else {
            qr_codes.emplace_front(key, std::move(made.value()));
        }
        if (qr_codes.size() > kQrCacheEntries)
            qr_codes.pop_back();
        return qr_codes.front().second.get();
    }

    void draw_picture(Canvas& canvas, const PictureOp& op) {
        if (op.well)
            canvas.fill(op.box, colour::kPictureWell);
        const ScaledPicture* picture = op.request.path.empty() ? nullptr : pictures.get(op.request);
        if (picture && picture->surface) {
            SDL_Surface* s = picture->surface.get();
            SDL_Rect at{op.box.x + (op.box.w - s->w) / 2, op.box.y + (op.box.h - s->h) / 2, s->w, s->h};
            blit(canvas, s, at, picture->opaque);
            drawn.push_back({op.request.path, picture->region, at});
            return;
        }
        if (!op.well)
            return; // an icon not read yet: its tile shows the words meanwhile
        int side = std::min(op.box.w, op.box.h) * 2 / 5;
        draw_cached_icon(canvas, op.placeholder,
                         {op.box.x + (op.box.w - side) / 2, op.box.y + (op.box.h - side) / 2, side, side},
                         theme::kMuted);
    }

    void draw_cached_icon(Canvas& canvas, Icon icon, SDL_Rect box, SDL_Color color) {
        int side = std::min(box.w, box.h);
        if (side < 4)
            return;
        auto key = std::make_pair(icon, side);
        auto it = icons.find(key);
        if (it == icons.end()) {
            if (icons.size() > 64)
                icons.clear(); // sizes change only with the screen's size
            it = icons.emplace(key, make_icon_mask(icon, side)).first;
        }
        draw_icon_mask(canvas, it->second, box, color);
    }

    // The code on a white card just larger than its quiet zone: op.box is the card (QR planning sized it).
    void draw_qr(Canvas& canvas, const QrOp& op) {
        int pad = qr_card_pad(op.box.w);
        SDL_Surface* code = qr_code(op.link, op.box.w - 2 * pad);
        if (!code)
            return;
        fill_round_rect(canvas, op.box, pad * 2, SDL_Color{255, 255, 255, 255});
        blit(canvas, code,
             {op.box.x + (op.box.w - code->w) / 2, op.box.y + (op.box.h - code->h) / 2, code->w, code->h},
             true);
    }

    void draw(Canvas& canvas, const Plan& plan) {
        drawn.clear();
        for (const auto& op : plan.ops) {
            if (auto* t = std::get_if<TextOp>(&op)) {
                paint_text(canvas, text, *t->block, t->x, t->y, t->color);
            } else if (auto* p = std::get_if<PanelOp>(&op)) {
                if (p->radius > 0)
                    fill_round_rect(canvas, p->rect, p->radius, p->color);
                else
                    canvas.fill(p->rect, p->color);
            } else if (auto* o = std::get_if<OutlineOp>(&op)) {
                stroke_round_rect(canvas, o->rect, o->radius, o->width, o->color);
            } else if (auto* i = std::get_if<IconOp>(&op)) {
                draw_cached_icon(canvas, i->icon, i->box, i->color);
            } else if (auto* d = std::get_if<DiscOp>(&op)) {
                if (d->ring > 0)
                    stroke_circle(canvas, d->cx, d->cy, d->r - d->ring / 2, d->ring, d->color);
                else
                    fill_circle(canvas, d->cx, d->cy, d->r, d->color);
            } else if (auto* pic = std::get_if<PictureOp>(&op)) {
                draw_picture(canvas, *pic);
            } else if (auto* q = std::get_if<QrOp>(&op)) {
                draw_qr(canvas, *q);
            }
        }
    }

    // The screens a traveller may open next from state, most likely first.
    std::vector<BrowseState> likely_next(const BrowseState& state, const Catalog& catalog) const {
        std::vector<BrowseState> next;
        auto with = [&](Screen screen, std::size_t category = 0, std::size_t page = 0,
                        std::size_t picture = 0) {
            BrowseState s = state;
            s.screen = screen;
            s.category = category;
            s.page = page;
            s.picture = picture;
            next.push_back(s);
        };
        switch (state.screen) {
        case Screen::Attract:
        case Screen::Languages:
            for (const auto& lang : catalog.languages) {
                with(Screen::Home);
                next.back().language = lang;
            }
            break;
        case Screen::Home:
            for (std::size_t i = 0; i < catalog.categories.size(); ++i) {
                // A category of one page may open straight on it.
                if (catalog.categories[i].pages.size() == 1)
                    with(Screen::Page, i, 0);
                with(Screen::Category, i);
            }
            break;
        case Screen::Category:
            if (state.category < catalog.categories.size())
                for (std::size_t p = 0; p < catalog.categories[state.category].pages.size(); ++p)
                    with(Screen::Page, state.category, p);
            with(Screen::Home);
            break;
        case Screen::Page:
            with(Screen::Page, state.category, state.page, state.picture + 1);
            with(Screen::Page, state.category, state.page + 1);
            if (state.page > 0)
                with(Screen::Page, state.category, state.page - 1);
            with(Screen::Category, state.category);
            with(Screen::Home);
            break;
        case Screen::Operator:
            break;
        }
        return next;
    }
};

BrowsePainter::BrowsePainter(TextEngine& text, BrowseSources sources, const DisplayProfile& profile,
                             float screen_inches)
    : m(std::make_unique<Impl>(text, std::move(sources), profile, screen_inches)) {}

BrowsePainter::~BrowsePainter() = default;

std::vector<HitTarget> BrowsePainter::paint(Canvas& canvas, const BrowseState& state, const Catalog& catalog,
                                            int w, int h) {
    if (state.screen == Screen::Attract || state.screen == Screen::Operator)
        return {};
    m->pictures.collect();
    Plan plan = m->plan(state, catalog, w, h, m_bottom_inset);
    canvas.fill({0, 0, w, h}, theme::kBackground);
    m->draw(canvas, plan);
    return std::move(plan.targets);
}

Box BrowsePainter::media_box(const BrowseState& state, const Catalog& catalog, int w, int h) {
    if (state.screen != Screen::Page)
        return {};
    return m->plan(state, catalog, w, h, m_bottom_inset).media;
}

Box BrowsePainter::gallery_box(const BrowseState& state, const Catalog& catalog, int w, int h) {
    if (state.screen != Screen::Page)
        return {};
    return m->plan(state, catalog, w, h, m_bottom_inset).gallery;
}

bool BrowsePainter::needs_repaint() {
    return m->pictures.collect();
}

bool BrowsePainter::prefetch(const BrowseState& state, const Catalog& catalog, int w, int h) {
    if (!m->prefetch_started || !(state == m->prefetch_from) || w != m->prefetch_w || h != m->prefetch_h) {
        m->prefetch_from = state;
        m->prefetch_w = w;
        m->prefetch_h = h;
        m->prefetch_queue = m->likely_next(state, catalog);
        std::reverse(m->prefetch_queue.begin(), m->prefetch_queue.end()); // taken from the back
        m->prefetch_started = true;
    }
    auto until = std::chrono::steady_clock::now() + kPrefetchSlice;
    while (!m->prefetch_queue.empty() && std::chrono::steady_clock::now() < until) {
        BrowseState next = m->prefetch_queue.back();
        m->prefetch_queue.pop_back();
        Plan plan = m->plan(next, catalog, w, h, m_bottom_inset);
        for (const auto& op : plan.ops)
            if (auto* p = std::get_if<PictureOp>(&op))
                m->pictures.prefetch(p->request);
    }
    return !m->prefetch_queue.empty();
}

void BrowsePainter::finish_pictures() {
    m->pictures.wait_idle();
}

const std::set<std::string>& BrowsePainter::overflows() const {
    return m->overflows;
}

const std::set<std::string>& BrowsePainter::missing_glyphs() const {
    return m->missing;
}

const std::vector<BrowsePainter::DrawnPicture>& BrowsePainter::drawn_pictures() const {
    return m->drawn;
}

Box language_strip_box(int w, int h, float screen_inches, std::size_t languages) {
    Catalog catalog;
    catalog.languages.resize(languages);
    return strip_box(Frame(w, h, screen_inches, 0), catalog);
}

int attract_strip_height(const DisplayProfile& profile, const Content& content, int w, int h, float screen_inches) {
    if (!profile.touch || content.categories.empty())
        return 0;
    return language_strip_box(w, h, screen_inches, content.languages.size()).h;
}

Box BrowsePainter::language_strip_box(const Catalog& catalog, int w, int h) const {
    return strip_box(Frame(w, h, m->inches, m_bottom_inset), catalog);
}

std::vector<HitTarget> BrowsePainter::paint_language_strip(Canvas& canvas, const Catalog& catalog, int w,
                                                           int h, std::size_t hint) {
    Frame f(w, h, m->inches, m_bottom_inset);
    Box box = strip_box(f, catalog);
    Context c = m->context();
    Plan plan = plan_language_strip(c, f, catalog, box, hint);
    canvas.fill({0, 0, box.w, box.h}, theme::kHeader);
    m->draw(canvas, plan);
    for (auto& t : plan.targets) {
        t.box.x += box.x;
        t.box.y += box.y;
    }
    return std::move(plan.targets);
}

Box BrowsePainter::still_there_box(int w, int h) const {
    Frame f(w, h, m->inches, 0);
    int bw = std::min(w - 2 * f.margin(), f.s(0.82f)), bh = std::min(h - 2 * f.margin(), f.s(0.62f));
    return {(w - bw) / 2, (h - bh) / 2, bw, bh};
}

std::vector<HitTarget> BrowsePainter::paint_still_there(Canvas& canvas, const std::string& lang,
                                                        int seconds_left, int w, int h) {
    Frame f(w, h, m->inches, 0);
    Box box = still_there_box(w, h);
    Context c = m->context();
    BrowseState state;
    state.language = lang;
    Plan plan = plan_still_there(c, f, c.ui_language(state), seconds_left, box);
    canvas.fill({0, 0, box.w, box.h}, theme::kPanel);
    m->draw(canvas, plan);
    return {HitTarget{Box{0, 0, w, h}, Command{Command::Kind::Touch}}};
}

Box BrowsePainter::notice_box(NoticeMode mode, int w, int h) const {
    Frame f(w, h, m->inches, 0);
    if (mode == NoticeMode::Takeover)
        return {0, 0, w, h};
    // Portrait screens have height to spare and narrow lines: their banner is taller. Every banner holds
    // two lines at the readable size (and, in portrait, its heading above them).
    int two_lines = notice_banner_height(f, readable_px(f, m->profile));
    int bh = std::min(std::max({f.s(f.portrait ? 0.22f : 0.17f), f.target() * 2, two_lines}), h * 3 / 10);
    return {0, h - bh, w, bh};
}

NoticeFit BrowsePainter::notice_fit(NoticeMode mode, const std::string& text, const std::string& heading,
                                    const std::string& lang, int w, int h) {
    Frame f(w, h, m->inches, 0);
    Context c = m->context();
    NoticeFit fit;
    fit.box = notice_box(mode, w, h);
    plan_notice(c, f, mode, text, heading, lang.empty() ? std::string("vi") : lang, fit.box, 0, &fit);
    return fit;
}

std::size_t NoticeFit::page_at(std::int64_t elapsed_ms) const {
    if (pages <= 1 || page_ms <= 0)
        return 0;
    return static_cast<std::size_t>(std::max<std::int64_t>(0, elapsed_ms) / page_ms) % pages;
}

void BrowsePainter::paint_notice(Canvas& canvas, NoticeMode mode, const std::string& text,
                                 const std::string& heading, const std::string& lang, int w, int h,
                                 std::size_t page) {
    Frame f(w, h, m->inches, 0);
    Box box = notice_box(mode, w, h);
    Context c = m->context();
    NoticeFit fit;
    fit.box = box;
    Plan plan = plan_notice(c, f, mode, text, heading, lang.empty() ? std::string("vi") : lang, box, page, &fit);
    canvas.fill({0, 0, box.w, box.h}, mode == NoticeMode::Banner ? colour::kNotice : theme::kBackground);
    m->draw(canvas, plan);
}

} // namespace kiosk
