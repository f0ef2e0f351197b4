// Hex encoding of byte strings, used for hashes and keys in manifests and key files.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

std::string to_hex(std::span<const std::uint8_t> bytes);
// Lowercase hex only, so that every value has exactly one spelling.
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view text);

} // namespace kiosk
