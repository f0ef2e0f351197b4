// The browsable catalog: categories with the pages a traveller may open at this moment.
#include "interaction/catalog.hpp"

#include "schedule/scheduler.hpp"

#include <algorithm>
#include <cstdint>

namespace kiosk {

namespace {

// A slide is a page now when it is shown for browsing, its own times allow it, and, when it belongs to
// playlists, one of them allows it too (a campaign's pages come and go with the campaign).
bool browsable(const Content& content, const Slide& slide, const LocalTime& now) {
    if (slide.showing == Showing::Attract || !shows_at(slide.times, now))
        return false;
    auto playlists = content.playlists_of(slide.id);
    return playlists.empty() || std::any_of(playlists.begin(), playlists.end(),
                                            [&](const Playlist* p) { return shows_at(p->times, now); });
}

bool browses(const Content& own, const Content& merged) {
    return std::any_of(own.merge.begin(), own.merge.end(),
                       [&](const MergeRule& rule) { return rule.channel == merged.channel && rule.browse; });
}

void add_categories(const Content& content, std::size_t source, const LocalTime& now, Catalog& catalog) {
    for (const auto& category : content.categories) {
        CatalogCategory entry{category.id, source, {}};
        for (std::size_t i = 0; i < content.slides.size(); ++i) {
            const Slide& slide = content.slides[i];
            if (slide.category == category.id && browsable(content, slide, now)) {
                entry.pages.push_back({source, i});
                entry.page_ids.push_back(slide.id);
                entry.page_pictures.push_back(page_pictures(slide).size());
            }
        }
        if (!entry.pages.empty())
            catalog.categories.push_back(std::move(entry));
    }
}

} // namespace

std::vector<std::string> page_pictures(const Slide& slide) {
    std::vector<std::string> pictures;
    if (!slide.video.empty() || !slide.map.empty())
        return pictures;
    if (!slide.image.empty())
        pictures.push_back(slide.image);
    for (const auto& p : slide.gallery)
        if (!p.empty())
            pictures.push_back(p);
    return pictures;
}

std::size_t Catalog::find(std::string_view id) const {
    for (std::size_t i = 0; i < categories.size(); ++i)
        if (categories[i].id == id)
            return i;
    return SIZE_MAX;
}

Catalog make_catalog(const std::vector<const Content*>& contents, const LocalTime& now) {
    Catalog catalog;
    if (contents.empty() || !contents[0])
        return catalog;
    const Content& own = *contents[0];
    catalog.languages = own.languages;
    add_categories(own, 0, now, catalog);
    for (std::size_t source = 1; source < contents.size(); ++source)
        if (contents[source] && browses(own, *contents[source]))
            add_categories(*contents[source], source, now, catalog);
    return catalog;
}

} // namespace kiosk
