// Where lines may end: ICU's break iterators, one per language, kept open, with the rules ICU lacks
// (syllables of names no dictionary knows, numbers with units, Korean words, names kept whole).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// Which rules decide where a line may end; each keeps the breaks of the one before it, and more.
enum class BreakRules {
    Full,    // everything, including the kept names
    Unnamed, // everything but the kept names: where a name would have split without its guard
    Script,  // ICU's opportunities without cuts inside syllables: for a stretch wider than its box
};

class LineBreaker {
public:
    LineBreaker();
    ~LineBreaker();
    LineBreaker(const LineBreaker&) = delete;
    LineBreaker& operator=(const LineBreaker&) = delete;

    // Names (places, border gates, agencies) that no line may end inside, matched byte for byte. A name
    // wider than its box still breaks, at its own spaces or word boundaries first.
    void set_kept_names(std::vector<std::string> names);
    const std::vector<std::string>& kept_names() const { return m_kept_names; }

    // Byte offsets (into UTF-8 text) after which a line may end, ascending, ending with text.size().
    // No-break space (U+00A0) and word joiner (U+2060) allow no break at any level.
    std::vector<std::size_t> line_breaks(std::string_view text, const std::string& lang,
                                         BreakRules rules = BreakRules::Full);
    // Byte offsets of grapheme cluster boundaries, ascending, ending with text.size().
    std::vector<std::size_t> clusters(std::string_view text, const std::string& lang);
    // Cluster boundaries that are not inside a Lao, Thai or Khmer syllable: where a word wider than its
    // box is cut when it has no other opportunity.
    std::vector<std::size_t> syllable_cuts(std::string_view text, const std::string& lang);

private:
    struct Iterators;
    Iterators& for_lang(const std::string& lang);
    std::map<std::string, std::unique_ptr<Iterators>> m_iterators;
    std::vector<std::string> m_kept_names;
};

} // namespace kiosk
