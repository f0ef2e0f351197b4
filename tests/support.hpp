// Shared helpers for tests: temporary folders, running the real binaries, and building real packs.
#pragma once

#include "build/pack_builder.hpp"
#include "crypto/keys.hpp"
#include "pack/manifest.hpp"
#include "source/source.hpp"
#include "render/sdl_ptr.hpp"
#include "text/text_engine.hpp"

#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <sys/types.h>
#include <vector>

namespace test_support {

namespace fs = std::filesystem;

// A fresh directory under /tmp, removed with everything in it when the test ends.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return m_path; }
    fs::path operator/(const std::string& name) const { return m_path / name; }

private:
    fs::path m_path;
};

struct CommandResult {
    int status = -1;    // exit status, or 128 + signal
    std::string output; // stdout and stderr together
};

// Sets the station's time zone (Indochina Time, UTC+7) for one test and restores the old one, so that
// local times read the same on any machine.
class StationZone {
public:
    StationZone();
    ~StationZone();
    StationZone(const StationZone&) = delete;
    StationZone& operator=(const StationZone&) = delete;

private:
    std::optional<std::string> m_saved;
};

// Runs a shell command line, capturing its output.
CommandResult run(const std::string& command);
// Starts argv[0] (a path) with argv, its stdout and stderr to /dev/null, without waiting for it.
pid_t spawn_quiet(const std::vector<std::string>& argv);
// kill -9 of a child, then waits for it: the waitpid status (WIFSIGNALED if the kill landed first).
int kill_and_reap(pid_t pid);
std::string quote(const fs::path& path);
// Makes dir/name with the ffmpeg CLI from its arguments (inputs, codecs), failing the test if it cannot.
fs::path make_clip(const fs::path& dir, const std::string& name, const std::string& args);

std::string kiosk_bin();
std::string content_tool_bin();
fs::path source_dir();
fs::path fonts_dir();
kiosk::FontPaths font_paths();
// One text engine on the test machine's Noto fonts, opened on first use and shared by the tests.
kiosk::TextEngine& shared_text_engine();

// The sample project that 'content-tool init' writes, in dir.
fs::path write_sample_project(const fs::path& dir);
// Builds a signed pack from a content source folder with the given version.
kiosk::Manifest build_source(const fs::path& source, const kiosk::SecretKey& key, const fs::path& out,
                             std::uint64_t version, std::optional<std::int64_t> expires = std::nullopt);
void write_public_key(const kiosk::SecretKey& key, const fs::path& file);
// The pack `base` under another version, signed by `key`, plus `noise` objects of `noise_size` random bytes
// from rng ("media/extra-<i>.bin"), so that installing or fetching it takes a while; written to `out`.
// The objects are staged in `scratch`, removed afterwards.
void write_padded_pack(const fs::path& base, const kiosk::SecretKey& key, std::uint64_t version, int noise,
                       std::size_t noise_size, std::mt19937_64& rng, const fs::path& scratch, const fs::path& out);
std::string read_text(const fs::path& file);
void write_text(const fs::path& file, std::string_view text);


// Golden images: a PNG loaded as ARGB8888; the share of pixels two pictures differ in by more than a few
// levels; and a check of `out` against tests/golden/NAME.png (KIOSK_UPDATE_GOLDEN=1 rewrites the golden).
kiosk::SurfacePtr load_argb(const fs::path& file);
double difference(SDL_Surface* a, SDL_Surface* b);
void compare_with_golden(const std::string& name, const fs::path& out);

} // namespace test_support
