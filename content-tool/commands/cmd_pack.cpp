// content-tool verify PACK --pubkey K and content-tool inspect PACK.
#include "commands/arguments.hpp"
#include "commands/commands.hpp"
#include "commands/progress_bar.hpp"
#include "commands/signer_check.hpp"
#include "content/map_tiles.hpp"
#include "pack/pack_file.hpp"

#include <cstdio>
#include <ctime>
#include <map>
#include <set>

namespace content_tool {

namespace {

std::string format_time(std::int64_t t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return buf;
}

void print_summary(const kiosk::Manifest& m) {
    std::string stations;
    for (const auto& s : m.stations)
        stations += (stations.empty() ? "" : ", ") + s;
    std::printf("channel:  %s\nversion:  %llu\ncreated:  %s\nexpires:  %s\nstations: %s\nsigner:   %s\n",
                m.channel.c_str(), static_cast<unsigned long long>(m.version), format_time(m.created).c_str(),
                m.expires ? format_time(*m.expires).c_str() : "never", stations.c_str(), m.signer.c_str());
}

// A map's tiles, summed up: a large map has thousands, which would bury every other object.
struct MapSummary {
    std::size_t tiles = 0;
    std::set<std::string> levels;
    std::uint64_t bytes = 0;
};

// One line per object, except a map's tiles: one line per map with their count, levels and bytes.
void print_objects(const kiosk::Manifest& m) {
    std::map<std::string, MapSummary> maps; // by tile folder, "maps/hoang-sa/"
    for (const auto& o : m.objects)
        if (o.type == kiosk::kMapType && o.path.size() > 8 && o.path.ends_with("/map.json"))
            maps[o.path.substr(0, o.path.size() - 8)];
    auto map_of = [&](const std::string& path) -> MapSummary* {
        for (auto& [folder, summary] : maps)
            if (path.starts_with(folder) && path != folder + "map.json")
                return &summary;
        return nullptr;
    };
    for (const auto& o : m.objects)
        if (MapSummary* map = map_of(o.path)) {
            map->tiles++;
            map->bytes += o.size;
            map->levels.insert(o.path.substr(0, o.path.rfind('/')));
        }
    for (const auto& o : m.objects) {
        if (map_of(o.path))
            continue;
        std::printf("  %-40s %12llu  %-36s %s\n", o.path.c_str(), static_cast<unsigned long long>(o.size),
                    o.type.c_str(), kiosk::hash_to_hex(o.hash).substr(0, 16).c_str());
        if (o.type == kiosk::kMapType)
            if (auto it = maps.find(o.path.substr(0, o.path.size() - 8)); it != maps.end())
                std::printf("  %-40s %12llu  %zu map tiles in %zu levels\n", (it->first + "*").c_str(),
                            static_cast<unsigned long long>(it->second.bytes), it->second.tiles,
                            it->second.levels.size());
    }
}

} // namespace

int cmd_verify(const Args& args) {
    auto parsed = parse_args(args, {"--pubkey"}, {});
    if (!parsed.error.empty() || parsed.positional.size() != 1 || !parsed.values.count("--pubkey"))
        return usage_error("usage: content-tool verify PACK --pubkey NAME.pub [--pubkey OTHER.pub ...]");
    std::vector<std::filesystem::path> files(parsed.values["--pubkey"].begin(),
                                             parsed.values["--pubkey"].end());
    auto keys = kiosk::TrustedKeys::load(files);
    if (!keys) {
        std::fprintf(stderr, "content-tool: %s\n", keys.error().message.c_str());
        return kExitFailed;
    }
    // Before any hashing: a pack signed by another key than the ones given is the office's usual mix-up.
    if (auto other = signed_by_other_key(parsed.positional[0], *keys, files)) {
        std::fprintf(stderr, "content-tool: %s\n", other->c_str());
        return kExitFailed;
    }
    ProgressBar bar("Verifying");
    auto manifest =
        kiosk::verify_pack_file(parsed.positional[0], *keys,
                                [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); });
    bar.finish();
    if (!manifest) {
        std::fprintf(stderr, "content-tool: %s does NOT verify: %s\n", parsed.positional[0].c_str(),
                     manifest.error().message.c_str());
        return kExitFailed;
    }
    print_summary(*manifest);
    std::printf("OK: signature valid, %zu objects, every hash matches (%.1f MB)\n", manifest->objects.size(),
                manifest->blob_bytes() / 1e6);
    return kExitOk;
}

int cmd_inspect(const Args& args) {
    if (args.size() != 1)
        return usage_error("usage: content-tool inspect PACK");
    auto reader = kiosk::PackReader::open(args[0]);
    if (!reader) {
        std::fprintf(stderr, "content-tool: %s\n", reader.error().message.c_str());
        return kExitFailed;
    }
    auto manifest = reader->parse_unverified_manifest();
    if (!manifest) {
        std::fprintf(stderr, "content-tool: %s\n", manifest.error().message.c_str());
        return kExitFailed;
    }
    std::printf("pack:     %s (%.1f MB)\n", args[0].c_str(), reader->file_size() / 1e6);
    print_summary(*manifest);
    std::printf("objects:  %zu (%.1f MB)\n", manifest->objects.size(), manifest->blob_bytes() / 1e6);
    print_objects(*manifest);
    auto expected = kiosk::kPackHeaderSize + reader->manifest_bytes().size() + manifest->blob_bytes();
    if (reader->file_size() != expected)
        std::printf(
            "WARNING: the file is %s: the pack it describes is %llu bytes but the file is %llu; copy it "
            "again from the original\n",
            reader->file_size() < expected ? "truncated" : "longer than its pack",
            static_cast<unsigned long long>(expected), static_cast<unsigned long long>(reader->file_size()));
    std::printf("(the signature was not checked; use 'content-tool verify %s --pubkey KEY.pub')\n",
                args[0].c_str());
    return kExitOk;
}

} // namespace content_tool
