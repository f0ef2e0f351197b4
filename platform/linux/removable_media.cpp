// Parsing of /proc/self/mountinfo (see proc(5)) and selection of the mounts that are USB sticks.
#include "platform/linux/removable_media.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>

namespace kiosk::platform {

namespace {

// Decodes the kernel's octal escapes (\040 space, \011 tab, \012 newline, \134 backslash).
std::string unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    auto is_octal = [](char c) { return c >= '0' && c <= '7'; };
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size() && is_octal(s[i + 1]) && is_octal(s[i + 2]) &&
            is_octal(s[i + 3])) {
            int value = (s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0');
            if (value < 256) {
                out += static_cast<char>(value);
                i += 3;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= s.size()) {
        auto end = s.find(sep, start);
        if (end == std::string_view::npos)
            end = s.size();
        if (end > start)
            parts.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

std::vector<std::string> options(std::string_view s) {
    std::vector<std::string> out;
    for (auto part : split(s, ','))
        out.push_back(unescape(part));
    return out;
}

bool parse_int(std::string_view s, int& out) {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size();
}

bool has(const std::vector<std::string>& list, std::string_view item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

bool parse_line(std::string_view line, Mount& m) {
    auto fields = split(line, ' ');
    // Six fixed fields, any number of optional ones, "-", then type, source and super options.
    auto dash = std::find(fields.begin(), fields.end(), std::string_view("-"));
    if (dash == fields.end() || dash - fields.begin() < 6 || fields.end() - dash < 3)
        return false;
    if (!parse_int(fields[0], m.mount_id) || !parse_int(fields[1], m.parent_id))
        return false;
    m.device = std::string(fields[2]);
    m.root = unescape(fields[3]);
    m.mount_point = unescape(fields[4]);
    m.mount_options = options(fields[5]);
    for (auto it = fields.begin() + 6; it != dash; ++it)
        m.optional_fields.push_back(std::string(*it));
    m.fs_type = unescape(dash[1]);
    m.source = unescape(dash[2]);
    // Super options are absent on a few odd file systems; "-" is then followed by two fields only.
    if (fields.end() - dash > 3)
        m.super_options = options(dash[3]);
    m.read_only = has(m.mount_options, "ro") || has(m.super_options, "ro");
    return true;
}

// Whether path is root or lies under it, compared by whole path components.
bool at_or_under(const fs::path& path, const fs::path& root) {
    auto p = path.lexically_normal(), r = root.lexically_normal();
    auto pi = p.begin(), ri = r.begin();
    for (; ri != r.end(); ++ri, ++pi) {
        if (ri->empty()) // a trailing slash in root
            continue;
        if (pi == p.end() || *pi != *ri)
            return false;
    }
    return true;
}

} // namespace

std::vector<Mount> parse_mountinfo(std::string_view text) {
    std::vector<Mount> mounts;
    for (auto line : split(text, '\n')) {
        Mount m;
        if (parse_line(line, m))
            mounts.push_back(std::move(m));
    }
    return mounts;
}

bool is_stick_file_system(std::string_view fs_type) {
    // fuseblk is how ntfs-3g (and exfat-fuse) mount; ntfs3 is the kernel's newer NTFS driver.
    static constexpr std::array<std::string_view, 13> kTypes = {"vfat",    "msdos", "exfat",  "ntfs", "ntfs3",
                                                                "fuseblk", "ext2",  "ext3",   "ext4", "btrfs",
                                                                "xfs",     "f2fs",  "hfsplus"};
    return std::find(kTypes.begin(), kTypes.end(), fs_type) != kTypes.end();
}

std::vector<Mount> removable_mounts(std::string_view mountinfo_text, const fs::path& root,
                                    MountAccess access) {
    auto all = parse_mountinfo(mountinfo_text);
    std::vector<Mount> out;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const Mount& m = all[i];
        if (!at_or_under(m.mount_point, root) || !is_stick_file_system(m.fs_type))
            continue;
        if (access == MountAccess::Writable && m.read_only)
            continue;
        // The table lists mounts in the order they were made, so a later mount on the same point or on a
        // directory above it (within root) hides this one: writing there would land on the later one.
        bool hidden =
            std::any_of(all.begin() + static_cast<std::ptrdiff_t>(i) + 1, all.end(), [&](const Mount& later) {
                return at_or_under(later.mount_point, root) && at_or_under(m.mount_point, later.mount_point);
            });
        if (!hidden)
            out.push_back(m);
    }
    return out;
}

Result<std::string> read_mountinfo() {
    std::FILE* f = std::fopen("/proc/self/mountinfo", "re");
    if (!f)
        return make_error(ErrorCode::Io,
                          std::string("cannot open /proc/self/mountinfo: ") + std::strerror(errno));
    std::string out;
    char buf[8192];
    std::size_t n;
    // A machine with many containers may have a long table; 4 MiB is far beyond any real one.
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && out.size() < (4u << 20))
        out.append(buf, n);
    bool failed = std::ferror(f);
    std::fclose(f);
    if (failed)
        return make_error(ErrorCode::Io, "cannot read /proc/self/mountinfo");
    return out;
}

} // namespace kiosk::platform
