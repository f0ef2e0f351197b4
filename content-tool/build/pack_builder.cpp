// Compiling sources into a pack: media through the normaliser and its cache, content.json, signing.
#include "build/pack_builder.hpp"

#include "content/content.hpp"
#include "crypto/hash.hpp"
#include "pack/pack_file.hpp"
#include "platform/linux/files.hpp"
#include "source/source_image.hpp"

#include "media/media_limits.hpp"

#include <SDL_image.h>
#include <algorithm>
#include <atomic>
#include <ctime>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace content_tool {

using kiosk::ErrorCode;
using kiosk::make_error;
using kiosk::Result;

namespace {

// A scratch directory removed when the build ends, whatever happens.
struct Staging {
    fs::path dir;
    Staging() {
        char tmpl[] = "/tmp/content-tool-XXXXXX";
        dir = ::mkdtemp(tmpl) ? fs::path(tmpl) : fs::path();
    }
    ~Staging() {
        std::error_code ec;
        if (!dir.empty())
            fs::remove_all(dir, ec);
    }
};

struct Staged {
    fs::path file;
    std::uint64_t size;
    kiosk::Hash256 hash;
};

Result<Staged> stage_bytes(const fs::path& file, std::string_view bytes) {
    TRY(kiosk::platform::write_file_atomic(file, bytes));
    return Staged{file, bytes.size(), kiosk::blake2b256(bytes)};
}

// One media file to prepare, however many slides use it.
struct MediaJob {
    MediaRole role;
    std::string name; // as the slide wrote it
    fs::path file;
    std::string object_path; // wanted path in the pack (or a map's tile folder)
    std::uint64_t weight = 1;
};

// Gives every derived object path (a rasterised SVG, a transcoded film, a map's folder) a name no other
// source already has in the pack, by adding -2, -3, ... before the extension.
class ObjectNames {
public:
    void reserve(const std::string& path) { m_taken.insert(path); }
    std::string unique(const std::string& wanted) {
        std::string name = wanted;
        fs::path p(wanted);
        for (int n = 2; m_taken.count(name); ++n)
            name = (p.parent_path() / (p.stem().string() + "-" + std::to_string(n) + p.extension().string()))
                       .generic_string();
        m_taken.insert(name);
        return name;
    }

private:
    std::set<std::string> m_taken;
};

// Adds each media file of the slides once, in slide order, with the object path it will have.
std::vector<MediaJob> plan_media(const SourceProject& project) {
    std::vector<MediaJob> jobs;
    std::set<std::pair<int, std::string>> seen;
    ObjectNames names;
    for (const auto& slide : project.slides) { // names editors wrote are theirs; derived ones yield
        names.reserve(slide.slide.image);
        names.reserve(slide.slide.video);
        for (const auto& [lang, path] : slide.slide.subtitles)
            names.reserve(path);
        for (const auto& picture : slide.slide.gallery)
            names.reserve(picture);
    }
    for (const auto& category : project.content.categories)
        names.reserve(category.icon);
    auto add = [&](MediaRole role, const std::optional<fs::path>& file, const std::string& name) {
        if (!file || !seen.insert({static_cast<int>(role), name}).second)
            return;
        std::string object_path = name;
        if (role == MediaRole::Image && media_kind(*file) == std::optional<std::string>("image/svg+xml"))
            object_path = names.unique(svg_object_path(name));
        else if (role == MediaRole::Map)
            object_path = names.unique(map_object_base(name));
        else if (role == MediaRole::Film && fs::path(name).extension() != ".mp4") // always made an MP4
            object_path = names.unique(film_object_path(name));
        std::error_code ec;
        auto size = fs::file_size(*file, ec);
        jobs.push_back({role, name, *file, object_path, ec ? 1 : std::max<std::uint64_t>(size, 1)});
    };
    for (const auto& slide : project.slides) {
        add(MediaRole::Image, slide.image_file, slide.slide.image);
        add(MediaRole::Film, slide.video_file, slide.slide.video);
        add(MediaRole::Map, slide.map_file, slide.slide.map);
        for (const auto& [lang, path] : slide.slide.subtitles)
            add(MediaRole::Subtitles, slide.subtitle_files.at(lang), path);
        for (std::size_t i = 0; i < slide.slide.gallery.size(); ++i)
            add(MediaRole::Image, slide.gallery_files[i], slide.slide.gallery[i]);
    }
    for (const auto& category : project.content.categories)
        if (auto it = project.icon_files.find(category.id); it != project.icon_files.end())
            add(MediaRole::Image, it->second, category.icon);
    return jobs;
}

// Photos (PNG and JPEG) are prepared on worker threads, one per core: each decodes, scales and encodes
// on one core. Returns a result for each photo job, and nothing for the rest.
std::vector<std::optional<Result<PreparedMedia>>>
prepare_photos_in_parallel(MediaNormaliser& normaliser, const std::vector<MediaJob>& jobs,
                           const std::function<void(std::uint64_t weight)>& finished) {
    std::vector<std::optional<Result<PreparedMedia>>> results(jobs.size());
    std::vector<std::size_t> photos;
    for (std::size_t i = 0; i < jobs.size(); ++i)
        if (jobs[i].role == MediaRole::Image && media_kind(jobs[i].file) != std::optional<std::string>("image/svg+xml"))
            photos.push_back(i);
    // SDL_image starts its codecs lazily and without a lock; start them before the threads do.
    IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t k; (k = next++) < photos.size();) {
            const auto& job = jobs[photos[k]];
            results[photos[k]] = normaliser.prepare(job.role, job.file, job.object_path);
            finished(job.weight);
        }
    };
    unsigned count = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < count && t < photos.size(); ++t)
        threads.emplace_back([&] {
            work();
            SDL_TLSCleanup(); // SDL keeps an error message per thread, freed only when asked
        });
    work();
    for (auto& thread : threads)
        thread.join();
    return results;
}

} // namespace

