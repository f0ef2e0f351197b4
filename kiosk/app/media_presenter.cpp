// Frames are shown when the clock reaches them: the sound playing now when there is sound (audio is the
// master, as in ffplay), else the wall clock from the first frame of each pass. A frame whose successor
// is already due is dropped as late; sound is never dropped.
#include "app/media_presenter.hpp"

#include "app/audio_output.hpp"
#include "app/display.hpp"
#include "base/log.hpp"
#include "media/media_playback.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kiosk {

namespace {

// The largest rectangle of the video's shape inside the screen, centred: never stretched.
SDL_Rect fit(int vw, int vh, int sw, int sh) {
    double scale = std::min(static_cast<double>(sw) / vw, static_cast<double>(sh) / vh);
    int w = static_cast<int>(vw * scale), h = static_cast<int>(vh * scale);
    return {(sw - w) / 2, (sh - h) / 2, w, h};
}

// Where playback stands: which pass, and how far into the stream.
struct Clock {
    int serial;
    double seconds;
};

} // namespace

int play_media(const Options& options, const KioskConfig& config) {
    Sound sound = options.media_mute ? Sound::Off : Sound::On;
    auto playback =
        MediaPlayback::open(*options.play_media, options.media_loop ? Loop::Forever : Loop::Once, sound);
    if (!playback) {
        std::fprintf(stderr, "kiosk: %s\n", playback.error().message.c_str());
        return 1;
    }
    MediaPlayback& media = **playback;
    if (auto ok = init_video(); !ok) {
        std::fprintf(stderr, "kiosk: %s\n", ok.error().message.c_str());
        return 2;
    }
    auto display = open_display(config, {media.width(), media.height()}, options.size);
    if (!display) {
        std::fprintf(stderr, "kiosk: %s\n", display.error().message.c_str());
        return 2;
    }
    std::optional<AudioOutput> speakers = media.has_audio() ? AudioOutput::open(1.0f) : std::nullopt;
    SDL_Renderer* renderer = display->renderer.get();
    TexturePtr texture(SDL_CreateTexture(renderer, SDL_PIXELFORMAT_IYUV, SDL_TEXTUREACCESS_STREAMING,
                                         media.width(), media.height()));
    if (!texture) {
        std::fprintf(stderr, "kiosk: cannot create a video texture: %s\n", SDL_GetError());
        return 2;
    }
    log_info("playing " + options.play_media->string() + ": " + media.codec_name() + " " +
             std::to_string(media.width()) + "x" + std::to_string(media.height()) + " at " +
             std::to_string(media.frame_rate()) + " fps" + (media.has_audio() ? " with sound" : "") + " on " +
             display->description);

    long presented = 0, dropped = 0, passes = 0;
    double sync_error_sum = 0, sync_error_max = 0;
    long sync_samples = 0;
    int wall_serial = -1;
    Uint64 start = SDL_GetTicks64(), wall_start = 0;
    double wall_first_pts = 0;
    bool ended = false;
    auto now_ms = [] { return SDL_GetTicks64(); };
    // The clock frames of `serial` are compared with: the sound's, when it is playing that pass.
    auto clock_for = [&](int serial, double pts) -> std::optional<Clock> {
        if (speakers) {
            if (auto c = speakers->clock(); c && !speakers->finished())
                return Clock{c->serial, c->seconds};
            if (!speakers->finished())
                return std::nullopt; // sound not started yet: wait for it
        }
        if (serial != wall_serial) { // a new pass: its first frame sets the wall clock
            wall_serial = serial;
            wall_start = now_ms();
            wall_first_pts = pts;
        }
        return Clock{serial, wall_first_pts + static_cast<double>(now_ms() - wall_start) / 1000.0};
    };
    int last_serial = -1;
    while (!ended) {
        SDL_Event event;
        while (SDL_PollEvent(&event)) {
            if (event.type == SDL_QUIT ||
                (event.type == SDL_KEYDOWN &&
                 (event.key.keysym.sym == SDLK_ESCAPE || event.key.keysym.sym == SDLK_q)))
                ended = true;
        }
        if (options.media_seconds && now_ms() - start >= *options.media_seconds * 1000)
            break;
        if (speakers)
            speakers->feed(media.audio());
        else
            while (media.audio().try_pop()) {
            } // no speakers: sound is dropped so that nothing waits for it
        bool show = false;
        while (const DecodedFrame* frame = media.frames().peek()) {
            if (!frame->frame) {
                ended = !speakers || speakers->finished();
                break;
            }
            if (frame->serial != last_serial) {
                last_serial = frame->serial;
                ++passes;
            }
            auto clock = clock_for(frame->serial, frame->pts);
            if (!clock || clock->serial < frame->serial ||
                (clock->serial == frame->serial && clock->seconds < frame->pts))
                break; // not due yet
            const DecodedFrame* next = media.frames().peek(1);
            bool next_due = next && next->frame &&
                            (clock->serial > next->serial ||
                             (next->serial == clock->serial && clock->seconds >= next->pts));
            if (next_due || clock->serial > frame->serial) { // late: drop it, never the sound
                ++dropped;
                media.frames().pop();
                continue;
            }
            double error = std::abs(clock->seconds - frame->pts) * 1000.0;
            sync_error_sum += error;
            sync_error_max = std::max(sync_error_max, error);
            ++sync_samples;
            const AVFrame* f = frame->frame.get();
            SDL_UpdateYUVTexture(texture.get(), nullptr, f->data[0], f->linesize[0], f->data[1],
                                 f->linesize[1], f->data[2], f->linesize[2]);
            media.frames().pop();
            show = true;
            break;
        }
        if (show) {
            int sw = 0, sh = 0;
            SDL_GetRendererOutputSize(renderer, &sw, &sh);
            SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
            SDL_RenderClear(renderer);
            SDL_Rect dst = fit(media.width(), media.height(), sw, sh);
            SDL_RenderCopy(renderer, texture.get(), nullptr, &dst);
            SDL_RenderPresent(renderer);
            ++presented;
        } else {
            SDL_Delay(1);
        }
    }
    double seconds = static_cast<double>(now_ms() - start) / 1000.0;
    if (options.media_stats) {
        const auto& s = media.stats();
        std::printf(
            "decoded %ld, presented %ld, dropped %ld frames in %.2f s (%.1f fps shown); decode errors %ld; "
            "passes %ld\n",
            s.decoded.load(), presented, dropped, seconds, presented / std::max(seconds, 0.001),
            s.decode_errors.load(), passes);
        std::printf("clock: %s; A/V sync error mean %.1f ms, max %.1f ms\n",
                    speakers ? "audio" : "video (no sound)",
                    sync_samples ? sync_error_sum / static_cast<double>(sync_samples) : 0.0, sync_error_max);
    }
    return 0;
}

} // namespace kiosk
