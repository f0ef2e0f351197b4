// The content-tool subcommands; each returns the process exit status and prints what went wrong.
#pragma once

#include <string>
#include <vector>

namespace content_tool {

using Args = std::vector<std::string>;

int cmd_init(const Args& args);
int cmd_keygen(const Args& args);
int cmd_check(const Args& args);
int cmd_build(const Args& args);
int cmd_verify(const Args& args);
int cmd_inspect(const Args& args);
int cmd_layout(const Args& args);
int cmd_notice(const Args& args);
int cmd_certify(const Args& args);
int cmd_revoke(const Args& args);
int cmd_collect(const Args& args);
int cmd_publish(const Args& args);
int cmd_usb(const Args& args);

// Exit statuses shared by every command.
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1; // the input is wrong (errors found, signature bad, ...)
constexpr int kExitUsage = 2;  // the command line is wrong

int usage_error(const std::string& message);

} // namespace content_tool
