// One font file at one pixel size: HarfBuzz for shaping and metrics, FreeType for glyph images.
#pragma once

#include "base/result.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct hb_font_t;
struct FT_FaceRec_;
struct FT_LibraryRec_;

namespace kiosk {

// A font file mapped into memory once (pages are read only when used) and shared by every size opened
// from it: the CJK collection is 20 MB, of which a page of Chinese touches little.
struct FontFile {
    std::filesystem::path path;
    int index = 0; // face index inside a collection (.ttc)
    const char* data = nullptr;
    std::size_t size = 0;
    std::string owned; // the bytes, for a font that came out of a pack rather than a mapped file
    FontFile() = default;
    FontFile(const FontFile&) = delete;
    FontFile& operator=(const FontFile&) = delete;
    ~FontFile();
};

// An 8-bit coverage image of one glyph, placed relative to the pen position on the baseline.
struct GlyphImage {
    int left = 0, top = 0; // offset of the image's top-left corner from the pen (top is upwards)
    int width = 0, height = 0;
    std::vector<std::uint8_t> coverage;
};

class FontFace {
public:
    FontFace(std::shared_ptr<const FontFile> file, int px, FT_LibraryRec_* ft);
    ~FontFace();
    FontFace(const FontFace&) = delete;
    FontFace& operator=(const FontFace&) = delete;

    bool ok() const { return m_hb && m_ft; }
    const std::filesystem::path& path() const { return m_file->path; }
    std::uint64_t id() const { return m_id; } // unique for the life of the process, for caches
    hb_font_t* hb() const { return m_hb; }
    bool has(char32_t c) const;
    // Line metrics in pixels: ascent above and descent below the baseline.
    float ascent() const { return m_ascent; }
    float descent() const { return m_descent; }
    // Rasterises a glyph; not thread-safe (one FreeType face per FontFace).
    GlyphImage render(std::uint32_t glyph) const;

private:
    std::shared_ptr<const FontFile> m_file;
    std::uint64_t m_id;
    hb_font_t* m_hb = nullptr;
    FT_FaceRec_* m_ft = nullptr;
    float m_ascent = 0, m_descent = 0;
};

// Font files and their sizes, each opened once: files by path, faces by (file, size).
class FontLibrary {
public:
    FontLibrary();
    ~FontLibrary();
    FontLibrary(const FontLibrary&) = delete;
    FontLibrary& operator=(const FontLibrary&) = delete;

    Result<std::shared_ptr<const FontFile>> file(const std::filesystem::path& path, int index = 0);
    // A font from memory (a content pack's object); `name` is for messages.
    static Result<std::shared_ptr<const FontFile>> from_bytes(const std::string& name, std::string bytes);
    // The face at px; cached, with at most kMaxFaces kept (a face in use stays alive while referenced).
    std::shared_ptr<FontFace> face(const std::shared_ptr<const FontFile>& file, int px);
    static constexpr std::size_t kMaxFaces = 64;

private:
    FT_LibraryRec_* m_ft = nullptr;
    std::map<std::pair<std::string, int>, std::shared_ptr<const FontFile>> m_files;
    std::map<std::pair<const FontFile*, int>, std::shared_ptr<FontFace>> m_faces;
    std::vector<std::pair<const FontFile*, int>> m_face_order; // oldest first
};

} // namespace kiosk
