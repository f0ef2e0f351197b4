// Installing one file an operator brought to the station (a content pack or an urgent notice), the same
// way whether it came from `kiosk --install FILE` or from a USB stick: through the verified store or the
// notice board, with an InstallEvent recorded and a message for the operator in Vietnamese and English.
#pragma once

#include "base/result.hpp"
#include "config/config.hpp"
#include "crypto/keys.hpp"
#include "keys/keyring.hpp"
#include "store/channel_stores.hpp"
#include "telemetry/telemetry.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace kiosk {

// What the installs need from the station.
struct InstallContext {
    ChannelStores& stores;
    const KioskConfig& config;
    const TrustedKeys& keys;
    Telemetry* telemetry = nullptr;          // may be null: nothing is recorded
    std::function<std::int64_t()> unix_ms;   // the time of telemetry rows; empty: the system clock
    Keyring* keyring = nullptr;              // takes key files from sticks (null: they are only listed)
};

enum class FileKind { Pack, Notice, KeyFile };

enum class FileStatus {
    Installed, // a new pack or notice is active (or a notice withdrawn)
    Repaired,  // the active pack, offered again, rewrote objects damaged on the station's disk
    Current,   // the very version already playing (or a key file already known): nothing to do
    Skipped,   // not tried: an older pack of a channel than another on the same stick, or too many files
    Refused,   // checked and refused; what plays is unchanged
    Found,     // a signing-key file listed where no keyring takes it (see install_key_files)
};

// What became of one file, for the screen, the result file on the stick and the exit status.
struct FileOutcome {
    std::filesystem::path file;
    FileKind kind = FileKind::Pack;
    FileStatus status = FileStatus::Refused;
    std::string channel;        // of a pack or notice, when known
    std::uint64_t version = 0;  // likewise
    std::string notice_id;
    std::string message;        // for the operator: Vietnamese lines, then English ones
    std::string detail;         // technical detail (English), also in the log
    std::optional<ErrorCode> error;
};

// Installs a pack (by its header) or a notice (by its .notice extension) and records an InstallEvent.
// Never throws; a refusal changes nothing on the station. `verified`, when the caller has already checked
// the pack's signed manifest, names its channel and version in a refusal, and lets the version playing
// now, offered again, be told apart as Current (nothing to do, and no refusal in telemetry).
FileOutcome install_file(InstallContext& context, const std::filesystem::path& file, std::int64_t now_s,
                         const ProgressFn& progress = {}, const Manifest* verified = nullptr);

// A pack refused (by the store, or before it was asked, when its header or signature is bad): the outcome
// and the InstallEvent, naming the channel and version of `verified` when there is one.
FileOutcome refused_pack(InstallContext& context, const std::filesystem::path& file, const Error& error,
                         const Manifest* verified = nullptr);

// The channels a notice may be for on this station: the configured one (else the active pack's) and the
// other publishers' it also plays. Empty when nothing says which channel the station plays.
std::vector<std::string> notice_channels(const ChannelStores& stores, const KioskConfig& config);

// The headline of an outcome in each language, e.g. "ĐÃ CÀI ĐẶT" / "INSTALLED".
const char* status_word_vi(FileStatus status);
const char* status_word_en(FileStatus status);

} // namespace kiosk
