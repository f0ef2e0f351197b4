// Films are streamed from the store rather than read whole, so nothing else would notice one damaged
// on disk: this checks every film's hash on a worker thread as soon as a pack loads, in the order the
// slides come, so the player finds each answer ready (ObjectSource::locate remembers it) and a damaged
// film is never shown as garbage. The player asking before the worker got there checks it itself.
#pragma once

#include "content/content.hpp"
#include "pack/object_source.hpp"

#include <atomic>
#include <thread>

namespace kiosk {

class FilmChecks {
public:
    FilmChecks(const ObjectSource& objects, const Content& content);
    ~FilmChecks(); // stops a check under way and waits for the worker
    FilmChecks(const FilmChecks&) = delete;
    FilmChecks& operator=(const FilmChecks&) = delete;

private:
    std::atomic<bool> m_stop{false};
    std::thread m_worker;
};

} // namespace kiosk
