// Layout time for a full page of Lao body text: cold (not in the layout cache; fonts and dictionaries
// already open, as on a running station) and cached, plus the very first layout after start.
#include "text/text_engine.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_text_layout CORPUS/lo.txt\n");
        return 2;
    }
    // A page: sentences of the Lao corpus until about 1,200 characters, as three paragraphs.
    std::ifstream in(argv[1]);
    std::string line, page;
    int sentences = 0;
    while (std::getline(in, line) && page.size() < 3600) { // Lao letters are 3 bytes in UTF-8
        page += line + (++sentences % 4 == 0 ? "\n\n" : " ");
    }
    auto t0 = Clock::now();
    auto engine = TextEngine::open(FontPaths{});
    if (!engine) {
        std::fprintf(stderr, "%s\n", engine.error().message.c_str());
        return 1;
    }
    double open_ms = ms_since(t0);
    TextStyle style{36, Weight::Regular, "lo"};
    style.line_spacing = 1.15f;
    t0 = Clock::now();
    auto first = engine->layout(page, style, 1000);
    double first_ms = ms_since(t0);

    std::vector<double> cold, cached;
    for (int i = 0; i < 200; ++i) {
        t0 = Clock::now();
        auto block = engine->layout(page, style, 1001 + i); // a width not laid out before: a cache miss
        cold.push_back(ms_since(t0));
    }
    for (int i = 0; i < 2000; ++i) {
        t0 = Clock::now();
        auto block = engine->layout(page, style, 1000);
        cached.push_back(ms_since(t0));
    }
    std::printf("page: %zu bytes of Lao, %d sentences, %zu lines at 1000 px, 36 px type\n", page.size(), sentences,
                first->lines.size());
    std::printf("engine open (fonts mapped)    %8.3f ms\n", open_ms);
    std::printf("first layout after start      %8.3f ms (loads ICU's Lao dictionary)\n", first_ms);
    std::printf("cold layout (median of 200)   %8.3f ms   target <= 2 ms\n", median(cold));
    std::printf("cached layout (median of 2000)%8.4f ms   target <= 0.05 ms\n", median(cached));
    return 0;
}
