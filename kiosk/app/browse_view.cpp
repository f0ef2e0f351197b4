// Painting the traveller's screens on change only, and the live film or map of a page over them.
#include "app/browse_view.hpp"

#include "base/log.hpp"
#include "render/theme.hpp"

#include <algorithm>
#include <chrono>

namespace kiosk {

namespace {

SDL_Rect rect(Box b) {
    return SDL_Rect{b.x, b.y, b.w, b.h};
}

TexturePtr upload(SDL_Renderer* renderer, const Canvas& canvas, bool opaque) {
    SDL_Surface* pixels = canvas.surface();
    TexturePtr texture(SDL_CreateTexture(renderer, opaque ? SDL_PIXELFORMAT_RGB888 : SDL_PIXELFORMAT_ARGB8888,
                                         SDL_TEXTUREACCESS_STATIC, pixels->w, pixels->h));
    if (!texture || SDL_UpdateTexture(texture.get(), nullptr, pixels->pixels, pixels->pitch) != 0) {
        log_error(std::string("cannot upload a painted screen: ") + SDL_GetError());
        return nullptr;
    }
    SDL_SetTextureBlendMode(texture.get(), opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    return texture;
}

std::optional<Command> hit_in(const std::vector<HitTarget>& targets, int x, int y) {
    // The last painted is on top.
    for (auto it = targets.rbegin(); it != targets.rend(); ++it)
        if (it->box.contains(x, y))
            return it->command;
    return std::nullopt;
}

} // namespace

BrowseView::BrowseView(const KioskConfig& config, TextEngine& text, FilmOpener open_film)
    : m_config(config), m_text(text), m_open_film(std::move(open_film)) {}

BrowseView::~BrowseView() = default;

void BrowseView::set_packs(std::vector<const LoadedPack*> packs, const DisplayProfile& profile) {
    clear();
    m_packs = std::move(packs);
    m_profile = profile;
    BrowseSources sources;
    for (const LoadedPack* pack : m_packs) {
        sources.contents.push_back(&pack->content);
        sources.objects.push_back(pack->objects.get());
    }
    m_painter = std::make_unique<BrowsePainter>(m_text, std::move(sources), m_profile, m_config.screen_inches);
}

void BrowseView::clear() {
    stop_media();
    m_painter.reset();
    m_packs.clear();
    resized();
}

void BrowseView::resized() {
    stop_media();
    m_screen.reset();
    m_painted_state.reset();
    m_strip = Overlay{};
    m_still_there = Overlay{};
    m_notice = Overlay{};
    m_notice_text.clear();
}

void BrowseView::stop_media() {
    m_media.clear();
    m_media_page.reset();
    m_film_waiting = false;
}

bool BrowseView::update(SDL_Renderer* renderer, const BrowseState& state, const Catalog& catalog, int w, int h,
                        Uint64 now) {
    if (!m_painter)
        return false;
    BrowseState shown = state;
    shown.still_there = false; // an overlay, not part of the screen
    bool changed = false;
    if (w != m_w || h != m_h) {
        m_w = w;
        m_h = h;
        resized();
    }
    if (!m_canvas || m_canvas->width() != w || m_canvas->height() != h) {
        auto canvas = Canvas::create(w, h);
        if (!canvas) {
            log_error("cannot paint the touch screens: " + canvas.error().message);
            return false;
        }
        m_canvas = std::move(canvas.value());
    }
    bool stale = !m_painted_state || !(*m_painted_state == shown) || !(m_catalog_copy == catalog);
    if (stale || m_painter->needs_repaint()) {
        auto started = std::chrono::steady_clock::now();
        m_targets = m_painter->paint(*m_canvas, shown, catalog, w, h);
        m_gallery = m_painter->gallery_box(shown, catalog, w, h);
        m_screen = upload(renderer, *m_canvas, true);
        m_last_paint_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        m_painted_state = shown;
        if (stale)
            m_catalog_copy = catalog;
        m_pictures = 0;
        if (shown.screen == Screen::Page && shown.category < catalog.categories.size() &&
            shown.page < catalog.categories[shown.category].pages.size()) {
            SlideRef ref = catalog.categories[shown.category].pages[shown.page];
            if (ref.source < m_packs.size() && ref.slide < m_packs[ref.source]->content.slides.size())
                m_pictures = page_pictures(m_packs[ref.source]->content.slides[ref.slide]).size();
        }
        changed = true;
        if (stale)
            sync_media(renderer, shown, catalog, w, h);
    }
    if (m_film_waiting && m_painted_state)
        sync_media(renderer, *m_painted_state, m_catalog_copy, w, h);
    if (m_media.update(renderer, now))
        changed = true;
    return changed;
}

void BrowseView::sync_media(SDL_Renderer* renderer, const BrowseState& state, const Catalog& catalog, int w, int h) {
    (void)renderer;
    std::optional<SlideRef> page;
    if (state.screen == Screen::Page && state.category < catalog.categories.size() &&
        state.page < catalog.categories[state.category].pages.size())
        page = catalog.categories[state.category].pages[state.page];
    if (page == m_media_page)
        return;
    stop_media();
    m_media_page = page;
    if (!page || page->source >= m_packs.size())
        return;
    const LoadedPack& pack = *m_packs[page->source];
    const Slide& slide = pack.content.slides[page->slide];
    SDL_Rect area = rect(m_painter->media_box(state, catalog, w, h));
    if (area.w <= 0 || area.h <= 0)
        return;
    if (!slide.video.empty()) {
        // A film whose hash check is still under way (just after start) is opened as soon as it is done.
        m_film_waiting = pack.film_checks && pack.film_checks->state(slide.video) == FilmChecks::State::Pending;
        if (m_film_waiting) {
            m_media_page.reset();
            return;
        }
        auto film = m_open_film(pack, slide);
        if (!film) { // the page shows the film's still picture, painted beneath
            log_error("page '" + slide.id + "': film '" + slide.video + "' cannot play: " + film.error().message);
            return;
        }
        m_media.play_film(std::move(film.value()), area);
        m_media.set_subtitles(load_subtitles(pack, slide, state.language));
    } else if (!slide.map.empty() && !pack.damaged.count(slide.map)) {
        auto map = MapView::open(*pack.objects, slide.map, area);
        if (map)
            m_media.show_map(std::move(map.value()));
        else
            log_error("page '" + slide.id + "': " + map.error().message);
    }
}

void BrowseView::draw(SDL_Renderer* renderer, int w, int h, Uint64 now) {
    if (!m_screen) {
        SDL_SetRenderDrawColor(renderer, theme::kBackground.r, theme::kBackground.g, theme::kBackground.b, 255);
        SDL_RenderClear(renderer);
        return;
    }
    SDL_RenderCopy(renderer, m_screen.get(), nullptr, nullptr);
    m_media.draw(renderer, m_text, h, now);
    (void)w;
}

bool BrowseView::handle_media(const SDL_Event& event, int w, int h, Uint64 now) {
    return m_media.handle(event, w, h, now);
}

bool BrowseView::media_playing() const {
    return m_media.moving();
}

bool BrowseView::watching() const {
    return m_media.watching();
}

std::optional<Command> BrowseView::hit(int x, int y) const {
    return hit_in(m_targets, x, y);
}

std::vector<HitTarget> BrowseView::targets(Screen screen) const {
    if (screen == Screen::Attract)
        return m_strip.texture ? m_strip.targets : std::vector<HitTarget>{};
    return m_targets;
}

bool BrowseView::on_gallery(int x, int y) const {
    return m_pictures > 1 && m_gallery.contains(x, y);
}

void BrowseView::paint_overlay(SDL_Renderer* renderer, Overlay& overlay, Box box, const std::string& key,
                               const std::function<std::vector<HitTarget>(Canvas&)>& paint) {
    if (overlay.texture && overlay.key == key && overlay.box == box)
        return;
    auto canvas = Canvas::create(std::max(1, box.w), std::max(1, box.h));
    if (!canvas)
        return;
    overlay.targets = paint(*canvas);
    overlay.texture = upload(renderer, *canvas, false);
    overlay.box = box;
    overlay.key = key;
}

void BrowseView::draw_language_strip(SDL_Renderer* renderer, const Catalog& catalog, int w, int h, Uint64 now,
                                     const std::string& slide_language) {
    if (!m_painter || catalog.categories.empty())
        return;
    std::size_t hint = static_cast<std::size_t>(now / 4000);
    auto shown = std::find(catalog.languages.begin(), catalog.languages.end(), slide_language);
    if (shown != catalog.languages.end())
        hint = static_cast<std::size_t>(shown - catalog.languages.begin());
    Box box = m_painter->language_strip_box(catalog, w, h);
    std::string key = std::to_string(hint % std::max<std::size_t>(1, catalog.languages.size()));
    for (const auto& l : catalog.languages)
        key += "/" + l;
    paint_overlay(renderer, m_strip, box, key, [&](Canvas& c) {
        return m_painter->paint_language_strip(c, catalog, w, h, hint);
    });
    if (m_strip.texture) {
        SDL_Rect dst = rect(m_strip.box);
        SDL_RenderCopy(renderer, m_strip.texture.get(), nullptr, &dst);
    }
}

std::optional<Command> BrowseView::hit_language_strip(int x, int y) const {
    if (!m_strip.texture)
        return std::nullopt;
    return hit_in(m_strip.targets, x, y);
}

void BrowseView::draw_still_there(SDL_Renderer* renderer, const std::string& lang, int seconds, int w, int h) {
    if (!m_painter)
        return;
    Box box = m_painter->still_there_box(w, h);
    paint_overlay(renderer, m_still_there, box, lang + "/" + std::to_string(seconds), [&](Canvas& c) {
        return m_painter->paint_still_there(c, lang, seconds, w, h);
    });
    // The screen beneath is dimmed, so the question is plainly the thing to answer.
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer, 0, 0, 0, 140);
    SDL_RenderFillRect(renderer, nullptr);
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
    if (m_still_there.texture) {
        SDL_Rect dst = rect(m_still_there.box);
        SDL_RenderCopy(renderer, m_still_there.texture.get(), nullptr, &dst);
    }
}

void BrowseView::draw_notice(SDL_Renderer* renderer, NoticeMode mode, const std::string& text,
                             const std::string& heading, const std::string& lang, int w, int h, Uint64 now) {
    if (!m_painter)
        return;
    Box box = m_painter->notice_box(mode, w, h);
    std::string key = std::to_string(static_cast<int>(mode)) + "/" + lang + "/" + heading + "/" + text;
    if (key != m_notice_text || !(m_notice.box == box)) {
        m_notice_text = key;
        m_notice_since = now;
        m_notice_fit = m_painter->notice_fit(mode, text, heading, lang, w, h);
    }
    m_notice_page = m_notice_fit.page_at(static_cast<std::int64_t>(now - m_notice_since));
    paint_overlay(renderer, m_notice, box, key + "/" + std::to_string(m_notice_page), [&](Canvas& c) {
        m_painter->paint_notice(c, mode, text, heading, lang, w, h, m_notice_page);
        return std::vector<HitTarget>{};
    });
    if (m_notice.texture) {
        SDL_Rect dst = rect(m_notice.box);
        SDL_RenderCopy(renderer, m_notice.texture.get(), nullptr, &dst);
    }
}

bool BrowseView::notice_page_due(Uint64 now) const {
    return !m_notice_text.empty() && m_notice_fit.pages > 1 &&
           m_notice_fit.page_at(static_cast<std::int64_t>(now - m_notice_since)) != m_notice_page;
}

void BrowseView::work_ahead(const BrowseState& state, const Catalog& catalog, int w, int h) {
    if (!m_painter)
        return;
    BrowseState shown = state;
    shown.still_there = false;
    // Each call lays out one likely next screen; a few per idle turn keep the turn short.
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(4);
    while (m_painter->prefetch(shown, catalog, w, h) && std::chrono::steady_clock::now() < until) {
    }
}

int BrowseView::banner_height(int w, int h) const {
    return m_painter ? m_painter->notice_box(NoticeMode::Banner, w, h).h : 0;
}

void BrowseView::set_bottom_inset(bool banner, int w, int h) {
    if (!m_painter)
        return;
    m_painter->set_bottom_inset(0);
    m_painter->set_bottom_inset(banner ? m_painter->notice_box(NoticeMode::Banner, w, h).h : 0);
    m_painted_state.reset(); // painted again with the room kept free
    m_strip = Overlay{};
}

void BrowseView::finish_pictures() {
    if (!m_painter)
        return;
    m_painter->finish_pictures(); // which takes in what arrived: the screen is painted again with it
    m_painted_state.reset();
}

} // namespace kiosk
