// A playing video as the screen shows it: takes frames from its decoder when their time comes (the
// sound's clock when it has sound, else its own), drops late ones, keeps the latest in a YUV texture.
// Used by `kiosk --play-media` and by video slides.
#pragma once

#include "app/audio_output.hpp"
#include "config/config.hpp"
#include "media/media_playback.hpp"
#include "render/sdl_ptr.hpp"

#include <memory>
#include <optional>

namespace kiosk {

struct VideoViewStats {
    long presented = 0, dropped = 0;
    long passes = 0; // runs of pictures: the first, then one per loop and per seek
    long seeks = 0;
    double sync_error_sum_ms = 0, sync_error_max_ms = 0;
    long sync_samples = 0;
};

class VideoView {
public:
    // Takes the playback; opens the speakers when it has sound (and they exist).
    static Result<std::unique_ptr<VideoView>> create(SDL_Renderer* renderer,
                                                     std::unique_ptr<MediaPlayback> media, float volume);
    // Moves sound to the speakers and, when a new frame is due, puts it in the texture: true then.
    bool update();
    bool ended() const { return m_ended; }
    SDL_Texture* texture() const { return m_has_frame ? m_texture.get() : nullptr; }
    const MediaPlayback& media() const { return *m_media; }
    bool audio_clock() const { return m_speakers != nullptr; }
    void set_volume(float volume) {
        if (m_speakers)
            m_speakers->set_volume(volume);
    }
    // Where in the film the frame on screen is, in seconds (for subtitles and the seek bar).
    double position() const { return m_position; }
    // Jumps to a time; the next frame shown is from there.
    void seek(double seconds);
    // Holds the picture and the sound; the clock stops with them.
    void set_paused(bool paused);
    bool paused() const { return m_paused; }
    const VideoViewStats& stats() const { return m_stats; }

private:
    struct Clock {
        int serial;
        double seconds;
    };
    VideoView() = default;
    std::optional<Clock> clock_for(int serial, double pts);
    void show(const DecodedFrame& frame); // into the texture

    std::unique_ptr<MediaPlayback> m_media;
    std::unique_ptr<AudioOutput> m_speakers;
    TexturePtr m_texture;
    bool m_has_frame = false, m_ended = false, m_paused = false, m_show_one = false;
    Uint64 m_paused_at = 0;
    double m_position = 0;
    int m_wall_serial = -1, m_last_serial = -1;
    // Just after a seek the clock and the pictures find each other again: the frames of that moment
    // (up to half a second of the film) are not counted as drops or in the sync error.
    bool m_settling = false;
    double m_settle_until = 0;
    Uint64 m_wall_start = 0;
    double m_wall_first_pts = 0;
    VideoViewStats m_stats;
};

// How the station's configuration asks films to be decoded.
Decoding decoding_for(const KioskConfig& config);

// The largest rectangle of a w x h picture inside `box`, centred: never stretched.
SDL_Rect fit_inside(int w, int h, SDL_Rect box);

// Draws the film's latest frame upright and as large as fits in `box`; returns where the picture went.
SDL_Rect draw_video(SDL_Renderer* renderer, const VideoView& video, SDL_Rect box);

} // namespace kiosk
