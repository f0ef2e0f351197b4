// Reading and writing .kpack containers, with one sequential pass over the blob bytes.
#include "pack/pack_file.hpp"

#include "base/hex.hpp"
#include "platform/linux/files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace kiosk {

namespace {

constexpr std::uint8_t kMagic[8] = {'K', 'P', 'A', 'C', 'K', '\r', '\n', 0x1a};
constexpr std::size_t kChunk = 1 << 20;

// Hands chunks to a visitor's data() on one worker thread, one at a time, so that the caller can read and
// hash the next chunk meanwhile. wait() returns the result of the chunk in flight (if any).
class ChunkStorer {
public:
    explicit ChunkStorer(BlobVisitor& visitor) : m_visitor(visitor), m_thread([this] { work(); }) {}
    ~ChunkStorer() {
        {
            std::lock_guard lock(m_mutex);
            m_quit = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    void store(const char* data, std::size_t size) {
        std::lock_guard lock(m_mutex);
        m_data = data;
        m_size = size;
        m_busy = true;
        m_wake.notify_all();
    }
    Status wait() {
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [&] { return !m_busy; });
        return std::exchange(m_result, Status{});
    }

private:
    void work() {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [&] { return m_quit || m_busy; });
            if (m_quit)
                return;
            lock.unlock();
            Status result = m_visitor.data(m_data, m_size);
            lock.lock();
            m_result = std::move(result);
            m_busy = false;
            m_done.notify_all();
        }
    }
    BlobVisitor& m_visitor;
    std::mutex m_mutex;
    std::condition_variable m_wake, m_done;
    const char* m_data = nullptr;
    std::size_t m_size = 0;
    bool m_busy = false, m_quit = false;
    Status m_result;
    std::thread m_thread;
};

std::uint32_t read_le32(const std::uint8_t* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
           std::uint32_t(p[3]) << 24;
}

