// `kiosk --play-media`: a VideoView filling the screen until the file ends, the time is up or Esc.
#include "app/media_presenter.hpp"

#include "app/display.hpp"
#include "app/subtitle_view.hpp"
#include "app/video_controls.hpp"
#include "app/video_view.hpp"
#include "base/log.hpp"
#include "platform/linux/files.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <string_view>

namespace kiosk {

namespace {

std::string fps_text(double fps) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", fps); // 25, 29.97, 59.9
    return text;
}

} // namespace

int play_media(const Options& options, const KioskConfig& config, TextEngine& text) {
    std::optional<SubtitleView> subtitles;
    if (options.media_subtitles) {
        auto bytes = platform::read_file(*options.media_subtitles, kSubtitlesCap);
        auto parsed = bytes ? parse_subtitles(*bytes) : Result<Subtitles>(bytes.error());
        if (!parsed) {
            std::fprintf(stderr, "kiosk: %s: %s\n", options.media_subtitles->c_str(),
                         parsed.error().message.c_str());
            return 1;
        }
        subtitles.emplace(std::move(parsed.value()), options.lang.value_or("en"));
    }
    Sound sound = options.media_mute ? Sound::Off : Sound::On;
    auto playback =
        MediaPlayback::open(*options.play_media, options.media_loop ? Loop::Forever : Loop::Once, sound,
                            decoding_for(config));
    if (!playback) {
        std::fprintf(stderr, "kiosk: %s\n", playback.error().message.c_str());
        return 1;
    }
    // A picture opens as a one-frame "film": say what the option is for instead of flashing it.
    static const std::set<std::string_view> kStillCodecs = {"png", "mjpeg", "bmp", "tiff", "webp", "jpeg2000",
                                                             "jpegls", "pgm", "ppm", "svg", "librsvg"};
    if (kStillCodecs.count((*playback)->codec_name()) && (*playback)->duration() < 0.5) {
        std::fprintf(stderr, "kiosk: %s is a still picture, not a film; --play-media plays films (a picture "
                             "is shown by a slide's image, or previewed with --content and --screenshot)\n",
                     options.play_media->c_str());
        return 1;
    }
    int width = (*playback)->width(), height = (*playback)->height();
    if (auto ok = init_video(); !ok) {
        std::fprintf(stderr, "kiosk: %s\n", ok.error().message.c_str());
        return 2;
    }
    auto display = open_display(config, {width, height}, options.size);
    if (!display) {
        std::fprintf(stderr, "kiosk: %s\n", display.error().message.c_str());
        return 2;
    }
    SDL_Renderer* renderer = display->renderer.get();
    auto view = VideoView::create(renderer, std::move(playback.value()), config.volume_now());
    if (!view) {
        std::fprintf(stderr, "kiosk: %s\n", view.error().message.c_str());
        return 2;
    }
    const MediaPlayback& media = (*view)->media();
    log_info("playing " + options.play_media->string() + ": " + media.codec_name() + " " +
             std::to_string(width) + "x" + std::to_string(height) + " at " +
             fps_text(media.frame_rate()) + " fps" + (media.has_audio() ? " with sound" : "") +
             ", decoded by " + media.decoding() +
             (media.rotation() ? ", turned " + std::to_string(media.rotation()) + " degrees" : "") + " on " +
             display->description);

    Uint64 start = SDL_GetTicks64();
    bool quit = false;
    VideoControls controls;
    int sw = 0, sh = 0;
    bool controls_shown = false;
    while (!quit && !(*view)->ended()) {
        SDL_GetRendererOutputSize(renderer, &sw, &sh);
        Uint64 now = SDL_GetTicks64();
        bool touched = false;
        SDL_Event event;
        while (SDL_PollEvent(&event)) {
            if (event.type == SDL_QUIT ||
                (event.type == SDL_KEYDOWN &&
                 (event.key.keysym.sym == SDLK_ESCAPE || event.key.keysym.sym == SDLK_q)))
                quit = true;
            if (event.type == SDL_KEYDOWN && event.key.keysym.sym == SDLK_SPACE)
                (*view)->set_paused(!(*view)->paused());
            touched |= controls.handle(event, sw, sh, {0, 0, sw, sh}, **view, now);
        }
        if (options.media_seconds && now - start >= *options.media_seconds * 1000)
            break;
        // Redraw for a new frame, and while the controls show (their time and knob move) or just hid.
        bool fresh = (*view)->update();
        bool redraw = fresh || touched || controls.visible(now) || controls_shown != controls.visible(now);
        controls_shown = controls.visible(now);
        if (!redraw) {
            SDL_Delay(1);
            continue;
        }
        SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
        SDL_RenderClear(renderer);
        SDL_Rect film = draw_video(renderer, **view, {0, 0, sw, sh});
        if (subtitles)
            subtitles->draw(renderer, text, (*view)->position(), film,
                            controls.visible(now) ? VideoControls::layout_for({0, 0, sw, sh}, sh).strip.y : INT32_MAX);
        controls.draw(renderer, text, **view, {0, 0, sw, sh}, sh, now);
        SDL_RenderPresent(renderer);
        if (!fresh && !touched) // only the controls changed: about 100 redraws a second is plenty
            SDL_Delay(8);
    }
    double seconds = static_cast<double>(SDL_GetTicks64() - start) / 1000.0;
    if (options.media_stats) {
        const auto& v = (*view)->stats();
        const auto& s = media.stats();
        std::printf(
            "decoded %ld, presented %ld, dropped %ld frames in %.2f s (%.1f fps shown); decode errors %ld; "
            "loops %ld, seeks %ld (the moments just after a seek are not counted as drops)\n",
            s.decoded.load(), v.presented, v.dropped, seconds,
            static_cast<double>(v.presented) / std::max(seconds, 0.001), s.decode_errors.load(),
            std::max(0L, v.passes - 1 - v.seeks), v.seeks);
        std::printf("clock: %s; A/V sync error mean %.1f ms, max %.1f ms\n",
                    (*view)->audio_clock() ? "audio" : "video (no sound)",
                    v.sync_samples ? v.sync_error_sum_ms / static_cast<double>(v.sync_samples) : 0.0,
                    v.sync_error_max_ms);
    }
    return 0;
}

} // namespace kiosk
