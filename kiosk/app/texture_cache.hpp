// Textures on the GPU (or in the software renderer) kept for reuse under a memory budget: painted views
// and map tiles. The least recently used go first; the ones a frame is drawing are never evicted.
#pragma once

#include "render/sdl_ptr.hpp"

#include <list>
#include <string>
#include <unordered_map>

namespace kiosk {

class TextureCache {
public:
    explicit TextureCache(std::size_t budget_bytes) : m_budget(budget_bytes) {}
    // The texture, marked as just used; null when not cached.
    SDL_Texture* find(const std::string& key);
    bool contains(const std::string& key) const { return m_index.count(key) != 0; }
    // Adds a texture, then evicts the least recently used others while over budget (never `key` itself).
    SDL_Texture* insert(const std::string& key, TexturePtr texture);
    void erase(const std::string& key);
    void clear();
    std::size_t bytes() const { return m_bytes; }
    std::size_t size() const { return m_index.size(); }
    std::size_t budget() const { return m_budget; }
    void set_budget(std::size_t bytes) { m_budget = bytes; }
    std::size_t evictions() const { return m_evictions; }

private:
    struct Entry {
        std::string key;
        TexturePtr texture;
        std::size_t bytes;
    };
    std::size_t m_budget;
    std::size_t m_bytes = 0, m_evictions = 0;
    std::list<Entry> m_lru; // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> m_index;
};

// Bytes a texture takes: width x height x bytes per pixel of its format.
std::size_t texture_bytes(SDL_Texture* texture);

} // namespace kiosk
