// One sync cycle: keys, index, manifest, missing objects, install.
#include "sync/sync_client.hpp"

#include "base/log.hpp"
#include "crypto/hash.hpp"
#include "crypto/sealed.hpp"
#include "net/url.hpp"
#include "platform/linux/files.hpp"
#include "sync/channel_index.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <set>
#include <sys/file.h>
#include <sys/timex.h>
#include <unistd.h>

namespace kiosk::sync {

namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kFreeSpaceMargin = 64ull << 20;
// How far ahead of a synchronised clock an index's `created` may push the trusted time (an office clock
// set a little fast must not make every later index look expired).
constexpr std::int64_t kCreatedLead = 24 * 3600;

fs::path last_sync_file(const Store& store) {
    return store.root() / "state" / "last-sync";
}

// Every cycle ends here; one that reached the channel and did what it offered is the operator's "last sync".
SyncResult finish_cycle(const Store& store, SyncResult r, SyncOutcome outcome, std::optional<Error> error = std::nullopt) {
    r.outcome = outcome;
    r.error = std::move(error);
    if (r.ok())
        if (auto saved = platform::write_file_atomic(last_sync_file(store), std::to_string(std::time(nullptr)) + "\n");
            !saved)
            log_warn("sync: cannot record the time of this sync: " + saved.error().message);
    return r;
}

// Network trouble retries; anything the server sent that fails a check is a refusal.
SyncOutcome outcome_of(const Error& e) {
    switch (e.code) {
    case ErrorCode::Io:
    case ErrorCode::NotFound:
        return SyncOutcome::Unreachable;
    default:
        return SyncOutcome::Refused;
    }
}

// Held while a cycle runs, so that the player's sync thread and an operator's --sync-once never write the
// same partial file.
class SyncLock {
public:
    static Result<SyncLock> take(const fs::path& dir) {
        int fd = ::open((dir / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return make_error(ErrorCode::Io, "cannot open the sync lock: " + std::string(std::strerror(errno)));
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd);
            return make_error(ErrorCode::Io, "another sync of this store is running");
        }
        return SyncLock(fd);
    }
    SyncLock(SyncLock&& o) noexcept : m_fd(std::exchange(o.m_fd, -1)) {}
    ~SyncLock() {
        if (m_fd >= 0)
            ::close(m_fd);
    }

private:
    explicit SyncLock(int fd) : m_fd(fd) {}
    int m_fd;
};

std::uint64_t read_number(const fs::path& file) {
    auto text = platform::read_file(file, 64);
    if (!text)
        return 0;
    std::uint64_t v = 0;
    for (char c : *text) {
        if (c < '0' || c > '9' || v > (UINT64_MAX - 9) / 10)
            break;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

fs::path index_state_file(const Store& store, const std::string& channel) {
    return store.root() / "state" / (channel + ".index");
}

fs::path trusted_time_file(const Store& store) {
    return store.root() / "state" / "trusted-time";
}

// Deletes partial and fetched files that belong to no object of the manifest being synced.
void clear_strays(const fs::path& dir, const std::set<std::string>& keep, std::string_view suffix) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        auto name = entry.path().filename().string();
        if (name.size() < suffix.size() || name.substr(name.size() - suffix.size()) != suffix ||
            !keep.count(name.substr(0, name.size() - suffix.size())))
            fs::remove_all(entry.path(), ec);
    }
}

struct Fetcher {
    Store& store;
    const SyncSettings& settings;
    fs::path partial_dir, fetched_dir;
    SyncResult& result;

