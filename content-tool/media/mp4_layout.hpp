// Where the top-level boxes of an MP4/MOV file lie: whether the index (moov) comes before the pictures
// (mdat), as the kiosk needs to start a film while it streams from the store, and whether the file was
// cut short.
#pragma once

#include <filesystem>

namespace content_tool {

struct Mp4Layout {
    bool is_mp4 = false;         // begins with a box MP4 or QuickTime files begin with (ftyp, moov, ...)
    bool has_index = false;      // a moov box was found
    bool index_at_front = false; // the moov box comes before the first mdat box
    bool cut_short = false;      // a box runs past the end of the file
    bool walked_to_end = false;  // every top-level box was read, up to the end of the file
};

// Reads only the box headers, never the media; a file that is not MP4/MOV gives is_mp4 == false.
Mp4Layout scan_mp4_layout(const std::filesystem::path& file);

} // namespace content_tool
