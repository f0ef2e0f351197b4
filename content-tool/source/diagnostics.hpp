// Problems found in a content source, each naming a file and line, printed for people or as JSON for tools.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace content_tool {

enum class Severity { Warning, Error };

struct Diagnostic {
    Severity severity;
    std::filesystem::path file;
    int line = 0; // 0 when the problem concerns the whole file
    std::string message;
};

class Diagnostics {
public:
    void error(const std::filesystem::path& file, int line, std::string message);
    void warning(const std::filesystem::path& file, int line, std::string message);
    bool has_errors() const;
    const std::vector<Diagnostic>& all() const { return m_items; }
    std::string to_text() const;
    std::string to_json() const;

private:
    std::vector<Diagnostic> m_items;
};

} // namespace content_tool
