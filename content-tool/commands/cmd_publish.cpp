// content-tool publish PACK CHANNEL_DIR --key NAME.key [--cert F.kcert] [--revocations F.krevoke] [--valid-days N]
#include "commands/arguments.hpp"
#include "commands/commands.hpp"
#include "publish/channel_publish.hpp"

#include <cstdio>
#include <cstdlib>

namespace content_tool {

int cmd_publish(const Args& args) {
    auto parsed = parse_args(args, {"--key", "--cert", "--revocations", "--valid-days"}, {});
    if (!parsed.error.empty() || parsed.positional.size() != 2 || !parsed.value("--key"))
        return usage_error((parsed.error.empty() ? "" : parsed.error + "; ") +
                           "usage: content-tool publish PACK CHANNEL_DIR --key NAME.key [--cert FILE.kcert] "
                           "[--revocations FILE.krevoke] [--valid-days N]");
    PublishOptions options;
    if (auto days = parsed.value("--valid-days")) {
        char* end = nullptr;
        long n = std::strtol(days->c_str(), &end, 10);
        if (!end || *end || n < 1 || n > 3660)
            return usage_error("--valid-days wants a whole number of days from 1 to 3660, not '" + *days + "'");
        options.valid_days = static_cast<int>(n);
    }
    if (auto cert = parsed.value("--cert"))
        options.certificate = *cert;
    if (auto revocations = parsed.value("--revocations"))
        options.revocations = *revocations;
    auto key = kiosk::SecretKey::load(*parsed.value("--key"));
    if (!key) {
        std::fprintf(stderr, "content-tool: %s\n", key.error().message.c_str());
        return kExitFailed;
    }
    auto report = publish_pack(parsed.positional[0], parsed.positional[1], *key, options);
    if (!report) {
        std::fprintf(stderr, "content-tool: not published: %s\n", report.error().message.c_str());
        return kExitFailed;
    }
    const auto& index = report->index;
    if (report->same_pack)
        std::printf("index signed again: channel %s version %llu (already published)\n", index.channel.c_str(),
                    static_cast<unsigned long long>(index.version));
    if (report->same_pack && report->objects_written)
        std::printf("%llu missing or damaged objects written again (%llu were damaged)\n",
                    static_cast<unsigned long long>(report->objects_written),
                    static_cast<unsigned long long>(report->objects_repaired));
    else
        std::printf("published channel %s version %llu: %llu objects written (%.1f MB), %llu already there\n",
                    index.channel.c_str(), static_cast<unsigned long long>(index.version),
                    static_cast<unsigned long long>(report->objects_written), report->bytes_written / 1e6,
                    static_cast<unsigned long long>(report->objects_present));
    std::printf("index sequence %llu, valid for %d days; serve %s with any static web server\n",
                static_cast<unsigned long long>(index.sequence), options.valid_days, parsed.positional[1].c_str());
    if (!report->pack_signature_checked)
        std::printf("note: the pack is signed by key %s, not by the publishing key, so its signature was not "
                    "checked here (stations check it)\n",
                    index.pack_signer.c_str());
    return kExitOk;
}

} // namespace content_tool
