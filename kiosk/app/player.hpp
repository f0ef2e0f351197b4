// The attract-loop player: owns the window and renderer, and runs poll -> update -> render -> present.
#pragma once

#include "app/app_clock.hpp"
#include "app/browse_view.hpp"
#include "app/display.hpp"
#include "app/operator_view.hpp"
#include "app/touch_input.hpp"
#include "app/usb_view.hpp"
#include "app/loaded_pack.hpp"
#include "app/replay_script.hpp"
#include "app/media_slot.hpp"
#include "app/play_recorder.hpp"
#include "app/station_watch.hpp"
#include "app/texture_cache.hpp"
#include "config/config.hpp"
#include "interaction/interaction.hpp"
#include "notice/notice_board.hpp"
#include "platform/display_power.hpp"
#include "schedule/clock_watch.hpp"
#include "telemetry/telemetry.hpp"
#include "render/canvas.hpp"
#include "render/sdl_ptr.hpp"
#include "render/slide_painter.hpp"
#include "schedule/attract.hpp"
#include "schedule/scheduler.hpp"
#include "store/channel_stores.hpp"
#include "text/text_engine.hpp"

#include <chrono>
#include <optional>
#include <set>

namespace kiosk {

struct PlayerOptions {
    std::optional<std::pair<int, int>> size;
    std::optional<double> run_for_seconds;
    bool exit_after_first_frame = false;
    std::chrono::steady_clock::time_point started;
    bool stats = false; // print frame statistics at exit
    bool profile_size = false; // without `size`, open the screen at the display profile's size
};

// How smoothly the loop ran: frames presented, those of crossfades, and frames missed in crossfades
// (a present more than half a frame late at 60 fps counts the frames it skipped).
struct FrameStats {
    long frames = 0, fade_frames = 0, fade_missed = 0;
    double draw_ms_sum = 0, draw_ms_max = 0;
    // Touch-to-screen: from a touch's SDL event to the present of the frame showing its answer.
    std::vector<double> touch_ms;
    void add(double interval_ms, double draw_ms, bool fading);
    std::string summary(double cpu_seconds) const;
};

// What the player tells and asks of the station: its telemetry (may be null: the kiosk plays on without)
// and its screen's power (may be null: the screen shows black outside display hours).
struct PlayerStation {
    Telemetry* telemetry = nullptr;
    platform::DisplayPower* power = nullptr;
    Keyring* keyring = nullptr; // takes key files from USB sticks (may be null: they are only listed)
};

class Player {
public:
    // Plays pack_file when given, else the store's active pack, re-reading the store when it changes.
    Player(const KioskConfig& config, TextEngine& text, ChannelStores& stores, const TrustedKeys& keys,
           std::optional<std::filesystem::path> pack_file, const AppClock& clock, PlayerStation station = {});
    ~Player();
    int run(const PlayerOptions& options);
    // Plays a scripted session on a simulated clock, writing a screenshot after each step (replay.cpp).
    int replay(const PlayerOptions& options, const ReplayScript& script, const std::filesystem::path& dir,
               SimulatedClock& clock);

private:
    // Opens the display and adopts the pack.
    Status start(const PlayerOptions& options);
    // May a turn of the loop sleep while nothing happens? Not when a script drives the clock.
    enum class Waiting { Allowed, Never };
    // One turn of the main loop: poll, update, draw the layers, present (or, with nothing new to show,
    // work ahead). Returns the exit status when the player stops.
    std::optional<int> turn(const PlayerOptions& options, Waiting waiting);
    std::optional<int> poll(Waiting waiting);
    // Every event takes one path to whatever is on screen: overlays, the operator, a film or map, buttons.
    void route(const SDL_Event& event);
    void update(Uint64 now, std::uint32_t dt);
    void draw_layers(Uint64 now, bool fading);
    std::optional<int> present(const PlayerOptions& options, std::chrono::steady_clock::time_point frame_start,
                               bool fading);
    void work_ahead(Waiting waiting);
    // Whether a timed run (--run-for) is over; its frame statistics are printed then.
    std::optional<int> finished(const PlayerOptions& options, Uint64 now);
    struct LoopState {
        Uint64 last = 0, start = 0;
        bool dirty = true, first = true, was_fading = false;
        std::chrono::steady_clock::time_point last_present;
    };
    LoopState m_loop_state;
    // Where a replay step's named target is on screen now, or why it is not there.
    Result<SDL_Point> locate(const ReplayTarget& target) const;
    // Whether something moves on screen (a crossfade, a film, a countdown), for the replay's time steps.
    bool busy() const;
    // Whether work on other threads that the screen waits for is still under way.
    bool waiting_for_work() const;
    // What the player needs to start playing a pack; made without touching SDL's video state.
    struct Prepared {
        LoadedPack pack;
        std::vector<LoadedPack> merged; // other publishers' packs, in the order of the content's merge rules
        ScheduleResult::Basis basis = ScheduleResult::Basis::Scheduled;
        DisplayProfile profile;
        std::vector<SlideView> views;
        std::optional<Canvas> first_view;
        std::string store_link;
    };
    Result<Prepared> prepare(std::pair<int, int> expected_size) const;
    void adopt(Result<Prepared> prepared);
    bool ensure_painter();
    void screen_resized();
    void fit_texture_budget();
    // What the stores hold: their active packs and the keys' generation (StationWatch compares it).
    std::string store_state() const;
    SDL_Texture* view_texture(std::size_t index);
    void draw(bool fading);
    FrameStats m_frame_stats;
    // Opens the current view's film or map in the loop's media slot, and closes the last view's; a film
    // plays on into the next language of the same slide.
    void sync_media();
    void stop_media();
    // A view that cannot show what its picture area should: left out of the loop (logged, once), or,
    // when its film or map fails but it has a still picture, kept with the still.
    void leave_out(std::size_t index, const std::string& why);
    void still_or_leave_out(std::size_t index, const std::string& why);
    // Logs a problem with the content once per pack.
    void report(const std::string& problem);
    // Whether the film's hash check is done (or not needed); the render thread never hashes.
    bool film_checked(const SlideView& view) const;
    Result<std::unique_ptr<VideoView>> open_film(const SlideView& view);
    // Opens the next view's film ahead of its turn, so that its first frame is ready when it fades in.
    void preload_video();
    // Whether a traveller is exploring the map or the film, which holds the attract loop on its slide.
    bool exploring(Uint64 now) const;

