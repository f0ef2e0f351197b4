// The traveller's state machine: every screen handles every command, time and new content.
#include "interaction/interaction.hpp"

#include <algorithm>

namespace kiosk {

namespace {

constexpr std::int64_t kOperatorIdleMs = 5 * 60 * 1000; // an operator who walks away is logged out

bool in_session(Screen screen) {
    return screen == Screen::Languages || screen == Screen::Home || screen == Screen::Category ||
           screen == Screen::Page;
}

} // namespace

const char* screen_name(Screen screen) {
    switch (screen) {
    case Screen::Attract: return "attract";
    case Screen::Languages: return "languages";
    case Screen::Home: return "home";
    case Screen::Category: return "category";
    case Screen::Page: return "page";
    case Screen::Operator: return "operator";
    }
    return "?";
}

const char* command_name(Command::Kind kind) {
    using K = Command::Kind;
    switch (kind) {
    case K::Touch: return "touch";
    case K::ChooseLanguage: return "choose-language";
    case K::ChangeLanguage: return "change-language";
    case K::OpenCategory: return "open-category";
    case K::OpenPage: return "open-page";
    case K::NextPage: return "next-page";
    case K::PreviousPage: return "previous-page";
    case K::NextPicture: return "next-picture";
    case K::PreviousPicture: return "previous-picture";
    case K::Back: return "back";
    case K::Home: return "home";
    case K::KeepAlive: return "keep-alive";
    case K::OperatorGesture: return "operator-gesture";
    case K::OperatorExit: return "operator-exit";
    }
    return "?";
}

Interaction::Interaction(InteractionOptions options, Catalog catalog)
    : m_options(options), m_catalog(std::move(catalog)) {}

const SlideRef* Interaction::current_page() const {
    if (m_state.screen != Screen::Page || m_state.category >= m_catalog.categories.size())
        return nullptr;
    const auto& pages = m_catalog.categories[m_state.category].pages;
    return m_state.page < pages.size() ? &pages[m_state.page] : nullptr;
}

int Interaction::countdown_seconds(std::int64_t now_ms) const {
    if (!m_state.still_there)
        return 0;
    std::int64_t left = m_last_touch_ms + m_options.idle_timeout_ms - now_ms;
    return static_cast<int>(std::max<std::int64_t>(0, (left + 999) / 1000));
}

void Interaction::start_session(std::int64_t now_ms, std::vector<InteractionEffect>& effects) {
    m_in_session = true;
    m_session_start_ms = now_ms;
    m_pages_viewed = 0;
    effects.push_back(SessionStarted{now_ms});
}

std::vector<InteractionEffect> Interaction::end_session(std::int64_t now_ms, const char* reason) {
    std::vector<InteractionEffect> effects;
    if (m_in_session)
        effects.push_back(SessionEnded{m_session_start_ms, now_ms, m_state.language, m_pages_viewed, reason});
    m_in_session = false;
    m_state = BrowseState{}; // the attract loop, and the traveller's language forgotten
    return effects;
}

void Interaction::open_page(std::size_t page, std::vector<InteractionEffect>& effects) {
    const auto& category = m_catalog.categories[m_state.category];
    m_state.screen = Screen::Page;
    m_state.page = page;
    m_state.picture = 0;
    ++m_pages_viewed;
    effects.push_back(PageOpened{category.pages[page], category.id, m_state.language});
}

void Interaction::go_home() {
    m_state.screen = Screen::Home;
    m_state.category = m_state.page = m_state.picture = 0;
}

std::vector<InteractionEffect> Interaction::handle(const Command& command, std::int64_t now_ms) {
    using K = Command::Kind;
    std::vector<InteractionEffect> effects;
    if (command.kind == K::OperatorGesture) {
        effects = end_session(now_ms, "operator");
        m_state.screen = Screen::Operator;
        m_last_touch_ms = now_ms;
        return effects;
    }
    if (m_state.screen == Screen::Operator) {
        m_last_touch_ms = now_ms;
        if (command.kind == K::OperatorExit)
            m_state = BrowseState{};
        return effects;
    }
    if (!m_options.touch || command.kind == K::OperatorExit)
        return effects; // a display without touch only plays the loop
    m_last_touch_ms = now_ms;
    if (m_state.still_there) {
        m_state.still_there = false;
        if (command.kind == K::Touch)
            return effects; // the touch that answers "Still there?" does nothing else
    }
    if (command.kind == K::Touch || command.kind == K::KeepAlive) {
        if (m_state.screen == Screen::Attract && command.kind == K::Touch && !m_catalog.categories.empty()) {
            start_session(now_ms, effects);
            if (m_catalog.languages.size() == 1) {
                m_state.language = m_catalog.languages.front();
                effects.push_back(LanguageChosen{m_state.language});
                go_home();
            } else {
                m_state.screen = Screen::Languages;
                m_state.return_to = Screen::Home;
            }
        }
        return effects;
    }
    bool known_language = std::find(m_catalog.languages.begin(), m_catalog.languages.end(), command.text) !=
                          m_catalog.languages.end();
    switch (m_state.screen) {
    case Screen::Attract:
        if (command.kind == K::ChooseLanguage && known_language && !m_catalog.categories.empty()) {
            start_session(now_ms, effects);
            m_state.language = command.text;
            effects.push_back(LanguageChosen{m_state.language});
            go_home();
        }
        break;
    case Screen::Languages:
        if (command.kind == K::ChooseLanguage && known_language) {
            m_state.language = command.text;
            effects.push_back(LanguageChosen{m_state.language});
            m_state.screen = m_state.return_to;
        } else if ((command.kind == K::Back || command.kind == K::Home) && !m_state.language.empty()) {
            m_state.screen = command.kind == K::Home ? Screen::Home : m_state.return_to;
            if (command.kind == K::Home)
                go_home();
        } else if (command.kind == K::Back || command.kind == K::Home) {
            // Leaving the picker before choosing: the traveller is not staying.
            auto ended = end_session(now_ms, "left");
            effects.insert(effects.end(), ended.begin(), ended.end());
        }
        break;
    case Screen::Home:
    case Screen::Category:
    case Screen::Page: {
        switch (command.kind) {
        case K::ChangeLanguage:
            m_state.return_to = m_state.screen;
            m_state.screen = Screen::Languages;
            break;
        case K::Home:
            go_home();
            break;
        case K::Back:
            if (m_state.screen == Screen::Page &&
                m_catalog.categories[m_state.category].pages.size() > 1) {
                m_state.screen = Screen::Category;
            } else if (m_state.screen == Screen::Home) {
                m_state.return_to = Screen::Home;
                m_state.screen = Screen::Languages;
            } else {
                go_home();
            }
            break;
        case K::OpenCategory:
            if (command.index < m_catalog.categories.size()) {
                m_state.category = command.index;
                m_state.page = m_state.picture = 0;
                // A category of one page opens it at once: one touch fewer.
                if (m_catalog.categories[command.index].pages.size() == 1)
                    open_page(0, effects);
                else
                    m_state.screen = Screen::Category;
            }
            break;
        case K::OpenPage:
            if (m_state.screen != Screen::Home &&
                command.index < m_catalog.categories[m_state.category].pages.size())
                open_page(command.index, effects);
            break;
        case K::NextPage:
        case K::PreviousPage:
            if (m_state.screen == Screen::Page) {
                std::size_t count = m_catalog.categories[m_state.category].pages.size();
                if (command.kind == K::NextPage && m_state.page + 1 < count)
                    open_page(m_state.page + 1, effects);
                else if (command.kind == K::PreviousPage && m_state.page > 0)
                    open_page(m_state.page - 1, effects);
            }
            break;
        case K::NextPicture:
            if (m_state.screen == Screen::Page) {
                const auto& pictures = m_catalog.categories[m_state.category].page_pictures;
                if (m_state.page < pictures.size() && m_state.picture + 1 < pictures[m_state.page])
                    ++m_state.picture;
            }
            break;
        case K::PreviousPicture:
            if (m_state.screen == Screen::Page && m_state.picture > 0)
                --m_state.picture;
            break;
        case K::ChooseLanguage:
            if (known_language && command.text != m_state.language) {
                m_state.language = command.text;
                effects.push_back(LanguageChosen{m_state.language});
            }
            break;
        default:
            break;
        }
        break;
    }
    case Screen::Operator:
        break;
    }
    return effects;
}

std::vector<InteractionEffect> Interaction::tick(std::int64_t now_ms) {
    if (m_state.screen == Screen::Operator) {
        if (now_ms - m_last_touch_ms >= kOperatorIdleMs)
            m_state = BrowseState{};
        return {};
    }
    if (!in_session(m_state.screen))
        return {};
    std::int64_t idle = now_ms - m_last_touch_ms;
    if (idle >= m_options.idle_timeout_ms)
        return end_session(now_ms, "timeout");
    std::int64_t warn_after = static_cast<std::int64_t>(m_options.idle_timeout_ms) -
                              std::min(m_options.countdown_ms, m_options.idle_timeout_ms);
    m_state.still_there = idle >= warn_after;
    return {};
}

std::vector<InteractionEffect> Interaction::content_changed(Catalog catalog, std::int64_t now_ms) {
    std::vector<InteractionEffect> effects;
    // Remember where the traveller is by names, which survive a new pack; indexes may not.
    std::string category_id, page_id;
    if (m_state.category < m_catalog.categories.size()) {
        const auto& old = m_catalog.categories[m_state.category];
        category_id = old.id;
        if (m_state.page < old.page_ids.size())
            page_id = old.page_ids[m_state.page];
    }
    m_catalog = std::move(catalog);
    if (!in_session(m_state.screen))
        return effects;
    if (m_catalog.categories.empty())
        return end_session(now_ms, "content-change");
    bool language_kept = std::find(m_catalog.languages.begin(), m_catalog.languages.end(), m_state.language) !=
                         m_catalog.languages.end();
    if (!language_kept) {
        m_state.language.clear();
        m_state.screen = Screen::Languages;
        m_state.return_to = Screen::Home;
        m_state.category = m_state.page = m_state.picture = 0;
        return effects;
    }
    Screen at = m_state.screen == Screen::Languages ? m_state.return_to : m_state.screen;
    if (at != Screen::Category && at != Screen::Page)
        return effects;
    std::size_t category = m_catalog.find(category_id);
    std::size_t page = SIZE_MAX;
    if (category != SIZE_MAX) {
        const auto& ids = m_catalog.categories[category].page_ids;
        auto it = std::find(ids.begin(), ids.end(), page_id);
        if (it != ids.end())
            page = static_cast<std::size_t>(it - ids.begin());
    }
    if (category == SIZE_MAX) {
        m_state.category = m_state.page = m_state.picture = 0;
        if (m_state.screen == Screen::Languages)
            m_state.return_to = Screen::Home;
        else
            m_state.screen = Screen::Home;
        return effects;
    }
    m_state.category = category;
    if (at == Screen::Page && page == SIZE_MAX) {
        at = Screen::Category;
        m_state.page = m_state.picture = 0;
    } else if (at == Screen::Page) {
        m_state.page = page;
        const auto& pictures = m_catalog.categories[category].page_pictures;
        if (page < pictures.size() && m_state.picture >= pictures[page])
            m_state.picture = 0;
    }
    if (m_state.screen == Screen::Languages)
        m_state.return_to = at;
    else
        m_state.screen = at;
    return effects;
}

} // namespace kiosk
