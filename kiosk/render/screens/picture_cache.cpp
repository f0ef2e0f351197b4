// One worker decodes pictures in the order the screens need them; the main thread only copies pixels.
#include "render/screens/picture_cache.hpp"

#include "base/log.hpp"
#include "render/image_decode.hpp"

#include <SDL_thread.h>
#include <algorithm>
#include <cmath>

namespace kiosk {

namespace {

// Prefetched pictures beyond this many wait no longer: the traveller has moved on.
constexpr std::size_t kMaxQueued = 32;

std::size_t bytes_of(const ScaledPicture& p) {
    return p.surface ? static_cast<std::size_t>(p.surface->pitch) * p.surface->h : 0;
}

// Bilinear scaling of a large reduction loses detail unevenly; halving first keeps it smooth.
Result<SurfacePtr> scale_region(SDL_Surface* image, SDL_Rect src, int w, int h) {
    SurfacePtr current;
    SDL_Surface* from = image;
    while (src.w >= 2 * w * 2 && src.h >= 2 * h * 2) {
        SurfacePtr half(SDL_CreateRGBSurfaceWithFormat(0, src.w / 2, src.h / 2, 32, from->format->format));
        SDL_Rect dst{0, 0, src.w / 2, src.h / 2};
        if (!half || SDL_SoftStretchLinear(from, &src, half.get(), &dst) != 0)
            return make_error(ErrorCode::Io, std::string("cannot scale a picture: ") + SDL_GetError());
        current = std::move(half);
        from = current.get();
        src = dst;
    }
    SurfacePtr out(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, from->format->format));
    SDL_Rect dst{0, 0, w, h};
    if (!out || SDL_SoftStretchLinear(from, &src, out.get(), &dst) != 0)
        return make_error(ErrorCode::Io, std::string("cannot scale a picture: ") + SDL_GetError());
    if (out->format->format == SDL_PIXELFORMAT_ARGB8888)
        return out;
    SurfacePtr converted(SDL_ConvertSurfaceFormat(out.get(), SDL_PIXELFORMAT_ARGB8888, 0));
    if (!converted)
        return make_error(ErrorCode::Io, std::string("cannot convert a picture: ") + SDL_GetError());
    return converted;
}

bool all_opaque(SDL_Surface* s) {
    for (int y = 0; y < s->h; ++y) {
        auto* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(s->pixels) + y * s->pitch);
        for (int x = 0; x < s->w; ++x)
            if ((row[x] >> 24) != 0xFF)
                return false;
    }
    return true;
}

} // namespace

std::string PictureRequest::key() const {
    return std::to_string(source) + ":" + path + "@" + std::to_string(w) + "x" + std::to_string(h) +
           (fit == Fit::Cover ? "c" : "i");
}

Result<ScaledPicture> scale_picture(SDL_Surface* image, int w, int h, Fit fit) {
    if (w <= 0 || h <= 0 || image->w <= 0 || image->h <= 0)
        return make_error(ErrorCode::Invalid, "empty picture or box");
    ScaledPicture picture;
    picture.region = {0, 0, image->w, image->h};
    double box = static_cast<double>(w) / h, ratio = static_cast<double>(image->w) / image->h;
    int out_w = w, out_h = h;
    if (fit == Fit::Contain) {
        if (ratio > box)
            out_h = std::max(1, static_cast<int>(std::lround(w / ratio)));
        else
            out_w = std::max(1, static_cast<int>(std::lround(h * ratio)));
    } else if (ratio > box) {
        picture.region.w = std::max(1, static_cast<int>(std::lround(image->h * box)));
        picture.region.x = (image->w - picture.region.w) / 2;
    } else {
        picture.region.h = std::max(1, static_cast<int>(std::lround(image->w / box)));
        picture.region.y = (image->h - picture.region.h) / 2;
    }
    picture.surface = TRY(scale_region(image, picture.region, out_w, out_h));
    picture.opaque = all_opaque(picture.surface.get());
    return picture;
}

PictureCache::PictureCache(std::vector<const ObjectSource*> sources, std::size_t budget_bytes)
    : m_sources(std::move(sources)), m_budget(budget_bytes), m_worker([this] {
          work();
          SDL_TLSCleanup(); // SDL keeps an error message per thread, freed only when asked
      }) {}

