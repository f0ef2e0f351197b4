// Noticing USB sticks as they are mounted: the mount table (/proc/self/mountinfo) polled every second or
// two, compared as text so that an unchanged table costs almost nothing, and the stick mounts under a root
// (such as /media, where udisks2 mounts them) that were not there at the last look are reported.
//
// A stick already handled is not handled again when the kiosk restarts with it still plugged in: what was
// handled is remembered in a small file by mount id, device and a fingerprint of the stick's files (the
// caller adds the kernel's unique mount id where it has one). That record is consulted only for sticks
// already mounted when the watcher starts: a stick seen to appear while the kiosk runs is always new, even
// when the kernel gives the re-plugged stick the mount id it had before (it reuses the lowest free one).
#pragma once

#include "platform/linux/removable_media.hpp"

#include <filesystem>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::platform {

class StickWatcher {
public:
    // Sticks mounted at or under root, read-only ones included (an install only reads). handled_file
    // (may be empty: nothing is remembered across restarts) lists the sticks handled before.
    explicit StickWatcher(std::filesystem::path root, std::filesystem::path handled_file = {});

    // Given the whole mount table, the stick mounts that appeared since the last call (on the first call,
    // every stick mounted, less those handled before by an earlier run). The same text again: nothing.
    std::vector<Mount> update(std::string_view mountinfo_text);

    // Whether the mount was already there at the first update (the kiosk started with it plugged in).
    bool present_at_start(const Mount& mount) const;
    // Whether this mount was handled with this fingerprint (by this run or one before it).
    bool was_handled(const Mount& mount, std::string_view fingerprint) const;
    // Remembers that the mount was handled (written to handled_file at once, atomically; a failure is logged).
    void mark_handled(const Mount& mount, std::string_view fingerprint);

    const std::filesystem::path& root() const { return m_root; }

private:
    std::filesystem::path m_root;
    std::filesystem::path m_handled_file;
    std::string m_last_text;
    bool m_first = true;
    std::vector<std::string> m_present;  // keys of the stick mounts at the last look
    std::vector<std::string> m_at_start; // and at the first
    std::vector<std::string> m_handled;  // "key fingerprint-hash" lines, oldest first
};

// The key a mount is known by: "<mount id> <major:minor> <mount point>".
std::string mount_key(const Mount& mount);

// The kernel's 64-bit mount id of the mount at path, never reused while the machine runs (Linux 6.8 and
// later); nullopt on older kernels.
std::optional<std::uint64_t> unique_mount_id(const std::filesystem::path& path);

} // namespace kiosk::platform
