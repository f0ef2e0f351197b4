// Checking films' hashes ahead of the player.
#include "app/film_checks.hpp"

#include "base/log.hpp"

#include <set>

namespace kiosk {

FilmChecks::FilmChecks(const ObjectSource& objects, const Content& content) {
    std::vector<std::string> films;
    std::set<std::string> seen;
    for (const auto& slide : content.slides)
        if (!slide.video.empty() && seen.insert(slide.video).second)
            films.push_back(slide.video);
    m_worker = std::thread([this, &objects, films = std::move(films)] {
        for (const auto& film : films) {
            if (m_stop.load())
                return;
            if (auto where = objects.locate(film, &m_stop); !where && !m_stop.load())
                log_error("store: film '" + film + "': " + where.error().message +
                          "; slides showing it show their still picture or are left out");
        }
    });
}

FilmChecks::~FilmChecks() {
    m_stop.store(true);
    if (m_worker.joinable())
        m_worker.join();
}

} // namespace kiosk
