// content-tool certify / revoke: the offline root key vouches for office keys, per channel, and takes
// that back. Run on the machine that keeps the root key, never on a station.
//
//   content-tool certify --root ROOT.key --key OFFICE.pub --channel C [--channel C2]... --name TEXT --out F.kcert
//   content-tool revoke --root ROOT.key --key-id ID [--key-id ID2]... [--reason TEXT] [--list OLD.krevoke] --out F.krevoke
#include "commands/arguments.hpp"
#include "commands/commands.hpp"
#include "crypto/keys.hpp"
#include "keys/key_documents.hpp"
#include "platform/linux/files.hpp"

#include <cstdio>
#include <ctime>
#include <sodium.h>

namespace content_tool {

namespace {

int fail(const std::string& message) {
    std::fprintf(stderr, "content-tool: %s\n", message.c_str());
    return kExitFailed;
}

struct RootKey {
    kiosk::SecretKey key;
    ~RootKey() { sodium_memzero(key.bytes.data(), key.bytes.size()); }
};

} // namespace

int cmd_certify(const Args& args) {
    auto parsed = parse_args(args, {"--root", "--key", "--channel", "--name", "--out"}, {});
    auto channels = parsed.values.count("--channel") ? parsed.values.at("--channel") : std::vector<std::string>{};
    if (!parsed.error.empty() || !parsed.positional.empty() || !parsed.value("--root") || !parsed.value("--key") ||
        channels.empty() || !parsed.value("--name") || !parsed.value("--out"))
        return usage_error("usage: content-tool certify --root ROOT.key --key OFFICE.pub --channel CHANNEL "
                           "[--channel CHANNEL2]... --name \"WHO HOLDS IT\" --out FILE.kcert\n"
                           "  a channel may end in '*' to allow every channel starting with its text (ha-tinh-*)");
    auto root = kiosk::SecretKey::load(*parsed.value("--root"));
    if (!root)
        return fail(root.error().message);
    RootKey holder{*root};
    sodium_memzero(root->bytes.data(), root->bytes.size());
    auto office = kiosk::PublicKey::load(*parsed.value("--key"));
    if (!office)
        return fail(office.error().message);
    if (office->bytes == holder.key.public_key().bytes)
        return fail("the root key cannot certify itself: make an office key with content-tool keygen and certify that");
    kiosk::KeyCertificate cert;
    cert.key = *office;
    cert.channels = channels;
    cert.name = *parsed.value("--name");
    cert.issued = std::time(nullptr);
    auto bytes = kiosk::seal_certificate(cert, holder.key);
    // Parse back what was written, so a bad channel name or an overlong name is an error here, not on a station.
    auto check = kiosk::open_certificate(bytes, {holder.key.public_key()});
    if (!check)
        return fail(check.error().message);
    if (auto written = kiosk::platform::write_file_atomic(*parsed.value("--out"), bytes); !written)
        return fail(written.error().message);
    std::printf("Wrote %s: key %s (%s) may sign for:", parsed.value("--out")->c_str(), office->id().c_str(),
                cert.name.c_str());
    for (const auto& c : cert.channels)
        std::printf(" %s", c.c_str());
    std::printf("\nCertified by root key %s. Publish it with the office's packs (content-tool publish --cert, "
                "content-tool usb --key-file) or install it on a station with kiosk --install %s.\n",
                holder.key.public_key().id().c_str(), parsed.value("--out")->c_str());
    return kExitOk;
}

int cmd_revoke(const Args& args) {
    auto parsed = parse_args(args, {"--root", "--key-id", "--reason", "--list", "--out"}, {});
    auto ids = parsed.values.count("--key-id") ? parsed.values.at("--key-id") : std::vector<std::string>{};
    if (!parsed.error.empty() || !parsed.positional.empty() || !parsed.value("--root") || ids.empty() ||
        !parsed.value("--out"))
        return usage_error("usage: content-tool revoke --root ROOT.key --key-id ID [--key-id ID2]... "
                           "[--reason TEXT] [--list PREVIOUS.krevoke] --out FILE.krevoke\n"
                           "  --list: the last list issued; the new one keeps its keys and gets the next number");
    auto root = kiosk::SecretKey::load(*parsed.value("--root"));
    if (!root)
        return fail(root.error().message);
    RootKey holder{*root};
    sodium_memzero(root->bytes.data(), root->bytes.size());
    kiosk::RevocationList list;
    if (auto previous = parsed.value("--list")) {
        auto bytes = kiosk::platform::read_file(*previous, kiosk::kRevocationsFileCap);
        if (!bytes)
            return fail(bytes.error().message);
        auto opened = kiosk::open_revocations(*bytes, {holder.key.public_key()});
        if (!opened)
            return fail(*previous + ": " + opened.error().message);
        list = *opened;
    }
    list.sequence += 1;
    list.issued = std::time(nullptr);
    for (const auto& id : ids) {
        if (id == holder.key.public_key().id())
            return fail("the root key cannot revoke itself; a new root key means configuring stations again");
        if (list.revokes(id)) {
            std::printf("key %s is already revoked in the previous list\n", id.c_str());
            continue;
        }
        list.revoked.push_back({id, parsed.value("--reason").value_or("")});
    }
    auto bytes = kiosk::seal_revocations(list, holder.key);
    auto check = kiosk::open_revocations(bytes, {holder.key.public_key()});
    if (!check)
        return fail(check.error().message);
    if (auto written = kiosk::platform::write_file_atomic(*parsed.value("--out"), bytes); !written)
        return fail(written.error().message);
    std::printf("Wrote %s: revocation list number %llu, %zu key(s) revoked. Publish it with every channel "
                "(content-tool publish --revocations) and on sticks; stations keep the highest number.\n",
                parsed.value("--out")->c_str(), static_cast<unsigned long long>(list.sequence), list.revoked.size());
    return kExitOk;
}

} // namespace content_tool
