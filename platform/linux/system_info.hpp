// Facts about the machine for the operator screen: uptimes, boot id, disk space and host name.
#pragma once

#include "base/result.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk::platform {

namespace fs = std::filesystem;

// Seconds since the machine booted, from /proc/uptime (time spent suspended included).
Result<double> machine_uptime_seconds();
// Seconds since this process started (from /proc/self/stat, so it counts from exec, not from a static).
Result<double> process_uptime_seconds();
// A fresh random id per boot (/proc/sys/kernel/random/boot_id), e.g. to tell a restart from a reboot.
Result<std::string> boot_id();
// The name of this machine.
Result<std::string> host_name();

struct DiskSpace {
    std::uint64_t total_bytes = 0;
    std::uint64_t free_bytes = 0; // what an unprivileged process may still write (f_bavail)
};
// Size and free space of the file system holding path.
Result<DiskSpace> disk_space(const fs::path& path);

// The parsers behind the functions above, for tests: /proc/uptime's first field, and the start time
// (field 22, in clock ticks after boot) from a /proc/PID/stat line, whose command name may hold spaces
// and parentheses.
Result<double> parse_proc_uptime(std::string_view text);
Result<std::uint64_t> parse_stat_start_ticks(std::string_view text);

} // namespace kiosk::platform
