// Linux implementation of the machine facts, read from /proc, statvfs and gethostname.
#include "platform/linux/system_info.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <sys/statvfs.h>
#include <unistd.h>

namespace kiosk::platform {

namespace {

constexpr std::uint64_t kMaxProcFile = 64 * 1024;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\0'))
        s.remove_suffix(1);
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    return s;
}

// /proc files report a size of 0, so read_file (which trusts st_size) cannot read them.
Result<std::string> read_proc(const char* path) {
    std::FILE* f = std::fopen(path, "re");
    if (!f)
        return make_error(ErrorCode::Io, std::string("cannot open ") + path + ": " + std::strerror(errno));
    std::string out;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && out.size() < kMaxProcFile)
        out.append(buf, n);
    bool failed = std::ferror(f);
    std::fclose(f);
    if (failed)
        return make_error(ErrorCode::Io, std::string("cannot read ") + path);
    return out;
}

} // namespace

Result<double> parse_proc_uptime(std::string_view text) {
    text = trim(text);
    auto space = text.find(' ');
    std::string first(text.substr(0, space));
    char* end = nullptr;
    errno = 0;
    double seconds = std::strtod(first.c_str(), &end);
    if (first.empty() || errno != 0 || *end != '\0' || !(seconds >= 0))
        return make_error(ErrorCode::Parse, "/proc/uptime does not start with a number: '" +
                                                std::string(text.substr(0, 64)) + "'");
    return seconds;
}

Result<std::uint64_t> parse_stat_start_ticks(std::string_view text) {
    // The command name (field 2) is in parentheses and may itself hold ") ", so the fields that follow
    // start after the last ')'.
    auto close = text.rfind(')');
    if (close == std::string_view::npos)
        return make_error(ErrorCode::Parse, "a /proc stat line without a command name");
    std::string_view rest = text.substr(close + 1);
    // After the name come field 3 (state) onwards; the start time is field 22, the 20th of these.
    int field = 2;
    std::size_t pos = 0;
    while (pos < rest.size()) {
        while (pos < rest.size() && rest[pos] == ' ')
            ++pos;
        auto end = rest.find(' ', pos);
        if (end == std::string_view::npos)
            end = rest.size();
        if (pos < end && ++field == 22) {
            std::string_view value = trim(rest.substr(pos, end - pos));
            std::uint64_t ticks = 0;
            auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), ticks);
            if (ec != std::errc() || ptr != value.data() + value.size())
                return make_error(ErrorCode::Parse, "the start time in a /proc stat line is not a number");
            return ticks;
        }
        pos = end;
    }
    return make_error(ErrorCode::Truncated, "a /proc stat line with fewer than 22 fields");
}

Result<double> machine_uptime_seconds() {
    auto text = TRY(read_proc("/proc/uptime"));
    return parse_proc_uptime(text);
}

Result<double> process_uptime_seconds() {
    auto stat = TRY(read_proc("/proc/self/stat"));
    auto ticks = TRY(parse_stat_start_ticks(stat));
    double now = TRY(machine_uptime_seconds());
    long per_second = ::sysconf(_SC_CLK_TCK);
    if (per_second <= 0)
        return make_error(ErrorCode::Io, "the clock tick rate is unknown");
    double started = static_cast<double>(ticks) / static_cast<double>(per_second);
    return now > started ? now - started : 0.0;
}

Result<std::string> boot_id() {
    auto text = TRY(read_proc("/proc/sys/kernel/random/boot_id"));
    auto id = trim(text);
    if (id.size() != 36)
        return make_error(ErrorCode::Parse,
                          "the boot id is not a UUID: '" + std::string(id.substr(0, 64)) + "'");
    return std::string(id);
}

Result<std::string> host_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return make_error(ErrorCode::Io, std::string("cannot read the host name: ") + std::strerror(errno));
    return std::string(name);
}

Result<DiskSpace> disk_space(const fs::path& path) {
    struct statvfs st {};
    if (::statvfs(path.c_str(), &st) != 0)
        return make_error(ErrorCode::Io,
                          "cannot read the disk space of " + path.string() + ": " + std::strerror(errno));
    return DiskSpace{static_cast<std::uint64_t>(st.f_blocks) * st.f_frsize,
                     static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize};
}

} // namespace kiosk::platform
