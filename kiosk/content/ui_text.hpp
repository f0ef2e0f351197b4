// The kiosk's own words on its buttons and prompts ("Home", "Still there?"), built in for the languages
// of the gates and replaceable by the content's [ui] words, so a gate that adds a language can supply them.
#pragma once

#include "content/content.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// Whether id names one of the kiosk's words ("home", "back", ...).
bool is_ui_word(std::string_view id);
// Every word id, for messages: "home, back, ...".
std::string ui_word_list();
// Every word id.
std::vector<std::string> ui_words();
// The word in lang: the content's, else the built-in one, else the same through the content's
// fallback languages, else English.
std::string ui_text(const Content& content, std::string_view id, std::string_view lang);
// Whether lang has its own word for id (from the content or built in), for content-tool's checks.
bool has_ui_text(const Content& content, std::string_view id, std::string_view lang);

} // namespace kiosk
