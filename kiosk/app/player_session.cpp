// Travellers and the operator: gestures to commands, the state machine's effects, the catalog of what can
// be browsed now, the operator's services, and what goes into telemetry.
#include "app/player.hpp"
#include "app/player_parts.hpp"
#include "base/log.hpp"
#include "operator/export_bundle.hpp"
#include "operator/station_facts.hpp"
#include "operator/status_report.hpp"
#include "platform/linux/system_info.hpp"
#include "sync/sync_client.hpp"

#include <algorithm>

namespace kiosk {

using namespace player_parts;

namespace {

PackFacts pack_facts(const Manifest& m) {
    return PackFacts{m.channel, m.version, m.signer, m.created};
}

} // namespace

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
            record(InstallEvent{m_clock.unix_ms(), "", 0, InstallOutcome::Refused,
                                "roll back: " + back.error().message});
            return back.error();
        }
        record(InstallEvent{m_clock.unix_ms(), back->channel, back->version, InstallOutcome::RolledBack,
                            back->signer});
        log_info("operator rolled back to channel " + back->channel + " version " +
                 std::to_string(back->version));
        adopt(prepare({m_width, m_height}));
        std::string version = std::to_string(back->version);
        return "Đã quay về gói nội dung phiên bản " + version + ".\nRolled back to content pack version " +
               version + ".";
    };
    services.export_contents = [this] {
        ExportContents contents;
        contents.station_id = m_config.station;
        contents.time = static_cast<std::time_t>(m_clock.unix_ms() / 1000);
        contents.status_lines = status_text(status_lines(station_facts()));
        for (const auto& line : recent_log_lines())
            contents.log_lines.push_back(line.to_text());
        if (Telemetry* telemetry = m_station.telemetry)
            contents.write_telemetry = [telemetry](const std::filesystem::path& file) {
                return telemetry->export_to(file);
            };
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

PlayedSlide Player::played(std::size_t source, std::size_t slide, std::string languages) const {
    const LoadedPack& pack = pack_of(source);
    const Manifest& manifest = pack.objects->manifest();
    return PlayedSlide{manifest.channel, manifest.version, pack.content.slides[slide].id, std::move(languages)};
}

PlayedSlide Player::played(const SlideView& view) const {
    std::string languages;
    for (const auto& l : view.languages)
        languages += (languages.empty() ? "" : "+") + l;
    return played(view.source, view.slide, std::move(languages));
}

void Player::record_play(std::int64_t now_unix_ms) {
    // The loop's view counts as played while it is on screen: not while a traveller browses or the
    // screen is off.
    bool counts = m_loop && m_pack && screen() == Screen::Attract && !display_off();
    m_plays.loop_shows(counts ? m_loop->index() : SIZE_MAX,
                       counts ? std::optional<PlayedSlide>(played(m_loop->current())) : std::nullopt,
                       now_unix_ms);
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
            if (m_pack && opened->page.source <= m_merged.size())
                m_plays.page_opened(played(opened->page.source, opened->page.slide, opened->language),
                                    opened->category, m_clock.unix_ms());
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
    std::optional<Command> command = now == Screen::Attract
                                         ? m_browse.hit_language_strip(gesture.x, gesture.y)
                                         : m_browse.hit(gesture.x, gesture.y);
    apply(command.value_or(Command{Command::Kind::Touch}));
}

} // namespace kiosk
