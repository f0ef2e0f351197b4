// The traveller's state machine without a screen: paths through the screens, the idle countdown, operator
// entry, content changing mid-session, and a sweep that every state handles every command.
#include "interaction/interaction.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <set>

using namespace kiosk;
using K = Command::Kind;

namespace {

CatalogCategory category(std::string id, std::size_t pages, std::size_t pictures = 1) {
    CatalogCategory c;
    c.id = std::move(id);
    for (std::size_t i = 0; i < pages; ++i) {
        c.pages.push_back({0, i});
        c.page_ids.push_back(c.id + "-" + std::to_string(i));
        c.page_pictures.push_back(pictures);
    }
    return c;
}

Catalog demo_catalog() {
    Catalog c;
    c.languages = {"vi", "en", "lo"};
    c.categories = {category("entry-exit", 3, 2), category("hours", 1), category("maps", 2)};
    return c;
}

Command cmd(K kind, std::size_t index = 0, std::string text = {}) {
    return Command{kind, index, std::move(text)};
}

template <class T>
const T* find_effect(const std::vector<InteractionEffect>& effects) {
    for (const auto& e : effects)
        if (auto* p = std::get_if<T>(&e))
            return p;
    return nullptr;
}

// What must hold in every state, whatever happened before.
void check_invariants(const Interaction& in) {
    const auto& s = in.state();
    const auto& cat = in.catalog();
    switch (s.screen) {
    case Screen::Attract:
    case Screen::Operator:
        CHECK(s.language.empty());
        CHECK_FALSE(s.still_there);
        break;
    case Screen::Languages:
        CHECK(s.return_to != Screen::Attract);
        CHECK(s.return_to != Screen::Languages);
        break;
    case Screen::Home:
    case Screen::Category:
    case Screen::Page:
        CHECK_FALSE(s.language.empty());
        break;
    }
    if (s.screen == Screen::Category || s.screen == Screen::Page)
        REQUIRE(s.category < cat.categories.size());
    if (s.screen == Screen::Page) {
        REQUIRE(s.page < cat.categories[s.category].pages.size());
        REQUIRE(in.current_page() != nullptr);
        CHECK(s.picture < std::max<std::size_t>(1, cat.categories[s.category].page_pictures[s.page]));
    }
}

} // namespace

TEST_CASE("A traveller reaches a page in their language within three touches", "[interaction]") {
    Interaction in({}, demo_catalog());
    // The attract loop's language strip: touching "ພາສາລາວ" goes straight to Home in Lao.
    auto effects = in.handle(cmd(K::ChooseLanguage, 0, "lo"), 1000);
    CHECK(find_effect<SessionStarted>(effects));
    CHECK(in.state().screen == Screen::Home);
    CHECK(in.state().language == "lo");
    in.handle(cmd(K::OpenCategory, 0), 2000);
    CHECK(in.state().screen == Screen::Category);
    effects = in.handle(cmd(K::OpenPage, 2), 3000);
    REQUIRE(in.state().screen == Screen::Page);
    auto* opened = find_effect<PageOpened>(effects);
    REQUIRE(opened);
    CHECK(opened->category == "entry-exit");
    CHECK(opened->language == "lo");
    CHECK(opened->page == SlideRef{0, 2});
}

TEST_CASE("A category of one page opens the page at once", "[interaction]") {
    Interaction in({}, demo_catalog());
    in.handle(cmd(K::Touch), 0);
    CHECK(in.state().screen == Screen::Languages);
    in.handle(cmd(K::ChooseLanguage, 0, "en"), 10);
    in.handle(cmd(K::OpenCategory, 1), 20);
    CHECK(in.state().screen == Screen::Page);
    // Back from it goes Home, not to a list of one.
    in.handle(cmd(K::Back), 30);
    CHECK(in.state().screen == Screen::Home);
}

TEST_CASE("Swipes move between pages and pictures within bounds", "[interaction]") {
    Interaction in({}, demo_catalog());
    in.handle(cmd(K::ChooseLanguage, 0, "vi"), 0);
    in.handle(cmd(K::OpenCategory, 0), 0);
    in.handle(cmd(K::OpenPage, 0), 0);
    in.handle(cmd(K::PreviousPage), 0);
    CHECK(in.state().page == 0);
    in.handle(cmd(K::NextPicture), 0);
    in.handle(cmd(K::NextPicture), 0);
    CHECK(in.state().picture == 1);
    auto effects = in.handle(cmd(K::NextPage), 0);
    CHECK(find_effect<PageOpened>(effects));
    CHECK(in.state().page == 1);
    CHECK(in.state().picture == 0);
    in.handle(cmd(K::NextPage), 0);
    in.handle(cmd(K::NextPage), 0);
    CHECK(in.state().page == 2);
    in.handle(cmd(K::Back), 0);
    CHECK(in.state().screen == Screen::Category);
}

