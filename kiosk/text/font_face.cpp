// Fonts through HarfBuzz (shaping, unhinted metrics, as browsers measure) and FreeType (glyph images).
#include "text/font_face.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <ft2build.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include FT_FREETYPE_H
#include <hb-ot.h>
#include <hb.h>

namespace kiosk {

namespace {

std::atomic<std::uint64_t> g_next_face_id{1};

constexpr std::uint64_t kMaxFontBytes = 64ull << 20;

} // namespace

FontFace::FontFace(std::shared_ptr<const FontFile> file, int px, FT_LibraryRec_* ft)
    : m_file(std::move(file)), m_id(g_next_face_id++) {
    hb_blob_t* blob = hb_blob_create(m_file->data, static_cast<unsigned>(m_file->size),
                                     HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    hb_face_t* face = hb_face_create(blob, static_cast<unsigned>(m_file->index));
    hb_blob_destroy(blob);
    m_hb = hb_font_create(face);
    hb_face_destroy(face);
    // Positions in 1/64 pixel, from the font's own (unhinted) advances, as a browser lays text out.
    hb_font_set_scale(m_hb, px * 64, px * 64);
    hb_ot_font_set_funcs(m_hb);
    hb_font_extents_t extents{};
    hb_font_get_h_extents(m_hb, &extents);
    m_ascent = extents.ascender / 64.0f;
    m_descent = -extents.descender / 64.0f;

    FT_Face ft_face = nullptr;
    if (FT_New_Memory_Face(ft, reinterpret_cast<const FT_Byte*>(m_file->data),
                           static_cast<FT_Long>(m_file->size), m_file->index, &ft_face) == 0) {
        if (FT_Set_Pixel_Sizes(ft_face, 0, static_cast<FT_UInt>(px)) == 0)
            m_ft = ft_face;
        else
            FT_Done_Face(ft_face);
    }
}

FontFace::~FontFace() {
    if (m_ft)
        FT_Done_Face(m_ft);
    if (m_hb)
        hb_font_destroy(m_hb);
}

bool FontFace::has(char32_t c) const {
    hb_codepoint_t glyph = 0;
    return hb_font_get_nominal_glyph(m_hb, c, &glyph) && glyph != 0;
}

GlyphImage FontFace::render(std::uint32_t glyph) const {
    GlyphImage image;
    if (!m_ft || FT_Load_Glyph(m_ft, glyph, FT_LOAD_TARGET_LIGHT) != 0 ||
        FT_Render_Glyph(m_ft->glyph, FT_RENDER_MODE_NORMAL) != 0)
        return image;
    const FT_Bitmap& bitmap = m_ft->glyph->bitmap;
    image.left = m_ft->glyph->bitmap_left;
    image.top = m_ft->glyph->bitmap_top;
    image.width = static_cast<int>(bitmap.width);
    image.height = static_cast<int>(bitmap.rows);
    image.coverage.resize(static_cast<std::size_t>(image.width) * image.height);
    for (int y = 0; y < image.height; ++y)
        std::copy_n(bitmap.buffer + static_cast<std::ptrdiff_t>(y) * bitmap.pitch, image.width,
                    image.coverage.begin() + static_cast<std::ptrdiff_t>(y) * image.width);
    return image;
}

FontLibrary::FontLibrary() {
    FT_Library ft = nullptr;
    if (FT_Init_FreeType(&ft) == 0)
        m_ft = ft;
}

FontLibrary::~FontLibrary() {
    m_faces.clear();
    m_files.clear();
    if (m_ft)
        FT_Done_FreeType(m_ft);
}

FontFile::~FontFile() {
    if (data && owned.empty())
        ::munmap(const_cast<char*>(data), size);
}

Result<std::shared_ptr<const FontFile>> FontLibrary::file(const std::filesystem::path& path, int index) {
    auto key = std::make_pair(path.string(), index);
    if (auto it = m_files.find(key); it != m_files.end())
        return it->second;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return make_error(ErrorCode::NotFound, "font " + path.string() + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        static_cast<std::uint64_t>(st.st_size) > kMaxFontBytes) {
        ::close(fd);
        return make_error(ErrorCode::Invalid, "font " + path.string() + " is not a font file of a sane size");
    }
    void* map = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED)
        return make_error(ErrorCode::Io, "font " + path.string() + ": " + std::strerror(errno));
    auto file = std::make_shared<FontFile>();
    file->path = path;
    file->index = index;
    file->data = static_cast<const char*>(map);
    file->size = static_cast<std::size_t>(st.st_size);
    hb_blob_t* blob = hb_blob_create(file->data, static_cast<unsigned>(file->size), HB_MEMORY_MODE_READONLY,
                                     nullptr, nullptr);
    unsigned faces = hb_face_count(blob);
    hb_blob_destroy(blob);
    if (faces == 0 || static_cast<unsigned>(index) >= faces)
        return make_error(ErrorCode::Parse,
                          "font " + path.string() + " is not a font file HarfBuzz can read");
    m_files.emplace(key, file);
    return std::shared_ptr<const FontFile>(file);
}

Result<std::shared_ptr<const FontFile>> FontLibrary::from_bytes(const std::string& name, std::string bytes) {
    auto file = std::make_shared<FontFile>();
    file->path = name;
    file->owned = std::move(bytes);
    file->data = file->owned.data();
    file->size = file->owned.size();
    hb_blob_t* blob = hb_blob_create(file->data, static_cast<unsigned>(file->size), HB_MEMORY_MODE_READONLY,
                                     nullptr, nullptr);
    unsigned faces = hb_face_count(blob);
    hb_blob_destroy(blob);
    if (file->size == 0 || faces == 0)
        return make_error(ErrorCode::Parse, "font " + name + " is not a font file HarfBuzz can read");
    return std::shared_ptr<const FontFile>(file);
}

std::shared_ptr<FontFace> FontLibrary::face(const std::shared_ptr<const FontFile>& file, int px) {
    auto key = std::make_pair(file.get(), px);
    if (auto it = m_faces.find(key); it != m_faces.end())
        return it->second;
    auto face = std::make_shared<FontFace>(file, px, m_ft);
    if (!face->ok())
        return nullptr;
    if (m_faces.size() >= kMaxFaces) {
        m_faces.erase(m_face_order.front());
        m_face_order.erase(m_face_order.begin());
    }
    m_faces.emplace(key, face);
    m_face_order.push_back(key);
    return face;
}

} // namespace kiosk
