// A pack ready to play: its verified objects and parsed content, from the store or from a pack file.
#pragma once

#include "app/film_checks.hpp"
#include "content/content.hpp"
#include "pack/object_source.hpp"
#include "schedule/attract.hpp"
#include "store/store.hpp"
#include "text/font_face.hpp"

#include <memory>
#include <optional>
#include <set>

namespace kiosk {

struct LoadedPack {
    std::unique_ptr<ObjectSource> objects;
    Content content;
    std::vector<std::shared_ptr<const FontFile>> fonts; // the content's own fonts, read and checked
    std::set<std::string> damaged; // objects damaged on the station's disk: slides showing them are left out
    // Whether a slide has nothing left to show in its picture area: its picture is damaged, or its film
    // or map is and it has no sound still picture to show instead.
    bool slide_damaged(const Slide& slide) const;
    // Declared last, so it stops before the objects it reads go.
    std::unique_ptr<FilmChecks> film_checks;
};

Result<LoadedPack> load_from_store(const Store& store);
Result<LoadedPack> load_from_file(const std::filesystem::path& pack, const TrustedKeys& keys);

// The view to render for a screenshot: the slide's first view, or the one in the asked language.
Result<SlideView> pick_view(const Content& content, const DisplayProfile& profile,
                            const std::optional<std::string>& slide, const std::optional<std::string>& lang);

} // namespace kiosk
