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

// How far into the film the packets read so far reach, to tell a file that ends before the length its
// container declares (cut short while copying) from a whole one.
class FilmReach {
public:
    explicit FilmReach(const AVFormatContext& format);
    void saw(const AVPacket& packet, AVRational time_base);
    bool ends_early() const;

private:
    double m_declared = 0; // seconds; 0 when unknown or only estimated from the bit rate
    double m_start = 0;
    double m_reached = 0;
};

// The error for a film whose pictures or sound cannot be decoded, with FFmpeg's reason.
kiosk::Error undecodable(const std::string& reason);
// The error for a file that ends before its film does.
kiosk::Error cut_short();

} // namespace content_tool
