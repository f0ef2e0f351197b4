// Paints the touch screens a traveller browses (language picker, Home tiles, a category's pages, a page
// with its pictures, film, map and QR code) and the overlays drawn over anything (the attract loop's
// language strip, "Still there?", urgent notices), and says where each button is and what it does.
#pragma once

#include "content/content.hpp"
#include "interaction/interaction.hpp"
#include "notice/notice.hpp"
#include "pack/object_source.hpp"
#include "render/canvas.hpp"
#include "render/screens/picture_cache.hpp"
#include "render/screens/screen_metrics.hpp"
#include "text/text_engine.hpp"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace kiosk {

// What the painter reads: contents[i] with its objects[i], index = SlideRef.source (0 the station's own).
struct BrowseSources {
    std::vector<const Content*> contents;
    std::vector<const ObjectSource*> objects;
};



// Where the attract loop's language strip goes on a w x h screen of the given diagonal, for a number of
// languages: the slides are painted to leave it free.
Box language_strip_box(int w, int h, float screen_inches, std::size_t languages);
// The room the attract loop keeps free for that strip on a profile: none without touch or categories.
int attract_strip_height(const DisplayProfile& profile, const Content& content, int w, int h,
                         float screen_inches = kDefaultScreenInches);

// How an urgent notice shows on a screen. Its text is never smaller than min_px, the smallest size read
// from where people stand (ScreenMetrics::readable_px: screen_inches and the viewing distance of a cabinet
// or an LED wall); text that does not fit its box at that size is shown in pages, each for page_ms, the
// last followed by the first again.
struct NoticeFit {
    Box box;               // where the notice goes (the whole screen for a takeover)
    int text_px = 0;       // the size its text is shown at
    int min_px = 0;        // the smallest readable size on this screen
    std::size_t pages = 1; // pages of its text at text_px
    int page_ms = 0;       // how long each page shows (0 with a single page: nothing changes)
    // The page to show elapsed_ms after the notice's text (in this language) appeared.
    std::size_t page_at(std::int64_t elapsed_ms) const;
};

class BrowsePainter {
public:
    // Everything given must outlive the painter. screen_inches is the panel's diagonal (configuration).
    BrowsePainter(TextEngine& text, BrowseSources sources, const DisplayProfile& profile,
                  float screen_inches = kDefaultScreenInches);
    ~BrowsePainter();

    // Fills the canvas (w x h) with the screen for state and returns its buttons, in screen pixels.
    // Attract and Operator screens are not painted here (nothing is drawn and nothing returned).
    std::vector<HitTarget> paint(Canvas& canvas, const BrowseState& state, const Catalog& catalog, int w,
                                 int h);
    // Where the page's film or zoomable map goes (the app draws it over the painted still each frame);
    // an empty box when the screen has none.
    Box media_box(const BrowseState& state, const Catalog& catalog, int w, int h);
    // Where the page's swipeable pictures are (a swipe there changes picture rather than page); empty
    // when the page has fewer than two pictures.
    Box gallery_box(const BrowseState& state, const Catalog& catalog, int w, int h);
    // Whether a picture missing from the last paint has arrived since: paint again to show it.
    bool needs_repaint();
    // Lays out the text and starts reading the pictures of the screens a traveller is likely to open
    // next from state, so that their first paint is quick. Each call plans screens for about 4 ms (one
    // screen at least) and returns whether some are left: call it after presenting a frame while nothing
    // moves, until it returns false. A new state starts over.
    bool prefetch(const BrowseState& state, const Catalog& catalog, int w, int h);
    // Waits for every picture asked for to be decoded (screenshots and tests; never in the main loop).
    void finish_pictures();

    // Room kept free along the bottom of every screen, for a notice banner (its box's height) or 0.
    void set_bottom_inset(int px) { m_bottom_inset = px; }

    // Overlays, each painted on its own small canvas the size of its box, which the app keeps as a texture
    // and draws over the screen. Their hit targets are in screen pixels.
    //
    // The attract loop's strip of languages on touch screens: each by its native name goes straight to
    // Home in that language; above them "touch to start" in languages[hint % count] (cycle it every few s).
    Box language_strip_box(const Catalog& catalog, int w, int h) const;
    std::vector<HitTarget> paint_language_strip(Canvas& canvas, const Catalog& catalog, int w, int h,
                                                std::size_t hint = 0);
    // The idle countdown's panel, centred; the whole screen is a Touch target while it shows.
    Box still_there_box(int w, int h) const;
    std::vector<HitTarget> paint_still_there(Canvas& canvas, const std::string& lang, int seconds_left, int w,
                                             int h);
    // An urgent notice, text already in the language to show (lang, for line breaking and fonts:
    // Notice::language_for picks it). Its box does not depend on the text, so that what it covers stays put.
    Box notice_box(NoticeMode mode, int w, int h) const;
    // Its box, text size and pages: paint page_at(elapsed) and paint again when that changes.
    NoticeFit notice_fit(NoticeMode mode, const std::string& text, const std::string& heading,
                         const std::string& lang, int w, int h);
    // Paints page `page` (modulo the pages) on a canvas the size of notice_box.
    void paint_notice(Canvas& canvas, NoticeMode mode, const std::string& text, const std::string& heading,
                      const std::string& lang, int w, int h, std::size_t page = 0);

    // Text that did not fit its box at the smallest size, as "slide/lang/field" or "ui/word/lang".
    const std::set<std::string>& overflows() const;
    // Characters no font has, as "name U+XXXX".
    const std::set<std::string>& missing_glyphs() const;
    // Where pictures were drawn in the last paint: the part of the picture shown and its box on screen,
    // for checks that nothing is stretched.
    struct DrawnPicture {
        std::string path;
        SDL_Rect region; // of the original picture
        SDL_Rect box;    // on the canvas
    };
    const std::vector<DrawnPicture>& drawn_pictures() const;

    struct Impl;

private:
    std::unique_ptr<Impl> m;
    int m_bottom_inset = 0;
};

} // namespace kiosk
