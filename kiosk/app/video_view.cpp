// Frame timing, as in ffplay: a frame is shown when the clock reaches it; if its successor is due too,
// it is dropped as late. Sound is never dropped.
#include "app/video_view.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

Decoding decoding_for(const KioskConfig& config) {
    using D = KioskConfig::VideoDecoder;
    HwDecode hw = config.video_decoder == D::Software ? HwDecode::Software
                  : config.video_decoder == D::Vaapi  ? HwDecode::Vaapi
                                                      : HwDecode::Auto;
    return {hw, config.vaapi_device};
}

SDL_Rect fit_inside(int w, int h, SDL_Rect box) {
    double scale = std::min(static_cast<double>(box.w) / w, static_cast<double>(box.h) / h);
    int fw = static_cast<int>(w * scale), fh = static_cast<int>(h * scale);
    return {box.x + (box.w - fw) / 2, box.y + (box.h - fh) / 2, fw, fh};
}

SDL_Rect draw_video(SDL_Renderer* renderer, const VideoView& video, SDL_Rect box) {
    const MediaPlayback& media = video.media();
    bool sideways = media.rotation() == 90 || media.rotation() == 270;
    // Fit the picture as it will look once turned, then give SDL the unturned rectangle around the same
    // centre: SDL turns about the centre.
    SDL_Rect upright =
        fit_inside(sideways ? media.height() : media.width(), sideways ? media.width() : media.height(), box);
    SDL_Rect dst = upright;
    if (sideways) {
        dst.w = upright.h;
        dst.h = upright.w;
        dst.x = upright.x + (upright.w - dst.w) / 2;
        dst.y = upright.y + (upright.h - dst.h) / 2;
    }
    SDL_RenderCopyEx(renderer, video.texture(), nullptr, &dst, media.rotation(), nullptr, SDL_FLIP_NONE);
    return upright;
}

Result<std::unique_ptr<VideoView>> VideoView::create(SDL_Renderer* renderer,
                                                     std::unique_ptr<MediaPlayback> media, float volume) {
    std::unique_ptr<VideoView> view(new VideoView());
    view->m_texture.reset(SDL_CreateTexture(renderer, SDL_PIXELFORMAT_IYUV, SDL_TEXTUREACCESS_STREAMING,
                                            media->width(), media->height()));
    if (!view->m_texture)
        return make_error(ErrorCode::Io, std::string("cannot create a video texture: ") + SDL_GetError());
    if (media->has_audio())
        view->m_speakers = AudioOutput::open(volume);
    view->m_media = std::move(media);
    return view;
}

std::optional<VideoView::Clock> VideoView::clock_for(int serial, double pts) {
    if (m_speakers) {
        if (auto c = m_speakers->clock(); c && !m_speakers->finished())
            return Clock{c->serial, c->seconds};
        if (!m_speakers->finished())
            return std::nullopt; // sound not started yet: wait for it
    }
    Uint64 now = SDL_GetTicks64();
    if (serial != m_wall_serial) { // a new pass: its first frame sets the clock
        m_wall_serial = serial;
        m_wall_start = now;
        m_wall_first_pts = pts;
    }
    return Clock{serial, m_wall_first_pts + static_cast<double>(now - m_wall_start) / 1000.0};
}

void VideoView::show(const DecodedFrame& frame) {
    const AVFrame* f = frame.frame.get();
    SDL_UpdateYUVTexture(m_texture.get(), nullptr, f->data[0], f->linesize[0], f->data[1], f->linesize[1],
                         f->data[2], f->linesize[2]);
    m_position = frame.pts;
    m_has_frame = true;
}

void VideoView::seek(double seconds) {
    m_media->seek(seconds);
    m_show_one = m_paused;
    if (m_speakers)
        m_speakers->flush();
    m_ended = false;
    m_wall_serial = -1; // the first frame from the new place sets the clock
    m_position = seconds;
    m_settling = true;
    m_settle_until = seconds + 0.5;
    ++m_stats.seeks;
}

void VideoView::set_paused(bool paused) {
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (m_speakers)
        m_speakers->pause(paused);
    Uint64 now = SDL_GetTicks64();
    if (paused)
        m_paused_at = now;
    else
        m_wall_start += now - m_paused_at; // the time spent paused does not count
}

bool VideoView::update() {
    int serial = m_media->fresh_serial();
    if (m_paused) { // nothing moves, but what a seek made stale is let go so the decoders can go on
        while (const AudioChunk* chunk = m_media->audio().peek()) {
            if (chunk->serial >= serial)
                break;
            m_media->audio().pop();
        }
        while (const DecodedFrame* frame = m_media->frames().peek()) {
            if (frame->serial < serial) {
                m_media->frames().pop();
                continue;
            }
            if (!m_show_one || !frame->frame)
                break;
            // Sought while paused: show where it landed, and hold that frame.
            show(*frame);
            m_media->frames().pop();
            m_show_one = false;
            m_wall_serial = -1;
            return true;
        }
        return false;
    }
    if (m_speakers)
        m_speakers->feed(m_media->audio(), serial);
    else
        while (m_media->audio().try_pop()) {
        } // no speakers: sound is dropped so that nothing waits for it
    while (const DecodedFrame* frame = m_media->frames().peek()) {
        if (frame->serial < serial) { // from before a seek
            m_media->frames().pop();
            continue;
        }
        if (!frame->frame) {
            m_ended = !m_speakers || m_speakers->finished();
            return false;
        }
        if (frame->serial != m_last_serial) {
            m_last_serial = frame->serial;
            ++m_stats.passes;
        }
        auto clock = clock_for(frame->serial, frame->pts);
        if (!clock || clock->serial < frame->serial ||
            (clock->serial == frame->serial && clock->seconds < frame->pts))
            return false; // not due yet
        const DecodedFrame* next = m_media->frames().peek(1);
        bool next_due =
            next && next->frame &&
            (clock->serial > next->serial || (next->serial == clock->serial && clock->seconds >= next->pts));
        bool settling = m_settling && frame->serial == serial && frame->pts < m_settle_until;
        m_settling = settling;
        if (next_due || clock->serial > frame->serial) { // late
            if (!settling)
                ++m_stats.dropped;
            m_media->frames().pop();
            continue;
        }
        if (!settling) {
            double error = std::abs(clock->seconds - frame->pts) * 1000.0;
            m_stats.sync_error_sum_ms += error;
            m_stats.sync_error_max_ms = std::max(m_stats.sync_error_max_ms, error);
            ++m_stats.sync_samples;
        }
        show(*frame);
        m_media->frames().pop();
        ++m_stats.presented;
        return true;
    }
    return false;
}

} // namespace kiosk