std::uint64_t version_from_time(std::int64_t unix_seconds) {
    std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return static_cast<std::uint64_t>(tm.tm_year + 1900) * 10000000000ull + (tm.tm_mon + 1) * 100000000ull +
           tm.tm_mday * 1000000ull + tm.tm_hour * 10000ull + tm.tm_min * 100ull +
           static_cast<std::uint64_t>(tm.tm_sec);
}

Result<kiosk::Manifest> build_pack(const SourceProject& project, const kiosk::SecretKey& key,
                                   const fs::path& out, const BuildOptions& options) {
    Staging staging;
    if (staging.dir.empty())
        return make_error(ErrorCode::Io, "cannot create a scratch directory under /tmp");

    kiosk::Manifest manifest;
    manifest.channel = project.content.channel;
    manifest.version = options.version ? options.version : version_from_time(options.now);
    manifest.created = options.now;
    manifest.expires = options.expires;
    manifest.stations = project.stations;
    manifest.signer = key.public_key().id();

    std::map<kiosk::Hash256, fs::path> blob_files;
    kiosk::Content content = project.content;
    std::vector<kiosk::ManifestObject> objects;
    std::set<std::string> object_paths;

    fs::path cache_dir = options.media_cache.empty() ? project.root / ".media-cache" : options.media_cache;
    auto cache = MediaCache::open(cache_dir);
    if (!cache) // a read-only project still builds; only the cache is lost
        cache = TRY(MediaCache::open(staging.dir / "media-cache"));
    MediaNormaliser normaliser(media_limits_for(project.content), std::move(cache.value()));

    auto jobs = plan_media(project);
    std::uint64_t total = 0, done = 0;
    for (const auto& job : jobs)
        total += job.weight;
    std::mutex progress_mutex;
    auto report = [&](std::uint64_t now_done) {
        std::lock_guard lock(progress_mutex);
        if (options.media_progress)
            options.media_progress(now_done, total);
    };
    auto results = prepare_photos_in_parallel(normaliser, jobs, [&](std::uint64_t weight) {
        std::lock_guard lock(progress_mutex);
        done += weight;
        if (options.media_progress)
            options.media_progress(done, total);
    });
    // (role, source name) -> what content.json names
    std::map<std::pair<int, std::string>, std::string> prepared;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const auto& job = jobs[i];
        if (!results[i]) { // films and maps, one at a time: they use several cores or much memory
            std::uint64_t before = done;
            auto progress = [&](double fraction) { report(before + static_cast<std::uint64_t>(fraction * job.weight)); };
            progress(0);
            results[i] = normaliser.prepare(job.role, job.file, job.object_path, progress);
            done += job.weight;
        }
        auto media = TRY(std::move(*results[i]));
        for (auto& object : media.objects) {
            if (!object_paths.insert(object.path).second)
                return make_error(ErrorCode::Invalid, job.file.string() + ": its object '" + object.path +
                                                          "' would replace another file of the same name; rename one");
            blob_files[object.hash] = object.file;
            objects.push_back({object.path, object.size, object.hash, object.type});
        }
        if (options.on_media)
            options.on_media(job.file, media);
        prepared[{static_cast<int>(job.role), job.name}] = media.object_path;
    }
    auto compiled_path = [&](MediaRole role, const std::string& name) -> std::string {
        if (name.empty())
            return name;
        auto it = prepared.find({static_cast<int>(role), name});
        return it != prepared.end() ? it->second : name;
    };
    for (const auto& slide : project.slides) {
        kiosk::Slide compiled = slide.slide;
        compiled.image = compiled_path(MediaRole::Image, slide.slide.image);
        compiled.video = compiled_path(MediaRole::Film, slide.slide.video);
        compiled.map = compiled_path(MediaRole::Map, slide.slide.map);
        for (auto& picture : compiled.gallery)
            picture = compiled_path(MediaRole::Image, picture);
        content.slides.push_back(std::move(compiled));
    }
    for (auto& category : content.categories)
        category.icon = compiled_path(MediaRole::Image, category.icon);
    for (std::size_t i = 0; i < project.font_files.size(); ++i) {
        auto bytes = TRY(kiosk::platform::read_file(project.font_files[i], 64ull << 20));
        auto ext = project.font_files[i].extension().string();
        std::string type = ext == ".otf" ? "font/otf" : ext == ".ttc" ? "font/collection" : "font/ttf";
        objects.push_back({content.fonts[i], bytes.size(), kiosk::blake2b256(bytes), type});
        blob_files[objects.back().hash] = project.font_files[i];
    }
    auto staged_content = TRY(stage_bytes(staging.dir / "content.json", content.to_json()));
    blob_files[staged_content.hash] = staged_content.file;
    manifest.objects.push_back({std::string(kiosk::kContentPath), staged_content.size, staged_content.hash,
                                std::string(kiosk::kContentType)});
    for (auto& object : objects)
        manifest.objects.push_back(std::move(object));
    // The same checks the kiosk applies, so a pack that builds is a pack that installs.
    TRY(kiosk::Manifest::parse(manifest.to_bytes()));
    TRY(kiosk::write_pack(out, manifest, key, blob_files, options.progress));
    return manifest;
}

} // namespace content_tool