    const KioskConfig& m_config;
    TextEngine& m_text;
    ChannelStores& m_stores;
    Store& m_store; // the station's own channel's (the operator may roll it back)
    const TrustedKeys& m_keys;
    std::optional<std::filesystem::path> m_pack_file;
    const AppClock& m_clock;
    PlayerStation m_station;

    Display m_display;
    int m_width = 0, m_height = 0;

    std::optional<LoadedPack> m_pack;
    std::vector<LoadedPack> m_merged; // other publishers' packs; view.source 1 is m_merged[0]
    ScheduleResult::Basis m_basis = ScheduleResult::Basis::Scheduled;
    std::int64_t m_schedule_minute = INT64_MIN;
    const LoadedPack& pack_of(std::size_t source) const { return source == 0 ? *m_pack : m_merged[source - 1]; }
    const Slide& slide_of(const SlideView& v) const { return pack_of(v.source).content.slides[v.slide]; }
    static bool same_slide(const SlideView& a, const SlideView& b) { return a.slide == b.slide && a.source == b.source; }
    std::vector<const Content*> contents() const;
    std::vector<const LoadedPack*> packs() const;
    // The other publishers' stores' active packs, so that an install into any of them reloads.
    std::string store_links() const;
    SlidePainter* painter_for(std::size_t source);
    void start_loop(std::vector<SlideView> views);
    // Moves the loop on to what the schedule says for this minute, when that differs.
    void reschedule();

    std::set<std::string> m_reported; // problems logged for this pack
    std::string m_failure; // why nothing plays, for the built-in screen
    DisplayProfile m_profile;
    std::optional<Canvas> m_canvas; // views are painted here, then uploaded
    std::vector<std::unique_ptr<SlidePainter>> m_painters; // by view.source
    std::optional<AttractLoop> m_loop;
    TextureCache m_textures; // painted views ("view:N")
    TexturePtr m_builtin;
    MediaSlot m_media;                    // the current view's film or map, if it has one
    std::size_t m_media_view = SIZE_MAX;  // the showing (view index) whose film or map was opened or tried
    bool m_film_continues = false;        // its film began in the view before (the same slide in another language)
    std::set<std::pair<std::size_t, std::size_t>> m_film_failed; // (source, slide) shown by their still instead
    std::unique_ptr<VideoView> m_next_video; // the next view's film, opened ahead
    std::size_t m_next_video_view = SIZE_MAX;

    // Touch browsing: the traveller's state machine, the screens it shows, and the gestures that drive it.
    std::optional<Interaction> m_interaction;
    BrowseView m_browse;
    TouchInput m_input;
    std::int64_t m_catalog_minute = INT64_MIN; // the local minute the catalog was made for
    int m_countdown_shown = -1;
    Uint64 m_kept_alive = 0;
    Uint32 m_event_ticks = 0;   // SDL's time of the event being handled
    Uint32 m_answering = 0;     // the event time of a touch whose answer is not on screen yet
    // Builds the catalog of what travellers can browse now, and gives it to the state machine.
    void refresh_catalog(bool force);
    // A traveller's gesture, or a command, applied to the state machine.
    void on_gesture(const Gesture& gesture);
    void apply(const Command& command);
    void on_effects(const std::vector<InteractionEffect>& effects);
    Screen screen() const { return m_interaction ? m_interaction->state().screen : Screen::Attract; }
    Result<std::unique_ptr<VideoView>> open_page_film(const LoadedPack& pack, const Slide& slide);

    // The operator screen, behind the hidden gesture and the PIN.
    std::unique_ptr<OperatorView> m_operator;
    OperatorServices operator_services();
    StationFacts station_facts() const;
    void sync_operator();

    // Urgent notices are drawn over everything; a banner keeps the bottom of every screen free.
    bool m_banner_inset = false;
    void draw_notice(Uint64 now);
    bool takeover() const { return m_watch.takeover(); }

    // USB sticks plugged in while the kiosk plays: installed on a worker thread, shown over everything.
    std::unique_ptr<UsbInstaller> m_usb_installer;
    std::unique_ptr<UsbView> m_usb_view; // after the installer: destroyed before it
    void start_usb();

    // The station's clock, display hours, notices and stores, and what the player does when they change.
    StationWatch m_watch;
    void watch_station(Uint64 now);
    bool display_off() const { return m_watch.display_off(); }

    // Telemetry: proof of play in the loop and on pages, travellers' visits, and the station's own events.
    PlayRecorder m_plays;
    // A slide of the pack `source` as telemetry names it, shown in `languages` ("vi+en" for a pair).
    PlayedSlide played(std::size_t source, std::size_t slide, std::string languages) const;
    PlayedSlide played(const SlideView& view) const;
    // The loop's view on screen now starts counting as played (the one before is recorded).
    void record_play(std::int64_t now_unix_ms);
    void record(TelemetryEvent event);
};

} // namespace kiosk
