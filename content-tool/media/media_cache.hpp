// The media cache, <project>/.media-cache/: what normalising each photo, film and map produced, kept
// between builds so that unchanged media is not encoded again. Entries are keyed by the BLAKE2b of the
// source bytes and of every setting that shapes the result, and are trusted only when whole.
#pragma once

#include "base/result.hpp"
#include "crypto/hash.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace content_tool {

class MediaCache {
public:
    // Opens the cache folder, creating it with a .gitignore so that it never ends up in the project's git.
    static kiosk::Result<MediaCache> open(const std::filesystem::path& dir);

    // The key of one result: the source's hash, what is made of it, and the settings that shape it.
    static std::string key_for(const kiosk::Hash256& source, std::string_view kind, std::string_view settings);

    struct File {
        std::string name; // relative to the entry's folder, with '/'
        std::uint64_t size = 0;
        kiosk::Hash256 hash{};
    };
    struct Entry {
        std::filesystem::path dir;
        std::vector<File> files;
        std::string note; // what the producer wants to remember (media type, what was done)
    };

    // The entry for key if it is complete and every file still matches its recorded size and hash; a
    // half-written or damaged entry is removed and reported as missing, so it is made again.
    std::optional<Entry> find(const std::string& key) const;

    // A fresh, empty folder to make an entry in; nothing in it is seen by find() until commit().
    kiosk::Result<std::filesystem::path> begin(const std::string& key) const;

    // Records every file of the scratch folder with its hash (the record is written last) and renames
    // the folder into place: a build killed at any moment leaves no entry that find() would accept.
    kiosk::Result<Entry> commit(const std::string& key, const std::filesystem::path& scratch,
                                const std::string& note) const;

    const std::filesystem::path& dir() const { return m_dir; }

private:
    explicit MediaCache(std::filesystem::path dir) : m_dir(std::move(dir)) {}
    std::filesystem::path m_dir;
};

} // namespace content_tool
