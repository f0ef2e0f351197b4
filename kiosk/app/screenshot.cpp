// One frame of the chosen slide and language, or the built-in screen when the store has nothing to play.
#include "app/screenshot.hpp"

#include "render/screens/browse_painter.hpp"
#include <algorithm>
#include <ctime>

#include "app/loaded_pack.hpp"
#include "app/map_view.hpp"
#include "app/video_view.hpp"
#include "render/builtin_screen.hpp"
#include "render/canvas.hpp"
#include "render/slide_painter.hpp"

#include <chrono>
#include <cstdio>
#include <thread>

namespace kiosk {

namespace {

// On touch screens the attract loop shows the language strip along the bottom: so does its screenshot.
void paint_language_strip(Canvas& canvas, TextEngine& text, const LoadedPack& pack, const DisplayProfile& profile,
                          float inches, const std::string& slide_language) {
    int w = canvas.width(), h = canvas.height();
    if (!attract_strip_height(profile, pack.content, w, h, inches))
        return;
    BrowsePainter painter(text, BrowseSources{{&pack.content}, {pack.objects.get()}}, profile, inches);
    Catalog catalog = make_catalog({&pack.content}, LocalTime::from_unix(std::time(nullptr)));
    Box box = painter.language_strip_box(catalog, w, h);
    auto strip = Canvas::create(box.w, box.h);
    if (!strip)
        return;
    // Its "touch to start" in the language the slide shows, as on the station.
    auto shown = std::find(catalog.languages.begin(), catalog.languages.end(), slide_language);
    painter.paint_language_strip(*strip, catalog, w, h,
                                 shown == catalog.languages.end() ? 0 : static_cast<std::size_t>(shown - catalog.languages.begin()));
    canvas.blend(strip->surface(), SDL_Rect{box.x, box.y, box.w, box.h});
}

} // namespace


namespace {

// A film's first picture, drawn into its box as the station would show it when the slide comes up.
Status draw_film_now(SDL_Surface* target, const ObjectSource& objects, const std::string& film, SDL_Rect box) {
    auto where = TRY(objects.locate(film));
    auto media = TRY(MediaPlayback::open_range(where.file, where.offset, where.size, Loop::Once, Sound::Off,
                                               Decoding{HwDecode::Software, ""}));
    RendererPtr renderer(SDL_CreateSoftwareRenderer(target));
    if (!renderer)
        return make_error(ErrorCode::Io, std::string("cannot draw the film's picture: ") + SDL_GetError());
    auto view = TRY(VideoView::create(renderer.get(), std::move(media), 0.0f));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!view->update()) {
        if (view->ended() || std::chrono::steady_clock::now() > deadline)
            return make_error(ErrorCode::Parse, "film '" + film + "' has no picture to show");
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    draw_video(renderer.get(), *view, box);
    SDL_RenderPresent(renderer.get());
    SDL_SetClipRect(target, nullptr); // as for maps: a software renderer's clip stays on the surface
    return {};
}

} // namespace

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
        std::fprintf(stderr, "kiosk: %s\n",
                     unknown_profile_message(config.profile, pack ? &pack->content : nullptr).c_str());
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
        text.set_kept_names(pack->content.keep_together);
        SlidePainter painter(*canvas, text, pack->content, *pack->objects, *profile);
        painter.set_bottom_inset(attract_strip_height(*profile, pack->content, w, h, config.screen_inches));
        painter.paint(*view, w, h);
        const Slide& slide = pack->content.slides[view->slide];
        if (!slide.video.empty()) {
            auto drawn = draw_film_now(canvas->surface(), *pack->objects, slide.video, painter.media_area(*view, w, h));
            if (!drawn)
                std::fprintf(stderr, "kiosk: slide '%s': %s\n", slide.id.c_str(), drawn.error().message.c_str());
        }
        if (!slide.map.empty()) {
            auto drawn = draw_map_now(canvas->surface(), *pack->objects, slide.map, painter.media_area(*view, w, h));
            if (!drawn)
                std::fprintf(stderr, "kiosk: slide '%s': %s\n", slide.id.c_str(), drawn.error().message.c_str());
        }
        paint_language_strip(*canvas, text, *pack, *profile, config.screen_inches, view->languages.back());
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
