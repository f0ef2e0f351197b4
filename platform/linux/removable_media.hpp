// Finding USB sticks: the mount table (/proc/self/mountinfo) and the writable stick mounts under a root.
#pragma once

#include "base/result.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::platform {

namespace fs = std::filesystem;

// One line of /proc/self/mountinfo, with octal escapes (\040 for a space) decoded.
struct Mount {
    int mount_id = 0;
    int parent_id = 0;
    std::string device; // "major:minor"
    fs::path root;      // the directory of the file system that is mounted ("/" for all of it)
    fs::path mount_point;
    std::vector<std::string> mount_options;   // per mount: "rw", "nosuid", ...
    std::vector<std::string> optional_fields; // "shared:1", "master:2", ...
    std::string fs_type;                      // "vfat", "exfat", "fuseblk", ...
    std::string source;                       // "/dev/sdb1", or what the file system says
    std::vector<std::string> super_options;   // per file system: "rw", "fmask=0022", ...
    bool read_only = false;                   // "ro" in either option list
};

// Parses the mountinfo format; lines that do not have its shape are skipped.
std::vector<Mount> parse_mountinfo(std::string_view text);

// Whether a file system type is one that USB sticks and disks carry (FAT, exFAT, NTFS, ext2-4 and a few
// more); not optical discs, network or memory file systems.
bool is_stick_file_system(std::string_view fs_type);

enum class MountAccess { Writable, ReadOnlyToo };

// The stick mounts at or under root (such as /media or /run/media), in mount order, leaving out mounts
// hidden by a later mount on the same point. Writable ones only unless asked otherwise (an export needs
// to write; an install from a write-protected stick only reads).
std::vector<Mount> removable_mounts(std::string_view mountinfo_text, const fs::path& root,
                                    MountAccess access = MountAccess::Writable);

// This process's mount table (/proc/self/mountinfo).
Result<std::string> read_mountinfo();

} // namespace kiosk::platform
