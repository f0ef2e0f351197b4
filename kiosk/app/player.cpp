// The main loop: one thread owns the display; each turn polls events, updates, draws the layers and
// presents. Views are painted in software onto a canvas (the same pixels as `kiosk --screenshot`),
// uploaded once as textures and crossfaded. The player's other files: player_content.cpp (packs and the
// loop's views), player_media.cpp (the loop's films and maps), player_session.cpp (travellers, the
// operator, telemetry).
#include "app/player.hpp"

#include "app/player_parts.hpp"
#include "base/log.hpp"
#include "content/ui_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <future>
#include <sys/resource.h>

namespace kiosk {

using namespace player_parts;

namespace {

constexpr std::uint32_t kIdleWaitMs = 100;
constexpr std::uint32_t kMaxStepMs = 1000;

const DisplayProfile& builtin_profile(const std::string& name) {
    for (const auto& p : builtin_profiles())
        if (p.name == name)
            return p;
    return builtin_profiles().front();
}

std::optional<NoticeBoard> open_notices(const KioskConfig& config, const Store& store,
                                        const TrustedKeys& keys) {
    auto board = NoticeBoard::open(store.root() / "notices", keys, config.station, config.channel);
    if (!board) {
        log_error("urgent notices cannot be shown: " + board.error().message);
        return std::nullopt;
    }
    return std::move(board.value());
}

} // namespace

void FrameStats::add(double interval_ms, double draw_ms, bool fading) {
    constexpr double kFrameMs = 1000.0 / 60.0;
    ++frames;
    draw_ms_sum += draw_ms;
    draw_ms_max = std::max(draw_ms_max, draw_ms);
    if (!fading)
        return;
    ++fade_frames;
    if (interval_ms > kFrameMs * 1.5)
        fade_missed += static_cast<long>(std::lround(interval_ms / kFrameMs)) - 1;
}

std::string FrameStats::summary(double cpu_seconds) const {
    char text[512];
    std::snprintf(text, sizeof text,
                  "frames %ld, in crossfades %ld, missed in crossfades %ld; draw mean %.2f ms, max %.2f ms; "
                  "CPU %.2f ms per frame",
                  frames, fade_frames, fade_missed, frames ? draw_ms_sum / static_cast<double>(frames) : 0.0,
                  draw_ms_max, frames ? cpu_seconds * 1000.0 / static_cast<double>(frames) : 0.0);
    std::string out = text;
    if (!touch_ms.empty()) {
        std::vector<double> sorted = touch_ms;
        std::sort(sorted.begin(), sorted.end());
        double sum = 0;
        for (double v : sorted)
            sum += v;
        std::snprintf(text, sizeof text,
                      "; touches answered %zu, touch-to-screen mean %.1f ms, p95 %.1f ms, max %.1f ms",
                      sorted.size(), sum / static_cast<double>(sorted.size()),
                      sorted[std::min(sorted.size() - 1, sorted.size() * 95 / 100)], sorted.back());
        out += text;
    }
    return out;
}

Player::Player(const KioskConfig& config, TextEngine& text, ChannelStores& stores, const TrustedKeys& keys,
               std::optional<std::filesystem::path> pack_file, const AppClock& clock, PlayerStation station)
    : m_config(config), m_text(text), m_stores(stores), m_store(stores.own()), m_keys(keys),
      m_pack_file(std::move(pack_file)), m_clock(clock), m_station(station),
      m_profile(builtin_profile(config.profile)), m_textures(config.texture_budget),
      m_browse(config, text,
               [this](const LoadedPack& pack, const Slide& slide) { return open_page_film(pack, slide); }),
      m_watch(
          config, clock, open_notices(config, stores.own(), keys),
          m_pack_file ? std::function<std::string()>() : [this] { return store_state(); }),
      m_plays(station.telemetry) {
    m_operator = std::make_unique<OperatorView>(text, operator_services(), config.screen_inches);
}

Player::~Player() {
    record_play(m_clock.unix_ms()); // the view on screen when the player stops was shown too
    if (m_interaction) // a traveller still there when the kiosk stops: the visit is recorded as ended
        on_effects(m_interaction->stop(m_clock.steady_ms()));
}

void Player::draw_notice(Uint64 now) {
    const std::optional<Notice>& notice = m_watch.notice();
    if (!notice)
        return;
    // The notice follows the language on screen: the traveller's while browsing; in the loop the view's
    // (in a two-language view the one that changes, the visitor's, first).
    std::vector<std::string> on_screen;
    if (m_interaction && !m_interaction->state().language.empty())
        on_screen.push_back(m_interaction->state().language);
    else if (m_loop && !m_loop->current().languages.empty())
        on_screen.assign(m_loop->current().languages.rbegin(), m_loop->current().languages.rend());
    std::string lang = notice->language_for(on_screen);
    const std::string& text = notice->text_in(lang);
    std::string heading =
        m_pack ? ui_text(m_pack->content, "urgent_notice", lang) : "Thông báo khẩn / Urgent notice";
    m_browse.draw_notice(m_display.renderer.get(), notice->mode, text, heading, lang, m_width, m_height, now);
}

void Player::watch_station(Uint64 now) {
    StationChanges changes = m_watch.poll(static_cast<std::int64_t>(now));
    if (auto& jump = changes.clock_jump) {
        record(ClockEvent{m_clock.unix_ms(), jump->direction == ClockJump::Direction::Backward
                                                 ? -jump->size_ms
                                                 : jump->size_ms});
        m_schedule_minute = INT64_MIN; // what shows follows the new time at once
        refresh_catalog(true);
    }
    if (changes.display) {
        if (m_station.power)
            m_station.power->set(*changes.display);
        if (!*changes.display) { // nothing plays to a dark screen
            record_play(m_clock.unix_ms());
            stop_media();
        }
        m_loop_state.dirty = true;
    }
    if (changes.minute && m_media.film() && m_loop && m_media_view < m_loop->views().size())
        m_media.film()->set_volume(slide_of(m_loop->views()[m_media_view]).volume * m_config.volume_now());
    if (changes.notice) {
        bool banner_before = m_banner_inset;
        m_banner_inset = m_watch.banner();
        m_browse.set_bottom_inset(m_banner_inset, m_width, m_height);
        if (m_banner_inset !=
            banner_before) { // the loop's views are painted again around the banner, or without it
            m_painters.clear();
            for (std::size_t i = 0; m_loop && i < m_loop->views().size(); ++i)
                m_textures.erase(view_key(i));
        }
        m_loop_state.dirty = true;
    }
    if (changes.store) {
        log_info("the active pack changed; reloading");
        adopt(prepare({m_width, m_height}));
        m_loop_state.dirty = true;
    }
}

bool Player::busy() const {
    return (m_loop && m_loop->fading()) || (m_media.film() && !m_media.film()->ended()) ||
           m_browse.media_playing() || (m_interaction && m_interaction->state().still_there);
}

bool Player::waiting_for_work() const {
    if (!m_media.settled() || (screen() != Screen::Attract && !m_browse.media_settled()))
        return true;
    if (m_operator && m_operator->is_open() && m_operator->busy()) // a PIN being checked, an export
        return true;
    if (m_loop && m_pack) {
        if (!slide_of(m_loop->current()).video.empty() && !film_checked(m_loop->current()))
            return true;
    }
    return false;
}

Status Player::start(const PlayerOptions& options) {
    // The pack is read, verified and parsed on a worker thread while the display opens.
    std::pair<int, int> expected = options.size.value_or(std::pair{m_profile.width, m_profile.height});
    auto pending = std::async(std::launch::async, [this, expected] { return prepare(expected); });
    TRY(init_video());
    std::optional<Result<Prepared>> prepared;
    auto size = options.size;
    if (options.profile_size && !size) { // the screen must have the size of the content's profile
        prepared.emplace(pending.get());
        size = *prepared ? std::pair{(*prepared)->profile.width, (*prepared)->profile.height} : expected;
    }
    m_display = TRY(open_display(m_config, {m_profile.width, m_profile.height}, size));
    SDL_GetRendererOutputSize(m_display.renderer.get(), &m_width, &m_height);
    fit_texture_budget();
    log_info("display " + m_display.description);
    adopt(prepared ? std::move(*prepared) : pending.get());
    m_loop_state.last = m_loop_state.start = m_clock.steady_ms();
    m_loop_state.last_present = std::chrono::steady_clock::now();
    return {};
}

void Player::start_usb() {
    // A pack played from a file (--content) is a preview: nothing is installed on that station.
    if (!m_config.usb_install || m_pack_file)
        return;
    InstallContext context{
        m_stores,         m_config, m_keys, m_station.telemetry, [this] { return m_clock.unix_ms(); },
        m_station.keyring};
    m_usb_installer = std::make_unique<UsbInstaller>(std::move(context), m_config.usb_root,
                                                     m_store.root() / "usb-sticks-handled");
    m_usb_view = std::make_unique<UsbView>(m_text, *m_usb_installer, m_config.screen_inches, m_profile.touch);
    log_info("usb: watching for sticks mounted under " + m_config.usb_root.string());
}

int Player::run(const PlayerOptions& options) {
    if (auto started = start(options); !started) {
        std::fprintf(stderr, "kiosk: %s\n", started.error().message.c_str());
        return 2;
    }
    start_usb();
    while (true)
        if (auto status = turn(options, Waiting::Allowed))
            return *status;
}

std::optional<int> Player::turn(const PlayerOptions& options, Waiting waiting) {
    LoopState& st = m_loop_state;
    if (auto stop = poll(waiting))
        return stop;
    auto now = static_cast<Uint64>(m_clock.steady_ms());
    auto dt = static_cast<std::uint32_t>(std::min<Uint64>(now - st.last, kMaxStepMs));
    st.last = now;
    update(now, dt);
    bool fading = m_loop && m_loop->fading();
    if (!fading) // the next crossfade's first frame follows a pause, which is not a missed frame
        st.was_fading = false;
    if (st.dirty || fading) {
        auto frame_start = std::chrono::steady_clock::now();
        draw_layers(now, fading);
        if (auto stop = present(options, frame_start, fading))
            return stop;
        auto spent =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_start);
        if (!m_display.vsync && spent.count() < 16 && waiting == Waiting::Allowed)
            SDL_Delay(static_cast<Uint32>(16 - spent.count()));
    } else {
        work_ahead(waiting);
    }
    return finished(options, now);
}

