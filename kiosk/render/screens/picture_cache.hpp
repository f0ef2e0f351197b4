// Pictures for the touch screens, read, decoded and scaled to their boxes on a worker thread, so that a
// screen is painted at once with a calm panel where a picture is not ready yet, and again when it is.
#pragma once

#include "pack/object_source.hpp"
#include "render/sdl_ptr.hpp"

#include <condition_variable>
#include <deque>
#include <list>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace kiosk {

// How a picture meets its box: whole inside it (the box's spare sides left as they are), or filling it
// with the middle part of the same shape. Neither ever stretches a picture.
enum class Fit { Contain, Cover };

struct PictureRequest {
    std::size_t source = 0; // which content's objects (the catalog's SlideRef.source)
    std::string path;       // object path in that pack
    int w = 0, h = 0;       // the box
    Fit fit = Fit::Contain;
    std::string key() const;
};

struct ScaledPicture {
    SurfacePtr surface; // ARGB8888, at most w x h (Contain) or exactly w x h (Cover)
    SDL_Rect region{};  // the part of the original picture shown
    bool opaque = true; // no transparent pixel: copied, not blended
};

class PictureCache {
public:
    enum class Priority { Now, Later };

    // sources[i] reads content i's objects; each must outlive the cache.
    explicit PictureCache(std::vector<const ObjectSource*> sources, std::size_t budget_bytes = 64u << 20);
    ~PictureCache();
    PictureCache(const PictureCache&) = delete;
    PictureCache& operator=(const PictureCache&) = delete;

    // The picture when it is ready. Otherwise nullptr, and it is queued (Now: before anything asked for
    // Later) unless it failed before.
    const ScaledPicture* get(const PictureRequest& request, Priority priority = Priority::Now);
    // Queues a picture that a likely next screen shows.
    void prefetch(const PictureRequest& request);
    // Takes in what the worker finished; true when a picture that get() could not give has arrived.
    bool collect();
    bool failed(std::size_t source, const std::string& path) const;
    // Waits until nothing is queued or being decoded (screenshots and tests), then collects.
    void wait_idle();

private:
    struct Done {
        std::string key;
        std::string failed_path; // set instead of picture when it failed
        std::size_t source = 0;
        ScaledPicture picture;
    };
    void work();
    void enqueue(const PictureRequest& request, Priority priority);
    void trim();

    std::vector<const ObjectSource*> m_sources;
    std::size_t m_budget;

    // Shared with the worker.
    std::mutex m_mutex;
    std::condition_variable m_wake, m_idle;
    std::deque<PictureRequest> m_queue;
    std::set<std::string> m_queued; // keys queued or being decoded
    std::vector<Done> m_done;
    bool m_stop = false;
    bool m_busy = false;

    // The main thread's own.
    std::list<std::pair<std::string, ScaledPicture>> m_lru; // most recent first
    std::unordered_map<std::string, decltype(m_lru)::iterator> m_cache;
    std::size_t m_bytes = 0;
    std::set<std::string> m_missed; // keys get() could not give
    std::set<std::pair<std::size_t, std::string>> m_failed;

    std::thread m_worker; // last: it starts once everything else exists
};

// The picture fitted to a w x h box, as PictureCache makes it. Safe from any thread.
Result<ScaledPicture> scale_picture(SDL_Surface* image, int w, int h, Fit fit);

} // namespace kiosk