void write_le32(std::uint8_t* p, std::uint32_t v) {
    for (int i = 0; i < 4; ++i)
        p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

// Reads exactly size bytes or reports how the file ended.
Status read_exact(int fd, void* buf, std::size_t size, const std::string& what) {
    auto* p = static_cast<char*>(buf);
    while (size > 0) {
        ssize_t n = ::read(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return make_error(ErrorCode::Io, "cannot read " + what + ": " + std::strerror(errno));
        if (n == 0)
            return make_error(ErrorCode::Truncated, "the pack ends in the middle of " + what +
                                                        " (the file is truncated; copy it again)");
        p += n;
        size -= static_cast<std::size_t>(n);
    }
    return {};
}

struct VerifyOnly final : BlobVisitor {
    std::function<void(std::uint64_t, std::uint64_t)> on_progress;
    Result<BlobAction> begin(const ManifestObject&) override { return BlobAction::Read; }
    Status data(const void*, std::size_t) override { return {}; }
    Status end(const ManifestObject&) override { return {}; }
    void progress(std::uint64_t done, std::uint64_t total) override {
        if (on_progress)
            on_progress(done, total);
    }
};

} // namespace

Result<PackReader> PackReader::open(const std::filesystem::path& path) {
    PackReader r;
    r.m_path = path.string();
    r.m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (r.m_fd < 0)
        return make_error(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                          "cannot open pack " + path.string() + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(r.m_fd, &st) != 0 || !S_ISREG(st.st_mode))
        return make_error(ErrorCode::Io, path.string() + " is not a regular file");
    r.m_file_size = static_cast<std::uint64_t>(st.st_size);
    ::posix_fadvise(r.m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);

    std::uint8_t header[kPackHeaderSize];
    TRY(read_exact(r.m_fd, header, sizeof header, "the pack header"));
    if (std::memcmp(header, kMagic, sizeof kMagic) != 0)
        return make_error(ErrorCode::Parse,
                          path.string() + " is not a content pack (.kpack): wrong magic bytes");
    auto container = read_le32(header + 8);
    if (container != kPackContainerVersion) {
        return make_error(ErrorCode::Unsupported, "pack container version " + std::to_string(container) +
                                                      " is not supported (this software reads version " +
                                                      std::to_string(kPackContainerVersion) + ")");
    }
    auto manifest_size = read_le32(header + 12);
    if (manifest_size > kManifestCap) {
        return make_error(ErrorCode::TooLarge, "the pack's manifest claims " + std::to_string(manifest_size) +
                                                   " bytes, more than the limit of " +
                                                   std::to_string(kManifestCap));
    }
    r.m_signer_id = to_hex(std::span(header + 16, 8));
    std::copy(header + 24, header + 88, r.m_signature.begin());
    r.m_manifest_bytes.resize(manifest_size);
    TRY(read_exact(r.m_fd, r.m_manifest_bytes.data(), manifest_size, "the manifest"));
    return r;
}

PackReader::PackReader(PackReader&& o) noexcept
    : m_fd(std::exchange(o.m_fd, -1)), m_path(std::move(o.m_path)), m_file_size(o.m_file_size),
      m_signer_id(std::move(o.m_signer_id)), m_signature(o.m_signature),
      m_manifest_bytes(std::move(o.m_manifest_bytes)) {}

PackReader::~PackReader() {
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<Manifest> verify_signed_manifest(std::string_view bytes, std::string_view signer_id, const Signature& signature,
                                        const TrustedKeys& keys) {
    auto key = keys.find(signer_id);
    if (!key) {
        return make_error(ErrorCode::Signature, "the pack is signed by key " + std::string(signer_id) +
                                                    keys.why_untrusted(signer_id));
    }
    if (!key->verify(SignedDocument::PackManifest, bytes, signature)) {
        return make_error(
            ErrorCode::Signature,
            "the pack's signature does not match its manifest (the pack was altered or damaged)");
    }
    auto manifest = TRY(Manifest::parse(bytes));
    if (manifest.signer != signer_id)
        return make_error(ErrorCode::Signature, "the manifest names signer " + manifest.signer +
                                                    " but was signed by " + std::string(signer_id));
    TRY(keys.check_channel(signer_id, manifest.channel));
    return manifest;
}

Result<Manifest> PackReader::verify_manifest(const TrustedKeys& keys) const {
    auto manifest = TRY(verify_signed_manifest(m_manifest_bytes, m_signer_id, m_signature, keys));
    TRY(check_length(manifest));
    return manifest;
}

Result<Manifest> PackReader::parse_unverified_manifest() const {
    return Manifest::parse(m_manifest_bytes);
}

Status PackReader::check_length(const Manifest& manifest) const {
    std::uint64_t expected = kPackHeaderSize + m_manifest_bytes.size() + manifest.blob_bytes();
    if (m_file_size < expected) {
        return make_error(ErrorCode::Truncated, "the pack is truncated: it should be " +
                                                    std::to_string(expected) + " bytes but is " +
                                                    std::to_string(m_file_size) +
                                                    "; copy it again from the original");
    }
    if (m_file_size > expected) {
        return make_error(ErrorCode::Invalid, "the pack has " + std::to_string(m_file_size - expected) +
                                                  " unexpected bytes after its last object");
    }
    return {};
}

Status PackReader::read_blobs(const Manifest& manifest, BlobVisitor& visitor) {
    TRY(check_length(manifest));
    if (::lseek(m_fd, static_cast<off_t>(kPackHeaderSize + m_manifest_bytes.size()), SEEK_SET) < 0)
        return make_error(ErrorCode::Io, "cannot seek in pack: " + std::string(std::strerror(errno)));
    // Two buffers: while the visitor stores one chunk (on a worker), the next is read and hashed here.
    // Hashing and writing each take about as long, so the pair runs at the speed of the slower one.
    std::vector<char> bufs[2] = {std::vector<char>(kChunk), std::vector<char>(kChunk)};
    ChunkStorer storer(visitor);
    std::uint64_t done = 0, total = manifest.blob_bytes();
    visitor.progress(0, total);
    for (const ManifestObject* object : manifest.unique_blobs()) {
        auto action = TRY(visitor.begin(*object));
        if (action == BlobAction::Skip) {
            if (::lseek(m_fd, static_cast<off_t>(object->size), SEEK_CUR) < 0)
                return make_error(ErrorCode::Io, "cannot seek in pack: " + std::string(std::strerror(errno)));
            done += object->size;
            visitor.progress(done, total);
            continue;
        }
        Blake2b256 hasher;
        std::uint64_t left = object->size;
        int cur = 0;
        auto stored = [&] { return storer.wait(); };
        while (left > 0) {
            std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, kChunk));
            char* chunk = bufs[cur].data();
            if (auto read = read_exact(m_fd, chunk, n, "object '" + object->path + "'"); !read) {
                (void)stored();
                return read;
            }
            hasher.update(chunk, n);
            TRY(stored());
            storer.store(chunk, n);
            cur ^= 1;
            left -= n;
            done += n;
            visitor.progress(done, total);
        }
        TRY(stored());
        if (hasher.finish() != object->hash) {
            return make_error(ErrorCode::Hash,
                              "object '" + object->path +
                                  "' does not match its recorded hash (the pack is damaged or was altered)");
        }
        TRY(visitor.end(*object));
    }
    // The file may have grown while it was read (a stick being rewritten): refuse rather than guess.
    char extra;
    ssize_t n = ::read(m_fd, &extra, 1);
    if (n != 0)
        return make_error(ErrorCode::Invalid, "the pack changed while it was being read; try again");
    return {};
}

