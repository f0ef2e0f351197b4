// One frame of the chosen slide and language, or the built-in screen when the store has nothing to play.
#include "app/screenshot.hpp"

#include "app/loaded_pack.hpp"
#include "app/map_view.hpp"
#include "render/builtin_screen.hpp"
#include "render/canvas.hpp"
#include "render/slide_painter.hpp"

#include <cstdio>

namespace kiosk {

int take_screenshot(const Options& options, const KioskConfig& config, TextEngine& text, const Store& store,
                    const TrustedKeys& keys) {
    auto pack = options.content ? load_from_file(*options.content, keys) : load_from_store(store);
    if (!pack && options.content) {
        std::fprintf(stderr, "kiosk: cannot render %s: %s\n", options.content->c_str(),
                     pack.error().message.c_str());
        return 1;
    }
    const DisplayProfile* profile = nullptr;
    if (pack)
        profile = pack->content.find_profile(config.profile);
    else
        for (const auto& p : builtin_profiles())
            if (p.name == config.profile)
                profile = &p;
    if (!profile) {
        std::fprintf(stderr, "kiosk: unknown display profile '%s'\n", config.profile.c_str());
        return 2;
    }
    int w = options.size ? options.size->first : profile->width;
    int h = options.size ? options.size->second : profile->height;
    auto canvas = Canvas::create(w, h);
    if (!canvas) {
        std::fprintf(stderr, "kiosk: %s\n", canvas.error().message.c_str());
        return 2;
    }
    if (pack) {
        auto view = pick_view(pack->content, *profile, options.slide, options.lang);
        if (!view) {
            std::fprintf(stderr, "kiosk: %s\n", view.error().message.c_str());
            return 2;
        }
        text.set_content_fonts(pack->fonts);
        SlidePainter painter(*canvas, text, pack->content, *pack->objects, *profile);
        painter.paint(*view, w, h);
        const Slide& slide = pack->content.slides[view->slide];
        if (!slide.map.empty()) {
            auto drawn = draw_map_now(canvas->surface(), *pack->objects, slide.map, painter.media_area(*view, w, h));
            if (!drawn)
                std::fprintf(stderr, "kiosk: slide '%s': %s\n", slide.id.c_str(), drawn.error().message.c_str());
        }
    } else {
        std::string name = config.station_name.empty() ? config.station : config.station_name;
        paint_builtin_screen(*canvas, text, w, h, name, pack.error().message);
    }
    auto saved = canvas->save_png(*options.screenshot);
    if (!saved) {
        std::fprintf(stderr, "kiosk: %s\n", saved.error().message.c_str());
        return 2;
    }
    return 0;
}

} // namespace kiosk
