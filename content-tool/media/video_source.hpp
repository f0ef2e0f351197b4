// Opening a source film for reading: its container, its best video and audio streams and their
// decoders, with errors worded for the editor (what is wrong with the file and what to do).
#pragma once

#include "base/result.hpp"
#include "media/av_ptr.hpp"

#include <filesystem>
#include <string>

namespace content_tool {

struct SourceFilm {
    kiosk::FormatPtr format;
    int video = -1; // stream index
    int audio = -1; // stream index, -1 when the film has no sound
};

enum class Threads { One, Auto };

// Opens the file and finds its streams. A file FFmpeg cannot read, one cut short, and one with no
// picture are errors.
kiosk::Result<SourceFilm> open_source_film(const std::filesystem::path& file);

// Opens the decoder for one stream of the film.
kiosk::Result<kiosk::CodecPtr> open_decoder(const SourceFilm& film, int stream, Threads threads);

// Clockwise turn in degrees (0, 90, 180, 270) a player must give the picture to show it upright, as
// the kiosk reads a phone's display matrix.
int stream_rotation(const AVStream* stream);

// The error for a film whose pictures or sound cannot be decoded, with FFmpeg's reason.
kiosk::Error undecodable(const std::string& reason);
// The error for a file that ends before its film does.
kiosk::Error cut_short();

} // namespace content_tool
