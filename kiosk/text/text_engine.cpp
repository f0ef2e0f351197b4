// The layout cache: least recently used entries go first once it is full.
#include "text/text_engine.hpp"

#include <optional>

namespace kiosk {

namespace {

std::string key_of(char kind, std::string_view text, const TextStyle& s, int w, int h = 0, int min_px = 0) {
    std::string key;
    key.reserve(text.size() + 64);
    key += kind;
    key += std::to_string(s.px) + '|' + std::to_string(static_cast<int>(s.weight)) + '|' + s.lang + '|' +
           std::to_string(static_cast<int>(s.align)) + '|' + std::to_string(s.line_spacing) + '|' +
           std::to_string(static_cast<int>(s.markup)) + '|' + std::to_string(static_cast<int>(s.overflow)) +
           '|' + std::to_string(w) + '|' + std::to_string(h) + '|' + std::to_string(min_px) + '|';
    key += text;
    return key;
}

} // namespace

TextEngine::TextEngine(FontStack fonts)
    : m_fonts(std::make_unique<FontStack>(std::move(fonts))), m_breaker(std::make_unique<LineBreaker>()) {}
TextEngine::TextEngine(TextEngine&&) noexcept = default;
TextEngine& TextEngine::operator=(TextEngine&&) noexcept = default;
TextEngine::~TextEngine() = default;

Result<TextEngine> TextEngine::open(const FontPaths& paths) {
    return TextEngine(TRY(FontStack::open(paths)));
}

void TextEngine::set_content_fonts(std::vector<std::shared_ptr<const FontFile>> files) {
    m_fonts->set_content_fonts(std::move(files));
    m_cache.clear();
    m_lru.clear();
}

void TextEngine::set_kept_names(std::vector<std::string> names) {
    m_breaker->set_kept_names(std::move(names));
    m_cache.clear();
    m_lru.clear();
}

std::vector<NameSplit> TextEngine::name_splits(std::string_view text, const TextStyle& style, int max_width) {
    return find_name_splits(*m_fonts, *m_breaker, text, style, max_width);
}

TextBlockPtr TextEngine::lookup(const std::string& key) {
    auto it = m_cache.find(key);
    if (it == m_cache.end())
        return nullptr;
    m_lru.splice(m_lru.begin(), m_lru, it->second);
    return it->second->second;
}

TextBlockPtr TextEngine::store(std::string key, TextBlock block) {
    auto ptr = std::make_shared<const TextBlock>(std::move(block));
    if (m_cache.size() >= kCacheEntries) {
        m_cache.erase(m_lru.back().first);
        m_lru.pop_back();
    }
    m_lru.emplace_front(std::move(key), ptr);
    m_cache.emplace(m_lru.front().first, m_lru.begin());
    return ptr;
}

TextBlockPtr TextEngine::layout(std::string_view text, const TextStyle& style, int max_width) {
    auto key = key_of('L', text, style, max_width);
    if (auto hit = lookup(key))
        return hit;
    TextBlockPtr block = store(std::move(key), layout_text(*m_fonts, *m_breaker, text, style, max_width));
    if (!m_fitting)
        log_lines(*block, style.lang);
    return block;
}

void TextEngine::log_lines(const TextBlock& block, const std::string& lang) {
    if (!m_lines_log)
        return;
    std::fprintf(m_lines_log.get(), "# %s %dpx %dw\n", lang.c_str(), block.px, block.width);
    for (const auto& line : block.lines)
        std::fprintf(m_lines_log.get(), "| %s\n", line.text().c_str());
}

void TextEngine::log_note(const std::string& note) {
    if (m_lines_log)
        std::fprintf(m_lines_log.get(), "## %s\n", note.c_str());
}

Status TextEngine::log_lines_to(const std::filesystem::path& file) {
    m_lines_log.reset();
    if (file.empty())
        return {};
    m_lines_log.reset(std::fopen(file.c_str(), "w"));
    if (!m_lines_log)
        return make_error(ErrorCode::Io, "cannot write " + file.string());
    return {};
}

TextBlockPtr TextEngine::fit(std::string_view text, TextStyle style, int max_width, int max_height,
                             int min_px) {
    auto key = key_of('F', text, style, max_width, max_height, min_px);
    if (auto hit = lookup(key))
        return hit;
    // The sizes tried on the way are not what is shown: only the one chosen goes into the lines log.
    struct Fitting {
        int& depth;
        explicit Fitting(int& d) : depth(d) { ++depth; }
        ~Fitting() { --depth; }
    };
    std::optional<Fitting> fitting(std::in_place, m_fitting);
    int hi = style.px, lo = std::min(min_px, style.px);
    TextStyle at = style;
    auto fits = [&](int px) {
        at.px = px;
        auto block = layout(text, at, max_width);
        return block->height <= max_height ? block : nullptr;
    };
    TextBlockPtr best = fits(hi);
    if (!best) {
        // Binary search for the largest size that fits; the smallest is tried first to know one does.
        best = fits(lo);
        while (best && hi - lo > 1) {
            int mid = (lo + hi) / 2;
            if (auto block = fits(mid)) {
                best = block;
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }
    if (best) {
        fitting.reset();
        if (!m_fitting)
            log_lines(*best, style.lang);
        return store(std::move(key), *best);
    }
    at.px = lo;
    TextBlock cut = *layout(text, at, max_width);
    while (!cut.lines.empty() && cut.lines.back().y + cut.lines.back().height > max_height)
        cut.lines.pop_back();
    if (!cut.lines.empty())
        add_ellipsis(*m_fonts, cut, at, max_width);
    cut.height = cut.lines.empty() ? 0 : cut.lines.back().y + cut.lines.back().height;
    cut.overflow = style.overflow == Overflow::Report;
    fitting.reset();
    if (!m_fitting)
        log_lines(cut, style.lang);
    return store(std::move(key), std::move(cut));
}

const GlyphImage& TextEngine::glyph(const FontFace& face, std::uint32_t id) {
    std::uint64_t key = face.id() << 32 | id;
    if (auto it = m_glyphs.find(key); it != m_glyphs.end()) {
        m_glyph_lru.splice(m_glyph_lru.begin(), m_glyph_lru, it->second);
        return it->second->second;
    }
    GlyphImage image = face.render(id);
    std::size_t bytes = image.coverage.size() + sizeof(GlyphEntry);
    while (!m_glyph_lru.empty() && m_glyph_bytes + bytes > kGlyphCacheBytes) {
        m_glyph_bytes -= m_glyph_lru.back().second.coverage.size() + sizeof(GlyphEntry);
        m_glyphs.erase(m_glyph_lru.back().first);
        m_glyph_lru.pop_back();
    }
    m_glyph_lru.emplace_front(key, std::move(image));
    m_glyphs.emplace(key, m_glyph_lru.begin());
    m_glyph_bytes += bytes;
    return m_glyph_lru.front().second;
}

} // namespace kiosk
