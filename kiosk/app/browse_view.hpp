// The touch screens on the display: the traveller's screen painted in software and uploaded once per
// change, the page's film or zoomable map live on top of it, and the overlays (the attract loop's
// language strip, "Still there?", urgent notices). Taps become Commands through the painted buttons.
#pragma once

#include "app/loaded_pack.hpp"
#include "app/media_slot.hpp"
#include "app/texture_cache.hpp"
#include "config/config.hpp"
#include "interaction/interaction.hpp"
#include "render/canvas.hpp"
#include "render/screens/browse_painter.hpp"

#include <functional>
#include <memory>
#include <optional>

namespace kiosk {

class BrowseView {
public:
    // Opens a page's film (the player's own way: hash-checked, at the station's volume).
    using FilmOpener = std::function<Result<std::unique_ptr<VideoView>>(const LoadedPack&, const Slide&)>;

    BrowseView(const KioskConfig& config, TextEngine& text, FilmOpener open_film);
    ~BrowseView();
    // New content: the packs (index = SlideRef.source) and the profile. Forgets what was painted.
    void set_packs(std::vector<const LoadedPack*> packs, const DisplayProfile& profile);
    void clear();
    // The screen size changed.
    void resized();

    // Brings the painted screen and the page's film or map up to date with state; true when what is on
    // screen changes.
    bool update(SDL_Renderer* renderer, const BrowseState& state, const Catalog& catalog, int w, int h,
                Uint64 now);
    void draw(SDL_Renderer* renderer, int w, int h, Uint64 now);
    // A finger or mouse event on the page's film controls or map; true when it was theirs.
    bool handle_media(const SDL_Event& event, int w, int h, Uint64 now);
    bool media_playing() const;
    // The page's map has its tiles and its film its first picture (replay's screenshots wait for them).
    bool media_settled() const { return m_media.settled(); }
    // Whether a film plays unpaused on the page: the traveller is watching.
    bool watching() const;

    // What a tap at (x, y) on the screen asks for, if anything.
    std::optional<Command> hit(int x, int y) const;
    // Everything a tap can reach on the screen drawn for `screen` (the attract loop: its language strip),
    // last painted on top: replay scripts find what they name here.
    std::vector<HitTarget> targets(Screen screen) const;
    // Where the page's film or map is on screen (empty when the page has neither).
    SDL_Rect media_area() const { return m_media.area(); }
    // Whether (x, y) is on the page's swipeable pictures.
    bool on_gallery(int x, int y) const;
    // The number of pictures on the page shown.
    std::size_t pictures() const { return m_pictures; }

    // The attract loop's language strip (touch screens), drawn over the loop; its "touch to start" in the
    // language the slide shows (the last of a dual view's), else in each language in turn.
    void draw_language_strip(SDL_Renderer* renderer, const Catalog& catalog, int w, int h, Uint64 now,
                             const std::string& slide_language = {});
    std::optional<Command> hit_language_strip(int x, int y) const;
    // "Still there?" with the seconds left, over everything.
    void draw_still_there(SDL_Renderer* renderer, const std::string& lang, int seconds, int w, int h);
    // An urgent notice over everything: a banner strip or the whole screen. Text too long for the notice
    // at a readable size shows in pages that take turns, counted from when this text first showed.
    void draw_notice(SDL_Renderer* renderer, NoticeMode mode, const std::string& text, const std::string& heading,
                     const std::string& lang, int w, int h, Uint64 now);
    // Whether the notice's next page is due (the screen must be drawn again).
    bool notice_page_due(Uint64 now) const;
    // While nothing moves: lays out and reads ahead what the traveller may open next, a little at a time.
    void work_ahead(const BrowseState& state, const Catalog& catalog, int w, int h);
    // The height of a notice banner on a w x h screen.
    int banner_height(int w, int h) const;
    // Keeps the bottom of every screen free for a notice banner, or gives it back.
    void set_bottom_inset(bool banner, int w, int h);
    // Waits until every picture asked for is decoded (replay's screenshots; never in the main loop).
    void finish_pictures();
    // Milliseconds the last repaint took, for the latency benchmark's breakdown.
    double last_paint_ms() const { return m_last_paint_ms; }

private:
    struct Overlay {
        TexturePtr texture;
        Box box;
        std::string key; // what it shows, so it is painted only when that changes
        std::vector<HitTarget> targets;
    };
    void paint_overlay(SDL_Renderer* renderer, Overlay& overlay, Box box, const std::string& key,
                       const std::function<std::vector<HitTarget>(Canvas&)>& paint);
    void sync_media(SDL_Renderer* renderer, const BrowseState& state, const Catalog& catalog, int w, int h);
    void stop_media();

    const KioskConfig& m_config;
    TextEngine& m_text;
    FilmOpener m_open_film;
    std::vector<const LoadedPack*> m_packs;
    DisplayProfile m_profile;
    std::unique_ptr<BrowsePainter> m_painter;
    std::optional<Canvas> m_canvas;
    TexturePtr m_screen;
    std::optional<BrowseState> m_painted_state; // what m_screen shows
    const Catalog* m_painted_catalog = nullptr;
    Catalog m_catalog_copy;
    std::vector<HitTarget> m_targets;
    Box m_gallery{};
    std::size_t m_pictures = 0;
    int m_w = 0, m_h = 0;
    double m_last_paint_ms = 0;

    // The page's film or map, and the page they belong to.
    std::optional<SlideRef> m_media_page;
    MediaSlot m_media;
    bool m_film_waiting = false; // the page's film is still being checked: opened when it is done

    Overlay m_strip, m_still_there, m_notice;
    // The notice's text shown (mode, language, heading, text), since when, and how it is paged.
    std::string m_notice_text;
    Uint64 m_notice_since = 0;
    NoticeFit m_notice_fit;
    std::size_t m_notice_page = 0;
};

} // namespace kiosk
