// Subtitles for films, from SubRip (.srt) or WebVTT (.vtt) files: timed cues whose text is turned into
// the text engine's markup (<i> becomes *italic*, <b> becomes **bold**, other tags are dropped).
#pragma once

#include "base/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

inline constexpr std::size_t kSubtitlesCap = 2 * 1024 * 1024;
inline constexpr std::size_t kMaxCues = 20000;

struct Cue {
    double start = 0, end = 0; // seconds from the film's start
    std::string text;          // markup; lines separated by '\n'
};

struct Subtitles {
    std::vector<Cue> cues; // by start time
    // The text of every cue showing at `seconds`, one under the other; empty between cues.
    std::string text_at(double seconds) const;
    double longest = 0; // the longest cue, which bounds the search for cues still showing
};

// Errors name the line and what a good line looks like.
Result<Subtitles> parse_subtitles(std::string_view text);

} // namespace kiosk
