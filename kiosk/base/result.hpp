// Expected failures as values: Result<T> carries either a value or an Error with a code and a message.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace kiosk {

enum class ErrorCode {
    Io,          // a file could not be read or written
    Parse,       // input is not well-formed
    Invalid,     // input is well-formed but breaks a rule
    Truncated,   // input ends early
    TooLarge,    // input exceeds a size cap
    Signature,   // no trusted key signed this
    Hash,        // bytes differ from their recorded hash
    Version,     // not newer than what is already active
    Station,     // meant for other stations or another channel
    Expired,     // past its expiry time
    NotFound,    // nothing there
    Unsupported, // a format version or media type this build does not know
};

const char* to_string(ErrorCode code);

struct Error {
    ErrorCode code;
    std::string message;
};

inline Error make_error(ErrorCode code, std::string message) {
    return Error{code, std::move(message)};
}

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_state); }
    const T& value() const& { return std::get<0>(m_state); }
    T&& value() && { return std::get<0>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const& { return std::get<1>(m_state); }
    Error&& error() && { return std::get<1>(std::move(m_state)); }

private:
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    void value() const {}
    const Error& error() const& { return m_error; }
    Error&& error() && { return std::move(m_error); }

private:
    Error m_error{ErrorCode::Invalid, {}};
    bool m_ok = true;
};

using Status = Result<void>;

} // namespace kiosk

// Propagates an error to the caller, or yields the value (a GCC/Clang statement expression, as in
// SerenityOS's TRY).
#define TRY(expr)                                                                                            \
    ({                                                                                                       \
        auto&& _try_result = (expr);                                                                         \
        if (!_try_result.ok())                                                                               \
            return std::move(_try_result).error();                                                           \
        std::move(_try_result).value();                                                                      \
    })
