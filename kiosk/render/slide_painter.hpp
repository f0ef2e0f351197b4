// Paints one view of a slide (image, title, body, caption in one or two languages) for a display profile.
#pragma once

#include "content/content.hpp"
#include "pack/object_source.hpp"
#include "render/sdl_ptr.hpp"
#include "schedule/attract.hpp"
#include "text/layout.hpp"

#include <map>
#include <set>

namespace kiosk {

class SlidePainter {
public:
    SlidePainter(SDL_Renderer* renderer, FontStack& fonts, const Content& content,
                 const ObjectSource& objects, const DisplayProfile& profile);
    // Fills the current render target, w x h pixels, with the view.
    void paint(const SlideView& view, int w, int h);
    // Text that did not fit its box while painting, as "slide/lang/field" names, for logs and checks.
    const std::set<std::string>& overflows() const { return m_overflows; }

private:
    SDL_Texture* image(const std::string& path);
    void paint_header(const SlideView& view, int w, int h, int base);
    void paint_image(const Slide& slide, const std::string& lang, SDL_Rect area, int base);
    void paint_column(const Slide& slide, const std::string& lang, SDL_Rect area, int base, float scale);
    void note_overflow(const TextBlock& block, const Slide& slide, const std::string& lang,
                       const char* field);

    SDL_Renderer* m_renderer;
    FontStack& m_fonts;
    const Content& m_content;
    const ObjectSource& m_objects;
    DisplayProfile m_profile;
    std::map<std::string, TexturePtr> m_images;
    std::set<std::string> m_failed_images;
    std::set<std::string> m_overflows;
};

void fill_rect(SDL_Renderer* renderer, SDL_Rect rect, SDL_Color color);

} // namespace kiosk