    // Fetches every object the store lacks into fetched_dir, each hashed whole before it is kept.
    Status fetch_missing(const Manifest& manifest) {
        std::vector<const ManifestObject*> missing;
        std::uint64_t missing_bytes = 0;
        std::set<std::string> keep;
        std::error_code ec;
        for (const ManifestObject* o : manifest.unique_blobs()) {
            auto hex = hash_to_hex(o->hash);
            keep.insert(hex);
            if (store.has_object(*o)) {
                ++result.objects_present;
                continue;
            }
            auto fetched = fetched_dir / hex;
            if (fs::is_regular_file(fetched, ec) && fs::file_size(fetched, ec) == o->size) {
                ++result.objects_present;
                continue;
            }
            missing.push_back(o);
            missing_bytes += o->size;
        }
        clear_strays(partial_dir, keep, ".part");
        clear_strays(fetched_dir, keep, "");
        auto free = TRY(platform::free_space(store.root()));
        if (free < missing_bytes + kFreeSpaceMargin)
            return make_error(ErrorCode::Io, "not enough free disk space: the new objects need " +
                                                 std::to_string((missing_bytes + kFreeSpaceMargin) >> 20) + " MiB, " +
                                                 std::to_string(free >> 20) + " MiB are free");
        std::uint64_t done = 0;
        if (settings.progress)
            settings.progress(0, missing_bytes);
        for (const ManifestObject* o : missing) {
            TRY(fetch_object(*o));
            done += o->size;
            if (settings.progress)
                settings.progress(done, missing_bytes);
        }
        return {};
    }

    Status fetch_object(const ManifestObject& o) {
        auto hex = hash_to_hex(o.hash);
        auto url = net::join_url(settings.channel_url, object_file_path(o.hash));
        auto part = partial_dir / (hex + ".part");
        // A file resumed from an earlier cycle may hold bytes a power cut spoiled: when it fails its hash,
        // it is fetched once more from the start before the server is blamed.
        for (int attempt = 0; attempt < 2; ++attempt) {
            auto download = TRY(net::download_to_file(url, part, o.size, settings.http));
            result.bytes_fetched += download.received;
            if (download.resumed_from > 0)
                log_info("sync: resumed object '" + o.path + "' at byte " + std::to_string(download.resumed_from));
            auto digest = blake2b256_file(part.string());
            if (digest && digest->size == o.size && digest->hash == o.hash) {
                // No sync here: a power cut may lose the rename or the bytes, and either is fetched or
                // hashed again; the store syncs the file system once before it records the pack.
                if (::rename(part.c_str(), (fetched_dir / hex).c_str()) != 0)
                    return make_error(ErrorCode::Io, "cannot keep the fetched object '" + o.path +
                                                         "': " + std::strerror(errno));
                ++result.objects_fetched;
                return {};
            }
            std::error_code ec;
            fs::remove(part, ec);
            if (download.resumed_from == 0 || attempt == 1)
                return make_error(ErrorCode::Hash, "corrupted bytes served: object '" + o.path + "' from " +
                                                       net::redacted_url(url) +
                                                       " does not match its signed hash; it was deleted");
            log_warn("sync: resumed object '" + o.path + "' failed its hash check; fetching it again whole");
        }
        return make_error(ErrorCode::Hash, "corrupted bytes served for object '" + o.path + "'");
    }
};

} // namespace

ClockReading read_system_clock() {
    ClockReading reading;
    reading.now = static_cast<std::int64_t>(std::time(nullptr));
    struct timex tx {};
    int state = ::adjtimex(&tx);
    reading.synchronized = state != -1 && state != TIME_ERROR && !(tx.status & STA_UNSYNC);
    return reading;
}

IndexState load_index_state(const Store& store, const std::string& channel) {
    return IndexState{read_number(index_state_file(store, channel))};
}

std::optional<std::int64_t> load_last_sync(const Store& store) {
    auto v = read_number(last_sync_file(store));
    if (v == 0)
        return std::nullopt;
    return static_cast<std::int64_t>(std::min<std::uint64_t>(v, INT64_MAX));
}

std::int64_t load_trusted_time(const Store& store) {
    auto v = read_number(trusted_time_file(store));
    return static_cast<std::int64_t>(std::min<std::uint64_t>(v, INT64_MAX));
}

