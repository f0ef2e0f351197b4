// Preparing every photo, film, map and subtitle file of a build for the kiosk: each is probed, then
// taken from the media cache, normalised into it, or passed through as it is.
#pragma once

#include "base/result.hpp"
#include "crypto/hash.hpp"
#include "media/media_cache.hpp"
#include "media/video_transcode.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace content_tool {

enum class MediaRole { Image, Film, Map, Subtitles };

enum class MediaOutcome {
    Normalised, // encoded, shrunk, turned upright, stripped or cut into tiles in this build
    Reused,     // the same result taken from the media cache
    Unchanged,  // the source file itself goes into the pack
};

// One object of the pack and the file its bytes come from.
struct StagedObject {
    std::string path;
    std::filesystem::path file;
    std::uint64_t size = 0;
    kiosk::Hash256 hash{};
    std::string type;
};

struct PreparedMedia {
    std::string object_path; // what content.json names: the picture, the film, the subtitles, the map index
    std::vector<StagedObject> objects;
    MediaOutcome outcome = MediaOutcome::Unchanged;
    std::string why; // what was done, in words for the editor; empty when nothing was
};

class MediaNormaliser {
public:
    MediaNormaliser(MediaLimits limits, MediaCache cache) : m_limits(limits), m_cache(std::move(cache)) {}

    // source_name is the path the slide wrote ("media/photo.jpg"); object_path the path the result gets in
    // the pack (a derived name for a rasterised SVG, a transcoded film, or a map's folder of tiles).
    // progress gets the fraction of this item done. Errors name the source file and the reason. Safe to
    // call from several threads at once for different sources.
    kiosk::Result<PreparedMedia> prepare(MediaRole role, const std::filesystem::path& source,
                                         const std::string& object_path,
                                         const std::function<void(double)>& progress = {});

    const MediaLimits& limits() const { return m_limits; }

private:
    kiosk::Result<PreparedMedia> prepare_image(const std::filesystem::path& source, const kiosk::Hash256& hash,
                                               const std::string& object_path);
    kiosk::Result<PreparedMedia> prepare_film(const std::filesystem::path& source, const kiosk::Hash256& hash,
                                              const std::string& object_path,
                                              const std::function<void(double)>& progress);
    kiosk::Result<PreparedMedia> prepare_map(const std::filesystem::path& source, const kiosk::Hash256& hash,
                                             const std::string& base, const std::function<void(double)>& progress);
    std::string settings(MediaRole role, std::string_view extra = {}) const;

    MediaLimits m_limits;
    MediaCache m_cache;
};

// The object path a source gets in the pack: SVG becomes .png, a transcoded film .mp4, and a map the
// folder maps/<name> (without a leading media/ or maps/ folder and without the extension).
std::string film_object_path(const std::string& source_name);
std::string svg_object_path(const std::string& source_name);
std::string map_object_base(const std::string& source_name);

// The media type of a film or subtitles file by its extension.
std::string film_media_type(const std::filesystem::path& file);
std::string subtitles_media_type(const std::filesystem::path& file);

} // namespace content_tool
