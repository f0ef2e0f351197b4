// Writing the export folder on a stick durably, and explaining stick failures to the operator.
#include "operator/export_bundle.hpp"

#include "base/log.hpp"
#include "platform/linux/files.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace kiosk {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPrefix = "kiosk-export-";
constexpr std::string_view kPartial = ".partial";
// Below this much free space an export is not begun: the logs alone take a few hundred kilobytes.
constexpr std::uint64_t kMinFreeBytes = 1u << 20;

enum class StickProblem { Full, ReadOnly, Gone, Other };

// A failure with the errno that caused it (0 when unknown, as from the telemetry callback).
struct Failure {
    int error_number;
    std::string detail;
};

StickProblem classify(const Failure& failure, const fs::path& stick_dir) {
    switch (failure.error_number) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
        return StickProblem::Full;
    case EROFS:
    case EACCES:
    case EPERM:
        return StickProblem::ReadOnly;
    case ENODEV:
    case ENXIO:
    case ENOTDIR:
        return StickProblem::Gone;
    default:
        break;
    }
    // Look at the stick itself: a vanished stick often shows as EIO or ENOENT, a full one as an
    // error from the telemetry copy that carries no errno.
    struct stat st {};
    if (::stat(stick_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return StickProblem::Gone;
    struct statvfs vfs {};
    if (::statvfs(stick_dir.c_str(), &vfs) == 0) {
        if (vfs.f_flag & ST_RDONLY)
            return StickProblem::ReadOnly;
        if (static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize < kMinFreeBytes)
            return StickProblem::Full;
    }
    if (failure.error_number == EIO)
        return StickProblem::Gone;
    return StickProblem::Other;
}

Error operator_error(const Failure& failure, const fs::path& stick_dir) {
    std::string text;
    switch (classify(failure, stick_dir)) {
    case StickProblem::Full:
        text = "USB đã đầy nên chưa xuất được dữ liệu. Hãy xóa bớt tệp trên USB hoặc dùng USB khác còn nhiều "
               "chỗ "
               "trống, rồi xuất lại. / The USB stick is full, so nothing was exported. Delete files from it "
               "or use "
               "another stick with more free space, then export again.";
        break;
    case StickProblem::ReadOnly:
        text =
            "USB đang bị khóa chống ghi hoặc chỉ cho đọc nên chưa xuất được dữ liệu. Hãy gạt nút khóa trên "
            "USB "
            "(nếu có) hoặc dùng USB khác, rồi xuất lại. / The USB stick is write-protected or read-only, so "
            "nothing was exported. Slide its lock switch off (if it has one) or use another stick, then "
            "export "
            "again.";
        break;
    case StickProblem::Gone:
        text = "Không còn thấy USB (có thể đã bị rút ra) nên chưa xuất được dữ liệu. Hãy cắm lại USB, chờ "
               "vài giây "
               "rồi xuất lại. / The USB stick is gone (it may have been pulled out), so nothing was "
               "exported. Plug "
               "it in again, wait a few seconds, then export again.";
        break;
    case StickProblem::Other:
        text =
            "Không ghi được dữ liệu xuất vào USB. Hãy xuất lại; nếu vẫn lỗi, hãy dùng USB khác. / The export "
            "could not be written to the USB stick. Export again; if it fails again, use another stick.";
        break;
    }
    return make_error(ErrorCode::Io, text + " [" + failure.detail + "]");
}

Failure errno_failure(const std::string& what, const fs::path& path) {
    int e = errno;
    return Failure{e, what + " " + path.string() + ": " + std::strerror(e)};
}

// Creates path (which must not exist), writes bytes, syncs and closes it.
std::optional<Failure> write_synced(const fs::path& path, std::string_view bytes) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return errno_failure("cannot create", path);
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            auto failure = errno_failure("cannot write", path);
            ::close(fd);
            return failure;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        auto failure = errno_failure("cannot sync", path);
        ::close(fd);
        return failure;
    }
    if (::close(fd) != 0)
        return errno_failure("cannot close", path);
    return std::nullopt;
}

// Syncs a file or directory that someone else wrote.
std::optional<Failure> sync_path(const fs::path& path, int flags) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0)
        return errno_failure("cannot open", path);
    int rc = ::fsync(fd);
    auto failure = rc != 0 ? std::optional<Failure>(errno_failure("cannot sync", path)) : std::nullopt;
    ::close(fd);
    return failure;
}

// The text files are read on the office's Windows machines: UTF-8 with a byte-order mark (so that old
// Notepad does not show Vietnamese as mojibake) and CRLF line ends.
std::string windows_text(const std::vector<std::string>& lines) {
    std::string out = "\xEF\xBB\xBF";
    for (const auto& line : lines) {
        // A line is one line: a newline inside it (from a log message) becomes a space.
        for (char c : line) {
            if (c == '\n')
                out += ' ';
            else if (c != '\r')
                out += c;
        }
        out += "\r\n";
    }
    return out;
}

