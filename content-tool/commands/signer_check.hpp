// A pack checked against public keys that did not sign it, said in the office's terms.
#pragma once

#include "crypto/keys.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace content_tool {

// When none of the keys given signed the pack: "PACK was not signed by the key given: it is signed by
// key ID, and you gave FILE (key ID). ..." with what to do. Nothing when one of them signed it, or when
// the pack cannot be opened (verifying it then says why).
std::optional<std::string> signed_by_other_key(const std::filesystem::path& pack,
                                               const kiosk::TrustedKeys& keys,
                                               const std::vector<std::filesystem::path>& key_files);

} // namespace content_tool
