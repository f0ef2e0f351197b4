// Reading keep_together: every name on its own, so that each mistake is reported at its line.
#include "source/kept_names.hpp"

#include "source/nfc.hpp"

#include <map>

namespace content_tool {

namespace {

int line_of(const toml::node& node) {
    return static_cast<int>(node.source().begin.line);
}

} // namespace

void load_kept_names(const toml::table& t, const std::filesystem::path& file, Diagnostics& d,
                     kiosk::Content& content) {
    const toml::node* node = t.get("keep_together");
    if (!node)
        return;
    const toml::array* list = node->as_array();
    if (!list) {
        d.error(file, line_of(*node),
                "'keep_together' must be a list of names like [\"Cầu Treo\", \"ເກົາແຈວ\"]");
        return;
    }
    if (list->size() > kiosk::kKeptNamesMost) {
        d.error(file, line_of(*node),
                "'keep_together' lists " + std::to_string(list->size()) + " names, more than " +
                    std::to_string(kiosk::kKeptNamesMost) +
                    "; keep the names a line would otherwise split (content-tool check shows where)");
        return;
    }
    std::map<std::string, int> seen; // name -> the line it was first listed on
    for (const auto& item : *list) {
        int line = line_of(item);
        if (!item.is_string()) {
            d.error(file, line, "'keep_together' must hold only names in quotes");
            continue;
        }
        std::string name = to_nfc(*item.value<std::string>());
        if (auto ok = kiosk::validate_kept_name(name); !ok) {
            d.error(file, line, "keep_together: " + ok.error().message);
            continue;
        }
        auto [first, fresh] = seen.emplace(name, line);
        if (!fresh) {
            d.error(file, line,
                    "keep_together: \"" + name + "\" is already listed on line " +
                        std::to_string(first->second) + "; remove one");
            continue;
        }
        content.keep_together.push_back(std::move(name));
    }
}

} // namespace content_tool