Status write_pack(const std::filesystem::path& out, const Manifest& manifest, const SecretKey& key,
                  const std::map<Hash256, std::filesystem::path>& blob_files,
                  const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
    std::string bytes = manifest.to_bytes();
    if (bytes.size() > kManifestCap)
        return make_error(ErrorCode::TooLarge,
                          "the manifest would exceed " + std::to_string(kManifestCap) + " bytes");
    if (manifest.signer != key.public_key().id())
        return make_error(ErrorCode::Invalid, "the manifest names a different signer than the signing key");
    Signature sig = key.sign(SignedDocument::PackManifest, bytes);

    std::uint8_t header[kPackHeaderSize]{};
    std::memcpy(header, kMagic, sizeof kMagic);
    write_le32(header + 8, kPackContainerVersion);
    write_le32(header + 12, static_cast<std::uint32_t>(bytes.size()));
    auto id = key.public_key().id();
    auto id_bytes = from_hex(id);
    std::copy(id_bytes->begin(), id_bytes->end(), header + 16);
    std::copy(sig.begin(), sig.end(), header + 24);

    auto file = TRY(platform::AtomicFile::create(out));
    TRY(file.write(header, sizeof header));
    TRY(file.write(bytes.data(), bytes.size()));

    std::vector<char> buf(kChunk);
    std::uint64_t done = 0, total = manifest.blob_bytes();
    for (const ManifestObject* object : manifest.unique_blobs()) {
        auto it = blob_files.find(object->hash);
        if (it == blob_files.end())
            return make_error(ErrorCode::NotFound, "no source file for object '" + object->path + "'");
        int fd = ::open(it->second.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return make_error(ErrorCode::Io,
                              "cannot open " + it->second.string() + ": " + std::strerror(errno));
        Blake2b256 hasher;
        std::uint64_t left = object->size;
        Status status;
        while (left > 0 && status) {
            std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, buf.size()));
            status = read_exact(fd, buf.data(), n, it->second.string());
            if (status) {
                hasher.update(buf.data(), n);
                status = file.write(buf.data(), n);
                left -= n;
                done += n;
                if (progress)
                    progress(done, total);
            }
        }
        ::close(fd);
        TRY(std::move(status));
        if (hasher.finish() != object->hash)
            return make_error(ErrorCode::Hash,
                              it->second.string() + " changed while the pack was being built; build again");
    }
    return file.commit();
}

Result<Manifest> verify_pack_file(const std::filesystem::path& path, const TrustedKeys& keys,
                                  const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
    auto reader = TRY(PackReader::open(path));
    auto manifest = TRY(reader.verify_manifest(keys));
    VerifyOnly visitor;
    visitor.on_progress = progress;
    TRY(reader.read_blobs(manifest, visitor));
    return manifest;
}

} // namespace kiosk
