// content-tool publish: objects, manifest, keys, then the index.
#include "publish/channel_publish.hpp"

#include "crypto/hash.hpp"
#include "crypto/sealed.hpp"
#include "keys/key_documents.hpp"
#include "pack/pack_file.hpp"
#include "platform/linux/files.hpp"

#include <ctime>

namespace content_tool {

namespace fs = std::filesystem;
using namespace kiosk;

namespace {

// Copies each object not yet in the channel directory there, under a temporary name made visible only
// once its bytes have passed their hash check.
class ObjectPublisher final : public BlobVisitor {
public:
    ObjectPublisher(fs::path dir, PublishReport& report) : m_dir(std::move(dir)), m_report(report) {}
    Result<BlobAction> begin(const ManifestObject& object) override {
        auto path = m_dir / object_file_path(object.hash);
        std::error_code ec;
        if (fs::is_regular_file(path, ec) && fs::file_size(path, ec) == object.size) {
            // Kept only if its bytes are still sound: publishing again is how a damaged channel is repaired.
            if (auto digest = blake2b256_file(path); digest && digest->hash == object.hash) {
                ++m_report.objects_present;
                return BlobAction::Skip;
            }
            ++m_report.objects_repaired;
            fs::remove(path, ec);
        }
        fs::create_directories(path.parent_path(), ec);
        if (ec)
            return make_error(ErrorCode::Io, "cannot create " + path.parent_path().string() + ": " + ec.message());
        m_file.emplace(TRY(platform::AtomicFile::create(path)));
        return BlobAction::Read;
    }
    Status data(const void* bytes, std::size_t size) override {
        m_report.bytes_written += size;
        return m_file->write(bytes, size);
    }
    Status end(const ManifestObject&) override {
        auto status = m_file->commit();
        m_file.reset();
        ++m_report.objects_written;
        return status;
    }


private:
    fs::path m_dir;
    PublishReport& m_report;
    std::optional<platform::AtomicFile> m_file;
};

// A certificate or revocation list published with the index must not make stations refuse the channel:
// the certificate must be the publishing key's and allow the channel, and the list must not revoke the
// publishing key or the pack's signer. (Their root signatures are the stations' to check.)
Status check_key_files(const PublishOptions& options, const SecretKey& key, const std::string& pack_signer,
                       const std::string& channel) {
    std::string key_id = key.public_key().id();
    if (options.certificate) {
        auto bytes = TRY(platform::read_file(*options.certificate, kCertificateCap));
        auto sealed = TRY(parse_sealed(SignedDocument::KeyCertificate, bytes, kCertificateCap));
        auto cert = TRY(KeyCertificate::parse(sealed.document));
        if (cert.key.id() != key_id)
            return make_error(ErrorCode::Invalid, options.certificate->string() + " certifies key " + cert.key.id() +
                                                      ", not the publishing key " + key_id);
        bool allowed = false;
        for (const auto& pattern : cert.channels)
            allowed = allowed || channel_matches(pattern, channel);
        if (!allowed)
            return make_error(ErrorCode::Invalid, options.certificate->string() + " does not allow channel '" +
                                                      channel + "'; stations would refuse the index");
    }
    if (options.revocations) {
        auto bytes = TRY(platform::read_file(*options.revocations, kRevocationsCap));
        auto sealed = TRY(parse_sealed(SignedDocument::Revocations, bytes, kRevocationsCap));
        auto list = TRY(RevocationList::parse(sealed.document));
        for (const auto& id : {key_id, pack_signer})
            if (list.revokes(id))
                return make_error(ErrorCode::Invalid, options.revocations->string() + " revokes key " + id +
                                                          ", which signs this " + (id == key_id ? "index" : "pack") +
                                                          "; stations would refuse the channel. Sign with a key "
                                                          "that is not revoked");
    }
    return {};
}

Status copy_small_file(const fs::path& from, const fs::path& to, std::uint64_t cap) {
    auto bytes = platform::read_file(from, cap);
    if (!bytes)
        return make_error(bytes.error().code, from.string() + ": " + bytes.error().message);
    std::error_code ec;
    fs::create_directories(to.parent_path(), ec);
    return platform::write_file_atomic(to, *bytes);
}

} // namespace

Result<PublishReport> publish_pack(const fs::path& pack, const fs::path& channel_dir, const SecretKey& key,
                                   const PublishOptions& options) {
    if (options.valid_days < 1 || options.valid_days > 3660)
        return make_error(ErrorCode::Invalid, "--valid-days must be from 1 to 3660");
    PublishReport report;
    auto reader = TRY(PackReader::open(pack));
    auto manifest = TRY(reader.parse_unverified_manifest());
    if (reader.signer_id() == key.public_key().id()) {
        TrustedKeys own;
        own.add(key.public_key());
        TRY(verify_signed_manifest(reader.manifest_bytes(), reader.signer_id(), reader.signature(), own));
        report.pack_signature_checked = true;
    }
    Hash256 manifest_hash = blake2b256(reader.manifest_bytes());
    TRY(check_key_files(options, key, reader.signer_id(), manifest.channel));

    // What the directory holds now: the office's own earlier index (its signature is the stations' business).
    std::uint64_t last_sequence = 0;
    auto index_path = channel_dir / std::string(kIndexFile);
    std::error_code ec;
    if (fs::exists(index_path, ec)) {
        auto bytes = TRY(platform::read_file(index_path, kChannelIndexCap));
        auto sealed = TRY(parse_sealed(SignedDocument::ChannelIndex, bytes, kChannelIndexCap));
        auto old = TRY(ChannelIndex::parse(sealed.document));
        if (old.channel != manifest.channel)
            return make_error(ErrorCode::Invalid, channel_dir.string() + " holds channel '" + old.channel +
                                                      "', not the pack's channel '" + manifest.channel + "'");
        if (manifest.version < old.version)
            return make_error(ErrorCode::Version, "the pack is version " + std::to_string(manifest.version) +
                                                      ", older than version " + std::to_string(old.version) +
                                                      " already published; stations would refuse it");
        if (manifest.version == old.version && manifest_hash != old.manifest_hash)
            return make_error(ErrorCode::Version, "a different pack with version " + std::to_string(old.version) +
                                                      " is already published; build the new one with a higher version");
        report.same_pack = manifest.version == old.version;
        last_sequence = old.sequence;
    }

    ObjectPublisher objects(channel_dir, report);
    TRY(reader.read_blobs(manifest, objects));
    auto manifest_name = manifest_file_name(manifest.channel, manifest.version);
    fs::create_directories(channel_dir / "manifests", ec);
    if (ec)
        return make_error(ErrorCode::Io, "cannot create " + (channel_dir / "manifests").string() + ": " + ec.message());
    TRY(platform::write_file_atomic(channel_dir / "manifests" / manifest_name, reader.manifest_bytes()));
    if (options.certificate)
        TRY(copy_small_file(*options.certificate, channel_dir / certificate_file_path(key.public_key().id()),
                            kCertificateCap));
    if (options.revocations)
        TRY(copy_small_file(*options.revocations, channel_dir / std::string(kRevocationsFile), kRevocationsCap));

    ChannelIndex& index = report.index;
    std::int64_t now = options.now ? *options.now : static_cast<std::int64_t>(std::time(nullptr));
    index.channel = manifest.channel;
    index.version = manifest.version;
    // Grows by one at least, and with the clock, so a channel directory rebuilt from nothing still counts up.
    index.sequence = std::max<std::uint64_t>(last_sequence + 1, static_cast<std::uint64_t>(std::max<std::int64_t>(now, 0)));
    index.created = now;
    index.expires = now + std::int64_t{options.valid_days} * 86400;
    index.manifest_path = "manifests/" + manifest_name;
    index.manifest_size = reader.manifest_bytes().size();
    index.manifest_hash = manifest_hash;
    index.pack_signer = reader.signer_id();
    index.pack_signature = reader.signature();
    TRY(platform::write_file_atomic(index_path, seal(SignedDocument::ChannelIndex, index.to_bytes(), key)));
    return report;
}

} // namespace content_tool
