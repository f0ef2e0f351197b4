// Names for error codes, used in logs and in tool output.
#include "base/result.hpp"

namespace kiosk {

const char* to_string(ErrorCode code) {
    switch (code) {
    case ErrorCode::Io:
        return "io";
    case ErrorCode::Parse:
        return "parse";
    case ErrorCode::Invalid:
        return "invalid";
    case ErrorCode::Truncated:
        return "truncated";
    case ErrorCode::TooLarge:
        return "too-large";
    case ErrorCode::Signature:
        return "signature";
    case ErrorCode::Hash:
        return "hash";
    case ErrorCode::Version:
        return "version";
    case ErrorCode::Station:
        return "station";
    case ErrorCode::Expired:
        return "expired";
    case ErrorCode::NotFound:
        return "not-found";
    case ErrorCode::Unsupported:
        return "unsupported";
    }
    return "unknown";
}

} // namespace kiosk
