// A one-line progress bar on a terminal; silent when output goes to a file or pipe.
#pragma once

#include <cstdint>
#include <string>

namespace content_tool {

class ProgressBar {
public:
    explicit ProgressBar(std::string label);
    void update(std::uint64_t done, std::uint64_t total);
    void finish();

private:
    std::string m_label;
    bool m_enabled;
    int m_last_percent = -1;
};

} // namespace content_tool
