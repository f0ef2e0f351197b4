// The .kpack container: a fixed header, the signed manifest bytes, then each distinct object once.
//
//   offset  size  field
//   0       8     magic "KPACK\r\n\x1a"
//   8       4     container version, little-endian (1)
//   12      4     manifest length in bytes, little-endian (at most kManifestCap)
//   16      8     signer key id (first 8 bytes of BLAKE2b-256 of the public key)
//   24      64    Ed25519 signature over "kiosk-pack-manifest-v1\n" + manifest bytes
//   88      n     manifest (canonical JSON)
//   88+n    ...   blobs: each distinct hash once, in manifest order of first appearance; the file ends
//                 exactly after the last blob
#pragma once

#include "base/result.hpp"
#include "crypto/keys.hpp"
#include "pack/manifest.hpp"

#include <filesystem>
#include <functional>
#include <map>

namespace kiosk {

constexpr std::size_t kPackHeaderSize = 88;
constexpr std::uint32_t kPackContainerVersion = 1;

enum class BlobAction { Read, Skip };

// Receives blobs as a pack is read; end() is called only once the blob's hash has been checked. data()
// runs on a worker thread, one call at a time, always after begin() and before end() of its blob.
class BlobVisitor {
public:
    virtual ~BlobVisitor() = default;
    virtual Result<BlobAction> begin(const ManifestObject& object) = 0;
    virtual Status data(const void* bytes, std::size_t size) = 0;
    virtual Status end(const ManifestObject& object) = 0;
    virtual void progress(std::uint64_t done, std::uint64_t total) { (void)done, (void)total; }
};

class PackReader {
public:
    static Result<PackReader> open(const std::filesystem::path& path);
    PackReader(PackReader&&) noexcept;
    PackReader& operator=(PackReader&&) = delete;
    ~PackReader();

    const std::string& manifest_bytes() const { return m_manifest_bytes; }
    const std::string& signer_id() const { return m_signer_id; }
    const Signature& signature() const { return m_signature; }
    std::uint64_t file_size() const { return m_file_size; }

    // Checks the signature over the raw bytes first, and only then parses them.
    Result<Manifest> verify_manifest(const TrustedKeys& keys) const;
    // Parses without checking the signature, for inspection tools only; never for deciding what to show.
    Result<Manifest> parse_unverified_manifest() const;
    // Reads the blob section once, front to back, checking sizes and hashes as the bytes pass.
    Status read_blobs(const Manifest& manifest, BlobVisitor& visitor);

private:
    PackReader() = default;
    Status check_length(const Manifest& manifest) const;
    int m_fd = -1;
    std::string m_path;
    std::uint64_t m_file_size = 0;
    std::string m_signer_id;
    Signature m_signature{};
    std::string m_manifest_bytes;
};

// Checks a manifest's Ed25519 signature over its raw bytes by a trusted key, and only then parses it (strict,
// canonical) and checks that it names its signer and that the signer may sign for its channel. A pack's
// header and a channel's index (remote sync) both carry manifests checked this way.
Result<Manifest> verify_signed_manifest(std::string_view bytes, std::string_view signer_id, const Signature& signature,
                                        const TrustedKeys& keys);

// Writes a signed pack atomically; blob bytes come from the given files, re-hashed on the way so that a
// file changed since the manifest was made cannot end up in a pack under a stale hash.
Status write_pack(const std::filesystem::path& out, const Manifest& manifest, const SecretKey& key,
                  const std::map<Hash256, std::filesystem::path>& blob_files,
                  const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});

// Verifies a whole pack: signature, manifest, and every object's size and hash.
Result<Manifest> verify_pack_file(const std::filesystem::path& path, const TrustedKeys& keys,
                                  const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});

} // namespace kiosk
