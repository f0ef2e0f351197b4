// ICU's break iterators, one per language, kept open: line-break opportunities and grapheme clusters.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

class LineBreaker {
public:
    LineBreaker();
    ~LineBreaker();
    LineBreaker(const LineBreaker&) = delete;
    LineBreaker& operator=(const LineBreaker&) = delete;

    // Byte offsets (into UTF-8 text) after which a line may end, ascending, ending with text.size().
    std::vector<std::size_t> line_breaks(std::string_view text, const std::string& lang);
    // Byte offsets of grapheme cluster boundaries, ascending, ending with text.size().
    std::vector<std::size_t> clusters(std::string_view text, const std::string& lang);

private:
    struct Iterators;
    Iterators& for_lang(const std::string& lang);
    std::map<std::string, std::unique_ptr<Iterators>> m_iterators;
};

} // namespace kiosk
