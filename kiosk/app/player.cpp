// The main loop: one thread owns the display; views are painted in software onto a canvas (the same
// pixels as `kiosk --screenshot`), uploaded once as textures and crossfaded.
#include "app/player.hpp"

#include "base/log.hpp"
#include "render/builtin_screen.hpp"
#include "render/theme.hpp"
#include "content/ui_text.hpp"
#include "operator/export_bundle.hpp"
#include "operator/station_facts.hpp"
#include "operator/status_report.hpp"
#include "sync/sync_client.hpp"
#include "platform/linux/system_info.hpp"

#include <algorithm>
#include <cstdio>
#include <future>
#include <cmath>
#include <sys/resource.h>
#include <unistd.h>

namespace kiosk {

namespace {

constexpr std::uint32_t kIdleWaitMs = 100;
constexpr std::uint32_t kMaxStepMs = 1000;
constexpr Uint64 kExploreHoldMs = 30000; // a touched map keeps its slide this long after the last touch

std::string view_key(std::size_t index) {
    return "view:" + std::to_string(index);
}

const DisplayProfile& builtin_profile(const std::string& name) {
    for (const auto& p : builtin_profiles())
        if (p.name == name)
            return p;
    return builtin_profiles().front();
}

// Views are opaque, so they are uploaded without an alpha channel: a crossfade then blends by one
// constant alpha, which SDL's software renderer does several times faster than per-pixel alpha.
TexturePtr upload(SDL_Renderer* renderer, const Canvas& canvas) {
    SDL_Surface* pixels = canvas.surface();
    TexturePtr texture(
        SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STATIC, pixels->w, pixels->h));
    if (!texture || SDL_UpdateTexture(texture.get(), nullptr, pixels->pixels, pixels->pitch) != 0) {
        log_error(std::string("cannot upload a painted view: ") + SDL_GetError());
        return nullptr;
    }
    return texture;
}

void clear(SDL_Renderer* renderer, SDL_Color color) {
    SDL_SetRenderDrawColor(renderer, color.r, color.g, color.b, color.a);
    SDL_RenderClear(renderer);
}

std::optional<NoticeBoard> open_notices(const KioskConfig& config, const Store& store, const TrustedKeys& keys) {
    auto board = NoticeBoard::open(store.root() / "notices", keys, config.station, config.channel);
    if (!board) {
        log_error("urgent notices cannot be shown: " + board.error().message);
        return std::nullopt;
    }
    return std::move(board.value());
}

std::string read_link(const std::filesystem::path& link) {
    std::error_code ec;
    auto target = std::filesystem::read_symlink(link, ec);
    return ec ? std::string() : target.string();
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
        std::snprintf(text, sizeof text, "; touches answered %zu, touch-to-screen mean %.1f ms, p95 %.1f ms, max %.1f ms",
                      sorted.size(), sum / static_cast<double>(sorted.size()),
                      sorted[std::min(sorted.size() - 1, sorted.size() * 95 / 100)], sorted.back());
        out += text;
    }
    return out;
}

Player::Player(const KioskConfig& config, TextEngine& text, ChannelStores& stores, const TrustedKeys& keys,
               std::optional<std::filesystem::path> pack_file, const AppClock& clock, PlayerStation station)
    : m_config(config), m_text(text), m_stores(stores), m_store(stores.own()), m_keys(keys), m_pack_file(std::move(pack_file)), m_clock(clock),
      m_station(station),
      m_profile(builtin_profile(config.profile)), m_textures(config.texture_budget),
      m_browse(config, text, [this](const LoadedPack& pack, const Slide& slide) { return open_page_film(pack, slide); }),
      m_watch(config, clock, open_notices(config, stores.own(), keys),
              m_pack_file ? std::function<std::string()>() : [this] { return store_state(); }),
      m_plays(station.telemetry) {
    m_operator = std::make_unique<OperatorView>(text, operator_services(), config.screen_inches);
}

Player::~Player() {
    record_play(m_clock.unix_ms()); // the view on screen when the player stops was shown too
    if (m_interaction) // a traveller still there when the kiosk stops: the visit is recorded as ended
        on_effects(m_interaction->stop(m_clock.steady_ms()));
}

PackFacts pack_facts(const Manifest& m) {
    return PackFacts{m.channel, m.version, m.signer, m.created};
}

