// The stored words for telemetry's enums; the report tool reads these, so they never change.
#include "telemetry/telemetry_events.hpp"

namespace kiosk {

std::string_view to_string(PlayMode mode) {
    switch (mode) {
    case PlayMode::Attract:
        return "attract";
    case PlayMode::Browse:
        return "browse";
    }
    return "unknown";
}

std::string_view to_string(SessionEnd reason) {
    switch (reason) {
    case SessionEnd::Timeout:
        return "timeout";
    case SessionEnd::Operator:
        return "operator";
    case SessionEnd::ContentChange:
        return "content-change";
    case SessionEnd::Left:
        return "left";
    case SessionEnd::Shutdown:
        return "shutdown";
    }
    return "unknown";
}

std::string_view to_string(InstallOutcome outcome) {
    switch (outcome) {
    case InstallOutcome::Installed:
        return "installed";
    case InstallOutcome::Repaired:
        return "repaired";
    case InstallOutcome::Refused:
        return "refused";
    case InstallOutcome::RolledBack:
        return "rolled-back";
    }
    return "unknown";
}

} // namespace kiosk