TEST_CASE("The language button returns to the same page in the new language", "[interaction]") {
    Interaction in({}, demo_catalog());
    in.handle(cmd(K::ChooseLanguage, 0, "vi"), 0);
    in.handle(cmd(K::OpenCategory, 2), 0);
    in.handle(cmd(K::OpenPage, 1), 0);
    in.handle(cmd(K::ChangeLanguage), 0);
    CHECK(in.state().screen == Screen::Languages);
    in.handle(cmd(K::ChooseLanguage, 0, "km"), 0); // not offered: ignored
    CHECK(in.state().screen == Screen::Languages);
    in.handle(cmd(K::ChooseLanguage, 0, "en"), 0);
    CHECK(in.state().screen == Screen::Page);
    CHECK(in.state().page == 1);
    CHECK(in.state().language == "en");
}

TEST_CASE("Idle travellers see a countdown then the attract loop forgets them", "[interaction]") {
    Interaction in({60000, 10000, true}, demo_catalog());
    in.handle(cmd(K::ChooseLanguage, 0, "lo"), 0);
    in.handle(cmd(K::OpenCategory, 0), 1000);
    in.handle(cmd(K::OpenPage, 0), 2000);
    in.tick(51000);
    CHECK_FALSE(in.state().still_there);
    in.tick(52000);
    CHECK(in.state().still_there);
    CHECK(in.countdown_seconds(52000) == 10);
    CHECK(in.countdown_seconds(61500) == 1);
    // A touch answers the question and does nothing else.
    in.handle(cmd(K::Touch), 55000);
    CHECK_FALSE(in.state().still_there);
    CHECK(in.state().screen == Screen::Page);
    in.tick(114000);
    CHECK(in.state().still_there);
    auto effects = in.tick(115000);
    auto* ended = find_effect<SessionEnded>(effects);
    REQUIRE(ended);
    CHECK(ended->reason == "timeout");
    CHECK(ended->language == "lo");
    CHECK(ended->pages_viewed == 1);
    CHECK(ended->start_ms == 0);
    CHECK(ended->end_ms == 115000);
    CHECK(in.state() == BrowseState{});
}

TEST_CASE("A film playing on a page keeps the session alive", "[interaction]") {
    Interaction in({60000, 10000, true}, demo_catalog());
    in.handle(cmd(K::ChooseLanguage, 0, "en"), 0);
    for (std::int64_t t = 1000; t <= 180000; t += 1000) {
        in.handle(cmd(K::KeepAlive), t);
        in.tick(t);
    }
    CHECK(in.state().screen == Screen::Home);
    in.tick(240000);
    CHECK(in.state().screen == Screen::Attract);
}

TEST_CASE("A display without touch only plays the attract loop", "[interaction]") {
    Interaction in({60000, 10000, false}, demo_catalog());
    in.handle(cmd(K::Touch), 0);
    in.handle(cmd(K::ChooseLanguage, 0, "vi"), 0);
    CHECK(in.state().screen == Screen::Attract);
}

TEST_CASE("Operator entry ends the traveller's session and exits to the loop", "[interaction]") {
    Interaction in({}, demo_catalog());
    in.handle(cmd(K::ChooseLanguage, 0, "vi"), 0);
    in.handle(cmd(K::OpenCategory, 0), 0);
    auto effects = in.handle(cmd(K::OperatorGesture), 100);
    auto* ended = find_effect<SessionEnded>(effects);
    REQUIRE(ended);
    CHECK(ended->reason == "operator");
    CHECK(in.state().screen == Screen::Operator);
    in.tick(100 + 4 * 60 * 1000);
    CHECK(in.state().screen == Screen::Operator);
    in.handle(cmd(K::OperatorExit), 100 + 4 * 60 * 1000);
    CHECK(in.state().screen == Screen::Attract);
    // Left open, the operator screen closes by itself.
    in.handle(cmd(K::OperatorGesture), 0);
    in.tick(5 * 60 * 1000);
    CHECK(in.state().screen == Screen::Attract);
}

