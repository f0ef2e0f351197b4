// The verified content store on the kiosk's disk: installs signed packs atomically, keeps the previous
// one, refuses anything unsigned, damaged, older or meant for another station, and reads objects back
// with their hashes checked.
//
//   STORE/objects/ab/<hash>     object bytes, named by BLAKE2b-256, shared between packs
//   STORE/packs/<channel>-<v>/  manifest.json and manifest.sig of each kept pack
//   STORE/current, previous     symlinks to packs/..., each replaced by an atomic rename
//   STORE/state/<channel>.version  the highest version ever activated (replay protection)
//   STORE/tmp/                  work space, emptied before each install
#pragma once

#include "base/result.hpp"
#include "crypto/keys.hpp"
#include "pack/manifest.hpp"
#include "pack/object_source.hpp"
#include "pack/pack_file.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>

namespace kiosk {

namespace fs = std::filesystem;

enum class Verify {
    Quick, // signature, manifest and the presence and size of every object
    Full,  // also every object's hash
};

enum class Slot { Current, Previous };

struct ActivePack {
    Manifest manifest;
    Slot slot = Slot::Current;
    // Media objects (not the content document) found missing or of the wrong size by a quick check:
    // the pack still plays, without the slides that show them.
    std::vector<std::string> damaged;
};

using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

enum class InstallKind { NewVersion, Repair };

struct Installed {
    Manifest manifest;
    InstallKind kind = InstallKind::NewVersion;
};

// A pack's manifest as it was signed, arriving without its pack (remote sync fetches objects one by one).
struct SignedManifest {
    std::string bytes;  // the canonical JSON exactly as signed
    std::string signer; // key id
    Signature signature{};
};

class Store {
public:
    // Opens (creating if needed) a store that trusts the given keys and serves the given station.
    static Result<Store> open(fs::path root, TrustedKeys keys, std::string station, std::string channel = {});

    // Verifies and activates a pack file; on any error nothing changes and the active pack stays.
    // Installs and activates a newer pack. The active pack itself may be installed again when some of
    // its objects are damaged on disk: that repairs them (any install rewrites damaged shared objects).
    Result<Installed> install(const fs::path& pack_file, std::int64_t now, const ProgressFn& progress = {});
    // The same from a pack already opened: its header and manifest as read then are the ones verified, and
    // its blobs are read once, front to back, hashed as they are copied (a stick changed meanwhile is refused).
    Result<Installed> install(PackReader reader, std::int64_t now, const ProgressFn& progress = {});
    // Remote sync: checks a manifest fetched on its own exactly as install() checks a pack's (signature by a
    // trusted key allowed its channel, channel, station, expiry, content document, version above the highest
    // activated), before any object is fetched for it.
    Result<Manifest> check_manifest(const SignedManifest& signed_manifest, std::int64_t now) const;
    // Remote sync: installs a pack whose objects were fetched one by one. Each object must be in the store
    // already or in `staged` (files named by their hash in hex); the manifest is checked again under the
    // store's lock, every object's size and hash are checked as staged ones are moved into place, then the
    // pack is recorded and activated as install() does. On any error the active pack stays. An object found
    // damaged in the store is removed (ErrorCode::Hash), so that fetching it again repairs it.
    Result<Installed> install_fetched(const SignedManifest& signed_manifest, std::int64_t now, const fs::path& staged,
                                      const ProgressFn& progress = {});
    // Whether the store holds an object's file at its size (its hash is checked when a pack is installed).
    bool has_object(const ManifestObject& object) const;
    // The highest version ever activated for a channel (replay protection); 0 when none.
    std::uint64_t highest_version(const std::string& channel) const;
    // The pack to play: current if it verifies, else previous; an error says why neither can play. A
    // quick check lets a pack with damaged media play (listed in `damaged`); a full one does not.
    Result<ActivePack> open_active(Verify mode) const;
    // An object's bytes, refused unless they match the manifest's hash.
    Result<std::string> read_object(const Manifest& manifest, std::string_view path) const;
    fs::path object_path(const Hash256& hash) const;
    // Removes packs other than current and previous, and objects neither uses.
    Status collect_garbage();
    // The operator's roll back: the previous pack becomes current and the current one previous, so a
    // second roll back undoes the first. The previous pack must verify (quick check). Replay protection
    // is unchanged: a pack rolled back from cannot be installed again, only a newer one.
    Result<Manifest> roll_back();
    // The pack a roll back would return to (quick check), or why there is none.
    Result<Manifest> previous_manifest() const { return load_slot(Slot::Previous, Verify::Quick); }

    const fs::path& root() const { return m_root; }
    // The channel this store plays; empty: any channel a trusted key signs.
    const std::string& channel() const { return m_channel; }

private:
    Store(fs::path root, TrustedKeys keys, std::string station, std::string channel);
    Result<Manifest> load_slot(Slot slot, Verify mode, std::vector<std::string>* damaged = nullptr) const;
    // The checks every install makes of a verified manifest: channel, station, expiry, content document, and
    // a version above the highest activated; true when it is the damaged active pack offered again (a repair).
    Result<bool> check_admission(const Manifest& manifest, const std::string& manifest_bytes, std::int64_t now) const;
    // Records, activates and remembers the version of a pack whose objects are all in place.
    Status commit_pack(const Manifest& manifest, const std::string& manifest_bytes, const std::string& signer,
                       const Signature& signature);
    Status record_pack(const std::string& name, const std::string& manifest_bytes, const std::string& signer,
                       const Signature& signature);
    Status activate(const std::string& name);
    Status collect_garbage_locked();
    bool is_damaged_active(const std::string& manifest_bytes) const;

    fs::path m_root;
    TrustedKeys m_keys;
    std::string m_station;
    std::string m_channel;
};

// Objects of one installed pack, read from the store with their hashes checked.
class StoreObjects final : public ObjectSource {
public:
    StoreObjects(const Store& store, Manifest manifest) : m_store(store), m_manifest(std::move(manifest)) {}
    const Manifest& manifest() const override { return m_manifest; }
    Result<std::string> read(std::string_view path) const override {
        return m_store.read_object(m_manifest, path);
    }
    // Films are streamed, not read whole, so each is hashed in place the first time it is located; the
    // answer is remembered for the life of this object.
    Result<ObjectLocation> locate(std::string_view path, const std::atomic<bool>* cancel = nullptr) const override;

private:
    const Store& m_store;
    Manifest m_manifest;
    mutable std::mutex m_checked_mutex;
    mutable std::map<std::string, bool, std::less<>> m_checked; // object path -> its bytes match
};

// A message for the operator standing at the screen: what happened and what to do, in Vietnamese and English.
std::string operator_message(const Error& error);

} // namespace kiosk
