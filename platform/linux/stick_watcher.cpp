// Stick mounts appearing in the mount table, and the sticks handled before.
#include "platform/linux/stick_watcher.hpp"

#include "base/log.hpp"
#include "platform/linux/files.hpp"

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <functional>

namespace kiosk::platform {

namespace {

constexpr std::size_t kHandledKept = 32; // sticks remembered; older records are dropped
constexpr std::uint64_t kHandledFileCap = 64 * 1024;

std::string fingerprint_hash(std::string_view fingerprint) {
    // A short digest is enough to tell one stick's files from another's; it is not a security check.
    std::uint64_t h = 1469598103934665603ull; // FNV-1a
    for (unsigned char c : fingerprint) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
    return text;
}

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s)
        out += (c == ' ' || c == '\n' || c == '\\') ? '_' : c;
    return out;
}

} // namespace

std::string mount_key(const Mount& mount) {
    return std::to_string(mount.mount_id) + " " + mount.device + " " + escape(mount.mount_point.string());
}

StickWatcher::StickWatcher(std::filesystem::path root, std::filesystem::path handled_file)
    : m_root(std::move(root)), m_handled_file(std::move(handled_file)) {
    if (m_handled_file.empty())
        return;
    auto text = read_file(m_handled_file, kHandledFileCap);
    if (!text)
        return; // none yet
    std::size_t start = 0;
    while (start < text->size()) {
        auto nl = text->find('\n', start);
        if (nl == std::string::npos)
            nl = text->size();
        if (nl > start)
            m_handled.push_back(text->substr(start, nl - start));
        start = nl + 1;
    }
}

std::vector<Mount> StickWatcher::update(std::string_view mountinfo_text) {
    if (!m_first && mountinfo_text == m_last_text)
        return {};
    m_last_text.assign(mountinfo_text);
    auto sticks = removable_mounts(mountinfo_text, m_root, MountAccess::ReadOnlyToo);
    std::vector<std::string> present;
    std::vector<Mount> appeared;
    for (auto& m : sticks) {
        auto key = mount_key(m);
        present.push_back(key);
        if (!m_first && std::find(m_present.begin(), m_present.end(), key) != m_present.end())
            continue;
        appeared.push_back(std::move(m));
    }
    // Present at start means there ever since: once gone, the same key again is a new plug-in.
    if (m_first)
        m_at_start = present;
    else
        m_at_start.erase(std::remove_if(m_at_start.begin(), m_at_start.end(),
                                        [&](const std::string& key) {
                                            return std::find(present.begin(), present.end(), key) == present.end();
                                        }),
                         m_at_start.end());
    m_present = std::move(present);
    m_first = false;
    return appeared;
}

bool StickWatcher::present_at_start(const Mount& mount) const {
    return std::find(m_at_start.begin(), m_at_start.end(), mount_key(mount)) != m_at_start.end();
}

std::optional<std::uint64_t> unique_mount_id(const std::filesystem::path& path) {
    constexpr unsigned kStatxMntIdUnique = 0x4000; // STATX_MNT_ID_UNIQUE, newer than this system's headers
    struct statx st {};
    if (::statx(AT_FDCWD, path.c_str(), AT_NO_AUTOMOUNT, kStatxMntIdUnique, &st) != 0 ||
        !(st.stx_mask & kStatxMntIdUnique))
        return std::nullopt;
    return st.stx_mnt_id;
}

bool StickWatcher::was_handled(const Mount& mount, std::string_view fingerprint) const {
    std::string line = mount_key(mount) + " " + fingerprint_hash(fingerprint);
    return std::find(m_handled.begin(), m_handled.end(), line) != m_handled.end();
}

void StickWatcher::mark_handled(const Mount& mount, std::string_view fingerprint) {
    if (was_handled(mount, fingerprint))
        return;
    m_handled.push_back(mount_key(mount) + " " + fingerprint_hash(fingerprint));
    if (m_handled.size() > kHandledKept)
        m_handled.erase(m_handled.begin(), m_handled.end() - kHandledKept);
    if (m_handled_file.empty())
        return;
    std::string text;
    for (const auto& line : m_handled)
        text += line + "\n";
    if (auto written = write_file_atomic(m_handled_file, text); !written)
        log_warn("usb: cannot remember the sticks handled (" + written.error().message +
                 "); a stick left plugged in is installed again after a restart");
}

} // namespace kiosk::platform
