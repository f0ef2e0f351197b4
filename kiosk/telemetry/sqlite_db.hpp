// A thin RAII layer over the SQLite C API: connections and statements that close themselves, and SQLite
// failures turned into Result values whose code tells corruption from a full disk.
#pragma once

#include "base/result.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <sqlite3.h>
#include <string>
#include <string_view>

namespace kiosk::sql {

// Closes a connection even if statements are still open (close_v2 defers until they finish).
struct CloseDb {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, CloseDb>;

struct FinalizeStatement {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

enum class Access { ReadWrite, ReadOnly };

// Turns a SQLite result code into an Error: a damaged or foreign file becomes ErrorCode::Parse, a full
// disk ErrorCode::TooLarge and everything else ErrorCode::Io, so callers can decide to start afresh only
// when the file itself is bad.
Error error_from(sqlite3* db, int rc, std::string_view what);

// True for the errors that mean the file is damaged or not a database, never for a full or failing disk.
bool is_corruption(const Error& error);

// Opens (and with ReadWrite, creates) a database file with a busy timeout, so that the writer and the
// operator screen's reader wait for each other briefly instead of failing.
Result<DbPtr> open(const std::filesystem::path& file, Access access);

// Runs one or more statements that return no rows.
Status exec(sqlite3* db, std::string_view sql);

// A prepared statement, reset before each use so one can be kept and reused for every insert.
class Statement {
public:
    static Result<Statement> prepare(sqlite3* db, std::string_view sql);

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view text);

    // Steps once: true while a row is available, false when the statement is done.
    Result<bool> step();
    // Steps until done, for statements that return no rows.
    Status run();
    // Resets and clears bindings so the statement can be bound again.
    void reset();

    bool column_is_null(int column) const;
    std::int64_t column_int(int column) const;
    std::string column_text(int column) const;

private:
    explicit Statement(sqlite3_stmt* statement) : m_statement(statement) {}
    std::unique_ptr<sqlite3_stmt, FinalizeStatement> m_statement;
};

// Runs a query that yields one integer (a count, a pragma), or nullopt when it yields no row or NULL.
Result<std::optional<std::int64_t>> query_int(sqlite3* db, std::string_view sql);
// Runs a query that yields one text value, or nullopt when it yields no row.
Result<std::optional<std::string>> query_text(sqlite3* db, std::string_view sql);

} // namespace kiosk::sql
