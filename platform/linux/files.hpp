// Durable file operations: capped reads, atomic replace with fsync, and directory sync, so that a power
// cut at any instant leaves either the old or the new file whole.
#pragma once

#include "base/result.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace kiosk::platform {

namespace fs = std::filesystem;

// Reads a whole regular file, refusing anything larger than max_bytes.
Result<std::string> read_file(const fs::path& path, std::uint64_t max_bytes);

// Flushes a directory's entries (renames, new files) to disk.
Status sync_directory(const fs::path& dir);

// Writes bytes to a temporary file beside path, syncs it, renames it over path and syncs the directory.
Status write_file_atomic(const fs::path& path, std::string_view bytes, unsigned mode = 0644);

// Points a symlink at target by renaming a fresh temporary link over it; readers see old or new, never none.
Status replace_symlink(const fs::path& link, const fs::path& target);

// A file being written under a temporary name, made visible under its final name only by commit().
// If it is destroyed without commit, the temporary file is removed.
class AtomicFile {
public:
    static Result<AtomicFile> create(const fs::path& final_path, unsigned mode = 0644);
    AtomicFile(AtomicFile&&) noexcept;
    AtomicFile& operator=(AtomicFile&&) = delete;
    AtomicFile(const AtomicFile&) = delete;
    ~AtomicFile();

    // Writes at the end; every few MiB the kernel is asked to start writing back what was written, so a
    // large file reaches the disk while the caller goes on (and its final sync has little left to do).
    Status write(const void* data, std::size_t size);
    enum class Durability {
        Synced,   // data synced, renamed into place, directory synced: durable when commit returns
        Deferred, // renamed into place only; durable after the caller's sync_filesystem()
    };
    Status commit(Durability durability = Durability::Synced);

private:
    AtomicFile(int fd, fs::path temp, fs::path final_path);
    int m_fd = -1;
    std::uint64_t m_written = 0;
    std::uint64_t m_kicked = 0; // bytes already handed to writeback
    fs::path m_temp;
    fs::path m_final;
};

// Makes everything written on the filesystem holding `path` durable (syncfs): one journal commit for many
// files, where a sync per file would wait for one each.
Status sync_filesystem(const fs::path& path);

// Free space on the filesystem holding path, in bytes.
Result<std::uint64_t> free_space(const fs::path& path);

} // namespace kiosk::platform
