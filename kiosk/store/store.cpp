// Verified store: install (verify, copy objects while hashing, record, switch links), open and read.
#include "store/store.hpp"

#include "base/hex.hpp"
#include "base/log.hpp"
#include "crypto/hash.hpp"
#include "pack/pack_file.hpp"
#include "platform/linux/files.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <set>
#include <sys/file.h>
#include <unistd.h>

namespace kiosk {

namespace {

constexpr std::string_view kManifestFile = "manifest.json";
constexpr std::string_view kSignatureFile = "manifest.sig";
// Room kept free beyond the pack's own bytes, so that logs and telemetry can still be written.
constexpr std::uint64_t kFreeSpaceMargin = 64ull << 20;

const char* slot_name(Slot slot) {
    return slot == Slot::Current ? "current" : "previous";
}

// Holds an exclusive lock on the store while installing or collecting garbage.
class StoreLock {
public:
    static Result<StoreLock> take(const fs::path& root) {
        int fd = ::open((root / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return make_error(ErrorCode::Io, "cannot open store lock: " + std::string(std::strerror(errno)));
        if (::flock(fd, LOCK_EX) != 0) {
            ::close(fd);
            return make_error(ErrorCode::Io, "cannot lock store: " + std::string(std::strerror(errno)));
        }
        return StoreLock(fd);
    }
    StoreLock(StoreLock&& o) noexcept : m_fd(std::exchange(o.m_fd, -1)) {}
    ~StoreLock() {
        if (m_fd >= 0)
            ::close(m_fd);
    }

private:
    explicit StoreLock(int fd) : m_fd(fd) {}
    int m_fd;
};

// Copies each blob into the object directory as it streams past; only hash-checked bytes are committed.
class ObjectWriter final : public BlobVisitor {
public:
    ObjectWriter(const Store& store, const ProgressFn& progress) : m_store(store), m_progress(progress) {}

    Result<BlobAction> begin(const ManifestObject& object) override {
        auto path = m_store.object_path(object.hash);
        std::error_code ec;
        if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == object.size) {
            // Shared with a pack already here: kept only if its bytes are still sound, so that any install
            // also repairs objects damaged on the kiosk's own disk.
            if (auto digest = blake2b256_file(path); digest && digest->hash == object.hash)
                return BlobAction::Skip;
            log_warn("store: object '" + object.path + "' was damaged on disk; writing it again");
        }
        fs::create_directories(path.parent_path(), ec);
        if (ec)
            return make_error(ErrorCode::Io,
                              "cannot create " + path.parent_path().string() + ": " + ec.message());
        m_file.emplace(TRY(platform::AtomicFile::create(path)));
        return BlobAction::Read;
    }
    Status data(const void* bytes, std::size_t size) override { return m_file->write(bytes, size); }
    // Renamed into place without a sync of its own: install() syncs the whole file system once before any
    // pack refers to the object (one journal commit, not two per object). An object left unsynced by a
    // power cut is referred to by nothing, and any later install re-hashes it before relying on it.
    Status end(const ManifestObject&) override {
        auto status = m_file->commit(platform::AtomicFile::Durability::Deferred);
        m_file.reset();
        return status;
    }
    void progress(std::uint64_t done, std::uint64_t total) override {
        if (m_progress)
            m_progress(done, total);
    }

private:
    const Store& m_store;
    const ProgressFn& m_progress;
    std::optional<platform::AtomicFile> m_file;
};

Result<std::uint64_t> parse_version(const std::string& text) {
    std::uint64_t v = 0;
    for (char c : text) {
        if (c == '\n')
            break;
        if (c < '0' || c > '9' || v > (UINT64_MAX - 9) / 10)
            return make_error(ErrorCode::Parse, "bad version record");
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

} // namespace

Store::Store(fs::path root, TrustedKeys keys, std::string station, std::string channel)
    : m_root(std::move(root)), m_keys(std::move(keys)), m_station(std::move(station)),
      m_channel(std::move(channel)) {}

Result<Store> Store::open(fs::path root, TrustedKeys keys, std::string station, std::string channel) {
    std::error_code ec;
    for (auto sub : {"objects", "packs", "state", "tmp"}) {
        fs::create_directories(root / sub, ec);
        if (ec)
            return make_error(ErrorCode::Io,
                              "cannot create store directory " + (root / sub).string() + ": " + ec.message());
    }
    return Store(std::move(root), std::move(keys), std::move(station), std::move(channel));
}

fs::path Store::object_path(const Hash256& hash) const {
    auto hex = hash_to_hex(hash);
    return m_root / "objects" / hex.substr(0, 2) / hex;
}

std::uint64_t Store::highest_version(const std::string& channel) const {
    std::uint64_t highest = 0;
    auto record = platform::read_file(m_root / "state" / (channel + ".version"), 64);
    if (record) {
        auto v = parse_version(*record);
        if (v)
            highest = *v;
    }
    for (Slot slot : {Slot::Current, Slot::Previous}) {
        auto m = load_slot(slot, Verify::Quick);
        if (m && m->channel == channel)
            highest = std::max(highest, m->version);
    }
    return highest;
}

Result<bool> Store::check_admission(const Manifest& manifest, const std::string& manifest_bytes,
                                    std::int64_t now) const {
    if (!m_channel.empty() && manifest.channel != m_channel)
        return make_error(ErrorCode::Station, "the pack belongs to channel '" + manifest.channel +
                                                  "' but this station plays channel '" + m_channel + "'");
    if (!manifest.targets(m_station)) {
        std::string targets;
        for (const auto& s : manifest.stations)
            targets += (targets.empty() ? "" : ", ") + s;
        return make_error(ErrorCode::Station, "the pack is meant for station(s) " + targets +
                                                  ", not for this station '" + m_station + "'");
    }
    if (manifest.expires && now >= *manifest.expires)
        return make_error(ErrorCode::Expired,
                          "the pack expired at " + std::to_string(*manifest.expires) + " (Unix time)");
    if (!manifest.find(kContentPath))
        return make_error(ErrorCode::Invalid,
                          "the pack has no content document (" + std::string(kContentPath) + ")");
    auto highest = highest_version(manifest.channel);
    // The very pack that is active, offered again while its objects are damaged on disk: a repair.
    bool repair = manifest.version == highest && is_damaged_active(manifest_bytes);
    if (manifest.version <= highest && !repair) {
        return make_error(ErrorCode::Version, "the pack is version " + std::to_string(manifest.version) +
                                                  ", not newer than version " + std::to_string(highest) +
                                                  " already installed");
    }
    return repair;
}

Status Store::commit_pack(const Manifest& manifest, const std::string& manifest_bytes, const std::string& signer,
                          const Signature& signature) {
    auto name = manifest.channel + "-" + std::to_string(manifest.version);
    TRY(record_pack(name, manifest_bytes, signer, signature));
    TRY(activate(name));
    TRY(platform::write_file_atomic(m_root / "state" / (manifest.channel + ".version"),
                                    std::to_string(manifest.version) + "\n"));
    if (auto gc = collect_garbage_locked(); !gc)
        log_warn("store: cleaning up old packs failed: " + gc.error().message);
    return {};
}

Result<Installed> Store::install(const fs::path& pack_file, std::int64_t now, const ProgressFn& progress) {
    return install(TRY(PackReader::open(pack_file)), now, progress);
}

Result<Installed> Store::install(PackReader reader, std::int64_t now, const ProgressFn& progress) {
    if (m_keys.empty())
        return make_error(ErrorCode::Signature, "no key is trusted: none is configured (trusted_keys), none is certified by the root key (root_keys), or every one has been revoked; no pack can be accepted");
    auto lock = TRY(StoreLock::take(m_root));
    auto manifest = TRY(reader.verify_manifest(m_keys));
    bool repair = TRY(check_admission(manifest, reader.manifest_bytes(), now));
    auto free = TRY(platform::free_space(m_root));
    if (free < manifest.blob_bytes() + kFreeSpaceMargin) {
        return make_error(ErrorCode::Io,
                          "not enough free disk space: the pack needs " +
                              std::to_string((manifest.blob_bytes() + kFreeSpaceMargin) >> 20) + " MiB, " +
                              std::to_string(free >> 20) + " MiB are free");
    }

    std::error_code ec;
    fs::remove_all(m_root / "tmp", ec);
    fs::create_directories(m_root / "tmp", ec);

    ObjectWriter writer(*this, progress);
    TRY(reader.read_blobs(manifest, writer));
    TRY(platform::sync_filesystem(m_root));
    if (repair) {
        log_info("store: repaired pack " + manifest.channel + " version " + std::to_string(manifest.version));
        return Installed{std::move(manifest), InstallKind::Repair};
    }
    TRY(commit_pack(manifest, reader.manifest_bytes(), reader.signer_id(), reader.signature()));
    return Installed{std::move(manifest), InstallKind::NewVersion};
}

Result<Manifest> Store::check_manifest(const SignedManifest& signed_manifest, std::int64_t now) const {
    if (m_keys.empty())
        return make_error(ErrorCode::Signature, "no key is trusted: none is configured (trusted_keys), none is certified by the root key (root_keys), or every one has been revoked; no pack can be accepted");
    auto manifest = TRY(verify_signed_manifest(signed_manifest.bytes, signed_manifest.signer,
                                               signed_manifest.signature, m_keys));
    TRY(check_admission(manifest, signed_manifest.bytes, now));
    return manifest;
}

bool Store::has_object(const ManifestObject& object) const {
    std::error_code ec;
    auto path = object_path(object.hash);
    return fs::is_regular_file(path, ec) && fs::file_size(path, ec) == object.size && !ec;
}

Result<Installed> Store::install_fetched(const SignedManifest& signed_manifest, std::int64_t now,
                                         const fs::path& staged, const ProgressFn& progress) {
    if (m_keys.empty())
        return make_error(ErrorCode::Signature, "no key is trusted: none is configured (trusted_keys), none is certified by the root key (root_keys), or every one has been revoked; no pack can be accepted");
    auto lock = TRY(StoreLock::take(m_root));
    // Checked again under the lock: another install may have raised the highest version meanwhile.
    auto manifest = TRY(verify_signed_manifest(signed_manifest.bytes, signed_manifest.signer,
                                               signed_manifest.signature, m_keys));
    bool repair = TRY(check_admission(manifest, signed_manifest.bytes, now));

    std::uint64_t done = 0, total = manifest.blob_bytes();
    if (progress)
        progress(0, total);
    std::error_code ec;
    for (const ManifestObject* object : manifest.unique_blobs()) {
        auto path = object_path(object->hash);
        auto sound = [&](const fs::path& file) {
            auto digest = blake2b256_file(file.string());
            return digest && digest->size == object->size && digest->hash == object->hash;
        };
        bool present = fs::is_regular_file(path, ec);
        if (present && sound(path)) {
            done += object->size;
            if (progress)
                progress(done, total);
            continue;
        }
        auto candidate = staged / hash_to_hex(object->hash);
        if (!fs::is_regular_file(candidate, ec)) {
            if (present) { // damaged on this disk: removed, so that it is fetched again
                fs::remove(path, ec);
                return make_error(ErrorCode::Hash, "object '" + object->path +
                                                       "' was damaged on this station's disk; it must be fetched again");
            }
            return make_error(ErrorCode::NotFound, "object '" + object->path + "' has not been fetched");
        }
        if (!sound(candidate)) {
            fs::remove(candidate, ec);
            return make_error(ErrorCode::Hash, "object '" + object->path +
                                                   "' does not match its recorded hash (corrupted bytes were served)");
        }
        fs::create_directories(path.parent_path(), ec);
        if (ec)
            return make_error(ErrorCode::Io, "cannot create " + path.parent_path().string() + ": " + ec.message());
        // Renamed without a sync of its own: the one file-system sync below makes every object durable
        // before the pack that refers to them is recorded.
        if (::rename(candidate.c_str(), path.c_str()) != 0)
            return make_error(ErrorCode::Io, "cannot move object '" + object->path +
                                                 "' into the store: " + std::strerror(errno));
        done += object->size;
        if (progress)
            progress(done, total);
    }
    TRY(platform::sync_filesystem(m_root));
    if (repair) {
        log_info("store: repaired pack " + manifest.channel + " version " + std::to_string(manifest.version));
        return Installed{std::move(manifest), InstallKind::Repair};
    }
    TRY(commit_pack(manifest, signed_manifest.bytes, signed_manifest.signer, signed_manifest.signature));
    return Installed{std::move(manifest), InstallKind::NewVersion};
}

bool Store::is_damaged_active(const std::string& manifest_bytes) const {
    std::error_code ec;
    auto target = fs::read_symlink(m_root / "current", ec);
    if (ec)
        return false;
    auto recorded = platform::read_file(m_root / target / kManifestFile, kManifestCap);
    return recorded && *recorded == manifest_bytes && !load_slot(Slot::Current, Verify::Full);
}

Status Store::record_pack(const std::string& name, const std::string& manifest_bytes,
                          const std::string& signer, const Signature& signature) {
    auto work = m_root / "tmp" / name;
    std::error_code ec;
    fs::create_directories(work, ec);
    if (ec)
        return make_error(ErrorCode::Io, "cannot create " + work.string() + ": " + ec.message());
    TRY(platform::write_file_atomic(work / kManifestFile, manifest_bytes));
    TRY(platform::write_file_atomic(work / kSignatureFile, signer + " " + to_hex(signature) + "\n"));
    auto final_dir = m_root / "packs" / name;
    // A directory of this name can only be left by an install that stopped before activating it.
    if (fs::exists(final_dir, ec))
        fs::remove_all(final_dir, ec);
    if (::rename(work.c_str(), final_dir.c_str()) != 0)
        return make_error(ErrorCode::Io,
                          "cannot move pack record into place: " + std::string(std::strerror(errno)));
    return platform::sync_directory(m_root / "packs");
}

Result<Manifest> Store::roll_back() {
    auto lock = TRY(StoreLock::take(m_root));
    auto previous = load_slot(Slot::Previous, Verify::Quick);
    if (!previous)
        return make_error(previous.error().code, "cannot roll back: " + previous.error().message);
    std::error_code ec;
    auto current_target = fs::read_symlink(m_root / "current", ec);
    if (ec)
        return make_error(ErrorCode::NotFound, "cannot roll back: no pack is installed");
    auto previous_target = fs::read_symlink(m_root / "previous", ec);
    if (ec)
        return make_error(ErrorCode::NotFound, "cannot roll back: no previous pack is kept");
    // Current first: a power cut between the two renames leaves the rolled-back pack playing.
    TRY(platform::replace_symlink(m_root / "current", previous_target));
    TRY(platform::replace_symlink(m_root / "previous", current_target));
    return std::move(previous.value());
}

Status Store::activate(const std::string& name) {
    std::error_code ec;
    auto old = fs::read_symlink(m_root / "current", ec);
    if (!ec && old != fs::path("packs") / name)
        TRY(platform::replace_symlink(m_root / "previous", old));
    return platform::replace_symlink(m_root / "current", fs::path("packs") / name);
}

Result<Manifest> Store::load_slot(Slot slot, Verify mode, std::vector<std::string>* damaged) const {
    std::error_code ec;
    auto target = fs::read_symlink(m_root / slot_name(slot), ec);
    if (ec)
        return make_error(ErrorCode::NotFound, slot == Slot::Current
                                                   ? "no content pack has been installed yet"
                                                   : "no previous pack is kept");
    auto dir = m_root / target;
    auto bytes = TRY(platform::read_file(dir / kManifestFile, kManifestCap));
    auto sig_text = TRY(platform::read_file(dir / kSignatureFile, 256));
    auto space = sig_text.find(' ');
    auto nl = sig_text.find('\n');
    if (space == std::string::npos || nl == std::string::npos)
        return make_error(ErrorCode::Parse, "damaged signature record in " + dir.string());
    auto signer = sig_text.substr(0, space);
    auto sig_bytes = from_hex(sig_text.substr(space + 1, nl - space - 1));
    auto key = m_keys.find(signer);
    if (!key)
        return make_error(ErrorCode::Signature,
                          "the installed pack is signed by key " + signer + m_keys.why_untrusted(signer));
    Signature sig{};
    if (!sig_bytes || sig_bytes->size() != sig.size())
        return make_error(ErrorCode::Parse, "damaged signature record in " + dir.string());
    std::copy(sig_bytes->begin(), sig_bytes->end(), sig.begin());
    if (!key->verify(SignedDocument::PackManifest, bytes, sig))
        return make_error(ErrorCode::Signature,
                          "the installed manifest in " + dir.string() + " fails its signature check");
    auto manifest = TRY(Manifest::parse(bytes));
    TRY(m_keys.check_channel(signer, manifest.channel));
    for (const ManifestObject* object : manifest.unique_blobs()) {
        auto path = object_path(object->hash);
        auto size = fs::file_size(path, ec);
        if ((ec || size != object->size) && damaged && mode == Verify::Quick && object->path != kContentPath) {
            for (const auto& o : manifest.objects) // every path that shares the damaged bytes
                if (o.hash == object->hash)
                    damaged->push_back(o.path);
            continue;
        }
        if (ec || size != object->size)
            return make_error(ErrorCode::NotFound,
                              "object '" + object->path + "' is missing or damaged in the store");
        if (mode == Verify::Full) {
            auto data = TRY(read_object(manifest, object->path));
            (void)data;
        }
    }
    return manifest;
}

Result<ActivePack> Store::open_active(Verify mode) const {
    std::vector<std::string> damaged;
    auto current = load_slot(Slot::Current, mode, &damaged);
    if (current)
        return ActivePack{std::move(current.value()), Slot::Current, std::move(damaged)};
    if (current.error().code != ErrorCode::NotFound || fs::is_symlink(m_root / "current"))
        log_error(std::string(mode == Verify::Full ? "store: the current pack does not verify: "
                                                   : "store: the current pack cannot be played: ") +
                  current.error().message);
    damaged.clear();
    auto previous = load_slot(Slot::Previous, mode, &damaged);
    if (previous) {
        log_warn("store: playing the previous pack instead");
        return ActivePack{std::move(previous.value()), Slot::Previous, std::move(damaged)};
    }
    return std::move(current).error();
}

Result<std::string> Store::read_object(const Manifest& manifest, std::string_view path) const {
    const ManifestObject* object = manifest.find(path);
    if (!object)
        return make_error(ErrorCode::NotFound, "the pack has no object '" + std::string(path) + "'");
    auto bytes = platform::read_file(object_path(object->hash), object->size);
    if (!bytes)
        return make_error(bytes.error().code, "object '" + std::string(path) + "': " + bytes.error().message);
    if (bytes->size() != object->size || blake2b256(*bytes) != object->hash)
        return make_error(ErrorCode::Hash,
                          "object '" + std::string(path) + "' is damaged on disk (hash mismatch)");
    return bytes;
}

Result<ObjectLocation> StoreObjects::locate(std::string_view path, const std::atomic<bool>* cancel) const {
    const ManifestObject* object = m_manifest.find(path);
    if (!object)
        return make_error(ErrorCode::NotFound, "the pack has no object '" + std::string(path) + "'");
    ObjectLocation where{m_store.object_path(object->hash), 0, object->size};
    auto damaged = [&] {
        return make_error(ErrorCode::Hash, "it is damaged on this station's disk (its bytes differ from the "
                                           "signed pack; installing the pack again repairs it)");
    };
    {
        std::lock_guard lock(m_checked_mutex);
        if (auto it = m_checked.find(path); it != m_checked.end())
            return it->second ? Result<ObjectLocation>(where) : damaged();
    }
    auto digest = blake2b256_file(where.file.string(), cancel);
    if (!digest && cancel && cancel->load())
        return make_error(ErrorCode::Io, "its check was cancelled");
    bool sound = digest && digest->size == object->size && digest->hash == object->hash;
    {
        std::lock_guard lock(m_checked_mutex);
        m_checked[std::string(path)] = sound;
    }
    if (!sound)
        return damaged();
    return where;
}

Status Store::collect_garbage() {
    auto lock = TRY(StoreLock::take(m_root));
    return collect_garbage_locked();
}

Status Store::collect_garbage_locked() {
    std::set<fs::path> keep_packs;
    std::set<std::string> keep_objects;
    std::error_code ec;
    for (Slot slot : {Slot::Current, Slot::Previous}) {
        auto target = fs::read_symlink(m_root / slot_name(slot), ec);
        if (ec)
            continue;
        keep_packs.insert(target.filename());
        auto bytes = platform::read_file(m_root / target / kManifestFile, kManifestCap);
        auto manifest = bytes ? Manifest::parse(*bytes) : Result<Manifest>(bytes.error());
        if (!manifest)
            return make_error(ErrorCode::Invalid, "not collecting garbage: the " +
                                                      std::string(slot_name(slot)) +
                                                      " pack record is unreadable");
        for (const auto& o : manifest->objects)
            keep_objects.insert(hash_to_hex(o.hash));
    }
    for (const auto& entry : fs::directory_iterator(m_root / "packs", ec))
        if (!keep_packs.count(entry.path().filename()))
            fs::remove_all(entry.path(), ec);
    for (const auto& bucket : fs::directory_iterator(m_root / "objects", ec)) {
        for (const auto& entry : fs::directory_iterator(bucket.path(), ec))
            if (!keep_objects.count(entry.path().filename().string()))
                fs::remove(entry.path(), ec);
    }
    return platform::sync_directory(m_root / "objects");
}

std::string operator_message(const Error& error) {
    std::string vi, en;
    switch (error.code) {
    case ErrorCode::Signature:
        vi = "Gói nội dung không có chữ ký hợp lệ của cơ quan quản lý. Hãy liên hệ Sở để nhận USB mới.";
        en = "The content pack is not signed by a trusted office key. Ask the provincial office for a new "
             "stick.";
        break;
    case ErrorCode::Hash:
    case ErrorCode::Truncated:
    case ErrorCode::Parse:
    case ErrorCode::Invalid:
        vi = "Gói nội dung bị hỏng hoặc không đầy đủ. Hãy chép lại từ bản gốc hoặc xin Sở USB mới.";
        en = "The content pack is damaged or incomplete. Copy it again from the original or ask for a new "
             "stick.";
        break;
    case ErrorCode::Version:
        vi = "Gói nội dung này cũ hơn hoặc trùng với nội dung đang chiếu. Không cần cài lại.";
        en = "This content pack is older than or the same as the content playing now. Nothing to install.";
        break;
    case ErrorCode::Station:
        vi = "Gói nội dung này dành cho trạm hoặc kênh khác. Hãy kiểm tra lại USB với Sở.";
        en = "This content pack is meant for another station or channel. Check the stick with the provincial "
             "office.";
        break;
    case ErrorCode::Expired:
        vi = "Gói nội dung đã hết hạn. Hãy xin Sở gói mới.";
        en = "This content pack has expired. Ask the provincial office for a new one.";
        break;
    case ErrorCode::Unsupported:
        vi = "Phần mềm của trạm cần được cập nhật để đọc gói nội dung này.";
        en = "The station software must be updated to read this content pack.";
        break;
    case ErrorCode::NotFound:
        vi = "Không tìm thấy tệp gói nội dung. Hãy kiểm tra tên tệp và USB đã được cắm chưa.";
        en = "The content pack file was not found. Check the file name and that the stick is plugged in.";
        break;
    case ErrorCode::TooLarge:
    case ErrorCode::Io:
        vi = "Không đọc hoặc ghi được dữ liệu (USB lỗi hoặc ổ đĩa đầy). Hãy thử lại hoặc báo Sở.";
        en = "Data could not be read or written (faulty stick or full disk). Try again or tell the "
             "provincial office.";
        break;
    }
    return vi + "\n" + en +
           "\nNội dung đang chiếu được giữ nguyên. / The content playing now is unchanged.\nChi tiết / "
           "Details: " +
           error.message;
}

} // namespace kiosk