PictureCache::~PictureCache() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_queue.clear();
    }
    m_wake.notify_all();
    m_worker.join();
}

void PictureCache::work() {
    for (;;) {
        PictureRequest request;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_stop)
                return;
            request = std::move(m_queue.front());
            m_queue.pop_front();
            m_busy = true;
        }
        Done done{request.key(), {}, request.source, {}};
        auto scaled = [&]() -> Result<ScaledPicture> {
            if (request.source >= m_sources.size() || !m_sources[request.source])
                return make_error(ErrorCode::NotFound, "no pack to read it from");
            auto bytes = TRY(m_sources[request.source]->read(request.path));
            auto decoded = TRY(decode_image(bytes));
            return scale_picture(decoded.get(), request.w, request.h, request.fit);
        }();
        if (scaled) {
            done.picture = std::move(scaled.value());
        } else {
            log_error("picture '" + request.path + "' cannot be shown: " + scaled.error().message);
            done.failed_path = request.path;
        }
        {
            std::lock_guard lock(m_mutex);
            m_done.push_back(std::move(done));
            m_queued.erase(request.key());
            m_busy = false;
        }
        m_idle.notify_all();
    }
}

void PictureCache::enqueue(const PictureRequest& request, Priority priority) {
    auto key = request.key();
    {
        std::lock_guard lock(m_mutex);
        if (m_queued.count(key)) {
            if (priority == Priority::Later)
                return;
            // Asked for now: move it ahead of what was only prefetched.
            auto it = std::find_if(m_queue.begin(), m_queue.end(),
                                   [&](const PictureRequest& r) { return r.key() == key; });
            if (it == m_queue.end())
                return; // being decoded already
            m_queue.erase(it);
            m_queue.push_front(request);
        } else {
            if (priority == Priority::Now)
                m_queue.push_front(request);
            else
                m_queue.push_back(request);
            m_queued.insert(key);
            while (m_queue.size() > kMaxQueued) {
                m_queued.erase(m_queue.back().key());
                m_queue.pop_back();
            }
        }
    }
    m_wake.notify_one();
}

const ScaledPicture* PictureCache::get(const PictureRequest& request, Priority priority) {
    if (request.path.empty() || request.w <= 0 || request.h <= 0)
        return nullptr;
    auto key = request.key();
    if (auto it = m_cache.find(key); it != m_cache.end()) {
        m_lru.splice(m_lru.begin(), m_lru, it->second);
        return &it->second->second;
    }
    if (failed(request.source, request.path))
        return nullptr;
    m_missed.insert(key);
    enqueue(request, priority);
    return nullptr;
}

void PictureCache::prefetch(const PictureRequest& request) {
    if (request.path.empty() || request.w <= 0 || request.h <= 0 || m_cache.count(request.key()) ||
        failed(request.source, request.path))
        return;
    enqueue(request, Priority::Later);
}

bool PictureCache::collect() {
    std::vector<Done> done;
    {
        std::lock_guard lock(m_mutex);
        done.swap(m_done);
    }
    bool arrived = false;
    for (auto& d : done) {
        if (!d.failed_path.empty()) {
            m_failed.insert({d.source, d.failed_path});
            m_missed.erase(d.key);
            continue;
        }
        if (m_cache.count(d.key))
            continue;
        arrived = m_missed.erase(d.key) > 0 || arrived;
        m_bytes += bytes_of(d.picture);
        m_lru.emplace_front(d.key, std::move(d.picture));
        m_cache.emplace(m_lru.front().first, m_lru.begin());
    }
    trim();
    return arrived;
}

void PictureCache::trim() {
    // The most recent picture always stays, however large.
    while (m_bytes > m_budget && m_lru.size() > 1) {
        m_bytes -= bytes_of(m_lru.back().second);
        m_cache.erase(m_lru.back().first);
        m_lru.pop_back();
    }
}

bool PictureCache::failed(std::size_t source, const std::string& path) const {
    return m_failed.count({source, path}) != 0;
}

void PictureCache::wait_idle() {
    {
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [this] { return m_queue.empty() && !m_busy; });
    }
    collect();
}

} // namespace kiosk
