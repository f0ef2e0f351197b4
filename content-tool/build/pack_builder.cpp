// Compiling sources into a pack: SVG images are rasterised to PNG, other images checked to decode.
#include "build/pack_builder.hpp"

#include "content/content.hpp"
#include "crypto/hash.hpp"
#include "pack/pack_file.hpp"
#include "platform/linux/files.hpp"
#include "source/source_image.hpp"

#include <SDL_image.h>
#include <ctime>
#include <map>

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

// Prepares one image: SVG is rasterised to PNG at its own size; PNG and JPEG must decode.
Result<std::pair<Staged, std::string>> stage_image(const SourceSlide& slide, const fs::path& staging) {
    const fs::path& src = *slide.image_file;
    auto image = load_source_image(src);
    if (!image)
        return make_error(image.error().code, src.string() + ": " + image.error().message);
    if (image->kind != "image/svg+xml")
        return std::make_pair(Staged{src, image->bytes.size(), kiosk::blake2b256(image->bytes)}, image->kind);
    fs::path png = staging / (std::to_string(std::hash<std::string>{}(slide.slide.image)) + ".png");
    if (IMG_SavePNG(image->pixels.get(), png.c_str()) != 0)
        return make_error(ErrorCode::Io, "cannot write " + png.string() + ": " + IMG_GetError());
    auto png_bytes = TRY(kiosk::platform::read_file(png, 512ull << 20));
    return std::make_pair(Staged{png, png_bytes.size(), kiosk::blake2b256(png_bytes)},
                          std::string("image/png"));
}

std::string png_path_for(const std::string& image) {
    fs::path p(image);
    return media_kind(p) == std::optional<std::string>("image/svg+xml")
               ? p.replace_extension(".png").generic_string()
               : image;
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
    std::map<std::string, std::string> staged_paths; // source image -> object path
    std::vector<kiosk::ManifestObject> images;
    for (const auto& slide : project.slides) {
        kiosk::Slide compiled = slide.slide;
        if (slide.image_file) {
            std::string object_path = png_path_for(slide.slide.image);
            if (!staged_paths.count(slide.slide.image)) {
                auto [staged, type] = TRY(stage_image(slide, staging.dir));
                blob_files[staged.hash] = staged.file;
                images.push_back({object_path, staged.size, staged.hash, type});
                staged_paths[slide.slide.image] = object_path;
            }
            compiled.image = staged_paths[slide.slide.image];
        }
        if (slide.video_file && !staged_paths.count(slide.slide.video)) {
            auto digest = kiosk::blake2b256_file(*slide.video_file);
            if (!digest)
                return make_error(ErrorCode::Io, "cannot read " + slide.video_file->string());
            auto ext = slide.video_file->extension().string();
            std::string type = ext == ".webm"  ? "video/webm"
                               : ext == ".mkv" ? "video/x-matroska"
                               : ext == ".mov" ? "video/quicktime"
                                               : "video/mp4";
            images.push_back({slide.slide.video, digest->size, digest->hash, type});
            blob_files[images.back().hash] = *slide.video_file;
            staged_paths[slide.slide.video] = slide.slide.video;
        }
        content.slides.push_back(std::move(compiled));
    }
    for (std::size_t i = 0; i < project.font_files.size(); ++i) {
        auto bytes = TRY(kiosk::platform::read_file(project.font_files[i], 64ull << 20));
        auto ext = project.font_files[i].extension().string();
        std::string type = ext == ".otf" ? "font/otf" : ext == ".ttc" ? "font/collection" : "font/ttf";
        images.push_back({content.fonts[i], bytes.size(), kiosk::blake2b256(bytes), type});
        blob_files[images.back().hash] = project.font_files[i];
    }
    auto staged_content = TRY(stage_bytes(staging.dir / "content.json", content.to_json()));
    blob_files[staged_content.hash] = staged_content.file;
    manifest.objects.push_back({std::string(kiosk::kContentPath), staged_content.size, staged_content.hash,
                                std::string(kiosk::kContentType)});
    for (auto& image : images)
        manifest.objects.push_back(std::move(image));
    // The same checks the kiosk applies, so a pack that builds is a pack that installs.
    TRY(kiosk::Manifest::parse(manifest.to_bytes()));
    TRY(kiosk::write_pack(out, manifest, key, blob_files, options.progress));
    return manifest;
}

} // namespace content_tool
