// Normalises one film with the content tool's transcoder and prints the plan and the time it took; run
// by bench_normalise_video.py.
#include "media/video_transcode.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_normalise_video IN OUT [LONG_SIDE SHORT_SIDE]\n");
        return 2;
    }
    content_tool::MediaLimits limits;
    if (argc >= 5)
        limits = {std::atoi(argv[3]), std::atoi(argv[4])};
    const auto start = std::chrono::steady_clock::now();
    auto plan = content_tool::plan_video(argv[1], limits);
    if (!plan) {
        std::fprintf(stderr, "plan: %s\n", plan.error().message.c_str());
        return 1;
    }
    const auto planned = std::chrono::steady_clock::now();
    for (const auto& reason : plan->reasons)
        std::printf("reason: %s\n", reason.c_str());
    auto done = content_tool::transcode_video(argv[1], *plan, limits, argv[2], nullptr);
    if (!done) {
        std::fprintf(stderr, "transcode: %s\n", done.error().message.c_str());
        return 1;
    }
    const auto end = std::chrono::steady_clock::now();
    std::printf("plan %.3f s, transcode %.3f s\n", std::chrono::duration<double>(planned - start).count(),
                std::chrono::duration<double>(end - planned).count());
    return 0;
}
