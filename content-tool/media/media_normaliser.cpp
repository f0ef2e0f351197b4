// Deciding, per media item, between the cache, normalising and passing through.
#include "media/media_normaliser.hpp"

#include "content/map_tiles.hpp"
#include "media/image_normalise.hpp"
#include "media/map_tiles_builder.hpp"
#include "platform/linux/files.hpp"

#include <algorithm>

namespace content_tool {

namespace fs = std::filesystem;
using kiosk::ErrorCode;
using kiosk::make_error;
using kiosk::Result;

namespace {

std::string lower_extension(const fs::path& file) {
    auto ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

Result<PreparedMedia> from_entry(const MediaCache::Entry& entry, MediaOutcome outcome, std::string why,
                                 const std::function<StagedObject(const MediaCache::File&)>& place) {
    PreparedMedia media;
    media.outcome = outcome;
    media.why = std::move(why);
    for (const auto& file : entry.files) {
        StagedObject object = place(file);
        object.file = entry.dir / file.name;
        object.size = file.size;
        object.hash = file.hash;
        media.objects.push_back(std::move(object));
    }
    return media;
}

Result<PreparedMedia> unchanged(const fs::path& source, const std::string& object_path, std::string type) {
    auto digest = kiosk::blake2b256_file(source.string());
    if (!digest)
        return make_error(ErrorCode::Io, "cannot read the file");
    PreparedMedia media;
    media.object_path = object_path;
    media.objects.push_back({object_path, source, digest->size, digest->hash, std::move(type)});
    return media;
}

} // namespace

std::string film_object_path(const std::string& source_name) {
    return fs::path(source_name).replace_extension(".mp4").generic_string();
}

std::string svg_object_path(const std::string& source_name) {
    return fs::path(source_name).replace_extension(".png").generic_string();
}

std::string map_object_base(const std::string& source_name) {
    fs::path p = fs::path(source_name).replace_extension();
    auto first = p.begin();
    if (first != p.end() && (*first == "media" || *first == "maps") && std::next(first) != p.end())
        p = p.lexically_relative(*first);
    return "maps/" + p.generic_string();
}

std::string film_media_type(const fs::path& file) {
    auto ext = lower_extension(file);
    return ext == ".webm" ? "video/webm" : ext == ".mkv" ? "video/x-matroska" : ext == ".mov" ? "video/quicktime" : "video/mp4";
}

std::string subtitles_media_type(const fs::path& file) {
    return lower_extension(file) == ".vtt" ? "text/vtt" : "application/x-subrip";
}

std::string MediaNormaliser::settings(MediaRole role, std::string_view extra) const {
    std::string s = "limits " + std::to_string(m_limits.long_side) + "x" + std::to_string(m_limits.short_side) + "\n";
    switch (role) {
    case MediaRole::Image: s += kImageSettingsVersion; break;
    case MediaRole::Film: s += video_profile_version(); break;
    case MediaRole::Map: s += kMapSettingsVersion; break;
    case MediaRole::Subtitles: break;
    }
    return s + "\n" + std::string(extra);
}

Result<PreparedMedia> MediaNormaliser::prepare(MediaRole role, const fs::path& source, const std::string& object_path,
                                               const std::function<void(double)>& progress) {
    auto named = [&](const kiosk::Error& e) { return make_error(e.code, source.string() + ": " + e.message); };
    auto digest = kiosk::blake2b256_file(source.string());
    if (!digest)
        return make_error(ErrorCode::Io, source.string() + ": cannot read the file");
    Result<PreparedMedia> result = make_error(ErrorCode::Invalid, "unknown media role");
    switch (role) {
    case MediaRole::Image: result = prepare_image(source, digest->hash, object_path); break;
    case MediaRole::Film: result = prepare_film(source, digest->hash, object_path, progress); break;
    case MediaRole::Map: result = prepare_map(source, digest->hash, object_path, progress); break;
    case MediaRole::Subtitles: result = unchanged(source, object_path, subtitles_media_type(source)); break;
    }
    if (!result)
        return named(result.error());
    if (progress)
        progress(1.0);
    return result;
}

Result<PreparedMedia> MediaNormaliser::prepare_image(const fs::path& source, const kiosk::Hash256& hash,
                                                     const std::string& object_path) {
    std::string key = MediaCache::key_for(hash, "image", settings(MediaRole::Image));
    auto place = [&](const MediaCache::File&) { return StagedObject{object_path, {}, 0, {}, {}}; };
    auto finish = [&](Result<PreparedMedia> media, const std::string& note) -> Result<PreparedMedia> {
        if (!media)
            return media;
        // The note is "<media type>\n<what was done>".
        auto nl = note.find('\n');
        media->object_path = object_path;
        media->objects.at(0).type = note.substr(0, nl);
        if (media->why.empty() && nl != std::string::npos)
            media->why = note.substr(nl + 1);
        return media;
    };
    if (auto entry = m_cache.find(key); entry && entry->files.size() == 1)
        return finish(from_entry(*entry, MediaOutcome::Reused, {}, place), entry->note);
    auto image = TRY(normalise_image(source, m_limits));
    if (image.work == ImageWork::Unchanged)
        return unchanged(source, object_path, image.type);
    auto scratch = TRY(m_cache.begin(key));
    TRY(kiosk::platform::write_file_atomic(scratch / (image.type == "image/jpeg" ? "image.jpg" : "image.png"),
                                           image.bytes));
    std::string note = image.type + "\n" + image.why;
    auto entry = TRY(m_cache.commit(key, scratch, note));
    return finish(from_entry(entry, MediaOutcome::Normalised, image.why, place), note);
}

Result<PreparedMedia> MediaNormaliser::prepare_film(const fs::path& source, const kiosk::Hash256& hash,
                                                    const std::string& object_path,
                                                    const std::function<void(double)>& progress) {
    std::string mp4_path = film_object_path(object_path);
    std::string key = MediaCache::key_for(hash, "film", settings(MediaRole::Film));
    auto place = [&](const MediaCache::File&) { return StagedObject{mp4_path, {}, 0, {}, "video/mp4"}; };
    if (auto entry = m_cache.find(key); entry && entry->files.size() == 1) {
        auto media = TRY(from_entry(*entry, MediaOutcome::Reused, entry->note, place));
        media.object_path = mp4_path;
        return media;
    }
    auto plan = TRY(plan_video(source, m_limits));
    if (!plan.needs_transcode())
        return unchanged(source, object_path, film_media_type(source));
    std::string why;
    for (const auto& reason : plan.reasons)
        why += (why.empty() ? "" : "; ") + reason;
    auto scratch = TRY(m_cache.begin(key));
    TRY(transcode_video(source, plan, m_limits, scratch / "film.mp4", progress));
    auto entry = TRY(m_cache.commit(key, scratch, "transcoded: " + why));
    auto media = TRY(from_entry(entry, MediaOutcome::Normalised, "transcoded: " + why, place));
    media.object_path = mp4_path;
    return media;
}

Result<PreparedMedia> MediaNormaliser::prepare_map(const fs::path& source, const kiosk::Hash256& hash,
                                                   const std::string& base,
                                                   const std::function<void(double)>& progress) {
    // map.json names the tiles' folder in the pack, so the folder is part of the key.
    std::string key = MediaCache::key_for(hash, "map", settings(MediaRole::Map, base));
    auto place = [&](const MediaCache::File& file) {
        // Entries hold tiles/<z>/<x>_<y>.jpg and tiles/map.json.
        std::string rel = file.name.substr(std::string_view("tiles/").size());
        return StagedObject{base + "/" + rel, {}, 0, {}, rel == "map.json" ? std::string(kiosk::kMapType) : "image/jpeg"};
    };
    auto valid = [&](const MediaCache::Entry& entry) {
        return std::all_of(entry.files.begin(), entry.files.end(),
                           [](const auto& f) { return f.name.rfind("tiles/", 0) == 0; });
    };
    std::optional<MediaCache::Entry> entry = m_cache.find(key);
    MediaOutcome outcome = MediaOutcome::Reused;
    if (!entry || !valid(*entry)) {
        auto scratch = TRY(m_cache.begin(key));
        auto tiles = TRY(build_map_tiles(source, base, scratch / "tiles", progress));
        std::string why = "cut into " + std::to_string(tiles.levels) + " levels of tiles";
        entry = TRY(m_cache.commit(key, scratch, why));
        outcome = MediaOutcome::Normalised;
    }
    auto media = TRY(from_entry(*entry, outcome, entry->note, place));
    media.object_path = base + "/map.json";
    return media;
}

} // namespace content_tool
