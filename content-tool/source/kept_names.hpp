// keep_together in project.toml: the names no line may end inside, read and checked with their lines.
#pragma once

#include "content/content.hpp"
#include "source/diagnostics.hpp"

#include <toml++/toml.h>

namespace content_tool {

// Reads t's keep_together list into content.keep_together, NFC-normalised as slide text is, reporting each
// name that cannot be kept (empty, too long, a control character, listed twice) at its line.
void load_kept_names(const toml::table& t, const std::filesystem::path& file, Diagnostics& d,
                     kiosk::Content& content);

} // namespace content_tool
