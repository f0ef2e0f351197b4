// Installing a notice as an operator does it (`kiosk --install ROAD.notice`): the result said in
// Vietnamese and English, in the station's local time.
#pragma once

#include "notice/notice_board.hpp"

#include <cstdio>

namespace kiosk {

// Whether a file given to --install is a notice rather than a content pack (by its .notice extension).
bool is_notice_file(const fs::path& file);

// What was installed: the notice, how and from when until when it shows (or that it was withdrawn).
std::string notice_installed_message(const Notice& notice, std::int64_t now);
// What went wrong and what to do next; the notices already installed are unchanged.
std::string notice_operator_message(const Error& error);

// Installs `file` into the board and prints the result to `out` (one of the two messages above). For
// `languages`, pass the languages of the content playing, so that a notice missing one is refused.
Result<Notice> install_notice_file(NoticeBoard& board, const fs::path& file, std::int64_t now,
                                   const std::vector<std::string>& languages, std::FILE* out = stdout);

} // namespace kiosk
