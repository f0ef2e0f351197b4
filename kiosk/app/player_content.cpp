// The player's packs and the attract loop's views: preparing a pack off the main thread, adopting it,
// following the schedule, painting views ahead, and leaving out what cannot be shown.
#include "app/player.hpp"
#include "app/player_parts.hpp"
#include "base/log.hpp"
#include "render/builtin_screen.hpp"
#include "render/theme.hpp"

#include <algorithm>

namespace kiosk {

using namespace player_parts;

namespace {

void clear_box(SDL_Renderer* r, SDL_Rect box) {
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, theme::kHeader.r, theme::kHeader.g, theme::kHeader.b, 255);
    SDL_RenderFillRect(r, &box);
}

} // namespace

Result<Player::Prepared> Player::prepare(std::pair<int, int> expected_size) const {
    Prepared prepared;
    prepared.store_link = store_state();
    auto pack = m_pack_file ? load_from_file(*m_pack_file, m_keys) : load_from_store(m_store);
    if (!pack)
        return pack.error();
    prepared.profile = m_profile;
    if (const DisplayProfile* profile = pack->content.find_profile(m_config.profile))
        prepared.profile = *profile;
    else
        log_warn(unknown_profile_message(m_config.profile, &pack->content) + "; using " + m_profile.name);
    // Other publishers' channels join as the station's own content says, each from its own store.
    for (const auto& rule : pack->content.merge) {
        const Store* store = m_pack_file ? nullptr : m_stores.also(rule.channel);
        if (!store) {
            if (!m_pack_file)
                log_warn("the content merges channel '" + rule.channel +
                         "', which this station does not play "
                         "(add it to also_channels in the configuration to play it)");
            continue;
        }
        auto merged = load_from_store(*store);
        if (!merged) {
            log_warn("channel '" + rule.channel + "' is not played: " + merged.error().message);
            continue;
        }
        prepared.merged.push_back(std::move(merged.value()));
    }
    std::vector<const Content*> contents{&pack->content};
    for (const auto& merged : prepared.merged)
        contents.push_back(&merged.content);
    auto scheduled = schedule_views(contents, prepared.profile, m_clock.local_time());
    prepared.views = std::move(scheduled.views);
    prepared.basis = scheduled.basis;
    if (!scheduled.note.empty())
        log_warn("schedule: " + scheduled.note);
    if (prepared.views.empty())
        return make_error(ErrorCode::NotFound, "the active pack has no slides");
    // The first view is painted here too, at the size the screen is expected to have, so that at start
    // it is painted while the display opens; adopt() uses it if the screen has that size.
    m_text.set_content_fonts(pack->fonts);
    m_text.set_kept_names(pack->content.keep_together);
    auto [w, h] = expected_size;
    if (auto canvas = Canvas::create(w, h)) {
        {
            const SlideView& first = prepared.views.front();
            const LoadedPack& source = first.source == 0 ? pack.value() : prepared.merged[first.source - 1];
            SlidePainter painter(*canvas, m_text, source.content, *source.objects, prepared.profile);
            painter.set_bottom_inset(
                attract_strip_height(prepared.profile, pack->content, w, h, m_config.screen_inches));
            painter.paint(first, w, h);
        }
        prepared.first_view = std::move(canvas.value());
    }
    prepared.pack = std::move(pack.value());
    return prepared;
}

void Player::adopt(Result<Prepared> prepared) {
    stop_media(); // its film or map refers to the pack being replaced
    m_next_video.reset();
    m_next_video_view = SIZE_MAX;
    m_textures.clear();
    m_painters.clear();
    m_loop.reset();
    m_browse.clear(); // it refers to the pack being replaced
    m_merged.clear();
    m_pack.reset();
    m_builtin.reset();
    m_reported.clear();
    m_film_failed.clear();
    if (!prepared) {
        m_watch.adopted(store_state());
        m_failure = prepared.error().message;
        log_error("nothing to play: " + m_failure);
        refresh_catalog(true);
        return;
    }
    m_watch.adopted(prepared->store_link);
    m_profile = prepared->profile;
    m_pack = std::move(prepared->pack);
    m_merged = std::move(prepared->merged);
    m_basis = prepared->basis;
    m_schedule_minute = m_clock.local_time().minute;
    m_text.set_content_fonts(m_pack->fonts);
    m_text.set_kept_names(m_pack->content.keep_together);
    start_loop(std::move(prepared->views));
    auto& first = prepared->first_view;
    bool fits = first && first->surface()->w == m_width && first->surface()->h == m_height;
    if (fits) {
        if (auto texture = upload(m_display.renderer.get(), *first))
            m_textures.insert(view_key(0), std::move(texture));
        m_canvas = std::move(*first);
    }
    m_browse.set_packs(packs(), m_profile);
    refresh_catalog(true);
    log_info("playing channel " + m_pack->objects->manifest().channel + " version " +
             std::to_string(m_pack->objects->manifest().version) + " (" +
             std::to_string(m_loop->views().size()) + " views, profile " + m_profile.name + ")");
}

