// The video clock is the wall clock from the first frame of each pass (there is no audio yet): a frame
// is shown when its time comes; if the next one is already due too, it is dropped as late.
#include "app/media_presenter.hpp"

#include "app/display.hpp"
#include "base/log.hpp"
#include "media/video_playback.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk {

namespace {

// The largest rectangle of the video's shape inside the screen, centred: never stretched.
SDL_Rect fit(int vw, int vh, int sw, int sh) {
    double scale = std::min(static_cast<double>(sw) / vw, static_cast<double>(sh) / vh);
    int w = static_cast<int>(vw * scale), h = static_cast<int>(vh * scale);
    return {(sw - w) / 2, (sh - h) / 2, w, h};
}

} // namespace

int play_media(const Options& options, const KioskConfig& config) {
    auto playback = VideoPlayback::open(*options.play_media, options.media_loop ? Loop::Forever : Loop::Once);
    if (!playback) {
        std::fprintf(stderr, "kiosk: %s\n", playback.error().message.c_str());
        return 1;
    }
    VideoPlayback& video = **playback;
    if (auto ok = init_video(); !ok) {
        std::fprintf(stderr, "kiosk: %s\n", ok.error().message.c_str());
        return 2;
    }
    auto display = open_display(config, {video.width(), video.height()}, options.size);
    if (!display) {
        std::fprintf(stderr, "kiosk: %s\n", display.error().message.c_str());
        return 2;
    }
    SDL_Renderer* renderer = display->renderer.get();
    TexturePtr texture(SDL_CreateTexture(renderer, SDL_PIXELFORMAT_IYUV, SDL_TEXTUREACCESS_STREAMING,
                                         video.width(), video.height()));
    if (!texture) {
        std::fprintf(stderr, "kiosk: cannot create a video texture: %s\n", SDL_GetError());
        return 2;
    }
    log_info("playing " + options.play_media->string() + ": " + video.codec_name() + " " +
             std::to_string(video.width()) + "x" + std::to_string(video.height()) + " at " +
             std::to_string(video.frame_rate()) + " fps on " + display->description);

    long presented = 0, dropped = 0, passes = 0;
    int serial = -1;
    Uint64 start = SDL_GetTicks64(), pass_start = 0;
    double pass_first_pts = 0;
    bool ended = false, have_frame = false;
    while (!ended) {
        SDL_Event event;
        while (SDL_PollEvent(&event)) {
            if (event.type == SDL_QUIT ||
                (event.type == SDL_KEYDOWN &&
                 (event.key.keysym.sym == SDLK_ESCAPE || event.key.keysym.sym == SDLK_q)))
                ended = true;
        }
        Uint64 now = SDL_GetTicks64();
        if (options.media_seconds && now - start >= *options.media_seconds * 1000)
            break;
        bool show = false;
        while (const DecodedFrame* frame = video.frames().peek()) {
            if (!frame->frame) {
                ended = true;
                break;
            }
            if (frame->serial != serial) { // a new pass: its first frame sets the clock
                serial = frame->serial;
                ++passes;
                pass_start = now;
                pass_first_pts = frame->pts;
            }
            double due_ms = (frame->pts - pass_first_pts) * 1000.0;
            if (static_cast<double>(now - pass_start) < due_ms)
                break;
            const DecodedFrame* next = video.frames().peek(1);
            bool next_due = next && next->frame && next->serial == serial &&
                            static_cast<double>(now - pass_start) >= (next->pts - pass_first_pts) * 1000.0;
            if (next_due) { // late: this one's time has passed while the next is due already
                ++dropped;
                video.frames().pop();
                continue;
            }
            const AVFrame* f = frame->frame.get();
            SDL_UpdateYUVTexture(texture.get(), nullptr, f->data[0], f->linesize[0], f->data[1],
                                 f->linesize[1], f->data[2], f->linesize[2]);
            video.frames().pop();
            show = true;
            break;
        }
        if (show) {
            int sw = 0, sh = 0;
            SDL_GetRendererOutputSize(renderer, &sw, &sh);
            SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
            SDL_RenderClear(renderer);
            SDL_Rect dst = fit(video.width(), video.height(), sw, sh);
            SDL_RenderCopy(renderer, texture.get(), nullptr, &dst);
            SDL_RenderPresent(renderer);
            ++presented;
            have_frame = true;
        } else {
            SDL_Delay(display->vsync && have_frame ? 1 : 2);
        }
    }
    double seconds = (SDL_GetTicks64() - start) / 1000.0;
    if (options.media_stats) {
        const auto& s = video.stats();
        std::printf(
            "decoded %ld, presented %ld, dropped %ld frames in %.2f s (%.1f fps shown); decode errors %ld; "
            "passes %ld\n",
            s.decoded.load(), presented, dropped, seconds, presented / std::max(seconds, 0.001),
            s.decode_errors.load(), passes);
    }
    return 0;
}

} // namespace kiosk
