// SQLite connections, statements and error mapping for the telemetry store.
#include "telemetry/sqlite_db.hpp"

namespace kiosk::sql {

namespace {
constexpr int kBusyTimeoutMs = 5000;
}

Error error_from(sqlite3* db, int rc, std::string_view what) {
    std::string message = std::string(what) + ": " + sqlite3_errstr(rc);
    if (db) {
        const char* detail = sqlite3_errmsg(db);
        if (detail && message.find(detail) == std::string::npos)
            message += std::string(" (") + detail + ")";
    }
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return make_error(ErrorCode::Parse, std::move(message));
    case SQLITE_FULL:
        return make_error(ErrorCode::TooLarge, std::move(message));
    default:
        return make_error(ErrorCode::Io, std::move(message));
    }
}

bool is_corruption(const Error& error) {
    return error.code == ErrorCode::Parse;
}

Result<DbPtr> open(const std::filesystem::path& file, Access access) {
    sqlite3* raw = nullptr;
    int flags =
        access == Access::ReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    int rc = sqlite3_open_v2(file.c_str(), &raw, flags | SQLITE_OPEN_NOFOLLOW, nullptr);
    DbPtr db(raw);
    if (rc != SQLITE_OK)
        return error_from(db.get(), rc, "cannot open " + file.string());
    sqlite3_extended_result_codes(db.get(), 1);
    sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
    return db;
}

Status exec(sqlite3* db, std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    int rc = sqlite3_exec(db, text.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK)
        return error_from(db, rc, text.substr(0, 60));
    return {};
}

Result<Statement> Statement::prepare(sqlite3* db, std::string_view sql) {
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw,
                                nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(raw);
        return error_from(db, rc, std::string(sql.substr(0, 60)));
    }
    return Statement(raw);
}

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_statement.get(), index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text(m_statement.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Result<bool> Statement::step() {
    int rc = sqlite3_step(m_statement.get());
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3* db = sqlite3_db_handle(m_statement.get());
    return error_from(db, rc, std::string(sqlite3_sql(m_statement.get())).substr(0, 60));
}

Status Statement::run() {
    while (true) {
        bool row = TRY(step());
        if (!row)
            break;
    }
    return {};
}

void Statement::reset() {
    sqlite3_reset(m_statement.get());
    sqlite3_clear_bindings(m_statement.get());
}

bool Statement::column_is_null(int column) const {
    return sqlite3_column_type(m_statement.get(), column) == SQLITE_NULL;
}

std::int64_t Statement::column_int(int column) const {
    return sqlite3_column_int64(m_statement.get(), column);
}

std::string Statement::column_text(int column) const {
    const unsigned char* text = sqlite3_column_text(m_statement.get(), column);
    int size = sqlite3_column_bytes(m_statement.get(), column);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size))
                : std::string();
}

Result<std::optional<std::int64_t>> query_int(sqlite3* db, std::string_view sql) {
    auto statement = TRY(Statement::prepare(db, sql));
    bool row = TRY(statement.step());
    if (!row || statement.column_is_null(0))
        return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(statement.column_int(0));
}

Result<std::optional<std::string>> query_text(sqlite3* db, std::string_view sql) {
    auto statement = TRY(Statement::prepare(db, sql));
    bool row = TRY(statement.step());
    if (!row)
        return std::optional<std::string>();
    return std::optional<std::string>(statement.column_text(0));
}

} // namespace kiosk::sql
