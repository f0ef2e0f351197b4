// Reading objects out of a verified pack file by offset.
#include "pack/object_source.hpp"

#include "pack/pack_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace kiosk {

PackFileObjects::PackFileObjects(std::filesystem::path file, Manifest manifest, std::uint64_t blob_offset)
    : m_file(std::move(file)), m_manifest(std::move(manifest)) {
    std::uint64_t offset = blob_offset;
    for (const ManifestObject* o : m_manifest.unique_blobs()) {
        m_offsets[o->hash] = offset;
        offset += o->size;
    }
}

Result<ObjectLocation> ObjectSource::locate(std::string_view path, const std::atomic<bool>*) const {
    return make_error(ErrorCode::Unsupported, "object '" + std::string(path) + "' cannot be streamed from here");
}

Result<ObjectLocation> PackFileObjects::locate(std::string_view path, const std::atomic<bool>*) const {
    const ManifestObject* object = m_manifest.find(path);
    if (!object)
        return make_error(ErrorCode::NotFound, "the pack has no object '" + std::string(path) + "'");
    return ObjectLocation{m_file, m_offsets.at(object->hash), object->size};
}

Result<std::string> PackFileObjects::read(std::string_view path) const {
    const ManifestObject* object = m_manifest.find(path);
    if (!object)
        return make_error(ErrorCode::NotFound, "the pack has no object '" + std::string(path) + "'");
    int fd = ::open(m_file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return make_error(ErrorCode::Io, "cannot open " + m_file.string() + ": " + std::strerror(errno));
    std::string bytes(object->size, '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::pread(fd, bytes.data() + done, bytes.size() - done,
                            static_cast<off_t>(m_offsets.at(object->hash) + done));
        if (n <= 0) {
            ::close(fd);
            return make_error(ErrorCode::Truncated,
                              "cannot read object '" + std::string(path) + "' from the pack");
        }
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (blake2b256(bytes) != object->hash)
        return make_error(ErrorCode::Hash,
                          "object '" + std::string(path) + "' changed since the pack was verified");
    return bytes;
}

Result<std::unique_ptr<PackFileObjects>> open_pack_for_preview(const std::filesystem::path& file,
                                                               const TrustedKeys& keys) {
    auto manifest = TRY(verify_pack_file(file, keys));
    auto reader = TRY(PackReader::open(file));
    return std::make_unique<PackFileObjects>(file, std::move(manifest),
                                             kPackHeaderSize + reader.manifest_bytes().size());
}

} // namespace kiosk
