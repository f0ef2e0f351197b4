// One remote sync cycle against a channel directory served over HTTP(S): revocations and key certificates
// first, then the signed index (replay and freeze protection), then the pack's signed manifest, then only
// the objects this station lacks (resumable, each capped at its signed size and hashed whole), then an
// atomic install through the store. Refusals leave the active pack untouched.
#pragma once

#include "base/result.hpp"
#include "crypto/keys.hpp"
#include "store/store.hpp"
#include "net/http.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::sync {

// Where the keys a sync brings go: the keyring (certificates of office keys signed by the root key, and
// the root key's revocations) checks them and updates the trusted keys shared with the stores. A callback
// left empty ignores that file.
struct SyncKeyring {
    std::function<Status(std::string_view bytes)> add_certificate;
    std::function<Status(std::string_view bytes)> add_revocations;
};

// The system clock and whether the kernel says it is synchronised (NTP): not TIME_ERROR, STA_UNSYNC clear.
struct ClockReading {
    std::int64_t now = 0; // Unix seconds
    bool synchronized = false;
};
ClockReading read_system_clock();

struct SyncSettings {
    std::string channel_url; // the channel directory, e.g. https://sync.example.vn/channels/na-meo/
    net::HttpSettings http{.user_agent = "kiosk-sync/1"}; // no total timeout: a pack can be large
    std::function<ClockReading()> clock = read_system_clock;
    ProgressFn progress; // bytes of objects fetched so far, of those to fetch
};

// What a cycle ended in; the numbers are `kiosk --sync-once`'s exit statuses.
enum class SyncOutcome {
    Installed = 0,   // a new version was installed and activated (or the active one repaired)
    UpToDate = 10,   // the channel holds nothing newer than this station has
    Refused = 1,     // bad signature, corrupted bytes, replayed or expired index, untrusted key, other station
    ConfigError = 2, // no or a malformed channel URL
    Unreachable = 3, // the network or the server failed; the next cycle retries (and resumes)
};

struct SyncResult {
    SyncOutcome outcome = SyncOutcome::Unreachable;
    std::string channel;
    std::uint64_t version = 0; // the version the index offers (installed, when it was)
    bool repaired = false;     // installed: the active version's objects damaged on this disk were fetched again
    std::optional<Error> error; // why, unless installed or up to date
    std::uint64_t objects_fetched = 0;
    std::uint64_t objects_present = 0; // already in the store (or fetched by an earlier, cut cycle)
    std::uint64_t bytes_fetched = 0;   // object bytes received in this cycle
    bool ok() const { return outcome == SyncOutcome::Installed || outcome == SyncOutcome::UpToDate; }
};

// What the station remembers of a channel's indexes (STORE/state/<channel>.index) and the trusted time
// (STORE/state/trusted-time): the newest `created` of any index it verified, a signed lower bound on now.
struct IndexState {
    std::uint64_t sequence = 0;
};
IndexState load_index_state(const Store& store, const std::string& channel);
std::int64_t load_trusted_time(const Store& store);
// When a cycle last ended installed or up to date (STORE/state/last-sync, system clock), for the operator.
std::optional<std::int64_t> load_last_sync(const Store& store);

// Runs one cycle for the store's channel. `keys` is the trusted key set the store holds (a shared handle).
SyncResult sync_once(Store& store, const TrustedKeys& keys, const SyncSettings& settings,
                     const SyncKeyring& keyring = {});

// One line describing a result, for logs and telemetry.
std::string describe(const SyncResult& result);
// What `kiosk --sync-once` prints: Vietnamese, then English, then details.
std::string operator_sync_message(const SyncResult& result);

} // namespace kiosk::sync
