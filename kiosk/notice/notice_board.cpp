// Installing, reading back and pruning the station's urgent notices.
#include "notice/notice_board.hpp"

#include "base/log.hpp"
#include "crypto/hash.hpp"
#include "platform/linux/files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {

namespace {

// Held while installing or pruning, so that two installs of the same id cannot both pass the version check.
class BoardLock {
public:
    static Result<BoardLock> take(const fs::path& dir) {
        int fd = ::open((dir / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return make_error(ErrorCode::Io,
                              "cannot open the notices lock: " + std::string(std::strerror(errno)));
        if (::flock(fd, LOCK_EX) != 0) {
            ::close(fd);
            return make_error(ErrorCode::Io, "cannot lock the notices: " + std::string(std::strerror(errno)));
        }
        return BoardLock(fd);
    }
    BoardLock(BoardLock&& o) noexcept : m_fd(std::exchange(o.m_fd, -1)) {}
    BoardLock& operator=(BoardLock&&) = delete;
    ~BoardLock() {
        if (m_fd >= 0)
            ::close(m_fd);
    }

private:
    explicit BoardLock(int fd) : m_fd(fd) {}
    int m_fd;
};

bool is_notice_name(const std::string& name) {
    return name.size() > kNoticeExtension.size() && name.front() != '.' && name.ends_with(kNoticeExtension);
}

bool is_temp_name(const std::string& name) {
    return name.find(".tmp-") != std::string::npos;
}

// The names of the directory's entries, sorted; at most `cap` of them.
std::vector<std::string> list_names(const fs::path& dir, std::size_t cap, bool* more = nullptr) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (names.size() >= cap) {
            if (more)
                *more = true;
            break;
        }
        names.push_back(it->path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::uint64_t fnv1a(std::uint64_t h, const void* data, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

std::uint64_t directory_token(const fs::path& dir) {
    std::uint64_t token = 0, count = 0;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        struct stat st {};
        std::uint64_t h = fnv1a(14695981039346656037ull, name.data(), name.size());
        if (::lstat(it->path().c_str(), &st) == 0) {
            std::int64_t parts[] = {
                static_cast<std::int64_t>(st.st_size), static_cast<std::int64_t>(st.st_ino),
                static_cast<std::int64_t>(st.st_mtim.tv_sec), static_cast<std::int64_t>(st.st_mtim.tv_nsec)};
            h = fnv1a(h, parts, sizeof parts);
        }
        token += h; // entries in any order give the same sum
        ++count;
    }
    return token ^ (count * 0x9e3779b97f4a7c15ull);
}

Result<std::uint64_t> parse_version(std::string_view text) {
    std::uint64_t v = 0;
    if (text.empty() || text[0] < '0' || text[0] > '9')
        return make_error(ErrorCode::Parse, "bad version record");
    for (char c : text) {
        if (c < '0' || c > '9')
            break;
        if (v > (UINT64_MAX - 9) / 10)
            return make_error(ErrorCode::Parse, "bad version record");
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

std::string format_utc(std::int64_t unix_s) {
    std::int64_t minutes = unix_s >= 0 ? unix_s / 60 : -((-unix_s + 59) / 60);
    return format_local_datetime(minutes) + " UTC";
}

} // namespace

NoticeBoard::NoticeBoard(fs::path dir, TrustedKeys keys, std::string station, std::vector<std::string> channels)
    : m_dir(std::move(dir)), m_keys(std::move(keys)), m_station(std::move(station)),
      m_channels(std::move(channels)) {}

bool NoticeBoard::plays(std::string_view channel) const {
    return m_channels.empty() || std::find(m_channels.begin(), m_channels.end(), channel) != m_channels.end();
}

Result<NoticeBoard> NoticeBoard::open(fs::path dir, TrustedKeys keys, std::string station,
                                      std::vector<std::string> channels) {
    std::error_code ec;
    fs::create_directories(dir / "state", ec);
    if (ec)
        return make_error(ErrorCode::Io, "cannot create the notices directory " + (dir / "state").string() +
                                             ": " + ec.message());
    return NoticeBoard(std::move(dir), std::move(keys), std::move(station), std::move(channels));
}

NoticeBoard::Record NoticeBoard::recorded(const std::string& id) const {
    Record record;
    if (auto text = platform::read_file(m_dir / "state" / (id + ".version"), 256)) {
        auto space = text->find(' ');
        if (auto v = parse_version(*text)) {
            record.version = *v;
            if (space != std::string::npos)
                record.hash = text->substr(space + 1, 64);
        }
    }
    // A power cut between writing a notice and its record leaves the notice newer: it counts too.
    if (auto bytes = platform::read_file(m_dir / (id + std::string(kNoticeExtension)), kNoticeFileCap)) {
        auto notice = open_notice(*bytes, m_keys);
        if (notice && notice->id == id && notice->version > record.version)
            record = Record{notice->version, hash_to_hex(blake2b256(*bytes))};
    }
    return record;
}

Result<Notice> NoticeBoard::install(const fs::path& file, std::int64_t now,
                                    const std::vector<std::string>& languages) {
    if (m_keys.empty())
        return make_error(ErrorCode::Signature,
                          "no trusted keys are configured, so no notice can be accepted");
    std::error_code ec;
    if (!fs::exists(file, ec))
        return make_error(ErrorCode::NotFound, "there is no file " + file.string());
    auto bytes = platform::read_file(file, kNoticeFileCap);
    if (!bytes)
        return bytes.error();
    Notice notice = TRY(open_notice(*bytes, m_keys));
    if (!plays(notice.channel)) {
        std::string played;
        for (const auto& c : m_channels)
            played += (played.empty() ? "'" : "', '") + c;
        return make_error(ErrorCode::Station, "the notice belongs to channel '" + notice.channel +
                                                  "' but this station plays channel " + played + "'");
    }
    if (!notice.targets(m_station)) {
        std::string targets;
        for (const auto& s : notice.stations)
            targets += (targets.empty() ? "" : ", ") + s;
        return make_error(ErrorCode::Station, "the notice is meant for station(s) " + targets +
                                                  ", not for this station '" + m_station + "'");
    }
    if (!notice.withdrawn) {
        if (now >= notice.expires)
            return make_error(ErrorCode::Expired, "the notice expired at " + format_utc(notice.expires));
        for (const auto& lang : languages)
            if (!notice.text.count(lang))
                return make_error(ErrorCode::Invalid, "the notice has no text in '" + lang +
                                                          "', one of the languages this station shows");
    }

    auto lock = TRY(BoardLock::take(m_dir));
    Record before = recorded(notice.id);
    std::string hash = hash_to_hex(blake2b256(*bytes));
    fs::path path = m_dir / (notice.id + std::string(kNoticeExtension));
    bool same = notice.version == before.version && hash == before.hash;
    if (notice.version < before.version || (notice.version == before.version && !same))
        return make_error(ErrorCode::Version, "the notice '" + notice.id + "' is version " +
                                                  std::to_string(notice.version) +
                                                  ", not newer than version " +
                                                  std::to_string(before.version) + " already received");
    if (same) {
        // The very notice accepted before: installed again only to repair a file lost or damaged on disk.
        auto existing = platform::read_file(path, kNoticeFileCap);
        bool intact = existing ? *existing == *bytes : notice.withdrawn;
        if (intact)
            return make_error(ErrorCode::Version, "the notice '" + notice.id + "' version " +
                                                      std::to_string(notice.version) + " is already " +
                                                      (notice.withdrawn ? "withdrawn" : "installed"));
    }
    std::string record = std::to_string(notice.version) + " " + hash + "\n";
    if (notice.withdrawn) {
        // The record first: should the power fail before the file goes, the record still hides it.
        TRY(platform::write_file_atomic(m_dir / "state" / (notice.id + ".version"), record));
        fs::remove(path, ec);
        if (ec)
            return make_error(ErrorCode::Io, "cannot remove " + path.string() + ": " + ec.message());
        TRY(platform::sync_directory(m_dir));
    } else {
        TRY(platform::write_file_atomic(path, *bytes));
        TRY(platform::write_file_atomic(m_dir / "state" / (notice.id + ".version"), record));
    }
    m_token.reset();
    log_info("notices: " + std::string(notice.withdrawn ? "withdrew" : "installed") + " notice " + notice.id +
             " version " + std::to_string(notice.version));
    return notice;
}

void NoticeBoard::reload() {
    m_notices.clear();
    m_problems.clear();
    bool more = false;
    for (const auto& name : list_names(m_dir, kNoticeFilesCap + 8, &more)) {
        if (!is_notice_name(name))
            continue;
        if (m_notices.size() + m_problems.size() >= kNoticeFilesCap) {
            more = true;
            break;
        }
        std::string where = "notices/" + name + ": ";
        auto bytes = platform::read_file(m_dir / name, kNoticeFileCap);
        if (!bytes) {
            m_problems.push_back(where + bytes.error().message);
            continue;
        }
        auto notice = open_notice(*bytes, m_keys);
        if (!notice) {
            m_problems.push_back(where + notice.error().message);
            continue;
        }
        if (notice->id + std::string(kNoticeExtension) != name || notice->withdrawn) {
            m_problems.push_back(where + "holds notice '" + notice->id +
                                 "', not one installed under this name");
            continue;
        }
        if (!plays(notice->channel) || !notice->targets(m_station)) {
            m_problems.push_back(where + "is meant for another station or channel");
            continue;
        }
        // Left behind by a withdrawal or a newer version that the power cut short: not shown.
        if (auto state = platform::read_file(m_dir / "state" / (notice->id + ".version"), 256))
            if (auto v = parse_version(*state); v && *v > notice->version)
                continue;
        m_notices.push_back(std::move(notice.value()));
    }
    if (more)
        m_problems.push_back("notices: more than " + std::to_string(kNoticeFilesCap) +
                             " files; the rest are not read");
    for (const auto& problem : m_problems)
        log_warn(problem + " (the notice is not shown)");
}

std::vector<Notice> NoticeBoard::active(std::int64_t now) {
    auto token = changed_token();
    if (!m_token || *m_token != token) {
        reload();
        m_token = token;
    }
    std::vector<Notice> out;
    for (const auto& n : m_notices)
        if (n.showing_at(now))
            out.push_back(n);
    std::sort(out.begin(), out.end(), [](const Notice& a, const Notice& b) {
        if (a.mode != b.mode)
            return a.mode == NoticeMode::Takeover;
        if (a.created != b.created)
            return a.created > b.created;
        return a.id < b.id;
    });
    return out;
}

std::int64_t NoticeBoard::newest_created() const {
    std::int64_t newest = 0;
    for (const auto& n : m_notices)
        newest = std::max(newest, n.created);
    return newest;
}

std::optional<std::int64_t> NoticeBoard::next_change(std::int64_t now) const {
    std::optional<std::int64_t> next;
    for (const auto& n : m_notices)
        for (std::int64_t t : {n.starts, n.expires})
            if (t > now)
                next = std::min(next.value_or(t), t);
    return next;
}

Status NoticeBoard::prune(std::int64_t now) {
    auto lock = TRY(BoardLock::take(m_dir));
    std::error_code ec;
    for (const fs::path& dir : {m_dir, m_dir / "state"})
        for (const auto& name : list_names(dir, SIZE_MAX))
            if (is_temp_name(name))
                fs::remove(dir / name, ec);
    for (const auto& name : list_names(m_dir, SIZE_MAX)) {
        if (!is_notice_name(name))
            continue;
        auto bytes = platform::read_file(m_dir / name, kNoticeFileCap);
        auto notice = bytes ? open_notice(*bytes, m_keys) : Result<Notice>(bytes.error());
        if (!notice)
            continue;
        std::uint64_t state = 0;
        if (auto text = platform::read_file(m_dir / "state" / (notice->id + ".version"), 256))
            state = parse_version(*text).ok() ? *parse_version(*text) : 0;
        if (notice->expires <= now || notice->withdrawn || notice->version < state) {
            fs::remove(m_dir / name, ec);
            if (ec)
                return make_error(ErrorCode::Io,
                                  "cannot remove " + (m_dir / name).string() + ": " + ec.message());
            log_info("notices: removed " + name + (notice->expires <= now ? " (expired)" : " (withdrawn)"));
        }
    }
    m_token.reset();
    return platform::sync_directory(m_dir);
}

std::uint64_t NoticeBoard::changed_token() const {
    return directory_token(m_dir) * 31 + directory_token(m_dir / "state");
}

} // namespace kiosk
