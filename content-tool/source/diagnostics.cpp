// Formatting of diagnostics as "file:line: severity: message" lines or a JSON array.
#include "source/diagnostics.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace content_tool {

void Diagnostics::error(const std::filesystem::path& file, int line, std::string message) {
    m_items.push_back({Severity::Error, file, line, std::move(message)});
}

void Diagnostics::warning(const std::filesystem::path& file, int line, std::string message) {
    m_items.push_back({Severity::Warning, file, line, std::move(message)});
}

void Diagnostics::info(const std::filesystem::path& file, int line, std::string message) {
    m_items.push_back({Severity::Info, file, line, std::move(message)});
}

bool Diagnostics::has_errors() const {
    return std::any_of(m_items.begin(), m_items.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

namespace {

const char* severity_name(Severity severity) {
    return severity == Severity::Error ? "error" : severity == Severity::Warning ? "warning" : "info";
}

} // namespace

std::string Diagnostics::to_text(Severity least) const {
    std::string out;
    for (const auto& d : m_items) {
        if (d.severity < least)
            continue;
        out += d.file.string();
        if (d.line > 0)
            out += ":" + std::to_string(d.line);
        out += std::string(": ") + severity_name(d.severity) + ": ";
        out += d.message + "\n";
    }
    return out;
}

std::string Diagnostics::to_json() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : m_items)
        list.push_back({{"severity", severity_name(d.severity)},
                        {"file", d.file.string()},
                        {"line", d.line},
                        {"message", d.message}});
    return list.dump(2) + "\n";
}

} // namespace content_tool
