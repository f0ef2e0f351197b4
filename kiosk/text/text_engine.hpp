// Everything text needs, behind one object the composition root builds: the font stack, the break
// iterators, and a bounded cache of laid-out text, so that no frame shapes or breaks text twice.
#pragma once

#include "base/result.hpp"
#include "text/layout.hpp"

#include <cstdio>
#include <filesystem>
#include "text/line_breaker.hpp"

#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kiosk {

using TextBlockPtr = std::shared_ptr<const TextBlock>;

class TextEngine {
public:
    static Result<TextEngine> open(const FontPaths& paths);
    TextEngine(TextEngine&&) noexcept;
    TextEngine& operator=(TextEngine&&) noexcept;
    ~TextEngine();

    // The text laid out in a box max_width wide; cached by (text, style, width).
    TextBlockPtr layout(std::string_view text, const TextStyle& style, int max_width);
    // The largest size from style.px down to min_px at which the text fits max_height. If none does,
    // min_px with the lines that fit, the last ending in an ellipsis, and overflow set unless the
    // style asks for an ellipsis.
    TextBlockPtr fit(std::string_view text, TextStyle style, int max_width, int max_height, int min_px);

    // A glyph's coverage image, rasterised once (bounded: least recently used ones are dropped).
    const GlyphImage& glyph(const FontFace& face, std::uint32_t id);
    static constexpr std::size_t kGlyphCacheBytes = 16u << 20;

    // Replaces the content's own fonts (see FontStack); text laid out with the old ones is forgotten.
    void set_content_fonts(std::vector<std::shared_ptr<const FontFile>> files);
    // Replaces the content's names that no line may end inside (LineBreaker::set_kept_names); text laid
    // out before is forgotten.
    void set_kept_names(std::vector<std::string> names);
    // Where the kept names would have split in this box without their guard (find_name_splits).
    std::vector<NameSplit> name_splits(std::string_view text, const TextStyle& style, int max_width);

    // Writes every text laid out from now on to `file`, as it is shown (not the sizes fit() tried on the
    // way), the first time it is laid out: a "# LANG PXpx WIDTHw" line, then "| LINE" per line; "## NOTE"
    // lines mark where a replay's steps begin. An empty path stops it.
    Status log_lines_to(const std::filesystem::path& file);
    void log_note(const std::string& note);

    FontStack& fonts() { return *m_fonts; }
    LineBreaker& breaker() { return *m_breaker; }
    std::size_t cache_entries() const { return m_cache.size(); }
    static constexpr std::size_t kCacheEntries = 2048;

private:
    explicit TextEngine(FontStack fonts);
    TextBlockPtr lookup(const std::string& key);
    TextBlockPtr store(std::string key, TextBlock block);
    void log_lines(const TextBlock& block, const std::string& lang);
    int m_fitting = 0; // inside fit(): the sizes tried are not logged

    std::unique_ptr<std::FILE, int (*)(std::FILE*)> m_lines_log{nullptr, &std::fclose};
    std::unique_ptr<FontStack> m_fonts;
    std::unique_ptr<LineBreaker> m_breaker;
    std::list<std::pair<std::string, TextBlockPtr>> m_lru; // most recent first
    std::unordered_map<std::string, std::list<std::pair<std::string, TextBlockPtr>>::iterator> m_cache;
    using GlyphEntry = std::pair<std::uint64_t, GlyphImage>;
    std::list<GlyphEntry> m_glyph_lru; // most recent first
    std::unordered_map<std::uint64_t, std::list<GlyphEntry>::iterator> m_glyphs;
    std::size_t m_glyph_bytes = 0;
};

} // namespace kiosk
