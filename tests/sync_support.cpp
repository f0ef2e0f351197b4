// Implementation of the sync tests' shared pieces.
#include "sync_support.hpp"

#include "pack/pack_file.hpp"

#include <catch2/catch.hpp>
#include <ctime>

using namespace kiosk;

namespace test_support {

SyncChannel::SyncChannel() {
    write_public_key(key, dir / "office.pub");
    keys.add(key.public_key());
    project = write_sample_project(dir.path());
    channel_dir = dir / "channel";
    store_dir = dir / "station" / "store";
}

fs::path SyncChannel::pack(std::uint64_t version, int noise, std::size_t noise_size) {
    auto out = dir / ("v" + std::to_string(version) + ".kpack");
    build_source(project, key, out, version);
    if (noise == 0)
        return out;
    return padded(out, version, noise, noise_size);
}

fs::path SyncChannel::padded(const fs::path& base, std::uint64_t version, int noise, std::size_t noise_size) {
    auto padded = dir / ("v" + std::to_string(version) + "-padded.kpack");
    write_padded_pack(base, key, version, noise, noise_size, rng, dir / "blobs", padded);
    return padded;
}

content_tool::PublishReport SyncChannel::publish(const fs::path& pack, content_tool::PublishOptions options) {
    auto report = content_tool::publish_pack(pack, channel_dir, key, options);
    INFO((report ? std::string() : report.error().message));
    REQUIRE(report.ok());
    return *report;
}

Store SyncChannel::open_store(const std::string& station) {
    auto store = Store::open(store_dir, keys, station, channel);
    REQUIRE(store.ok());
    return std::move(store.value());
}

sync::SyncSettings SyncChannel::settings(const NginxServer& nginx) const {
    sync::SyncSettings s;
    s.channel_url = nginx.url("/");
    s.http.connect_timeout = std::chrono::seconds(5);
    return s;
}

sync::SyncResult SyncChannel::sync(const NginxServer& nginx) {
    auto store = open_store();
    return sync::sync_once(store, keys, settings(nginx));
}

std::uint64_t SyncChannel::verified_version() {
    auto store = open_store();
    auto active = store.open_active(Verify::Full);
    return active ? active->manifest.version : 0;
}

void SyncChannel::edit_slide(const std::string& text) {
    auto file = project / "slides" / "02-hours.toml";
    auto s = read_text(file);
    auto at = s.find("Hằng ngày");
    REQUIRE(at != std::string::npos);
    write_text(file, s.insert(at, text + " "));
}

std::vector<std::string> SyncChannel::kiosk_args(const std::string& url, std::vector<std::string> extra) const {
    std::vector<std::string> args = {kiosk_bin(),
                                     "--set", "store=" + store_dir.string(),
                                     "--set", "trusted_keys=" + (dir / "office.pub").string(),
                                     "--set", "station=station-1",
                                     "--set", "channel=" + channel,
                                     "--set", "channel_url=" + url};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

std::string command_line(const std::vector<std::string>& args) {
    std::string line;
    for (const auto& a : args)
        line += quote(a) + " ";
    return line;
}

} // namespace test_support
