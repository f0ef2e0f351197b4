// Decoded sound waiting for the audio device: chunks of 16-bit stereo PCM at 48 kHz with the time of
// their first sample.
#pragma once

#include "media/handoff_queue.hpp"

#include <cstdint>
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

// About a second of sound, in chunks of a decoded frame each.
using AudioQueue = HandoffQueue<AudioChunk>;
constexpr std::size_t kAudioChunksAhead = 48;

} // namespace kiosk
