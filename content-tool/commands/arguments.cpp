// Splitting command lines into positional arguments, valued flags and switches.
#include "commands/arguments.hpp"

#include "commands/commands.hpp"

#include <cstdio>

namespace content_tool {

int usage_error(const std::string& message) {
    std::fprintf(stderr, "content-tool: %s\n", message.c_str());
    return kExitUsage;
}

ParsedArgs parse_args(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                      const std::set<std::string>& switches) {
    ParsedArgs out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() > 1 && a[0] == '-') {
            if (with_value.count(a)) {
                if (i + 1 >= args.size()) {
                    out.error = a + " needs a value";
                    return out;
                }
                out.values[a].push_back(args[++i]);
            } else if (switches.count(a)) {
                out.switches.insert(a);
            } else {
                out.error = "unknown option '" + a + "'";
                return out;
            }
        } else {
            out.positional.push_back(a);
        }
    }
    return out;
}

} // namespace content_tool