StationFacts Player::station_facts() const {
    StationFacts facts = gather_station_facts(m_config.station, m_store.root(), m_clock.unix_ms() / 1000);
    if (m_pack)
        facts.pack = pack_facts(m_pack->objects->manifest());
    facts.last_sync = sync::load_last_sync(m_store);
    return facts;
}

OperatorServices Player::operator_services() {
    OperatorServices services;
    services.facts = [this] { return station_facts(); };
    services.previous_pack = [this]() -> std::optional<PackFacts> {
        auto previous = m_store.previous_manifest();
        return previous ? std::optional<PackFacts>(pack_facts(*previous)) : std::nullopt;
    };
    services.roll_back = [this]() -> Result<std::string> {
        // The store is the player's to change only here: the operator asked, after a confirmation.
        auto back = m_store.roll_back();
        if (!back) {
            record(InstallEvent{m_clock.unix_ms(), "", 0, InstallOutcome::Refused, "roll back: " + back.error().message});
            return back.error();
        }
        record(InstallEvent{m_clock.unix_ms(), back->channel, back->version, InstallOutcome::RolledBack, back->signer});
        log_info("operator rolled back to channel " + back->channel + " version " + std::to_string(back->version));
        adopt(prepare({m_width, m_height}));
        std::string version = std::to_string(back->version);
        return "Đã quay về gói nội dung phiên bản " + version + ".\nRolled back to content pack version " + version + ".";
    };
    services.export_contents = [this] {
        ExportContents contents;
        contents.station_id = m_config.station;
        contents.time = static_cast<std::time_t>(m_clock.unix_ms() / 1000);
        contents.status_lines = status_text(status_lines(station_facts()));
        for (const auto& line : recent_log_lines())
            contents.log_lines.push_back(line.to_text());
        if (Telemetry* telemetry = m_station.telemetry)
            contents.write_telemetry = [telemetry](const std::filesystem::path& file) { return telemetry->export_to(file); };
        return contents;
    };
    services.usb_root = m_config.usb_root;
    // A replay's wrong PINs are a rehearsal's: kept beside its telemetry, never in the station's lockout.
    services.pin_state = m_config.telemetry.parent_path() / "operator-pin-state";
    services.pin_hash = m_config.operator_pin;
    return services;
}

void Player::sync_operator() {
    bool on_screen = screen() == Screen::Operator;
    if (on_screen && !m_operator->is_open())
        m_operator->open(m_clock.steady_ms());
    else if (!on_screen && m_operator->is_open())
        m_operator->close(); // left alone too long: the state machine closed it
    if (on_screen && m_operator->wants_exit()) {
        m_operator->close();
        apply(Command{Command::Kind::OperatorExit});
    }
}

void Player::record(TelemetryEvent event) {
    m_plays.record(std::move(event));
}

PlayedSlide Player::played(const SlideView& view) const {
    std::string languages;
    for (const auto& l : view.languages)
        languages += (languages.empty() ? "" : "+") + l;
    const Manifest& manifest = pack_of(view.source).objects->manifest();
    return PlayedSlide{manifest.channel, manifest.version, slide_of(view).id, languages};
}

void Player::record_play(std::int64_t now_unix_ms) {
    // The loop's view counts as played while it is on screen: not while a traveller browses or the
    // screen is off.
    bool counts = m_loop && m_pack && screen() == Screen::Attract && !display_off();
    m_plays.loop_shows(counts ? m_loop->index() : SIZE_MAX,
                       counts ? std::optional<PlayedSlide>(played(m_loop->current())) : std::nullopt, now_unix_ms);
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
    std::string heading = m_pack ? ui_text(m_pack->content, "urgent_notice", lang) : "Thông báo khẩn / Urgent notice";
    m_browse.draw_notice(m_display.renderer.get(), notice->mode, text, heading, lang, m_width, m_height, now);
}

