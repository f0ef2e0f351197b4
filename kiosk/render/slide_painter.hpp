// Paints one view of a slide (image, title, body, caption in one or two languages) for a display profile.
#pragma once

#include "content/content.hpp"
#include "pack/object_source.hpp"
#include "render/canvas.hpp"
#include "render/sdl_ptr.hpp"
#include "schedule/attract.hpp"
#include "text/text_engine.hpp"

#include <future>
#include <map>
#include <optional>
#include <set>

namespace kiosk {

// A title and body given a box of their own (a slide or page without a picture), at the largest body size
// from max_px down to min_px at which both fit; the title keeps its size's ratio to the body's as styled.
// Lines are kept no longer than about kTextAloneMeasure body sizes, since long lines are hard to follow
// from a step away, and the column is centred in the box, a little above the middle.
constexpr int kTextAloneMeasure = 32;
struct TextAlone {
    TextBlockPtr title, body;
    SDL_Rect column{}; // where the title, rule and body go (the title at its top)
    int body_y = 0;    // the body's top
    int rule_y = 0;    // the short rule under the title
    int body_px = 0;
};
TextAlone fit_text_alone(TextEngine& text, std::string_view title, std::string_view body, TextStyle title_style,
                         TextStyle body_style, SDL_Rect box, int min_px, int max_px);

// How the station's name was fitted into a slide's header (for checks: anything but Full is worth a warning).
enum class HeaderFit {
    Full,     // at its full size on one line
    Shrunk,   // on one line at a smaller size
    TwoLines, // on two lines, the header made taller to hold them
    Cut,      // two lines at the smallest size were not enough: it ends with an ellipsis
};
struct HeaderNote {
    HeaderFit fit = HeaderFit::Full;
    int px = 0, full_px = 0;
};

// Whether slides without a picture have their picture read (Load), or are painted without reading any
// (Placeholder: the checks, which lay slides out as stations do but have no media).
enum class Pictures { Load, Placeholder };

// Whether the painter also finds where kept names would have split without their guard (for checks: each
// text is laid out a second time), or not (stations).
enum class NameChecks { Off, On };

class SlidePainter {
public:
    // Paints onto `canvas`, which must outlive the painter.
    SlidePainter(Canvas& canvas, TextEngine& text, const Content& content, const ObjectSource& objects,
                 const DisplayProfile& profile);
    // Room kept free along the bottom (the touch screens' language strip), in pixels.
    void set_bottom_inset(int px) { m_bottom_inset = px; }
    void set_pictures(Pictures pictures) { m_pictures = pictures; }
    void set_name_checks(NameChecks checks) { m_name_checks = checks; }
    // Fills the canvas, w x h pixels, with the view.
    void paint(const SlideView& view, int w, int h);
    // Where the slide's picture (or film) goes in a w x h view.
    SDL_Rect media_area(const SlideView& view, int w, int h);
    // Starts reading, decoding and scaling an image to w x h on another thread.
    void prefetch(const std::string& path, int w, int h);
    // Whether an image could not be read or decoded (the view was painted with a plain panel instead).
    bool image_failed(const std::string& path) const { return m_failed_images.count(path) != 0; }
    // Text that did not fit its box while painting, as "slide/lang/field" names, for logs and checks.
    const std::set<std::string>& overflows() const { return m_overflows; }
    // Characters no font has, as "slide/lang/field U+XXXX".
    const std::set<std::string>& missing_glyphs() const { return m_missing; }
    // Kept names that a line would have split without their guard (with NameChecks::On), by
    // "slide/lang/field", each split once.
    const std::map<std::string, std::vector<NameSplit>>& name_splits() const { return m_name_splits; }
    // How the station's name fitted the header, by the languages shown ("vi", or "vi+lo" side by side).
    const std::map<std::string, HeaderNote>& header_notes() const { return m_header_notes; }
    // Whether a slide is painted with the layout for text alone (it has no picture, film, map or gallery).
    static bool text_only(const Slide& slide);

private:
    // The boxes of a view: the picture, one text column per language, a rule between two columns.
    struct Column {
        std::string lang;
        SDL_Rect box;
    };
    struct SlideGeometry {
        SDL_Rect image{};
        std::vector<Column> columns;
        std::optional<SDL_Rect> rule;
        float scale = 1.0f; // of the text sizes
    };
    // The header: the station's name and the languages, fitted to the width (see HeaderFit).
    struct Header {
        int height = 0;
        TextBlockPtr name;
        std::vector<std::pair<TextBlockPtr, bool>> labels; // each language's native name, and whether shown
        int label_gap = 0;
    };
    Header plan_header(const SlideView& view, int w, int base);
    SlideGeometry geometry(const SlideView& view, int w, int h, int header) const;
    // An image box and the caption under it.
    struct Picture {
        SDL_Rect box;
        TextBlockPtr caption; // null when the slide has none
    };
    SDL_Surface* image(const std::string& path, int w, int h);
    void paint_header(const Header& header, int w, int base);
    Picture plan_picture(const Slide& slide, const std::string& lang, SDL_Rect area, int base);
    void paint_picture(const Slide& slide, const std::string& lang, const Picture& picture, int base);
    void paint_column(const Slide& slide, const std::string& lang, SDL_Rect area, int base, float scale);
    // The text of a slide without a picture, grown to fill its area; max_px caps the body's size (so that
    // two columns side by side match), and the text is placed as if centre_h tall when that is more than its
    // own height (so that they start level). Painted only when asked; returns the body size and height.
    struct AloneSize {
        int px = 0, height = 0;
    };
    AloneSize paint_text_alone(const Slide& slide, const std::string& lang, SDL_Rect area, int base, float scale,
                               int max_px, int centre_h, bool draw);
    // Notes what a slide's text laid out as `block` (from `text` in `style`) shows a check: overflow,
    // missing characters, and, when asked, kept names that would have split.
    void note_overflow(const TextBlock& block, std::string_view text, const TextStyle& style,
                       const Slide& slide, const std::string& lang, const char* field);

    Canvas& m_canvas;
    TextEngine& m_text;
    const Content& m_content;
    const ObjectSource& m_objects;
    DisplayProfile m_profile;
    int m_bottom_inset = 0;
    Pictures m_pictures = Pictures::Load;
    NameChecks m_name_checks = NameChecks::Off;
    std::map<std::string, std::vector<NameSplit>> m_name_splits;
    std::map<std::string, HeaderNote> m_header_notes;
    std::map<std::string, SurfacePtr> m_images; // fitted to their boxes, by "path@WxH"
    std::map<std::string, std::future<Result<SurfacePtr>>> m_pending;
    std::set<std::string> m_failed_images;
    std::set<std::string> m_overflows;
    std::set<std::string> m_missing;
};

} // namespace kiosk
