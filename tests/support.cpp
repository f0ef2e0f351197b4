// Implementation of the shared test helpers.
#include "support.hpp"

#include "commands/commands.hpp"
#include "crypto/hash.hpp"
#include "pack/pack_file.hpp"

#include <SDL_image.h>
#include <catch2/catch.hpp>

#include <array>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace test_support {

TempDir::TempDir() {
    char tmpl[] = "/tmp/kiosk-test-XXXXXX";
    if (!::mkdtemp(tmpl))
        throw std::runtime_error("mkdtemp failed");
    m_path = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

CommandResult run(const std::string& command) {
    CommandResult result;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (!pipe)
        return result;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0)
        result.output.append(buf.data(), n);
    int status = ::pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

pid_t spawn_quiet(const std::vector<std::string>& args) {
    pid_t pid = ::fork();
    if (pid == 0) {
        std::vector<char*> argv;
        for (const auto& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        int devnull = ::open("/dev/null", O_WRONLY);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

int kill_and_reap(pid_t pid) {
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

std::string quote(const fs::path& path) {
    return "'" + path.string() + "'";
}

std::string kiosk_bin() {
    return KIOSK_BIN;
}
std::string content_tool_bin() {
    return CONTENT_TOOL_BIN;
}
fs::path source_dir() {
    return SOURCE_DIR;
}
fs::path fonts_dir() {
    return FONTS_DIR;
}
kiosk::FontPaths font_paths() {
    return kiosk::FontPaths{FONTS_DIR, CJK_FONTS_DIR};
}
kiosk::TextEngine& shared_text_engine() {
    static kiosk::TextEngine engine = [] {
        auto opened = kiosk::TextEngine::open(font_paths());
        if (!opened) {
            std::fprintf(stderr, "cannot open the text engine: %s\n", opened.error().message.c_str());
            std::abort();
        }
        return std::move(opened.value());
    }();
    return engine;
}

fs::path write_sample_project(const fs::path& dir) {
    auto project = dir / "sample";
    // The real 'init' command, without its chatter on stdout.
    std::fflush(stdout);
    FILE* saved = stdout;
    stdout = std::fopen("/dev/null", "w");
    int status = content_tool::cmd_init({project.string()});
    std::fclose(stdout);
    stdout = saved;
    if (status != 0)
        throw std::runtime_error("content-tool init failed");
    return project;
}

kiosk::Manifest build_source(const fs::path& source, const kiosk::SecretKey& key, const fs::path& out,
                             std::uint64_t version, std::optional<std::int64_t> expires) {
    content_tool::Diagnostics d;
    auto project = content_tool::load_source(source, d);
    if (!project)
        throw std::runtime_error("source does not load: " + d.to_text());
    content_tool::BuildOptions options;
    options.version = version;
    options.now = static_cast<std::int64_t>(std::time(nullptr));
    options.expires = expires;
    auto manifest = content_tool::build_pack(*project, key, out, options);
    if (!manifest)
        throw std::runtime_error("build failed: " + manifest.error().message);
    return *manifest;
}

void write_public_key(const kiosk::SecretKey& key, const fs::path& file) {
    write_text(file, key.public_key().to_file_text("test key"));
}

void write_padded_pack(const fs::path& base, const kiosk::SecretKey& key, std::uint64_t version, int noise,
                       std::size_t noise_size, std::mt19937_64& rng, const fs::path& scratch, const fs::path& out) {
    // The base pack's objects, then random ones, under the new version, signed again.
    auto reader = kiosk::PackReader::open(base);
    REQUIRE(reader.ok());
    auto manifest = reader->parse_unverified_manifest();
    REQUIRE(manifest.ok());
    std::map<kiosk::Hash256, fs::path> blobs;
    auto bytes = read_text(base);
    std::size_t offset = kiosk::kPackHeaderSize + reader->manifest_bytes().size();
    for (const auto* o : manifest->unique_blobs()) {
        auto file = scratch / ("blob-" + kiosk::hash_to_hex(o->hash));
        write_text(file, bytes.substr(offset, o->size));
        blobs[o->hash] = file;
        offset += o->size;
    }
    for (int i = 0; i < noise; ++i) {
        std::string data(noise_size, '\0');
        for (auto& c : data)
            c = static_cast<char>(rng());
        kiosk::Hash256 h = kiosk::blake2b256(data);
        auto file = scratch / ("noise-" + kiosk::hash_to_hex(h));
        write_text(file, data);
        blobs[h] = file;
        manifest->objects.push_back(
            {"media/extra-" + std::to_string(i) + ".bin", data.size(), h, "application/octet-stream"});
    }
    manifest->version = version;
    manifest->signer = key.public_key().id();
    REQUIRE(kiosk::write_pack(out, *manifest, key, blobs).ok());
    fs::remove_all(scratch);
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_text(const fs::path& file, std::string_view text) {
    if (file.has_parent_path())
        fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

kiosk::SurfacePtr load_argb(const fs::path& file) {
    kiosk::SurfacePtr raw(IMG_Load(file.c_str()));
    if (!raw)
        return nullptr;
    return kiosk::SurfacePtr(SDL_ConvertSurfaceFormat(raw.get(), SDL_PIXELFORMAT_ARGB8888, 0));
}

// Share of pixels differing by more than a few levels in any channel.
double difference(SDL_Surface* a, SDL_Surface* b) {
    if (a->w != b->w || a->h != b->h)
        return 1.0;
    long differing = 0;
    for (int y = 0; y < a->h; ++y) {
        auto* pa = static_cast<const Uint8*>(a->pixels) + y * a->pitch;
        auto* pb = static_cast<const Uint8*>(b->pixels) + y * b->pitch;
        for (int x = 0; x < a->w * 4; x += 4) {
            for (int c = 0; c < 4; ++c) {
                if (std::abs(pa[x + c] - pb[x + c]) > 6) {
                    ++differing;
                    break;
                }
            }
        }
    }
    return static_cast<double>(differing) / (a->w * a->h);
}

void compare_with_golden(const std::string& name, const fs::path& out) {
    auto golden = source_dir() / "tests" / "golden" / (name + ".png");
    if (std::getenv("KIOSK_UPDATE_GOLDEN")) {
        fs::copy_file(out, golden, fs::copy_options::overwrite_existing);
        WARN("updated " << golden);
        return;
    }
    auto actual = load_argb(out);
    auto expected = load_argb(golden);
    REQUIRE(actual);
    REQUIRE(expected);
    INFO("compare " << out << " with " << golden);
    CHECK(difference(actual.get(), expected.get()) < 0.001);
}

fs::path make_clip(const fs::path& dir, const std::string& name, const std::string& args) {
    auto file = dir / name;
    auto made = run("ffmpeg -loglevel error -y " + args + " " + quote(file));
    INFO(made.output);
    REQUIRE(made.status == 0);
    return file;
}

StationZone::StationZone() {
    if (const char* tz = std::getenv("TZ"))
        m_saved = tz;
    ::setenv("TZ", "ICT-7", 1);
    ::tzset();
}

StationZone::~StationZone() {
    if (m_saved)
        ::setenv("TZ", m_saved->c_str(), 1);
    else
        ::unsetenv("TZ");
    ::tzset();
}

} // namespace test_support
