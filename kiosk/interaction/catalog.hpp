// What a traveller can browse right now: the languages, and the categories with their pages, drawn from
// the station's own content and the channels it merges, by the schedule of the moment.
#pragma once

#include "base/civil_time.hpp"
#include "content/content.hpp"

#include <string>
#include <vector>

namespace kiosk {

// A slide of one of the contents: `source` indexes the list given to make_catalog (0 is the station's
// own channel), `slide` its slides.
struct SlideRef {
    std::size_t source = 0;
    std::size_t slide = 0;
    bool operator==(const SlideRef&) const = default;
};

struct CatalogCategory {
    std::string id;
    std::size_t source = 0; // the content whose category this is (its label, icon and words)
    std::vector<SlideRef> pages;
    std::vector<std::string> page_ids;      // each page's slide id, beside pages
    std::vector<std::size_t> page_pictures; // each page's number of pictures (its image, then its gallery)
    bool operator==(const CatalogCategory&) const = default;
};

struct Catalog {
    std::vector<std::string> languages; // the station's own content's, in its order
    std::vector<CatalogCategory> categories;
    bool operator==(const Catalog&) const = default;
    // Index of the category with this id, or SIZE_MAX.
    std::size_t find(std::string_view id) const;
};

// The pictures of a page in the order a traveller swipes them: the slide's picture, then its gallery.
// A page whose picture area shows a film or a map has no gallery of its own to swipe.
std::vector<std::string> page_pictures(const Slide& slide);

// The categories that have pages a traveller may open now (slides shown for browsing, whose times allow
// this moment, or evergreen ones), in the own content's order, then each merged channel's that browses.
// contents[0] is the station's own content; the rest are merged channels in its merge rules' order.
Catalog make_catalog(const std::vector<const Content*>& contents, const LocalTime& now);

} // namespace kiosk
