// Cache entries as folders renamed into place, each with an entry.json record of its files' hashes.
#include "media/media_cache.hpp"

#include "platform/linux/files.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <mutex>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace content_tool {

namespace fs = std::filesystem;
using kiosk::ErrorCode;
using kiosk::make_error;
using kiosk::Result;
using nlohmann::json;

namespace {

constexpr const char* kRecord = "entry.json";
constexpr std::string_view kScratchPrefix = "tmp-";

// Scratch folders of builds that died (their process is gone) are removed; a running build's are not.
void remove_dead_scratch(const fs::path& dir) {
    std::error_code ec;
    for (const auto& item : fs::directory_iterator(dir, ec)) {
        std::string name = item.path().filename().string();
        if (name.rfind(kScratchPrefix, 0) != 0)
            continue;
        long pid = std::strtol(name.c_str() + kScratchPrefix.size(), nullptr, 10);
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
            fs::remove_all(item.path(), ec);
    }
}

} // namespace

Result<MediaCache> MediaCache::open(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return make_error(ErrorCode::Io, "cannot create the media cache " + dir.string() + ": " + ec.message());
    if (!fs::exists(dir / ".gitignore", ec))
        TRY(kiosk::platform::write_file_atomic(dir / ".gitignore",
                                               "# content-tool's media cache: made again by any build.\n*\n"));
    remove_dead_scratch(dir);
    return MediaCache(dir);
}

std::string MediaCache::key_for(const kiosk::Hash256& source, std::string_view kind, std::string_view settings) {
    kiosk::Blake2b256 h;
    std::string head = "kiosk media cache v1\n" + std::string(kind) + "\n";
    h.update(head.data(), head.size());
    h.update(source.data(), source.size());
    h.update(settings.data(), settings.size());
    return std::string(kind) + "-" + kiosk::hash_to_hex(h.finish()).substr(0, 40);
}

std::optional<MediaCache::Entry> MediaCache::find(const std::string& key) const {
    fs::path dir = m_dir / key;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return std::nullopt;
    auto drop = [&]() -> std::optional<Entry> {
        fs::remove_all(dir, ec);
        return std::nullopt;
    };
    auto text = kiosk::platform::read_file(dir / kRecord, 64ull << 20);
    if (!text)
        return drop();
    json doc = json::parse(*text, nullptr, false);
    // A record of another shape (edited by hand, or from a future version) is dropped, never trusted.
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("key") || !doc["key"].is_string() ||
        doc["key"].get<std::string>() != key || !doc.contains("files") || !doc["files"].is_array() ||
        (doc.contains("note") && !doc["note"].is_string()))
        return drop();
    Entry entry;
    entry.dir = dir;
    entry.note = doc.value("note", "");
    for (const auto& f : doc["files"]) {
        if (!f.is_object() || !f.contains("name") || !f.contains("blake2b") || !f["name"].is_string() ||
            !f["blake2b"].is_string() || !f.contains("size") || !f["size"].is_number_unsigned())
            return drop();
        File file{f["name"].get<std::string>(), f["size"].get<std::uint64_t>(), {}};
        auto hash = kiosk::hash_from_hex(f["blake2b"].get<std::string>());
        if (!hash || file.name.empty() || file.name.find("..") != std::string::npos || file.name[0] == '/')
            return drop();
        auto digest = kiosk::blake2b256_file((dir / file.name).string());
        if (!digest || digest->size != file.size || digest->hash != *hash)
            return drop();
        file.hash = *hash;
        entry.files.push_back(std::move(file));
    }
    return entry;
}

Result<fs::path> MediaCache::begin(const std::string& key) const {
    static std::atomic<unsigned> counter{0};
    fs::path scratch = m_dir / (std::string(kScratchPrefix) + std::to_string(::getpid()) + "-" +
                                std::to_string(counter++) + "-" + key);
    std::error_code ec;
    fs::remove_all(scratch, ec);
    fs::create_directories(scratch, ec);
    if (ec)
        return make_error(ErrorCode::Io, "cannot create " + scratch.string() + ": " + ec.message());
    return scratch;
}

Result<MediaCache::Entry> MediaCache::commit(const std::string& key, const fs::path& scratch,
                                             const std::string& note) const {
    Entry entry;
    entry.note = note;
    json files = json::array();
    std::error_code ec;
    std::vector<fs::path> found;
    for (const auto& item : fs::recursive_directory_iterator(scratch, ec))
        if (item.is_regular_file())
            found.push_back(item.path());
    if (ec)
        return make_error(ErrorCode::Io, "cannot list " + scratch.string() + ": " + ec.message());
    std::sort(found.begin(), found.end());
    for (const auto& path : found) {
        auto digest = kiosk::blake2b256_file(path.string());
        if (!digest)
            return make_error(ErrorCode::Io, "cannot read " + path.string());
        File file{path.lexically_relative(scratch).generic_string(), digest->size, digest->hash};
        files.push_back({{"name", file.name}, {"size", file.size}, {"blake2b", kiosk::hash_to_hex(file.hash)}});
        entry.files.push_back(std::move(file));
    }
    // The record goes last and whole: without it, or with files that do not match it, find() refuses
    // the entry. The files need no fsync for the same reason.
    json doc = {{"format", 1}, {"key", key}, {"note", note}, {"files", files}};
    TRY(kiosk::platform::write_file_atomic(scratch / kRecord, doc.dump(1)));
    fs::path final_dir = m_dir / key;
    // Two sources with the same bytes share a key; their entries are put in place one at a time.
    static std::mutex placing;
    std::lock_guard lock(placing);
    fs::remove_all(final_dir, ec);
    fs::rename(scratch, final_dir, ec);
    if (ec) {
        // Another build may have put the same entry in place meanwhile; its entry is as good as ours.
        fs::remove_all(scratch, ec);
        if (auto other = find(key))
            return *other;
        return make_error(ErrorCode::Io, "cannot store into the media cache " + final_dir.string());
    }
    entry.dir = final_dir;
    return entry;
}

} // namespace content_tool
