// Linux implementation of durable file operations (open/write/fsync/rename/fsync-dir).
#include "platform/linux/files.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace kiosk::platform {

namespace {

Error io_error(const std::string& what, const fs::path& path) {
    return make_error(ErrorCode::Io, what + " " + path.string() + ": " + std::strerror(errno));
}

std::string temp_suffix() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    char buf[32];
    std::snprintf(buf, sizeof buf, ".tmp-%016llx", static_cast<unsigned long long>(rng()));
    return buf;
}

} // namespace

Result<std::string> read_file(const fs::path& path, std::uint64_t max_bytes) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return io_error("cannot open", path);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return make_error(ErrorCode::Io, "not a regular file: " + path.string());
    }
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
        ::close(fd);
        return make_error(ErrorCode::TooLarge, path.string() + " is " + std::to_string(st.st_size) +
                                                   " bytes, more than the limit of " +
                                                   std::to_string(max_bytes));
    }
    std::string out;
    out.resize(static_cast<size_t>(st.st_size));
    size_t done = 0;
    while (done < out.size()) {
        ssize_t n = ::read(fd, out.data() + done, out.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ::close(fd);
            return n == 0 ? make_error(ErrorCode::Truncated, path.string() + " shrank while being read")
                          : io_error("cannot read", path);
        }
        done += static_cast<size_t>(n);
    }
    ::close(fd);
    return out;
}

Status sync_directory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return io_error("cannot open directory", dir);
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        return io_error("cannot sync directory", dir);
    return {};
}

Status write_file_atomic(const fs::path& path, std::string_view bytes, unsigned mode) {
    auto file = TRY(AtomicFile::create(path, mode));
    TRY(file.write(bytes.data(), bytes.size()));
    return file.commit();
}

Status replace_symlink(const fs::path& link, const fs::path& target) {
    fs::path temp = link;
    temp += temp_suffix();
    if (::symlink(target.c_str(), temp.c_str()) != 0)
        return io_error("cannot create link", temp);
    if (::rename(temp.c_str(), link.c_str()) != 0) {
        ::unlink(temp.c_str());
        return io_error("cannot replace link", link);
    }
    return sync_directory(link.parent_path().empty() ? fs::path(".") : link.parent_path());
}

Result<AtomicFile> AtomicFile::create(const fs::path& final_path, unsigned mode) {
    fs::path temp = final_path;
    temp += temp_suffix();
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return io_error("cannot create", temp);
    // The umask must not widen or narrow what the caller asked for (secret keys need 0600 exactly).
    ::fchmod(fd, mode);
    return AtomicFile(fd, std::move(temp), final_path);
}

AtomicFile::AtomicFile(int fd, fs::path temp, fs::path final_path)
    : m_fd(fd), m_temp(std::move(temp)), m_final(std::move(final_path)) {}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_written(other.m_written), m_kicked(other.m_kicked),
      m_temp(std::move(other.m_temp)), m_final(std::move(other.m_final)) {}

AtomicFile::~AtomicFile() {
    if (m_fd >= 0) {
        ::close(m_fd);
        ::unlink(m_temp.c_str());
    }
}

Status AtomicFile::write(const void* data, std::size_t size) {
    auto* p = static_cast<const char*>(data);
    while (size > 0) {
        ssize_t n = ::write(m_fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return io_error(errno == ENOSPC ? "disk full while writing" : "cannot write", m_temp);
        p += n;
        size -= static_cast<size_t>(n);
        m_written += static_cast<std::uint64_t>(n);
    }
    constexpr std::uint64_t kWritebackStep = 8u << 20;
    if (m_written - m_kicked >= kWritebackStep) { // a hint only: failure here changes nothing
        ::sync_file_range(m_fd, static_cast<off_t>(m_kicked), static_cast<off_t>(m_written - m_kicked),
                          SYNC_FILE_RANGE_WRITE);
        m_kicked = m_written;
    }
    return {};
}

Status AtomicFile::commit(Durability durability) {
    if (durability == Durability::Synced && ::fsync(m_fd) != 0)
        return io_error("cannot sync", m_temp);
    if (::close(m_fd) != 0) {
        m_fd = -1;
        ::unlink(m_temp.c_str());
        return io_error("cannot close", m_temp);
    }
    m_fd = -1;
    if (::rename(m_temp.c_str(), m_final.c_str()) != 0) {
        ::unlink(m_temp.c_str());
        return io_error("cannot rename into place", m_final);
    }
    if (durability == Durability::Deferred)
        return {};
    return sync_directory(m_final.parent_path().empty() ? fs::path(".") : m_final.parent_path());
}

Status sync_filesystem(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return io_error("cannot open", path);
    int rc = ::syncfs(fd);
    int saved = errno;
    ::close(fd);
    errno = saved;
    if (rc != 0)
        return io_error("cannot sync the file system of", path);
    return {};
}

Result<std::uint64_t> free_space(const fs::path& path) {
    struct statvfs st {};
    if (::statvfs(path.c_str(), &st) != 0)
        return io_error("cannot stat filesystem of", path);
    return static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
}

} // namespace kiosk::platform
