// Checking films' hashes ahead of the player.
#include "app/film_checks.hpp"

#include "base/log.hpp"

#include <algorithm>

namespace kiosk {

FilmChecks::FilmChecks(const ObjectSource& objects, const Content& content) {
    for (const auto& slide : content.slides)
        if (!slide.video.empty() &&
            std::find(m_waiting.begin(), m_waiting.end(), slide.video) == m_waiting.end())
            m_waiting.push_back(slide.video);
    m_worker = std::thread([this, &objects] { run(objects); });
}

FilmChecks::~FilmChecks() {
    m_stop.store(true);
    if (m_worker.joinable())
        m_worker.join();
}

void FilmChecks::run(const ObjectSource& objects) {
    for (;;) {
        std::string film;
        {
            std::lock_guard lock(m_mutex);
            if (m_waiting.empty())
                return;
            film = std::move(m_waiting.front());
            m_waiting.pop_front();
        }
        auto where = objects.locate(film, &m_stop);
        if (m_stop.load())
            return;
        if (!where)
            log_error("store: film '" + film + "': " + where.error().message +
                      "; slides showing it show their still picture or are left out");
        std::lock_guard lock(m_mutex);
        m_known[film] = where ? State::Sound : State::Damaged;
    }
}

FilmChecks::State FilmChecks::state(const std::string& film) {
    std::lock_guard lock(m_mutex);
    if (auto known = m_known.find(film); known != m_known.end())
        return known->second;
    if (auto at = std::find(m_waiting.begin(), m_waiting.end(), film); at != m_waiting.end() && at != m_waiting.begin()) {
        m_waiting.erase(at);
        m_waiting.push_front(film);
    }
    return State::Pending;
}

} // namespace kiosk