std::optional<int> Player::poll(Waiting waiting) {
    LoopState& st = m_loop_state;
    bool moving = (m_loop && m_loop->fading()) || m_media.moving();
    SDL_Event event;
    bool got = moving || waiting == Waiting::Never ? SDL_PollEvent(&event)
                                                   : SDL_WaitEventTimeout(&event, st.dirty ? 0 : kIdleWaitMs);
    for (; got; got = SDL_PollEvent(&event)) {
        if (event.type == SDL_QUIT)
            return 0;
        if (event.type == SDL_KEYDOWN && !m_config.fullscreen &&
            (event.key.keysym.sym == SDLK_ESCAPE || event.key.keysym.sym == SDLK_q))
            return 0;
        if (event.type == SDL_WINDOWEVENT || event.type == SDL_RENDER_DEVICE_RESET) {
            if (event.type == SDL_RENDER_DEVICE_RESET || event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
                screen_resized();
            st.dirty = true;
        }
        route(event);
    }
    return std::nullopt;
}

void Player::route(const SDL_Event& event) {
    // One path for every touch, whatever the screen holds: the USB overlay while it shows, then the
    // operator's screen, then the film or map under the finger (only touches that begin on it), then the
    // gestures that reach the painted buttons.
    if (m_usb_view && m_usb_view->handle(event)) {
        m_loop_state.dirty =
            true; // the USB install's overlay takes touches while it shows (one closes the result)
        return;
    }
    if (screen() == Screen::Operator) {
        // Everything is the operator's: keys for the PIN, touches for the menu and the tests.
        if (m_operator->handle(event, m_width, m_height, m_clock.steady_ms()))
            m_loop_state.dirty = true;
        if (event.type == SDL_FINGERDOWN || event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_KEYDOWN)
            apply(Command{Command::Kind::Touch}); // an operator at work is not an operator gone
        return;
    }
    // A screen without touch (an LED wall) still answers a mouse, for whoever installs it.
    bool mouse =
        event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP || event.type == SDL_MOUSEMOTION;
    if (!m_profile.touch && !mouse)
        return;
    auto at = static_cast<Uint64>(m_clock.steady_ms());
    bool media = false;
    if (screen() == Screen::Attract) {
        media = m_media.handle(event, m_width, m_height, at);
    } else if (!(m_interaction && m_interaction->state().still_there)) {
        media = m_browse.handle_media(event, m_width, m_height, at);
        if (media)
            apply(Command{Command::Kind::KeepAlive});
    }
    if (media) {
        m_input.cancel();
        m_loop_state.dirty = true;
    } else if (auto gesture = m_input.handle(event, m_width, m_height, m_clock.steady_ms())) {
        m_event_ticks = event.common.timestamp;
        on_gesture(*gesture);
        m_event_ticks = 0;
    }
}

void Player::update(Uint64 now, std::uint32_t dt) {
    LoopState& st = m_loop_state;
    if (m_media.touched() && !exploring(now)) { // the traveller has gone: the whole map, the film playing
        m_media.rest();
        st.dirty = true;
    }
    if (auto gesture = m_input.poll(m_clock.steady_ms()))
        on_gesture(*gesture);
    sync_operator();
    if (screen() == Screen::Operator && m_operator->update(m_clock.steady_ms()))
        st.dirty = true;
    watch_station(now);
    if (m_watch.notice() && m_browse.notice_page_due(now)) // a notice too long for one page shows its next
        st.dirty = true;
    if (m_usb_view && m_usb_view->update(m_clock.steady_ms()))
        st.dirty = true;
    refresh_catalog(false);
    reschedule();
    if (m_interaction) {
        if (m_browse.watching() && now - m_kept_alive >= 1000) { // a traveller watching a film is there
            m_kept_alive = now;
            apply(Command{Command::Kind::KeepAlive});
        }
        BrowseState before = m_interaction->state();
        on_effects(m_interaction->tick(m_clock.steady_ms()));
        if (!(m_interaction->state() == before))
            st.dirty = true;
        int countdown = m_interaction->countdown_seconds(m_clock.steady_ms());
        if (countdown != m_countdown_shown) {
            m_countdown_shown = countdown;
            st.dirty = true;
        }
    }
    bool browsing = screen() != Screen::Attract;
    if (browsing && m_browse.update(m_display.renderer.get(), m_interaction->state(),
                                    m_interaction->catalog(), m_width, m_height, now))
        st.dirty = true;
    if (m_loop && !browsing && !display_off() && !takeover() && !exploring(now) && m_loop->advance(dt))
        st.dirty = true;
    if (m_loop && !browsing && !display_off() && m_loop->index() != m_plays.loop_view())
        record_play(m_clock.unix_ms());
    if (!browsing && !display_off())
        sync_media();
    if (m_media.update(m_display.renderer.get(), now))
        st.dirty = true;
}

void Player::draw_layers(Uint64 now, bool fading) {
    // From the bottom: the screen (operator, dark, a traveller's, or the loop with its language strip),
    // then "Still there?", then an urgent notice, then the USB install.
    SDL_Renderer* r = m_display.renderer.get();
    if (screen() == Screen::Operator) {
        m_operator->draw(r, m_width, m_height, m_clock.steady_ms());
    } else if (display_off()) {
        clear(r, SDL_Color{0, 0, 0, 255});
    } else if (screen() != Screen::Attract) {
        m_browse.draw(r, m_width, m_height, now);
    } else {
        draw(fading);
        if (m_profile.touch && m_interaction)
            m_browse.draw_language_strip(r, m_interaction->catalog(), m_width, m_height, now,
                                         m_loop ? m_loop->current().languages.back() : std::string());
    }
    if (display_off()) // outside display hours only the operator's screen shows, over nothing else
        return;
    if (m_interaction && m_interaction->state().still_there)
        m_browse.draw_still_there(r, m_interaction->state().language, m_countdown_shown, m_width, m_height);
    if (screen() != Screen::Operator)
        draw_notice(now);
    if (m_usb_view)
        m_usb_view->draw(r, m_width, m_height);
}

std::optional<int> Player::present(const PlayerOptions& options,
                                   std::chrono::steady_clock::time_point frame_start, bool fading) {
    LoopState& st = m_loop_state;
    SDL_RenderPresent(m_display.renderer.get());
    auto presented = std::chrono::steady_clock::now();
    if (m_answering) {
        m_frame_stats.touch_ms.push_back(static_cast<double>(SDL_GetTicks() - m_answering));
        m_answering = 0;
    }
    if (!st.first) // time from the last present; a fade's first frame follows an idle wait
        m_frame_stats.add(std::chrono::duration<double, std::milli>(presented - st.last_present).count(),
                          std::chrono::duration<double, std::milli>(presented - frame_start).count(),
                          fading && st.was_fading);
    st.last_present = presented;
    st.was_fading = fading;
    st.dirty = false;
    if (st.first) {
        st.first = false;
        auto ms = std::chrono::duration<double, std::milli>(presented - options.started).count();
        if (options.exit_after_first_frame) {
            std::printf("first frame presented after %.1f ms\n", ms);
            std::fflush(stdout);
            return 0;
        }
        log_info("first frame presented after " + std::to_string(static_cast<int>(ms)) + " ms");
        if (m_config.fullscreen)
            request_fullscreen(m_display);
    }
    return std::nullopt;
}

void Player::work_ahead(Waiting waiting) {
    if (screen() != Screen::Attract && m_interaction) {
        // Lay out the screens the traveller may open next, so the answer to a touch is quick.
        m_browse.work_ahead(m_interaction->state(), m_interaction->catalog(), m_width, m_height);
    } else if (m_loop && screen() == Screen::Attract) {
        // Paint the next view ahead of time so its crossfade never waits.
        view_texture(m_loop->next_index());
        preload_video();
        if (m_media.moving() &&
            waiting == Waiting::Allowed) // a film or map tiles on their way: look again soon
            SDL_Delay(2);
    }
}

std::optional<int> Player::finished(const PlayerOptions& options, Uint64 now) {
    if (!options.run_for_seconds || (now - m_loop_state.start) < *options.run_for_seconds * 1000.0)
        return std::nullopt;
    stop_media();
    if (options.stats) {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                     static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
        std::printf("%s\n", m_frame_stats.summary(cpu).c_str());
    }
    return 0;
}

} // namespace kiosk
