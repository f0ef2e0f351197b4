// SDL_QueueAudio from the main thread: no callback thread of our own, and the device's queue size says
// exactly how much has been played.
#include "app/audio_output.hpp"

#include "base/log.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>

namespace kiosk {

namespace {

constexpr double kBytesPerSecond = kAudioRate * kAudioChannels * sizeof(std::int16_t);

// Whether the kernel has an ALSA sound card: a playback or capture device node under /dev/snd.
bool alsa_card_present() {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/dev/snd", ec))
        if (entry.path().filename().string().rfind("pcmC", 0) == 0)
            return true;
    return false;
}

// On a machine without a sound card, SDL's ALSA and sndio backends fail only after alsa-lib has printed
// a dozen "ALSA lib confmisc.c: cannot find card '0'" lines straight to stderr, which land in the middle
// of an editor's replay or an operator's log. alsa-lib's own error handler cannot be replaced without
// linking alsa-lib, and muting fd 2 would also swallow other threads' messages; so when there is no card,
// SDL is told to try only the backends that fail quietly (sound servers, OSS). A driver the user chose
// with SDL_AUDIODRIVER is left alone. "disk" and "dummy" stay out: SDL tries them only when named, and
// "disk" writes the sound to a file. Returns false when no backend is left to try.
bool choose_quiet_audio_drivers() {
    std::string drivers;
    for (int i = 0; i < SDL_GetNumAudioDrivers(); ++i) {
        std::string name = SDL_GetAudioDriver(i);
        if (name != "alsa" && name != "sndio" && name != "disk" && name != "dummy")
            drivers += (drivers.empty() ? "" : ",") + name;
    }
    if (drivers.empty())
        return false;
    SDL_SetHint(SDL_HINT_AUDIODRIVER, drivers.c_str());
    return true;
}

// Starts SDL's audio, quietly when the machine has no sound card; false (logged) when there is no sound.
bool init_audio() {
    if (SDL_WasInit(SDL_INIT_AUDIO))
        return true;
    const char* chosen = std::getenv("SDL_AUDIODRIVER");
    bool quiet = !(chosen && *chosen) && !alsa_card_present();
    if (quiet && !choose_quiet_audio_drivers()) {
        log_warn("no sound: this machine has no sound card; films play without sound");
        return false;
    }
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        log_warn(quiet ? std::string("no sound: this machine has no sound card and no sound server; films play "
                                     "without sound")
                       : std::string("no sound: ") + SDL_GetError());
        return false;
    }
    return true;
}

} // namespace

std::unique_ptr<AudioOutput> AudioOutput::open(float volume) {
    if (!init_audio())
        return nullptr;
    SDL_AudioSpec want{}, have{};
    want.freq = kAudioRate;
    want.format = AUDIO_S16SYS;
    want.channels = kAudioChannels;
    want.samples = 1024;
    SDL_AudioDeviceID device = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (device == 0) {
        log_warn(std::string("no sound device: ") + SDL_GetError());
        return nullptr;
    }
    SDL_PauseAudioDevice(device, 0);
    return std::unique_ptr<AudioOutput>(new AudioOutput(device, volume));
}

void AudioOutput::set_volume(float volume) {
    m_volume = std::clamp(volume, 0.0f, 1.0f);
}

AudioOutput::~AudioOutput() {
    if (m_device)
        SDL_CloseAudioDevice(m_device);
}

void AudioOutput::flush() {
    SDL_ClearQueuedAudio(m_device);
    m_queued.clear();
    m_ended = false;
}

void AudioOutput::pause(bool paused) {
    SDL_PauseAudioDevice(m_device, paused ? 1 : 0);
}

void AudioOutput::feed(AudioQueue& queue, int serial, double ahead) {
    // Forget chunks that have finished playing.
    Uint64 played = m_total_bytes - SDL_GetQueuedAudioSize(m_device);
    while (m_queued.size() > 1 && m_queued[1].first_byte <= played)
        m_queued.pop_front();
    while (!m_ended && SDL_GetQueuedAudioSize(m_device) < ahead * kBytesPerSecond) {
        auto chunk = queue.try_pop();
        if (!chunk)
            return;
        if (chunk->serial < serial)
            continue;
        if (chunk->samples.empty()) {
            m_ended = true;
            return;
        }
        if (m_volume < 1.0f)
            for (auto& s : chunk->samples)
                s = static_cast<std::int16_t>(std::lround(s * m_volume));
        m_queued.push_back({chunk->serial, chunk->pts, m_total_bytes});
        auto bytes = static_cast<Uint32>(chunk->samples.size() * sizeof(std::int16_t));
        SDL_QueueAudio(m_device, chunk->samples.data(), bytes);
        m_total_bytes += bytes;
    }
}

std::optional<AudioClock> AudioOutput::clock() const {
    if (m_queued.empty())
        return std::nullopt;
    Uint64 played = m_total_bytes - SDL_GetQueuedAudioSize(m_device);
    // The last chunk that started at or before the byte now playing.
    auto it = std::upper_bound(m_queued.begin(), m_queued.end(), played,
                               [](Uint64 p, const Queued& q) { return p < q.first_byte; });
    if (it == m_queued.begin())
        return std::nullopt;
    --it;
    return AudioClock{it->serial, it->pts + static_cast<double>(played - it->first_byte) / kBytesPerSecond};
}

bool AudioOutput::finished() const {
    return m_ended && SDL_GetQueuedAudioSize(m_device) == 0;
}

} // namespace kiosk
