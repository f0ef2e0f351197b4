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

class SlidePainter {
public:
    // Paints onto `canvas`, which must outlive the painter.
    SlidePainter(Canvas& canvas, TextEngine& text, const Content& content, const ObjectSource& objects,
                 const DisplayProfile& profile);
    // Room kept free along the bottom (the touch screens' language strip), in pixels.
    void set_bottom_inset(int px) { m_bottom_inset = px; }
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
    SlideGeometry geometry(const SlideView& view, int w, int h) const;
    // An image box and the caption under it.
    struct Picture {
        SDL_Rect box;
        TextBlockPtr caption; // null when the slide has none
    };
    SDL_Surface* image(const std::string& path, int w, int h);
    void paint_header(const SlideView& view, int w, int h, int base);
    Picture plan_picture(const Slide& slide, const std::string& lang, SDL_Rect area, int base);
    void paint_picture(const Slide& slide, const std::string& lang, const Picture& picture, int base);
    void paint_column(const Slide& slide, const std::string& lang, SDL_Rect area, int base, float scale);
    void note_overflow(const TextBlock& block, const Slide& slide, const std::string& lang,
                       const char* field);

    Canvas& m_canvas;
    TextEngine& m_text;
    const Content& m_content;
    const ObjectSource& m_objects;
    DisplayProfile m_profile;
    int m_bottom_inset = 0;
    std::map<std::string, SurfacePtr> m_images; // fitted to their boxes, by "path@WxH"
    std::map<std::string, std::future<Result<SurfacePtr>>> m_pending;
    std::set<std::string> m_failed_images;
    std::set<std::string> m_overflows;
    std::set<std::string> m_missing;
};

} // namespace kiosk
