// The telemetry database's layout as numbered migrations, and opening a file so that a damaged or
// foreign one is moved aside instead of stopping the kiosk.
#pragma once

#include "telemetry/sqlite_db.hpp"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace kiosk::telemetry {

// Written into the SQLite header, so that a file at the telemetry path that belongs to something else is
// recognised before anything is written into it ("KTEL").
inline constexpr std::int32_t kApplicationId = 0x4b54454c;

// One step of the layout: the statements that take a file from version - 1 to version. Steps are never
// edited once shipped; a change is a new step appended to the list.
struct Migration {
    int version;
    std::string_view sql;
};

// Every step from an empty file to the layout this build writes.
std::span<const Migration> migrations();

// Applies the steps above the file's user_version in order, each in its own transaction together with its
// new user_version, so a power cut mid-upgrade leaves the file at the last whole version.
Status migrate(sqlite3* db, std::span<const Migration> steps);

// Opens the telemetry file for the writer: creates it (auto_vacuum=INCREMENTAL, WAL, synchronous=FULL),
// checks that it is a telemetry file no newer than `steps` know, and migrates it. A file that is damaged,
// foreign or newer is moved aside and a fresh one started; only an unusable disk or folder is an error.
Result<sql::DbPtr> open_for_writing(const std::filesystem::path& file, std::int64_t now_ms,
                                    std::span<const Migration> steps = migrations());

// Reads the whole file's structure (PRAGMA quick_check), which is what finds damage in pages that writes
// never touch; a damaged file gives an ErrorCode::Parse error.
Status check_integrity(sqlite3* db);

// Renames the file and its write-ahead log to `<name>.<reason>-<UTC time>` for later inspection, and keeps
// only the two newest such copies per reason so a failing card cannot fill the disk with them.
Status move_aside(const std::filesystem::path& file, std::string_view reason, std::int64_t now_ms);

} // namespace kiosk::telemetry