SyncResult sync_once(Store& store, const TrustedKeys& keys, const SyncSettings& settings, const SyncKeyring& keyring) {
    SyncResult result;
    result.channel = store.channel();
    const std::string& base = settings.channel_url;
    if (base.rfind("http://", 0) != 0 && base.rfind("https://", 0) != 0)
        return finish_cycle(store, result, SyncOutcome::ConfigError,
                      make_error(ErrorCode::Invalid, base.empty() ? "channel_url is not configured"
                                                                  : "channel_url must start with http:// or https://, not '" +
                                                                        net::redacted_url(base) + "'"));
    auto sync_dir = store.root() / "sync";
    auto partial_dir = sync_dir / "partial", fetched_dir = sync_dir / "fetched";
    std::error_code ec;
    fs::create_directories(partial_dir, ec);
    fs::create_directories(fetched_dir, ec);
    if (ec)
        return finish_cycle(store, result, SyncOutcome::Unreachable,
                      make_error(ErrorCode::Io, "cannot create " + sync_dir.string() + ": " + ec.message()));
    auto lock = SyncLock::take(sync_dir);
    if (!lock)
        return finish_cycle(store, result, SyncOutcome::Unreachable, lock.error());

    // 1. Revocations, every cycle, before any signature is trusted.
    auto revocations = net::http_get(net::join_url(base, kRevocationsFile), kRevocationsCap, settings.http);
    if (revocations) {
        if (keyring.add_revocations)
            if (auto added = keyring.add_revocations(*revocations); !added)
                log_error("sync: the channel's key revocation list was not accepted: " + added.error().message);
    } else if (revocations.error().code != ErrorCode::NotFound) {
        return finish_cycle(store, result, outcome_of(revocations.error()), revocations.error());
    }

    // 2. The index; a certificate for its signer when this station does not know the key yet.
    auto index_file = net::http_get(net::join_url(base, kIndexFile), kChannelIndexCap, settings.http);
    if (!index_file)
        return finish_cycle(store, result, outcome_of(index_file.error()), index_file.error());
    auto sealed = parse_sealed(SignedDocument::ChannelIndex, *index_file, kChannelIndexCap);
    if (!sealed)
        return finish_cycle(store, result, SyncOutcome::Refused, sealed.error());
    if (!keys.find(sealed->signer)) {
        auto cert = net::http_get(net::join_url(base, certificate_file_path(sealed->signer)), kCertificateCap,
                                  settings.http);
        if (cert) {
            if (keyring.add_certificate)
                if (auto added = keyring.add_certificate(*cert); !added)
                    log_error("sync: the certificate of key " + sealed->signer +
                              " was not accepted: " + added.error().message);
        } else if (cert.error().code != ErrorCode::NotFound) {
            return finish_cycle(store, result, outcome_of(cert.error()), cert.error());
        }
    }
    auto opened = open_sealed(SignedDocument::ChannelIndex, *index_file, kChannelIndexCap, keys);
    if (!opened)
        return finish_cycle(store, result, SyncOutcome::Refused, opened.error());
    auto index = ChannelIndex::parse(opened->document);
    if (!index)
        return finish_cycle(store, result, SyncOutcome::Refused, index.error());
    result.channel = index->channel;
    result.version = index->version;
    if (auto allowed = keys.check_channel(opened->signer, index->channel); !allowed)
        return finish_cycle(store, result, SyncOutcome::Refused, allowed.error());
    if (!store.channel().empty() && index->channel != store.channel())
        return finish_cycle(store, result, SyncOutcome::Refused,
                      make_error(ErrorCode::Station, "the index at " + net::redacted_url(base) + " is for channel '" +
                                                         index->channel + "', but this store plays channel '" +
                                                         store.channel() + "'"));

    // 3. Replay and freeze protection.
    auto state = load_index_state(store, index->channel);
    if (index->sequence < state.sequence)
        return finish_cycle(store, result, SyncOutcome::Refused,
                      make_error(ErrorCode::Version, "a replayed older index: its sequence is " +
                                                         std::to_string(index->sequence) + ", but this station has seen " +
                                                         std::to_string(state.sequence)));
    auto clock = settings.clock ? settings.clock() : read_system_clock();
    std::int64_t trusted = load_trusted_time(store);
    std::int64_t known_now = std::max(trusted, clock.synchronized ? clock.now : std::int64_t{0});
    if (known_now > 0 && index->expires <= known_now)
        return finish_cycle(store, result, SyncOutcome::Refused,
                      make_error(ErrorCode::Expired,
                                 "the channel index expired at " + std::to_string(index->expires) +
                                     " (Unix time), before the time this station knows (" + std::to_string(known_now) +
                                     "); the office must publish the channel again"));
    std::int64_t created = index->created;
    if (clock.synchronized)
        created = std::min(created, clock.now + kCreatedLead);
    if (index->sequence > state.sequence)
        if (auto saved = platform::write_file_atomic(index_state_file(store, index->channel),
                                                     std::to_string(index->sequence) + "\n");
            !saved)
            return finish_cycle(store, result, SyncOutcome::Unreachable, saved.error());
    if (created > trusted) {
        if (auto saved = platform::write_file_atomic(trusted_time_file(store), std::to_string(created) + "\n"); !saved)
            return finish_cycle(store, result, SyncOutcome::Unreachable, saved.error());
    }
    std::int64_t now = std::max(known_now, created);

    // 4. Nothing newer: done, without a request more; unless the station's copy of this very version is
    //    damaged on its disk (a quick look: objects missing or of the wrong size), which sync repairs.
    auto highest = store.highest_version(index->channel);
    bool repair = false;
    if (index->version < highest)
        return finish_cycle(store, result, SyncOutcome::UpToDate);
    if (index->version == highest) {
        auto active = store.open_active(Verify::Quick);
        repair = !active || active->slot == Slot::Previous || !active->damaged.empty();
        if (!repair)
            return finish_cycle(store, result, SyncOutcome::UpToDate);
        log_warn("sync: the active pack is damaged on this station's disk; fetching what it lacks");
    }

    // 5. The pack's own signed manifest, checked as a pack's is before a single object is fetched.
    auto manifest_bytes = net::http_get(net::join_url(base, index->manifest_path), index->manifest_size, settings.http);
    if (!manifest_bytes)
        return finish_cycle(store, result, outcome_of(manifest_bytes.error()), manifest_bytes.error());
    if (manifest_bytes->size() != index->manifest_size || blake2b256(*manifest_bytes) != index->manifest_hash)
        return finish_cycle(store, result, SyncOutcome::Refused,
                      make_error(ErrorCode::Hash, "corrupted bytes served: the manifest at " +
                                                      net::redacted_url(net::join_url(base, index->manifest_path)) +
                                                      " does not match the index's hash"));
    SignedManifest signed_manifest{std::move(*manifest_bytes), index->pack_signer, index->pack_signature};
    auto manifest = store.check_manifest(signed_manifest, now);
    if (!manifest && repair && manifest.error().code == ErrorCode::Version) // not the damaged pack after all
        return finish_cycle(store, result, SyncOutcome::UpToDate);
    if (!manifest)
        return finish_cycle(store, result, SyncOutcome::Refused, manifest.error());
    if (manifest->channel != index->channel || manifest->version != index->version)
        return finish_cycle(store, result, SyncOutcome::Refused,
                      make_error(ErrorCode::Invalid, "the index names version " + std::to_string(index->version) +
                                                         " but its manifest is version " +
                                                         std::to_string(manifest->version) + " of channel " +
                                                         manifest->channel));

    // 6. The objects this station lacks, then the install. An object found damaged in the store during
    //    the install is removed there and fetched again once.
    Fetcher fetcher{store, settings, partial_dir, fetched_dir, result};
    for (int attempt = 0;; ++attempt) {
        if (auto fetched = fetcher.fetch_missing(*manifest); !fetched)
            return finish_cycle(store, result, outcome_of(fetched.error()), fetched.error());
        auto installed = store.install_fetched(signed_manifest, now, fetched_dir);
        if (installed) {
            clear_strays(fetched_dir, {}, "");
            result.version = installed->manifest.version;
            result.repaired = installed->kind == InstallKind::Repair;
            return finish_cycle(store, result, SyncOutcome::Installed);
        }
        bool refetch = installed.error().code == ErrorCode::Hash || installed.error().code == ErrorCode::NotFound;
        if (!refetch || attempt == 1)
            return finish_cycle(store, result, outcome_of(installed.error()), installed.error());
        log_warn("sync: " + installed.error().message);
    }
}

