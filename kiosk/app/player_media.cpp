// The attract loop's films and maps in its media slot, and the films of travellers' pages: opened when
// their view comes (the next view's film ahead), checked before they are first shown, stopped with a note.
#include "app/player.hpp"
#include "app/player_parts.hpp"
#include "base/log.hpp"

namespace kiosk {

namespace {

constexpr Uint64 kExploreHoldMs = 30000; // a touched map keeps its slide this long after the last touch

} // namespace

Result<std::unique_ptr<VideoView>> Player::open_page_film(const LoadedPack& pack, const Slide& slide) {
    if (pack.damaged.count(slide.video))
        return make_error(ErrorCode::Hash, "it is damaged on this station's disk");
    if (pack.film_checks && pack.film_checks->state(slide.video) == FilmChecks::State::Pending)
        return make_error(ErrorCode::NotFound, "it is still being checked");
    auto where = TRY(pack.objects->locate(slide.video));
    // On a page the traveller chose the film: it plays with its sound, once, with controls.
    auto media = TRY(MediaPlayback::open_range(where.file, where.offset, where.size, Loop::Once,
                                               slide.muted ? Sound::Off : Sound::On, decoding_for(m_config)));
    return VideoView::create(m_display.renderer.get(), std::move(media),
                             slide.volume * m_config.volume_now());
}

void Player::stop_media() {
    VideoView* film = m_media.film();
    if (film && film->stats().presented > 0 && m_loop && m_media_view < m_loop->views().size()) {
        // A film stopped before its first frame has nothing to say.
        const auto& s = film->stats();
        const Slide& slide = slide_of(m_loop->views()[m_media_view]);
        log_info("film on slide '" + slide.id + "': shown " + std::to_string(s.presented) +
                 " frames, dropped " + std::to_string(s.dropped) + ", A/V sync error at most " +
                 std::to_string(static_cast<int>(s.sync_error_max_ms)) + " ms");
    }
    m_media.clear();
    m_media_view = SIZE_MAX;
    m_film_continues = false;
}

bool Player::film_checked(const SlideView& view) const {
    const LoadedPack& pack = pack_of(view.source);
    return !pack.film_checks || pack.film_checks->state(slide_of(view).video) != FilmChecks::State::Pending;
}

Result<std::unique_ptr<VideoView>> Player::open_film(const SlideView& view) {
    const LoadedPack& pack = pack_of(view.source);
    const Slide& slide = slide_of(view);
    if (pack.damaged.count(slide.video))
        return make_error(ErrorCode::Hash, "it is damaged on this station's disk");
    auto where = TRY(pack.objects->locate(slide.video));
    auto media = TRY(MediaPlayback::open_range(where.file, where.offset, where.size,
                                               slide.loop ? Loop::Forever : Loop::Once,
                                               slide.muted ? Sound::Off : Sound::On, decoding_for(m_config)));
    return VideoView::create(m_display.renderer.get(), std::move(media),
                             slide.volume * m_config.volume_now());
}

void Player::preload_video() {
    if (!m_loop || !m_pack || m_loop->fading())
        return;
    std::size_t next = m_loop->next_index();
    const SlideView& view = m_loop->views()[next];
    const Slide& slide = slide_of(view);
    bool same_film =
        m_media.film() && m_media_view != SIZE_MAX && same_slide(m_loop->views()[m_media_view], view);
    if (next == m_next_video_view || slide.video.empty() || same_film)
        return;
    if (!film_checked(view))
        return; // asked again next frame
    m_next_video_view = next;
    auto film = open_film(view); // it decodes its first frames now, and waits to be shown
    if (film)
        m_next_video = std::move(film.value());
    else
        m_next_video.reset(); // sync_media tries again, and reports, when its view comes
}

void Player::sync_media() {
    std::size_t index = m_loop && m_pack ? m_loop->index() : SIZE_MAX;
    if (index == m_media_view)
        return; // this showing has had its film or map opened, or tried: a bad one is not retried every frame
    if (index == SIZE_MAX) {
        stop_media();
        return;
    }
    const SlideView& view = m_loop->views()[index];
    const Slide& slide = slide_of(view);
    const LoadedPack& pack = pack_of(view.source);
    // In a dual-language view the visitor's language is the second; the first is the station's own.
    const std::string& lang = view.languages.back();
    // The next language of the same slide: the film plays on, only its subtitles change language.
    bool continues =
        m_media.film() && m_media_view != SIZE_MAX && same_slide(m_loop->views()[m_media_view], view);
    if (continues) {
        m_media_view = index;
        m_film_continues = true;
        m_media.set_subtitles(load_subtitles(pack, slide, lang));
        return;
    }
    stop_media();
    if (!slide.video.empty() && !film_checked(view))
        return; // its still picture shows until the check is done; tried again next turn
    m_media_view = index;
    SlidePainter* painter = painter_for(view.source);
    SDL_Rect area =
        painter ? painter->media_area(view, m_width, m_height) : SDL_Rect{0, 0, m_width, m_height};
    if (!slide.video.empty()) {
        Result<std::unique_ptr<VideoView>> film = make_error(ErrorCode::NotFound, "");
        if (m_next_video && m_next_video_view == index)
            film = std::move(m_next_video);
        else
            film = open_film(view);
        m_next_video.reset();
        m_next_video_view = SIZE_MAX;
        if (!film) {
            m_film_failed.insert({view.source, view.slide}); // its still shows, also as it fades out
            still_or_leave_out(index, "film '" + slide.video + "' cannot play: " + film.error().message);
            return;
        }
        m_media.play_film(std::move(film.value()), area);
        m_media.set_subtitles(load_subtitles(pack, slide, lang));
    } else if (!slide.map.empty()) {
        auto map = pack.damaged.count(slide.map)
                       ? Result<std::unique_ptr<MapView>>(
                             make_error(ErrorCode::Hash, "map '" + slide.map + "' is damaged on this disk"))
                       : MapView::open(*pack.objects, slide.map, area);
        if (!map) {
            still_or_leave_out(index, map.error().message);
            return;
        }
        m_media.show_map(std::move(map.value()));
    }
}

bool Player::exploring(Uint64 now) const {
    return m_media.touching() || (m_media.touched() && now - m_media.touched() < kExploreHoldMs);
}

} // namespace kiosk
