// Fixtures shared by the touch screens' tests: the demo content built into packs (as it is, and with the
// category icons under media/icons/), content in Vietnamese, English, Khmer, Thai and Chinese with every
// kind of page, and helpers to find buttons and paint screens.
#pragma once

#include "app/loaded_pack.hpp"
#include "interaction/catalog.hpp"
#include "render/canvas.hpp"
#include "render/screens/browse_painter.hpp"
#include "support.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace screens_support {

using namespace kiosk;
namespace fs = std::filesystem;

extern const char* const kDemoCategories[8];

struct DemoPacks {
    test_support::TempDir dir;
    SecretKey key = generate_key();
    TrustedKeys keys;
    std::optional<LoadedPack> plain, icons;
    DemoPacks();
};
DemoPacks& demo();

// Objects held in memory, for content made by a test.
struct MemoryObjects final : ObjectSource {
    Manifest m;
    std::map<std::string, std::string, std::less<>> files;
    const Manifest& manifest() const override { return m; }
    Result<std::string> read(std::string_view path) const override;
};

// A picture with a sun, hills and a frame, so that a stretched or cut copy would show.
std::string make_png(int w, int h, SDL_Color sky);

// A station in five languages with a gallery page (long text and a QR code), a film, a map and text alone.
struct Synthetic {
    Content content;
    MemoryObjects objects;
    Synthetic();
};
Synthetic& synthetic();

LocalTime some_time();
BrowseState at(Screen screen, const std::string& lang, std::size_t category = 0, std::size_t page = 0,
               std::size_t picture = 0);

// What a painter needs for one content, and its catalog.
struct Station {
    BrowseSources sources;
    Catalog catalog;
    Station(const Content& content, const ObjectSource& objects);
};
Station& demo_station();      // the demo with icons
Station& plain_station();     // the demo as it is
Station& synthetic_station(); // five scripts

extern const DisplayProfile kLandscape;
extern const DisplayProfile kPortrait;

// Every screen a traveller can reach in a language: the picker, Home, each category and each page with
// its pictures.
std::vector<BrowseState> every_screen(const Catalog& catalog, const std::string& lang);
const HitTarget* tap(const std::vector<HitTarget>& targets, int x, int y);
// The targets of one kind in reading order.
std::vector<HitTarget> of_kind(const std::vector<HitTarget>& targets, Command::Kind kind);
std::string joined(const std::set<std::string>& names);
Canvas make_canvas(int w, int h);
// Paints a screen with its pictures in place, as the app shows it once they have arrived.
std::vector<HitTarget> paint_settled(BrowsePainter& painter, Canvas& canvas, const BrowseState& state,
                                     const Catalog& catalog);
void save_and_compare(const Canvas& canvas, const std::string& name);
void blit_overlay(Canvas& screen, const Canvas& overlay, Box at);

} // namespace screens_support
