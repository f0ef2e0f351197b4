// Where a pack's objects are read from (the installed store, or a pack file being previewed); every
// read checks the object's hash.
#pragma once

#include "base/result.hpp"
#include "crypto/keys.hpp"
#include "pack/manifest.hpp"

#include <atomic>
#include <filesystem>
#include <map>
#include <optional>
#include <memory>

namespace kiosk {

// Where an object's bytes lie on disk, for media that is streamed rather than read whole.
struct ObjectLocation {
    std::filesystem::path file;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
};

class ObjectSource {
public:
    virtual ~ObjectSource() = default;
    virtual const Manifest& manifest() const = 0;
    virtual Result<std::string> read(std::string_view path) const = 0;
    // Where an object's bytes lie, for media that is streamed rather than read whole, checked against the
    // object's hash before they are first used: an error says the object is missing, damaged, or (when
    // cancel becomes true during a long check) not checked.
    virtual Result<ObjectLocation> locate(std::string_view path, const std::atomic<bool>* cancel = nullptr) const;
};

// Objects read straight out of a .kpack file whose signature has been checked.
class PackFileObjects final : public ObjectSource {
public:
    PackFileObjects(std::filesystem::path file, Manifest manifest, std::uint64_t blob_offset);
    const Manifest& manifest() const override { return m_manifest; }
    Result<std::string> read(std::string_view path) const override;
    // The whole file was verified when it was opened.
    Result<ObjectLocation> locate(std::string_view path, const std::atomic<bool>* cancel = nullptr) const override;

private:
    std::filesystem::path m_file;
    Manifest m_manifest;
    std::map<Hash256, std::uint64_t> m_offsets;
};

// Opens a pack file for preview: checks its signature and every object's hash, then serves reads.
Result<std::unique_ptr<PackFileObjects>> open_pack_for_preview(const std::filesystem::path& file,
                                                               const TrustedKeys& keys);

} // namespace kiosk