std::string Player::store_state() const {
    return read_link(m_store.root() / "current") + store_links();
}

bool Player::ensure_painter() {
    if (m_canvas && (m_canvas->surface()->w != m_width || m_canvas->surface()->h != m_height)) {
        m_painters.clear();
        m_canvas.reset();
    }
    if (!m_canvas) {
        auto canvas = Canvas::create(m_width, m_height);
        if (!canvas) {
            log_error("cannot paint: " + canvas.error().message);
            return false;
        }
        m_canvas = std::move(canvas.value());
    }
    return true;
}

SlidePainter* Player::painter_for(std::size_t source) {
    if (!m_pack || !ensure_painter() || source > m_merged.size())
        return nullptr;
    if (m_painters.size() <= source)
        m_painters.resize(source + 1);
    if (!m_painters[source]) {
        const LoadedPack& pack = pack_of(source);
        m_painters[source] =
            std::make_unique<SlidePainter>(*m_canvas, m_text, pack.content, *pack.objects, m_profile);
        // The language strip, and above it a notice banner when one shows, keep the bottom free.
        int banner = m_watch.banner() ? m_browse.banner_height(m_width, m_height) : 0;
        m_painters[source]->set_bottom_inset(
            attract_strip_height(m_profile, m_pack->content, m_width, m_height, m_config.screen_inches) +
            banner);
    }
    return m_painters[source].get();
}

std::vector<const Content*> Player::contents() const {
    std::vector<const Content*> out;
    if (m_pack)
        out.push_back(&m_pack->content);
    for (const auto& merged : m_merged)
        out.push_back(&merged.content);
    return out;
}

std::vector<const LoadedPack*> Player::packs() const {
    std::vector<const LoadedPack*> out;
    if (m_pack)
        out.push_back(&*m_pack);
    for (const auto& merged : m_merged)
        out.push_back(&merged);
    return out;
}

std::string Player::store_links() const {
    // A key certified or revoked while the kiosk runs changes what may play: load again as for a new pack.
    std::string links = "|keys " + std::to_string(m_keys.generation());
    for (const auto& channel : m_stores.also_channels())
        if (const Store* store = m_stores.also(channel))
            links += "|" + read_link(store->root() / "current");
    return links;
}

void Player::start_loop(std::vector<SlideView> views) {
    m_loop.emplace(std::move(views));
    for (std::size_t i = 0; i < m_loop->views().size(); ++i)
        if (pack_of(m_loop->views()[i].source).slide_damaged(slide_of(m_loop->views()[i])))
            m_loop->exclude(i); // logged by the loader, object by object
}

void Player::reschedule() {
    LocalTime now = m_clock.local_time();
    if (!m_pack || !m_loop || now.minute == m_schedule_minute)
        return;
    m_schedule_minute = now.minute;
    auto scheduled = schedule_views(contents(), m_profile, now);
    if (scheduled.views.empty() || (scheduled.views == m_loop->views() && scheduled.basis == m_basis))
        return;
    if (scheduled.basis != m_basis || !scheduled.note.empty())
        log_info("schedule: " +
                 (scheduled.note.empty() ? std::string("scheduled content plays again") : scheduled.note));
    m_basis = scheduled.basis;
    log_info("schedule: the loop now has " + std::to_string(scheduled.views.size()) + " views");
    // A new loop: what was painted and opened for the old one's view numbers no longer applies.
    stop_media();
    m_next_video.reset();
    m_next_video_view = SIZE_MAX;
    m_textures.clear();
    start_loop(std::move(scheduled.views));
    m_loop_state.dirty = true;
}

SDL_Texture* Player::view_texture(std::size_t index) {
    if (SDL_Texture* cached = m_textures.find(view_key(index)))
        return cached;
    const SlideView& view = m_loop->views()[index];
    SlidePainter* painter = painter_for(view.source);
    if (!painter)
        return nullptr;
    painter->paint(view, m_width, m_height);
    const Slide& slide = slide_of(view);
    // A film or map covers the picture: only a slide whose picture is all it shows is left out for it.
    if (!slide.image.empty() && slide.video.empty() && slide.map.empty() &&
        painter->image_failed(slide.image))
        leave_out(index, "its picture '" + slide.image + "' cannot be shown");
    auto texture = upload(m_display.renderer.get(), *m_canvas);
    if (!texture)
        return nullptr;
    return m_textures.insert(view_key(index), std::move(texture));
}