std::string describe(const SyncResult& r) {
    std::string what = r.channel.empty() ? "channel" : "channel " + r.channel;
    switch (r.outcome) {
    case SyncOutcome::Installed:
        return std::string(r.repaired ? "sync: repaired " : "sync: installed ") + what + " version " + std::to_string(r.version) + " (" +
               std::to_string(r.objects_fetched) + " objects fetched, " + std::to_string(r.bytes_fetched) +
               " bytes; " + std::to_string(r.objects_present) + " already here)";
    case SyncOutcome::UpToDate:
        return "sync: " + what + " is up to date (version " + std::to_string(r.version) + " offered)";
    case SyncOutcome::Refused:
        return "sync: refused " + what + (r.version ? " version " + std::to_string(r.version) : "") + ": " +
               (r.error ? r.error->message : "");
    case SyncOutcome::ConfigError:
        return "sync: configuration: " + (r.error ? r.error->message : "");
    case SyncOutcome::Unreachable:
        return "sync: " + what + " not reached (will retry): " + (r.error ? r.error->message : "");
    }
    return "sync";
}

std::string operator_sync_message(const SyncResult& r) {
    std::string vi, en;
    auto version = std::to_string(r.version);
    switch (r.outcome) {
    case SyncOutcome::Installed:
        if (r.repaired) {
            vi = "Đã sửa gói nội dung " + r.channel + " phiên bản " + version + " (dữ liệu hỏng trên đĩa đã được tải lại).";
            en = "Repaired content pack " + r.channel + " version " + version + " (damaged data on the disk was downloaded again).";
        } else {
            vi = "Đã đồng bộ và cài đặt gói nội dung " + r.channel + " phiên bản " + version + ".";
            en = "Synchronised and installed content pack " + r.channel + " version " + version + ".";
        }
        break;
    case SyncOutcome::UpToDate:
        vi = "Nội dung đã là mới nhất (kênh " + r.channel + "). Không có gì để cài.";
        en = "The content is up to date (channel " + r.channel + "). Nothing to install.";
        break;
    case SyncOutcome::Refused:
        vi = "Nội dung tải về bị từ chối (chữ ký, dữ liệu hỏng, chỉ mục cũ hoặc hết hạn, khóa không tin cậy, hoặc "
             "dành cho trạm khác). Hãy báo Sở.";
        en = "The downloaded content was refused (signature, corrupted data, an old or expired index, an untrusted "
             "key, or meant for another station). Tell the provincial office.";
        break;
    case SyncOutcome::ConfigError:
        vi = "Cấu hình đồng bộ sai hoặc thiếu (channel_url).";
        en = "The sync configuration is wrong or missing (channel_url).";
        break;
    case SyncOutcome::Unreachable:
        if (r.error && r.error->code == ErrorCode::NotFound) { // the server answered: nothing is at that address
            vi = "Máy chủ trả lời nhưng không có kênh nội dung ở địa chỉ này (HTTP 404). Hãy kiểm tra channel_url, "
                 "hoặc chờ Sở đăng kênh; trạm sẽ tự thử lại sau.";
            en = "The server answered but holds no channel at this address (HTTP 404). Check channel_url, or wait "
                 "for the office to publish the channel; the station will try again by itself.";
        } else {
            vi = "Không kết nối được máy chủ nội dung, hoặc máy chủ báo lỗi. Trạm sẽ tự thử lại sau.";
            en = "The content server could not be reached, or it answered with an error. The station will try "
                 "again by itself.";
        }
        break;
    }
    std::string text = vi + "\n" + en;
    if (r.outcome == SyncOutcome::Refused || r.outcome == SyncOutcome::Unreachable)
        text += "\nNội dung đang chiếu được giữ nguyên. / The content playing now is unchanged.";
    if (r.error)
        text += "\nChi tiết / Details: " + r.error->message;
    return text;
}

} // namespace kiosk::sync
