// Decoded sound waiting for the audio device: chunks of 16-bit stereo PCM at 48 kHz with the time of
// their first sample. The decoder waits when it is full; the main thread takes without waiting.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace kiosk {

constexpr int kAudioRate = 48000;
constexpr int kAudioChannels = 2;

struct AudioChunk {
    std::vector<std::int16_t> samples; // interleaved; empty marks the end of the stream
    double pts = 0;                    // seconds, of the first sample
    int serial = 0;
    double seconds() const { return static_cast<double>(samples.size()) / (kAudioRate * kAudioChannels); }
};

class AudioQueue {
public:
    explicit AudioQueue(std::size_t capacity = 48) : m_capacity(capacity) {}
    bool push(AudioChunk chunk); // blocks while full; false once aborted
    std::optional<AudioChunk> try_pop();
    void abort();

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<AudioChunk> m_chunks;
    std::size_t m_capacity;
    bool m_aborted = false;
};

} // namespace kiosk
