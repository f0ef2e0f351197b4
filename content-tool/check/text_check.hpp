// Checks every slide in every language on every display profile with the kiosk's own text engine and
// slide layouts: text that does not fit its box and characters no font has, each with file and line; and
// the same for urgent notices.
#pragma once

#include "notice/notice.hpp"

#include "source/diagnostics.hpp"
#include "source/source.hpp"
#include "text/font_stack.hpp"

namespace content_tool {

void check_text(const SourceProject& project, const kiosk::FontPaths& fonts, Diagnostics& diagnostics);

// A notice's text takes at most this many pages of a banner or takeover on any profile (more is an error;
// more than one a warning saying how they take turns).
constexpr std::size_t kNoticeMostPages = 3;
// Lays a notice out in each of its languages on each profile (the project's, when given, and the built-in
// ones) as a station with a screen of the default size shows it, never below the readable size. `lines`
// gives each language's line in `file`.
void check_notice_text(const kiosk::Notice& notice, const SourceProject* project, const kiosk::FontPaths& fonts,
                       const fs::path& file, const std::map<std::string, int>& lines, Diagnostics& diagnostics);

} // namespace content_tool
