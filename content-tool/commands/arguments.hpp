// A small parser for "positional... --flag value" command lines.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace content_tool {

struct ParsedArgs {
    std::vector<std::string> positional;
    std::map<std::string, std::vector<std::string>> values;
    std::set<std::string> switches;
    std::string error;

    std::optional<std::string> value(const std::string& flag) const {
        auto it = values.find(flag);
        return it == values.end() || it->second.empty() ? std::nullopt : std::optional(it->second.back());
    }
};

// Flags in with_value take the next argument; flags in switches take none; anything else is an error.
ParsedArgs parse_args(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                      const std::set<std::string>& switches);

} // namespace content_tool
