// The traveller's path through the touch screen as a pure state machine: attract loop -> language ->
// Home -> category -> page, with Back, Home and language always at hand, an idle countdown that returns to
// the attract loop and forgets the language, operator entry, and content that changes mid-session.
// It knows no SDL: taps arrive as Commands (the painters' hit targets), time as milliseconds.
#pragma once

#include "interaction/catalog.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace kiosk {

enum class Screen {
    Attract,   // the loop of slides; touch screens show language buttons along the bottom
    Languages, // the language picker: every language by its native name
    Home,      // category tiles
    Category,  // the pages of one category, as a list
    Page,      // one page: text with a picture, gallery, film, map and QR code
    Operator,  // the hidden operator screen (PIN first); its own module runs it
};
const char* screen_name(Screen screen);

// What a traveller asked for. Painters attach one to every button they draw (HitTarget); the app turns
// taps and swipes into them.
struct Command {
    enum class Kind {
        Touch,           // any touch: keeps the session alive (and wakes the attract loop)
        ChooseLanguage,  // text: language code
        ChangeLanguage,  // the language button: opens the picker, then returns where the traveller was
        OpenCategory,    // index: category in the catalog
        OpenPage,        // index: page in the open category
        NextPage,        // swipe left on a page
        PreviousPage,    // swipe right on a page
        NextPicture,     // swipe left on a gallery
        PreviousPicture, // swipe right on a gallery
        Back,
        Home,
        KeepAlive,       // a film is playing on the page: the traveller is watching, not gone
        OperatorGesture, // the hidden gesture
        OperatorExit,
    };
    Kind kind = Kind::Touch;
    std::size_t index = 0;
    std::string text;
    bool operator==(const Command&) const = default;
};
const char* command_name(Command::Kind kind);

// A rectangle of the screen in pixels, and what a tap inside it does.
struct Box {
    int x = 0, y = 0, w = 0, h = 0;
    bool contains(int px, int py) const { return px >= x && py >= y && px < x + w && py < y + h; }
    bool operator==(const Box&) const = default;
};
struct HitTarget {
    Box box;
    Command command;
};

struct BrowseState {
    Screen screen = Screen::Attract;
    std::string language;          // the traveller's language; empty in the attract loop
    std::size_t category = 0;      // in Category and Page
    std::size_t page = 0;          // in Page: index into the category's pages
    std::size_t picture = 0;       // in Page: index into the page's pictures (gallery)
    Screen return_to = Screen::Home; // where choosing a language goes back to
    bool still_there = false;      // the idle countdown is showing
    bool operator==(const BrowseState&) const = default;
};

// What happened, for telemetry and the app: a session began or ended, a page was opened.
struct SessionStarted {
    std::int64_t at_ms = 0;
};
struct LanguageChosen {
    std::string language;
};
struct PageOpened {
    SlideRef page;
    std::string category;
    std::string language;
};
struct SessionEnded {
    std::int64_t start_ms = 0, end_ms = 0;
    std::string language; // the last one chosen
    std::uint32_t pages_viewed = 0;
    std::string reason; // "timeout", "operator", "content-change", "left" (before choosing), "shutdown"
};
using InteractionEffect = std::variant<SessionStarted, LanguageChosen, PageOpened, SessionEnded>;

struct InteractionOptions {
    std::uint32_t idle_timeout_ms = 60000; // from the last touch back to the attract loop
    std::uint32_t countdown_ms = 10000;    // the last part of it, shown as "Still there?" with seconds
    bool touch = true;                     // a non-touch display only ever shows the attract loop
};

class Interaction {
public:
    Interaction(InteractionOptions options, Catalog catalog);

    // A traveller's command at time now (steady milliseconds). Returns what happened.
    std::vector<InteractionEffect> handle(const Command& command, std::int64_t now_ms);
    // Time passing: the idle countdown and the return to the attract loop.
    std::vector<InteractionEffect> tick(std::int64_t now_ms);
    // New content (a pack installed mid-session, or the schedule moved on): the traveller stays where
    // they were if it still exists, else goes to the nearest screen that does.
    std::vector<InteractionEffect> content_changed(Catalog catalog, std::int64_t now_ms);

    // The kiosk is stopping: a session under way ends ("shutdown").
    std::vector<InteractionEffect> stop(std::int64_t now_ms) { return end_session(now_ms, "shutdown"); }

    const BrowseState& state() const { return m_state; }
    const Catalog& catalog() const { return m_catalog; }
    const InteractionOptions& options() const { return m_options; }
    // Whole seconds left on the "Still there?" countdown (0 when it is not showing).
    int countdown_seconds(std::int64_t now_ms) const;
    // The page open now, when the screen is Page.
    const SlideRef* current_page() const;

private:
    std::vector<InteractionEffect> end_session(std::int64_t now_ms, const char* reason);
    void start_session(std::int64_t now_ms, std::vector<InteractionEffect>& effects);
    void open_page(std::size_t page, std::vector<InteractionEffect>& effects);
    void go_home();

    InteractionOptions m_options;
    Catalog m_catalog;
    BrowseState m_state;
    std::int64_t m_last_touch_ms = 0;
    std::int64_t m_session_start_ms = 0;
    bool m_in_session = false;
    std::uint32_t m_pages_viewed = 0;
};

} // namespace kiosk
