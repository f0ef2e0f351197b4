// Unicode normalisation (NFC) of what editors type, so that one word is stored one way however it was typed.
#pragma once

#include <string>
#include <string_view>

namespace content_tool {

// The text in Normalization Form C. Vietnamese keyboards write accents either composed ("dựng sẵn") or as
// combining marks ("tổ hợp"); the kiosk matches kept names byte for byte, so names and slide text must
// agree. Text that is not valid UTF-8 is returned as it is (the TOML reader has refused it already).
std::string to_nfc(std::string_view text);

} // namespace content_tool