void Player::watch_station(Uint64 now) {
    StationChanges changes = m_watch.poll(static_cast<std::int64_t>(now));
    if (auto& jump = changes.clock_jump) {
        record(ClockEvent{m_clock.unix_ms(), jump->direction == ClockJump::Direction::Backward ? -jump->size_ms
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
        if (m_banner_inset != banner_before) { // the loop's views are painted again around the banner, or without it
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

Result<std::unique_ptr<VideoView>> Player::open_page_film(const LoadedPack& pack, const Slide& slide) {
    if (pack.damaged.count(slide.video))
        return make_error(ErrorCode::Hash, "it is damaged on this station's disk");
    if (pack.film_checks && pack.film_checks->state(slide.video) == FilmChecks::State::Pending)
        return make_error(ErrorCode::NotFound, "it is still being checked");
    auto where = TRY(pack.objects->locate(slide.video));
    // On a page the traveller chose the film: it plays with its sound, once, with controls.
    auto media = TRY(MediaPlayback::open_range(where.file, where.offset, where.size, Loop::Once,
                                               slide.muted ? Sound::Off : Sound::On, decoding_for(m_config)));
    return VideoView::create(m_display.renderer.get(), std::move(media), slide.volume * m_config.volume_now());
}

void Player::refresh_catalog(bool force) {
    LocalTime now = m_clock.local_time();
    if (!force && now.minute == m_catalog_minute)
        return;
    m_catalog_minute = now.minute;
    Catalog catalog = m_pack ? make_catalog(contents(), now) : Catalog{};
    std::int64_t steady = m_clock.steady_ms();
    if (!m_interaction) {
        InteractionOptions options;
        options.idle_timeout_ms = m_config.idle_timeout_ms;
        options.touch = m_profile.touch;
        m_interaction.emplace(options, std::move(catalog));
    } else if (force || !(catalog == m_interaction->catalog())) {
        on_effects(m_interaction->content_changed(std::move(catalog), steady));
    }
}

void Player::apply(const Command& command) {
    if (!m_interaction)
        return;
    BrowseState before = m_interaction->state();
    on_effects(m_interaction->handle(command, m_clock.steady_ms()));
    if (!(m_interaction->state() == before)) {
        m_loop_state.dirty = true;
        if (m_event_ticks)
            m_answering = m_event_ticks;
    }
}

void Player::on_effects(const std::vector<InteractionEffect>& effects) {
    for (const auto& effect : effects) {
        if (auto* opened = std::get_if<PageOpened>(&effect)) {
            if (m_pack && opened->page.source <= m_merged.size()) {
                const LoadedPack& pack = pack_of(opened->page.source);
                const Manifest& manifest = pack.objects->manifest();
                m_plays.page_opened(PlayedSlide{manifest.channel, manifest.version,
                                                pack.content.slides[opened->page.slide].id, opened->language},
                                    opened->category, m_clock.unix_ms());
            }
        } else if (auto* ended = std::get_if<SessionEnded>(&effect)) {
            m_plays.session_ended(*ended, m_clock.unix_ms());
        }
        if (std::holds_alternative<SessionStarted>(effect)) {
            m_plays.session_started();
            record_play(m_clock.unix_ms());
            stop_media(); // the loop's film or map gives way; it opens again when the loop does
        } else if (auto* ended = std::get_if<SessionEnded>(&effect)) {
            log_info("touch session ended (" + ended->reason + ") after " +
                     std::to_string((ended->end_ms - ended->start_ms) / 1000) + " s, " +
                     std::to_string(ended->pages_viewed) + " pages, in " +
                     (ended->language.empty() ? std::string("no language") : ended->language));
            m_browse.resized(); // its film stops; the loop takes over
        }
        m_loop_state.dirty = true;
    }
}

void Player::on_gesture(const Gesture& gesture) {
    Screen now = screen();
    if ((takeover() || display_off()) && gesture.kind != Gesture::Kind::Hold)
        return; // an urgent notice fills the screen, or the screen is off: only the operator gets in
    if (gesture.kind == Gesture::Kind::Hold) {
        // The operator's hidden gesture: a long press in the top-left corner, where no button is.
        int corner = std::max(48, std::min(m_width, m_height) / 12);
        if (gesture.x < corner && gesture.y < corner)
            apply(Command{Command::Kind::OperatorGesture});
        else if (now != Screen::Attract)
            apply(Command{Command::Kind::Touch});
        return;
    }
    if (now == Screen::Operator)
        return;
    if (m_interaction && m_interaction->state().still_there) {
        apply(Command{Command::Kind::Touch});
        return;
    }
    if (gesture.kind != Gesture::Kind::Tap) {
        if (now != Screen::Page) {
            apply(Command{Command::Kind::Touch});
            return;
        }
        bool left = gesture.kind == Gesture::Kind::SwipeLeft;
        if (m_browse.on_gallery(gesture.x, gesture.y))
            apply(Command{left ? Command::Kind::NextPicture : Command::Kind::PreviousPicture});
        else
            apply(Command{left ? Command::Kind::NextPage : Command::Kind::PreviousPage});
        return;
    }
    std::optional<Command> command =
        now == Screen::Attract ? m_browse.hit_language_strip(gesture.x, gesture.y) : m_browse.hit(gesture.x, gesture.y);
    apply(command.value_or(Command{Command::Kind::Touch}));
}

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
                log_warn("the content merges channel '" + rule.channel + "', which this station does not play "
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
            painter.set_bottom_inset(attract_strip_height(prepared.profile, pack->content, w, h, m_config.screen_inches));
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
        m_painters[source] = std::make_unique<SlidePainter>(*m_canvas, m_text, pack.content, *pack.objects, m_profile);
        // The language strip, and above it a notice banner when one shows, keep the bottom free.
        int banner = m_watch.banner() ? m_browse.banner_height(m_width, m_height) : 0;
        m_painters[source]->set_bottom_inset(
            attract_strip_height(m_profile, m_pack->content, m_width, m_height, m_config.screen_inches) + banner);
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
        log_info("schedule: " + (scheduled.note.empty() ? std::string("scheduled content plays again") : scheduled.note));
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
    if (!slide.image.empty() && slide.video.empty() && slide.map.empty() && painter->image_failed(slide.image))
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
    return VideoView::create(m_display.renderer.get(), std::move(media), slide.volume * m_config.volume_now());
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

void Player::preload_video() {
    if (!m_loop || !m_pack || m_loop->fading())
        return;
    std::size_t next = m_loop->next_index();
    const SlideView& view = m_loop->views()[next];
    const Slide& slide = slide_of(view);
    bool same_film = m_media.film() && m_media_view != SIZE_MAX && same_slide(m_loop->views()[m_media_view], view);
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
    bool continues = m_media.film() && m_media_view != SIZE_MAX && same_slide(m_loop->views()[m_media_view], view);
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
    SDL_Rect area = painter ? painter->media_area(view, m_width, m_height) : SDL_Rect{0, 0, m_width, m_height};
    if (!slide.video.empty()) {
        Result<std::unique_ptr<VideoView>> film = make_error(ErrorCode::NotFound, "");
        if (m_next_video && m_next_video_view == index)
            film = std::move(m_next_video);
        else
            film = open_film(view);
        m_next_video.reset();
        m_next_video_view = SIZE_MAX;
        if (!film) {
            still_or_leave_out(index, "film '" + slide.video + "' cannot play: " + film.error().message);
            return;
        }
        m_media.play_film(std::move(film.value()), area);
        m_media.set_subtitles(load_subtitles(pack, slide, lang));
    } else if (!slide.map.empty()) {
        auto map = pack.damaged.count(slide.map)
                       ? Result<std::unique_ptr<MapView>>(make_error(ErrorCode::Hash, "map '" + slide.map +
                                                                                          "' is damaged on this disk"))
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
        }
        SDL_SetTextureBlendMode(now, SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(now, static_cast<Uint8>(m_loop->fade_in() * 255.0f));
    } else {
        SDL_SetTextureBlendMode(now, SDL_BLENDMODE_NONE);
        SDL_SetTextureAlphaMod(now, 255);
    }
    SDL_RenderCopy(r, now, nullptr, nullptr);
    if (m_media_view == current) { // a film playing on across languages stays opaque
        bool blend = fading && !m_film_continues;
        m_media.draw(r, m_text, m_height, static_cast<Uint64>(m_clock.steady_ms()),
                     MediaFade{blend ? static_cast<Uint8>(m_loop->fade_in() * 255.0f) : Uint8{255}});
    }
}

bool Player::busy() const {
    return (m_loop && m_loop->fading()) || (m_media.film() && !m_media.film()->ended()) || m_browse.media_playing() ||
           (m_interaction && m_interaction->state().still_there);
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
    InstallContext context{m_stores, m_config, m_keys, m_station.telemetry, [this] { return m_clock.unix_ms(); },
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
        auto spent = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_start);
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
        m_loop_state.dirty = true; // the USB install's overlay takes touches while it shows (one closes the result)
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
    bool mouse = event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP || event.type == SDL_MOUSEMOTION;
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
    if (browsing && m_browse.update(m_display.renderer.get(), m_interaction->state(), m_interaction->catalog(),
                                    m_width, m_height, now))
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

std::optional<int> Player::present(const PlayerOptions& options, std::chrono::steady_clock::time_point frame_start,
                                   bool fading) {
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
        if (m_media.moving() && waiting == Waiting::Allowed) // a film or map tiles on their way: look again soon
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
