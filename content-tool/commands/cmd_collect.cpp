// content-tool collect OUT.sqlite INPUT...: stations' telemetry (uploaded batches, USB exports, folders of
// them) merged into one report database without duplicates.
#include "commands/arguments.hpp"
#include "commands/commands.hpp"
#include "report/telemetry_collect.hpp"

#include <cstdio>

namespace content_tool {

int cmd_collect(const Args& args) {
    auto parsed = parse_args(args, {}, {});
    if (!parsed.error.empty() || parsed.positional.size() < 2)
        return usage_error("usage: content-tool collect OUT.sqlite INPUT...   (INPUT: uploaded batch files, "
                           "folders of them, operator USB exports)");
    std::filesystem::path out = parsed.positional[0];
    std::vector<std::filesystem::path> inputs(parsed.positional.begin() + 1, parsed.positional.end());
    auto files = collect_inputs(inputs, out);
    if (files.empty()) {
        std::fprintf(stderr, "content-tool: no telemetry files (*.sqlite) found in the inputs\n");
        return kExitFailed;
    }
    auto summary = collect_telemetry(out, files);
    if (!summary) {
        std::fprintf(stderr, "content-tool: %s\n", summary.error().message.c_str());
        return kExitFailed;
    }
    for (const auto& refusal : summary->refused)
        std::fprintf(stderr, "content-tool: bỏ qua / refused %s: %s\n", refusal.file.c_str(),
                     refusal.reason.c_str());
    std::printf("Merged %d of %zu files into %s\n", summary->files_merged, files.size(), out.c_str());
    std::printf("Stations: %zu\n", summary->stations.size());
    for (const auto& [id, name] : summary->stations)
        std::printf("  %s (%s)\n", name.c_str(), id.c_str());
    std::printf("%-12s %10s %12s\n", "table", "added", "duplicates");
    std::int64_t added = 0, duplicates = 0;
    for (const auto& [table, n] : summary->added) {
        auto dup = summary->duplicates.count(table) ? summary->duplicates.at(table) : 0;
        std::printf("%-12s %10lld %12lld\n", table.c_str(), static_cast<long long>(n),
                    static_cast<long long>(dup));
        added += n;
        duplicates += dup;
    }
    std::printf("Rows added: %lld, duplicates skipped: %lld, runs updated: %lld, files refused: %zu\n",
                static_cast<long long>(added), static_cast<long long>(duplicates),
                static_cast<long long>(summary->runs_updated), summary->refused.size());
    return summary->refused.empty() ? kExitOk : kExitFailed;
}

} // namespace content_tool
