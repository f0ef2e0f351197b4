// Problems found in a content source, each naming a file and line, printed for people or as JSON for tools.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace content_tool {

// Info says what the tool did for the editor (a kept name it kept whole); nothing needs fixing.
enum class Severity { Info, Warning, Error };

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
    void info(const std::filesystem::path& file, int line, std::string message);
    bool has_errors() const;
    const std::vector<Diagnostic>& all() const { return m_items; }
    // The diagnostics of at least `least` severity, one per line.
    std::string to_text(Severity least = Severity::Info) const;
    std::string to_json() const;

private:
    std::vector<Diagnostic> m_items;
};

} // namespace content_tool
