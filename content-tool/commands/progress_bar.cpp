// Drawing the bar with carriage returns, redrawn only when the percentage changes.
#include "commands/progress_bar.hpp"

#include <cstdio>
#include <unistd.h>

namespace content_tool {

ProgressBar::ProgressBar(std::string label) : m_label(std::move(label)), m_enabled(::isatty(STDOUT_FILENO)) {}

void ProgressBar::update(std::uint64_t done, std::uint64_t total) {
    if (!m_enabled)
        return;
    int percent = total ? static_cast<int>(done * 100 / total) : 100;
    if (percent == m_last_percent)
        return;
    m_last_percent = percent;
    constexpr int kWidth = 30;
    int filled = percent * kWidth / 100;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::printf("\r%s [%s] %3d%%  %.1f / %.1f MB", m_label.c_str(), bar.c_str(), percent, done / 1e6,
                total / 1e6);
    std::fflush(stdout);
}

void ProgressBar::finish() {
    if (m_enabled && m_last_percent >= 0)
        std::printf("\n");
}

} // namespace content_tool
