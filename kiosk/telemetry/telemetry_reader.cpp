// Summary queries and USB export of the telemetry file.
#include "telemetry/telemetry_reader.hpp"

#include "platform/linux/files.hpp"
#include "telemetry/sqlite_db.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace kiosk::telemetry {

namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kDayMs = 24ll * 3600 * 1000;
constexpr int kLastErrors = 10;

// The start of the local calendar day holding `day_ms`, plus `days` days, in UTC milliseconds: the
// operator thinks in the station's own days, and a day may not be 24 hours long in every time zone.
std::int64_t local_midnight(std::int64_t day_ms, int days) {
    std::time_t seconds = static_cast<std::time_t>(day_ms / 1000);
    std::tm tm{};
    localtime_r(&seconds, &tm);
    tm.tm_hour = 0;
    tm.tm_min = 0;
    tm.tm_sec = 0;
    tm.tm_mday += days;
    tm.tm_isdst = -1;
    return static_cast<std::int64_t>(std::mktime(&tm)) * 1000;
}

std::uint64_t size_or_zero(const fs::path& file) {
    std::error_code ec;
    auto size = fs::file_size(file, ec);
    return ec ? 0 : size;
}

Result<std::int64_t> count_between(sqlite3* db, const char* sql, std::int64_t from, std::int64_t to) {
    auto statement = TRY(sql::Statement::prepare(db, sql));
    statement.bind(1, from).bind(2, to);
    TRY(statement.step());
    return statement.column_int(0);
}

InstallOutcome outcome_from(std::string_view text) {
    for (auto outcome : {InstallOutcome::Installed, InstallOutcome::Repaired, InstallOutcome::Refused,
                         InstallOutcome::RolledBack}) {
        if (to_string(outcome) == text)
            return outcome;
    }
    return InstallOutcome::Refused;
}

// FIXME: belongs in platform_files beside sync_directory.
Status sync_file(const fs::path& file) {
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return make_error(ErrorCode::Io, "cannot open " + file.string() + ": " + std::strerror(errno));
    int rc = ::fsync(fd);
    int saved = errno;
    ::close(fd);
    if (rc != 0)
        return make_error(ErrorCode::Io, "cannot sync " + file.string() + ": " + std::strerror(saved));
    return {};
}

} // namespace

Result<TelemetrySummary> read_summary(const fs::path& file, std::int64_t now_ms, std::int64_t current_run) {
    auto db = TRY(sql::open(file, sql::Access::ReadOnly));
    TelemetrySummary summary;
    std::int64_t today = local_midnight(now_ms, 0);
    std::int64_t tomorrow = local_midnight(now_ms, 1);
    // One read transaction, so the counts agree with each other even while the writer commits.
    TRY(sql::exec(db.get(), "BEGIN"));
    summary.plays_today = TRY(count_between(
        db.get(), "SELECT count(*) FROM plays WHERE start_ms >= ?1 AND start_ms < ?2", today, tomorrow));
    summary.sessions_today = TRY(count_between(
        db.get(), "SELECT count(*) FROM sessions WHERE start_ms >= ?1 AND start_ms < ?2", today, tomorrow));
    summary.page_views_today = TRY(count_between(
        db.get(), "SELECT count(*) FROM page_views WHERE at_ms >= ?1 AND at_ms < ?2", today, tomorrow));
    summary.unclean_stops_30_days = TRY(count_between(
        db.get(), "SELECT count(*) FROM runs WHERE clean_exit = 0 AND started_ms >= ?1 AND id <> ?2",
        now_ms - 30 * kDayMs, current_run));

    // Newest by the order they were recorded, not by their stamps, which a jumping clock can scramble.
    auto errors = TRY(sql::Statement::prepare(
        db.get(), "SELECT at_ms, source, message FROM errors_text ORDER BY id DESC LIMIT " +
                      std::to_string(kLastErrors)));
    while (TRY(errors.step()))
        summary.last_errors.push_back({errors.column_int(0), errors.column_text(1), errors.column_text(2)});

    auto install = TRY(sql::Statement::prepare(
        db.get(),
        "SELECT at_ms, channel, version, outcome, detail FROM installs_text ORDER BY id DESC LIMIT 1"));
    if (TRY(install.step())) {
        summary.last_install = InstallEvent{install.column_int(0), install.column_text(1),
                                            static_cast<std::uint64_t>(install.column_int(2)),
                                            outcome_from(install.column_text(3)), install.column_text(4)};
    }
    TRY(sql::exec(db.get(), "COMMIT"));
    summary.file_bytes = size_or_zero(file) + size_or_zero(file.string() + "-wal");
    return summary;
}

Status export_copy(const fs::path& file, const fs::path& target) {
    fs::path partial = target.string() + ".partial";
    std::error_code ec;
    fs::remove(partial, ec);
    {
        auto db = TRY(sql::open(file, sql::Access::ReadOnly));
        auto vacuum = TRY(sql::Statement::prepare(db.get(), "VACUUM INTO ?1"));
        vacuum.bind(1, partial.string());
        Status copied = vacuum.run();
        if (!copied) {
            fs::remove(partial, ec);
            return copied;
        }
    }
    {
        // The copy leaves in rollback-journal mode: a WAL file cannot be read from a write-protected stick.
        auto copy = TRY(sql::open(partial, sql::Access::ReadWrite));
        auto mode = TRY(sql::query_text(copy.get(), "PRAGMA journal_mode=DELETE"));
        if (mode.value_or("") != "delete")
            return make_error(ErrorCode::Io, "cannot take the export out of WAL mode");
    }
    // SQLite does not sync what VACUUM INTO writes; a stick pulled right after the export must still hold
    // a whole file.
    TRY(sync_file(partial));
    fs::rename(partial, target, ec);
    if (ec)
        return make_error(ErrorCode::Io,
                          "cannot move the export to " + target.string() + ": " + ec.message());
    return platform::sync_directory(target.parent_path().empty() ? fs::path(".") : target.parent_path());
}

} // namespace kiosk::telemetry
