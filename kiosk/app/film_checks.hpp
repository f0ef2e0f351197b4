// Films are streamed from the store rather than read whole, so nothing else would notice one damaged
// on disk: this checks every film's hash on a worker thread as soon as a pack loads, in the order the
// slides come, and the player starts a film only once its check is done (ObjectSource::locate then
// answers from memory). A film the player is waiting for is checked next. The render thread never
// hashes: until the answer comes, the slide shows its still picture.
#pragma once

#include "content/content.hpp"
#include "pack/object_source.hpp"

#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace kiosk {

class FilmChecks {
public:
    enum class State { Pending, Sound, Damaged };

    FilmChecks(const ObjectSource& objects, const Content& content);
    ~FilmChecks(); // stops a check under way and waits for the worker
    FilmChecks(const FilmChecks&) = delete;
    FilmChecks& operator=(const FilmChecks&) = delete;

    // What is known of a film so far; asking for one still waiting moves it to the front.
    State state(const std::string& film);

private:
    void run(const ObjectSource& objects);

    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::deque<std::string> m_waiting;
    std::map<std::string, State> m_known;
    std::thread m_worker;
};

} // namespace kiosk
