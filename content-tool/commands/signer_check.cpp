// The office's everyday mix-up (last year's key, a colleague's .pub) named with both key ids, instead of
// the station's words "a key this station does not trust".
#include "commands/signer_check.hpp"

#include "pack/pack_file.hpp"

namespace content_tool {

std::optional<std::string> signed_by_other_key(const std::filesystem::path& pack,
                                               const kiosk::TrustedKeys& keys,
                                               const std::vector<std::filesystem::path>& key_files) {
    auto reader = kiosk::PackReader::open(pack);
    if (!reader || keys.find(reader->signer_id()))
        return std::nullopt;
    std::string given;
    for (const auto& file : key_files) {
        auto key = kiosk::PublicKey::load(file);
        given += (given.empty() ? "" : ", ") + file.string() + (key ? " (key " + key->id() + ")" : "");
    }
    return pack.string() + " was not signed by the key given: it is signed by key " + reader->signer_id() +
           ", and you gave " + given +
           ".\nCheck it with the public key (.pub) of the key that signed it, or build " +
           "it again with the secret key (.key) that goes with " +
           (key_files.size() == 1 ? key_files[0].filename().string() : std::string("one of them")) + ".";
}

} // namespace content_tool