TEST_CASE("A new pack mid-session keeps the traveller on their page by its name", "[interaction]") {
    Interaction in({}, demo_catalog());
    in.handle(cmd(K::ChooseLanguage, 0, "en"), 0);
    in.handle(cmd(K::OpenCategory, 2), 0);
    in.handle(cmd(K::OpenPage, 1), 0);
    // The new pack puts a category first and reorders pages: the same page is found by its id.
    Catalog next = demo_catalog();
    next.categories.insert(next.categories.begin(), category("news", 2));
    std::swap(next.categories[3].page_ids[0], next.categories[3].page_ids[1]);
    in.content_changed(next, 10);
    CHECK(in.state().screen == Screen::Page);
    CHECK(in.state().category == 3);
    CHECK(in.state().page == 0);

    SECTION("the page is gone: its category") {
        Catalog fewer = next;
        fewer.categories[3] = category("maps", 3);
        fewer.categories[3].page_ids = {"a", "b", "c"};
        in.content_changed(fewer, 20);
        CHECK(in.state().screen == Screen::Category);
        CHECK(in.state().category == 3);
    }
    SECTION("the category is gone: Home") {
        Catalog fewer = next;
        fewer.categories.pop_back();
        in.content_changed(fewer, 20);
        CHECK(in.state().screen == Screen::Home);
    }
    SECTION("the language is gone: the picker") {
        Catalog other = next;
        other.languages = {"vi", "lo"};
        in.content_changed(other, 20);
        CHECK(in.state().screen == Screen::Languages);
        CHECK(in.state().language.empty());
    }
    SECTION("nothing left to browse: the attract loop") {
        Catalog empty;
        empty.languages = {"vi"};
        auto effects = in.content_changed(empty, 20);
        REQUIRE(find_effect<SessionEnded>(effects));
        CHECK(find_effect<SessionEnded>(effects)->reason == "content-change");
        CHECK(in.state().screen == Screen::Attract);
    }
}

TEST_CASE("A single-language station skips the language picker", "[interaction]") {
    Catalog one = demo_catalog();
    one.languages = {"vi"};
    Interaction in({}, one);
    auto effects = in.handle(cmd(K::Touch), 0);
    CHECK(in.state().screen == Screen::Home);
    CHECK(find_effect<LanguageChosen>(effects));
}

// The invariant sweep: from every state reachable by random paths, every command (with good and bad
// arguments), time passing and content changing leave a state that makes sense.
TEST_CASE("Every state handles every command and every event", "[interaction]") {
    auto seed = GENERATE(1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u);
    std::mt19937 rng(seed);
    std::vector<Command> commands;
    for (int k = 0; k <= static_cast<int>(K::OperatorExit); ++k)
        for (std::size_t index : {std::size_t(0), std::size_t(1), std::size_t(2), std::size_t(7), SIZE_MAX})
            for (const char* lang : {"", "vi", "lo", "xx"})
                commands.push_back(cmd(static_cast<K>(k), index, lang));
    std::vector<Catalog> catalogs = {demo_catalog(), Catalog{{"vi"}, {}}, Catalog{{"en", "lo"}, {category("maps", 1)}}};
    std::set<Screen> seen;
    Interaction in({60000, 10000, true}, demo_catalog());
    std::int64_t now = 0;
    for (int step = 0; step < 3000; ++step) {
        // Every command from this state, on a copy.
        for (const auto& c : commands) {
            Interaction copy = in;
            copy.handle(c, now + 1);
            check_invariants(copy);
            copy.tick(now + 61000);
            check_invariants(copy);
            CHECK((copy.state().screen == Screen::Attract || copy.state().screen == Screen::Operator));
        }
        for (const auto& catalog : catalogs) {
            Interaction copy = in;
            copy.content_changed(catalog, now + 1);
            check_invariants(copy);
        }
        // Then one random step forward.
        now += std::uniform_int_distribution<int>(0, 9000)(rng);
        if (rng() % 5 == 0)
            in.tick(now);
        else if (in.state().screen == Screen::Operator && rng() % 2 == 0)
            in.handle(cmd(K::OperatorExit), now);
        else
            in.handle(commands[rng() % commands.size()], now);
        if (rng() % 97 == 0)
            in.content_changed(catalogs[rng() % catalogs.size()], now);
        check_invariants(in);
        seen.insert(in.state().screen);
    }
    // The walk reached every screen, so the sweep covered them all.
    INFO("screens reached: " << seen.size());
    CHECK(seen.size() == 6);
}