std::string local_stamp(std::time_t time, const char* format) {
    std::tm tm{};
    localtime_r(&time, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

std::vector<std::string> readme_lines(const ExportContents& contents) {
    bool telemetry = static_cast<bool>(contents.write_telemetry);
    std::vector<std::string> lines = {
        "DỮ LIỆU XUẤT TỪ TRẠM THÔNG TIN ĐỐI NGOẠI / EXPORT FROM A FOREIGN-INFORMATION STATION",
        "",
        "Trạm / Station: " + contents.station_id,
        "Thời điểm xuất / Exported at: " + local_stamp(contents.time, "%Y-%m-%d %H:%M:%S") +
            " (giờ tại trạm / station time)",
        "",
        "TIẾNG VIỆT",
        "Thư mục này do màn hình vận hành của trạm ghi ra. Trong thư mục có:",
    };
    if (telemetry)
        lines.push_back(
            "  - telemetry.sqlite: số liệu hoạt động của trạm (trang nào được xem, bằng ngôn ngữ nào, bao "
            "lâu), dùng cho báo cáo hằng năm; không có dữ liệu cá nhân.");
    lines.insert(lines.end(), {
                                  "  - log.txt: nhật ký gần đây của phần mềm (dòng mới nhất ở cuối).",
                                  "  - status.txt: tình trạng của trạm lúc xuất (gói nội dung, dung lượng "
                                  "đĩa, thời gian chạy, lỗi gần đây).",
                                  "Xin đừng sửa hay đổi tên các tệp. Hãy mang hoặc gửi nguyên thư mục này về "
                                  "đơn vị cấp tỉnh quản lý trạm.",
                                  "",
                                  "ENGLISH",
                                  "This folder was written by the station's operator screen. It holds:",
                              });
    if (telemetry)
        lines.push_back(
            "  - telemetry.sqlite: what the station did (which pages were viewed, in which language, for "
            "how long), for the yearly report; it holds no personal data.");
    lines.insert(lines.end(), {
                                  "  - log.txt: the program's recent log (newest line last).",
                                  "  - status.txt: the station's state at the time of export (content pack, "
                                  "disk space, uptime, recent "
                                  "errors).",
                                  "Please do not edit or rename the files. Bring or send the whole folder to "
                                  "the provincial office that runs "
                                  "the station.",
                              });
    return lines;
}

// Removes folders that earlier exports left half-written when the stick was pulled out.
void remove_leftovers(const fs::path& stick_dir) {
    std::error_code ec;
    for (fs::directory_iterator it(stick_dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.starts_with(kPrefix) && name.ends_with(kPartial) && it->is_directory(ec) &&
            !it->is_symlink(ec)) {
            std::error_code removed;
            fs::remove_all(it->path(), removed);
            log_info("export: removed an unfinished earlier export " + it->path().string() +
                     (removed ? " (only in part: " + removed.message() + ")" : ""));
        }
    }
}

std::optional<Failure> write_bundle(const fs::path& dir, const ExportContents& contents) {
    if (contents.write_telemetry) {
        fs::path db = dir / "telemetry.sqlite";
        if (auto written = contents.write_telemetry(db); !written)
            return Failure{0, "telemetry copy: " + written.error().message};
        if (auto failure = sync_path(db, O_RDONLY))
            return failure;
    }
    if (auto failure = write_synced(dir / "log.txt", windows_text(contents.log_lines)))
        return failure;
    if (auto failure = write_synced(dir / "status.txt", windows_text(contents.status_lines)))
        return failure;
    if (auto failure = write_synced(dir / "README.txt", windows_text(readme_lines(contents))))
        return failure;
    return sync_path(dir, O_RDONLY | O_DIRECTORY);
}

} // namespace

std::string export_folder_name(std::string_view station_id, std::time_t time) {
    std::string station;
    for (char c : station_id) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                     c == '_' || c == '.';
        station += plain ? c : '_';
    }
    if (station.empty())
        station = "station";
    return std::string(kPrefix) + station + "-" + local_stamp(time, "%Y%m%d-%H%M%S");
}

Result<fs::path> export_bundle(const fs::path& stick_dir, const ExportContents& contents) {
    struct stat st {};
    if (::stat(stick_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return operator_error(Failure{ENODEV, "no folder at " + stick_dir.string()}, stick_dir);
    if (auto free = platform::free_space(stick_dir); free && *free < kMinFreeBytes)
        return operator_error(Failure{ENOSPC, std::to_string(*free) + " bytes free on " + stick_dir.string()},
                              stick_dir);
    remove_leftovers(stick_dir);

    // Two exports in the same second get "-2", "-3", ... rather than overwriting the first.
    std::string name = export_folder_name(contents.station_id, contents.time);
    fs::path final_dir = stick_dir / name;
    std::error_code ec;
    for (int n = 2; fs::exists(final_dir, ec) || fs::exists(fs::path(final_dir) += kPartial, ec); ++n) {
        if (n > 99)
            return operator_error(Failure{EEXIST, "too many exports named " + name}, stick_dir);
        final_dir = stick_dir / (name + "-" + std::to_string(n));
    }
    fs::path partial = fs::path(final_dir) += kPartial;
    if (::mkdir(partial.c_str(), 0755) != 0)
        return operator_error(errno_failure("cannot create", partial), stick_dir);

    auto failure = write_bundle(partial, contents);
    if (!failure && ::rename(partial.c_str(), final_dir.c_str()) != 0)
        failure = errno_failure("cannot rename into place", final_dir);
    if (!failure)
        failure = sync_path(stick_dir, O_RDONLY | O_DIRECTORY);
    if (failure) {
        // Judged before the cleanup, which frees the space that a full stick ran out of.
        auto error = operator_error(*failure, stick_dir);
        log_error("export to " + stick_dir.string() + " failed: " + failure->detail);
        // Best effort: a stick that is gone or read-only keeps its leftover, which the next export removes.
        fs::remove_all(partial, ec);
        return error;
    }
    log_info("export: wrote " + final_dir.string());
    return final_dir;
}

} // namespace kiosk
