// Inside the browse painter: a screen is first planned (its boxes, laid-out text, pictures and buttons,
// pure data), then drawn. Planning alone tells where the film goes and warms the text cache for
// prefetching; a repaint after a picture arrives draws the same plan again.
#pragma once

#include "render/screens/browse_painter.hpp"
#include "render/screens/shapes.hpp"
#include "render/theme.hpp"

#include <map>
#include <variant>

namespace kiosk::screens {

// Shades of the theme for the touch screens' controls.
namespace colour {
constexpr SDL_Color kButton{30, 72, 116, 255};      // a button on the background
constexpr SDL_Color kButtonEdge{52, 101, 150, 255}; // its outline
constexpr SDL_Color kCurrent{255, 205, 0, 255};     // the screen or language that is current (gold)
constexpr SDL_Color kDisabled{70, 94, 122, 255};    // a button that does nothing here
constexpr SDL_Color kPictureWell{10, 32, 56, 255};  // around a picture that does not fill its box
constexpr SDL_Color kNotice{176, 24, 18, 255};      // urgent notices: the flag's red, a shade deeper
} // namespace colour

struct TextOp {
    TextBlockPtr block;
    int x = 0, y = 0;
    SDL_Color color;
};
struct PanelOp {
    SDL_Rect rect;
    int radius = 0;
    SDL_Color color;
};
struct OutlineOp {
    SDL_Rect rect;
    int radius = 0, width = 1;
    SDL_Color color;
};
struct IconOp {
    Icon icon;
    SDL_Rect box;
    SDL_Color color;
};
struct DiscOp {
    float cx = 0, cy = 0, r = 0;
    SDL_Color color;
    float ring = 0; // the ring's width; 0 fills the disc
};
// A picture centred in its box; while it is being read (or when it cannot be), a panel with an icon.
struct PictureOp {
    PictureRequest request;
    SDL_Rect box;
    Icon placeholder = Icon::Picture;
    bool well = true; // paint the box's background first (pictures); icons sit on what is there
};
struct QrOp {
    std::string link;
    SDL_Rect box; // the code is centred in it, as large as fits in whole pixels per module
};
using Op = std::variant<TextOp, PanelOp, OutlineOp, IconOp, DiscOp, PictureOp, QrOp>;

struct Plan {
    std::vector<Op> ops;
    std::vector<HitTarget> targets;
    Box media;   // film or map
    Box gallery; // swipeable pictures
};

// Proportions of a screen w x h: everything scales with its short side, and nothing a finger taps is
// smaller than the metrics allow.
struct Frame {
    int w = 0, h = 0, base = 0;
    bool portrait = false;
    ScreenMetrics metrics;
    int inset = 0; // kept free at the bottom
    Frame(int w, int h, float inches, int inset);
    int s(float share) const; // a share of the short side, in pixels (at least 1)
    int target() const { return metrics.min_target_px(); }
    int margin() const { return s(0.035f); }
    int gap() const { return s(0.022f); }
    int radius() const { return s(0.016f); }
    int bar_height() const;
    // The screen below the persistent bar and above the inset, less the margins.
    SDL_Rect body() const;
};

// Text sizes, as shares of the short side.
namespace size {
constexpr float kButton = 0.031f, kButtonMin = 0.019f;
constexpr float kHeading = 0.050f, kHeadingMin = 0.030f;
constexpr float kTile = 0.036f, kTileMin = 0.021f;
constexpr float kTitle = 0.050f, kTitleMin = 0.030f;
constexpr float kBody = 0.032f, kBodyMin = 0.021f;
constexpr float kCaption = 0.024f, kCaptionMin = 0.017f;
} // namespace size

// What every planner needs: the text engine with problem reports, the contents, and the profile.
struct Context {
    TextEngine& text;
    const BrowseSources& sources;
    const DisplayProfile& profile;
    float inches;
    std::set<std::string>& overflows;
    std::set<std::string>& missing;
    std::map<std::string, int>& qr_sizes; // modules of each link's code, 0 when it has none

    const Content& own() const { return *sources.contents.at(0); }
    const Content* content(std::size_t source) const {
        return source < sources.contents.size() ? sources.contents[source] : nullptr;
    }
    const Slide* slide(const SlideRef& ref) const;
    // The kiosk's word id in lang (the station's content's words first).
    std::string ui(const char* id, const std::string& lang) const;
    // The language the buttons speak: the traveller's, else English when the station has it, else its
    // default.
    std::string ui_language(const BrowseState& state) const;
    // Fits text to a box, noting overflows and missing characters under name.
    TextBlockPtr fit(const std::string& name, std::string_view text, const TextStyle& style, int w, int h,
                     int min_px);
    void note(const std::string& name, const TextBlock& block);
    // The side of the link's QR code on its white card when drawn in at most `side` pixels (0: none fits).
    int qr_card(const std::string& link, int side);
};
// The padding of the white card around a QR code of at most `side` pixels.
int qr_card_pad(int side);

TextStyle style(float share, const Frame& f, Weight weight, const std::string& lang,
                Align align = Align::Start);
// A text block placed in a box: vertically centred, horizontally as the block was aligned.
TextOp centred(TextBlockPtr block, SDL_Rect box, SDL_Color color);
// Adds a button target, grown about its centre to the smallest size a finger can hit.
void add_target(Plan& plan, const Frame& f, SDL_Rect box, Command command);
// The best grid for n cells in area: columns and rows making cells as large as possible while their
// width is about `aspect` times their height.
struct Grid {
    int cols = 1, rows = 1;
    int cell_w = 0, cell_h = 0;
    bool top = false; // from the area's top rather than centred in it
    SDL_Rect cell(const SDL_Rect& area, int gap, int index) const;
};
Grid best_grid(int n, SDL_Rect area, int gap, float aspect, int max_cell_h);

// The persistent bar (Home, Back, language) along the top, and the station name in it when there is room.
void plan_bar(Context& c, const Frame& f, const BrowseState& state, Plan& plan);
Plan plan_languages(Context& c, const Frame& f, const BrowseState& state, const Catalog& catalog);
Plan plan_home(Context& c, const Frame& f, const BrowseState& state, const Catalog& catalog);
Plan plan_category(Context& c, const Frame& f, const BrowseState& state, const Catalog& catalog);
Plan plan_page(Context& c, const Frame& f, const BrowseState& state, const Catalog& catalog);
// The overlays, planned in their own canvas's pixels (box is where that canvas goes on the screen).
Box strip_box(const Frame& f, const Catalog& catalog);
Plan plan_language_strip(Context& c, const Frame& f, const Catalog& catalog, Box box, std::size_t hint);
Plan plan_still_there(Context& c, const Frame& f, const std::string& lang, int seconds, Box box);
// A notice's page `page` (modulo its pages); fit (its box set) is filled in with sizes and pages.
Plan plan_notice(Context& c, const Frame& f, NoticeMode mode, const std::string& text,
                 const std::string& heading, const std::string& lang, Box box, std::size_t page, NoticeFit* fit);
// The smallest readable text on this screen (cabinet or LED wall by the profile's touch), and the banner
// height that holds two lines of it.
int readable_px(const Frame& f, const DisplayProfile& profile);
int notice_banner_height(const Frame& f, int readable_px);
// The category's label and icon from the content it came from.
const Category* find_category(const Context& c, const CatalogCategory& category);

} // namespace kiosk::screens
