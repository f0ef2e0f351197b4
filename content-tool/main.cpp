// content-tool: the office's authoring tool. Dispatches to one subcommand per task.
#include "commands/commands.hpp"
#include "media/media_playback.hpp"

#include <cstdio>
#include <cstring>
#include <map>

namespace content_tool {

namespace {

constexpr const char* kUsage =
    R"(content-tool - author, check, build and sign content packs for border-gate kiosks

Usage:
  content-tool init DIR                          write a sample content project to start from
  content-tool keygen --out NAME                 make a signing key pair: NAME.key (secret) and NAME.pub
  content-tool check SRC [--json]                check a content project; errors and warnings with file:line
  content-tool build SRC --key NAME.key -o OUT.kpack [--version N] [--expires YYYY-MM-DD]
                                                 build and sign a pack (version defaults to the build time)
  content-tool verify PACK --pubkey NAME.pub     check a pack's signature and every object's hash
  content-tool inspect PACK                      show a pack's version, channel, signer and objects
  content-tool layout --lang CODE --width PX --size PX [--font FILE] [--bold] [--plain] < TEXT
                                                 print the lines the kiosk's text engine makes of TEXT
  content-tool notice NOTICE.toml --key NAME.key --out FILE.notice [--project DIR] [--withdraw]
                                                 sign an urgent notice (or its withdrawal) for stations;
                                                 'content-tool notice --help' describes NOTICE.toml
  content-tool certify --root ROOT.key --key OFFICE.pub --channel C [--channel C2]... --name TEXT --out F.kcert
                                                 the offline root key lets an office key sign for channels
  content-tool revoke --root ROOT.key --key-id ID... [--reason TEXT] [--list OLD.krevoke] --out F.krevoke
                                                 stop stations trusting office keys (lost, stolen, retired)
  content-tool collect OUT.sqlite INPUT...       merge stations' telemetry (uploaded batches, folders of
                                                 them, operator USB exports) into one report database
  content-tool publish PACK CHANNEL_DIR --key NAME.key [--cert FILE.kcert] [--revocations FILE.krevoke]
                       [--valid-days N]          add a pack to a sync channel directory for any static web
                                                 server and sign its index (valid N days, default 7); run
                                                 it again with the same pack to renew the index
  content-tool usb PACK DEST [--public-key NAME.pub]... [--notice FILE.notice]... [--key-file FILE]...
                                                 prepare a USB stick for a station: checks the pack, copies
                                                 it, notices and key files to DEST/kiosk/ with a short guide

Exit status: 0 success, 1 the input has errors, 2 the command line is wrong.
)";

} // namespace

} // namespace content_tool

int main(int argc, char** argv) {
    using namespace content_tool;
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
        !std::strcmp(argv[1], "help")) {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? kExitUsage : kExitOk;
    }
    kiosk::quiet_media_logs(); // check and build name each media problem with its file and line
    static const std::map<std::string, int (*)(const Args&)> commands = {
        {"init", cmd_init},     {"keygen", cmd_keygen},   {"check", cmd_check},   {"build", cmd_build},
        {"verify", cmd_verify}, {"inspect", cmd_inspect}, {"layout", cmd_layout}, {"notice", cmd_notice},
        {"certify", cmd_certify}, {"revoke", cmd_revoke},
        {"collect", cmd_collect},
        {"publish", cmd_publish},
        {"usb", cmd_usb},
    };
    auto it = commands.find(argv[1]);
    if (it == commands.end())
        return usage_error(std::string("unknown command '") + argv[1] + "' (see content-tool --help)");
    Args args(argv + 2, argv + argc);
    return it->second(args);
}
