// content-tool keygen --out NAME: a new Ed25519 signing key pair (NAME.key secret, NAME.pub public).
#include "commands/arguments.hpp"
#include "commands/commands.hpp"
#include "crypto/keys.hpp"
#include "platform/linux/files.hpp"

#include <cstdio>
#include <filesystem>
#include <sodium.h>

namespace content_tool {

int cmd_keygen(const Args& args) {
    auto parsed = parse_args(args, {"--out"}, {});
    if (!parsed.error.empty() || !parsed.positional.empty() || !parsed.value("--out"))
        return usage_error("usage: content-tool keygen --out NAME   (writes NAME.key and NAME.pub)");
    std::string name = *parsed.value("--out");
    std::filesystem::path secret = name + ".key", pub = name + ".pub";
    std::error_code ec;
    for (const auto& p : {secret, pub}) {
        if (std::filesystem::exists(p, ec)) {
            std::fprintf(stderr, "content-tool: %s already exists; refusing to overwrite a key\n", p.c_str());
            return kExitFailed;
        }
    }
    kiosk::SecretKey key = kiosk::generate_key();
    auto id = key.public_key().id();
    auto public_text = key.public_key().to_file_text("kiosk content signing key " + id);
    auto secret_text = key.to_file_text("kiosk content signing key " + id + " (secret)");
    auto written = kiosk::platform::write_file_atomic(secret, secret_text, 0600);
    sodium_memzero(secret_text.data(), secret_text.size());
    sodium_memzero(key.bytes.data(), key.bytes.size());
    if (written)
        written = kiosk::platform::write_file_atomic(pub, public_text);
    if (!written) {
        std::fprintf(stderr, "content-tool: %s\n", written.error().message.c_str());
        return kExitFailed;
    }
    std::printf("Wrote %s (secret, keep it offline) and %s (give it to stations).\nKey id: %s\n",
                secret.c_str(), pub.c_str(), id.c_str());
    return kExitOk;
}

} // namespace content_tool