void Player::fit_texture_budget() {
    // A crossfade holds two views while a third may be painted: those must never push each other out.
    auto screen = static_cast<std::size_t>(m_width) * static_cast<std::size_t>(m_height) * 4;
    m_textures.set_budget(std::max(m_config.texture_budget, 3 * screen));
}

void Player::screen_resized() {
    SDL_GetRendererOutputSize(m_display.renderer.get(), &m_width, &m_height);
    fit_texture_budget();
    m_textures.clear();
    m_builtin.reset();
    stop_media(); // opened again, in its box at the new size, on the next turn of the loop
    m_next_video.reset();
    m_next_video_view = SIZE_MAX;
}

void Player::leave_out(std::size_t index, const std::string& why) {
    if (m_loop->excluded(index))
        return;
    report("slide '" + slide_of(m_loop->views()[index]).id + "' is left out of the loop: " + why);
    m_loop->exclude(index);
}

void Player::report(const std::string& problem) {
    if (m_reported.insert(problem).second) // once per pack, not once per language view and turn of the loop
        log_error(problem);
}

void Player::still_or_leave_out(std::size_t index, const std::string& why) {
    const SlideView& view = m_loop->views()[index];
    const Slide& slide = slide_of(view);
    SlidePainter* painter = painter_for(view.source);
    bool still = !slide.image.empty() && !pack_of(view.source).damaged.count(slide.image) &&
                 !(painter && painter->image_failed(slide.image));
    if (still)
        report("slide '" + slide.id + "': " + why + "; it shows its still picture instead");
    else
        leave_out(index, why);
}

void Player::draw(bool fading) {
    SDL_Renderer* r = m_display.renderer.get();
    if (!m_loop) {
        if (!m_builtin && ensure_painter()) {
            std::string name = m_config.station_name.empty() ? m_config.station : m_config.station_name;
            paint_builtin_screen(*m_canvas, m_text, m_width, m_height, name, m_failure);
            m_builtin = upload(r, *m_canvas);
        }
        if (m_builtin)
            SDL_RenderCopy(r, m_builtin.get(), nullptr, nullptr);
        return;
    }
    std::size_t current = m_loop->index();
    std::size_t previous = m_loop->previous_index();
    SDL_Texture* now = view_texture(current);
    if (!now) // Painting failed (logged): a calm background, never garbage.
        return clear(r, theme::kBackground);
    // Views are opaque: a plain copy, except for the incoming view of a crossfade, blended over the last.
    if (fading) {
        if (SDL_Texture* before = view_texture(previous)) {
            SDL_SetTextureBlendMode(before, SDL_BLENDMODE_NONE);
            SDL_RenderCopy(r, before, nullptr, nullptr);
            // A film fading out leaves its box dark, not the still painted beneath it.
            const SlideView& last = m_loop->views()[previous];
            if (!slide_of(last).video.empty() && !same_slide(last, m_loop->current()) &&
                !m_film_failed.count({last.source, last.slide}))
                if (SlidePainter* painter = painter_for(last.source)) {
                    SDL_Rect box = painter->media_area(last, m_width, m_height);
                    clear_box(r, box);
                }
        }
        SDL_SetTextureBlendMode(now, SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(now, static_cast<Uint8>(m_loop->fade_in() * 255.0f));
    } else {
        SDL_SetTextureBlendMode(now, SDL_BLENDMODE_NONE);
        SDL_SetTextureAlphaMod(now, 255);
    }
    // A film fading in shows in its box alone: the still painted beneath it is left out of the copy, so
    // the box holds the view before, then the film over its dark bars, never the still's edges.
    SDL_Rect film{};
    if (fading && m_media_view == current && m_media.film() && m_media.film()->texture())
        film = m_media.area();
    if (film.w > 0 && film.h > 0) {
        SDL_Rect parts[4] = {{0, 0, m_width, film.y},
                             {0, film.y + film.h, m_width, m_height - film.y - film.h},
                             {0, film.y, film.x, film.h},
                             {film.x + film.w, film.y, m_width - film.x - film.w, film.h}};
        for (const SDL_Rect& part : parts)
            if (part.w > 0 && part.h > 0)
                SDL_RenderCopy(r, now, &part, &part);
    } else {
        SDL_RenderCopy(r, now, nullptr, nullptr);
    }
    if (m_media_view == current) { // a film playing on across languages stays opaque
        bool blend = fading && !m_film_continues;
        m_media.draw(r, m_text, m_height, static_cast<Uint64>(m_clock.steady_ms()),
                     MediaFade{blend ? static_cast<Uint8>(m_loop->fade_in() * 255.0f) : Uint8{255}});
    }
}

} // namespace kiosk
