// Loading packs for play and choosing views for screenshots.
#include "app/loaded_pack.hpp"

#include "base/log.hpp"
#include "schedule/attract.hpp"

#include <algorithm>

namespace kiosk {

namespace {

// A font that cannot be read costs its text the look the editor chose, never the whole pack.
void load_fonts(LoadedPack& pack) {
    for (const auto& path : pack.content.fonts) {
        auto bytes = pack.objects->read(path);
        auto font = bytes ? FontLibrary::from_bytes(path, std::move(bytes.value()))
                          : Result<std::shared_ptr<const FontFile>>(bytes.error());
        if (font)
            pack.fonts.push_back(std::move(font.value()));
        else
            log_error("content font '" + path + "' cannot be used: " + font.error().message);
    }
}

} // namespace

Result<LoadedPack> load_from_store(const Store& store) {
    auto active = TRY(store.open_active(Verify::Quick));
    LoadedPack pack;
    pack.objects = std::make_unique<StoreObjects>(store, std::move(active.manifest));
    pack.content = TRY(load_content(*pack.objects));
    for (const auto& path : active.damaged) {
        log_error("store: object '" + path + "' is missing or damaged on this disk; slides showing it are left "
                  "out or show their still picture (kiosk --verify-store checks every object; installing the "
                  "pack again repairs it)");
        pack.damaged.insert(path);
    }
    load_fonts(pack);
    pack.film_checks = std::make_unique<FilmChecks>(*pack.objects, pack.content);
    return pack;
}

bool LoadedPack::slide_damaged(const Slide& slide) const {
    bool still = !slide.image.empty() && !damaged.count(slide.image);
    bool moving = !slide.video.empty() || !slide.map.empty();
    if (moving) // a broken film or map falls back on the still picture, if there is a sound one
        return (damaged.count(slide.video) || damaged.count(slide.map)) && !still;
    return !slide.image.empty() && !still;
}

Result<LoadedPack> load_from_file(const std::filesystem::path& file, const TrustedKeys& keys) {
    LoadedPack pack;
    pack.objects = TRY(open_pack_for_preview(file, keys));
    pack.content = TRY(load_content(*pack.objects));
    load_fonts(pack);
    return pack;
}

Result<SlideView> pick_view(const Content& content, const DisplayProfile& profile,
                            const std::optional<std::string>& slide, const std::optional<std::string>& lang) {
    if (content.slides.empty())
        return make_error(ErrorCode::NotFound, "the pack has no slides");
    std::size_t index = 0;
    if (slide) {
        const Slide* found = content.find_slide(*slide);
        if (!found) {
            std::string ids;
            for (const auto& s : content.slides)
                ids += (ids.empty() ? "" : ", ") + s.id;
            return make_error(ErrorCode::NotFound, "no slide '" + *slide + "'; the pack has: " + ids);
        }
        index = static_cast<std::size_t>(found - content.slides.data());
    }
    if (lang) {
        TRY(validate_language_code(*lang));
        if (std::find(content.languages.begin(), content.languages.end(), *lang) == content.languages.end()) {
            std::string codes;
            for (const auto& l : content.languages)
                codes += (codes.empty() ? "" : ", ") + l;
            return make_error(ErrorCode::NotFound,
                              "the pack has no language '" + *lang + "'; it has: " + codes);
        }
        if (profile.layout == ProfileLayout::Dual && *lang != content.default_language)
            return SlideView{index, {content.default_language, *lang}, content.slides[index].duration_ms};
        return SlideView{index, {*lang}, content.slides[index].duration_ms};
    }
    for (const auto& view : attract_sequence(content, profile))
        if (view.slide == index)
            return view;
    return SlideView{index, {content.default_language}, content.slides[index].duration_ms};
}

} // namespace kiosk
