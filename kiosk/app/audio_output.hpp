// The speakers: feeds decoded sound to SDL's audio device a little ahead of time, and says which
// sample is playing now, which is the clock video follows (audio is the master, as in ffplay).
#pragma once

#include "media/audio_queue.hpp"

#include <SDL.h>
#include <deque>
#include <memory>
#include <optional>

namespace kiosk {

struct AudioClock {
    int serial;     // the stretch of playback the sound now playing belongs to
    double seconds; // its position in the stream
};

class AudioOutput {
public:
    // Opens the default device; null (logged) when the machine has none, and video keeps its own time.
    static std::unique_ptr<AudioOutput> open(float volume);
    AudioOutput(const AudioOutput&) = delete;
    AudioOutput& operator=(const AudioOutput&) = delete;
    ~AudioOutput();
    // A share of full loudness, 0 to 1; sound already handed to the device keeps its old level.
    void set_volume(float volume);

    // Moves sound from the queue to the device until about `ahead` seconds are waiting there; sound of
    // a serial before `serial` (from before a seek) is dropped.
    void feed(AudioQueue& queue, int serial, double ahead = 0.15);
    // Forgets the sound waiting at the device (a seek), and pauses or resumes it.
    void flush();
    void pause(bool paused);
    std::optional<AudioClock> clock() const;
    bool finished() const; // the stream has ended and everything queued has played

private:
    AudioOutput(SDL_AudioDeviceID device, float volume) : m_device(device) { set_volume(volume); }
    struct Queued {
        int serial;
        double pts;
        Uint64 first_byte; // position of its first byte in everything ever queued
    };
    SDL_AudioDeviceID m_device = 0;
    float m_volume = 1.0f;
    std::deque<Queued> m_queued;
    Uint64 m_total_bytes = 0;
    bool m_ended = false;
};

} // namespace kiosk
