// A content source folder as editors write it: project.toml plus slides/*.toml and media files.
// Loading validates everything and reports problems with file and line.
#pragma once

#include "content/content.hpp"
#include "source/diagnostics.hpp"
#include "text/font_face.hpp"

#include <filesystem>
#include <map>
#include <optional>

namespace content_tool {

namespace fs = std::filesystem;

// How far media is checked: pictures decoded and films probed as build prepares them (check), or
// only headers and structure (build, whose media preparation decodes what it does not find cached).
enum class PictureCheck { Decode, Header };

struct SourceSlide {
    kiosk::Slide slide; // slide.image holds the source-relative media path
    fs::path file;
    std::optional<fs::path> image_file; // absolute path of the media file
    std::optional<fs::path> video_file;
    std::optional<fs::path> map_file;           // slide.map holds the source-relative path of the picture
    std::map<std::string, fs::path> subtitle_files; // by language, beside slide.subtitles
    std::vector<fs::path> gallery_files;             // beside slide.gallery, in the same order
    // essential = true: travellers must always be able to find it (emergency numbers, entry rules), so
    // check warns when the schedule hides it. Only the office's tool reads it; it is not in the pack.
    bool essential = false;
    int essential_line = 1;
    // Where each text is written: "title.vi" -> line, and "title" -> the line of the [title] table.
    std::map<std::string, int> lines;
    int line_of(const std::string& field, const std::string& lang) const;
};

struct SourceProject {
    fs::path root;
    kiosk::Content content; // everything but the slides
    std::vector<std::string> stations;
    std::vector<fs::path> font_files;                          // beside content.fonts, in the same order
    std::vector<std::shared_ptr<const kiosk::FontFile>> fonts; // the same, read and checked
    std::vector<SourceSlide> slides;
    std::map<std::string, fs::path> icon_files; // category id -> its icon's file
    std::map<std::string, int> lines;           // "category.ID", "playlist.ID" -> line in project.toml
    PictureCheck checks = PictureCheck::Decode; // how far media was checked while loading
};

// Loads and validates; returns the project only when there are no errors (warnings are allowed).
std::optional<SourceProject> load_source(const fs::path& dir, Diagnostics& diagnostics,
                                         PictureCheck pictures = PictureCheck::Decode);

// Media types content-tool accepts in a source, by file extension.
std::optional<std::string> media_kind(const fs::path& file);

} // namespace content_tool
