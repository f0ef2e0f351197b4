#include "app/texture_cache.hpp"

namespace kiosk {

std::size_t texture_bytes(SDL_Texture* texture) {
    Uint32 format = 0;
    int w = 0, h = 0;
    if (!texture || SDL_QueryTexture(texture, &format, nullptr, &w, &h) != 0)
        return 0;
    std::size_t per_pixel = SDL_ISPIXELFORMAT_FOURCC(format) ? 2 : SDL_BYTESPERPIXEL(format);
    return static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * per_pixel;
}

SDL_Texture* TextureCache::find(const std::string& key) {
    auto it = m_index.find(key);
    if (it == m_index.end())
        return nullptr;
    m_lru.splice(m_lru.begin(), m_lru, it->second);
    return it->second->texture.get();
}

SDL_Texture* TextureCache::insert(const std::string& key, TexturePtr texture) {
    if (!texture)
        return nullptr;
    erase(key);
    std::size_t bytes = texture_bytes(texture.get());
    m_lru.push_front({key, std::move(texture), bytes});
    m_index[key] = m_lru.begin();
    m_bytes += bytes;
    while (m_bytes > m_budget && m_lru.size() > 1) {
        Entry& last = m_lru.back();
        m_bytes -= last.bytes;
        m_index.erase(last.key);
        m_lru.pop_back();
        ++m_evictions;
    }
    return m_lru.front().texture.get();
}

void TextureCache::erase(const std::string& key) {
    auto it = m_index.find(key);
    if (it == m_index.end())
        return;
    m_bytes -= it->second->bytes;
    m_lru.erase(it->second);
    m_index.erase(it);
}

void TextureCache::clear() {
    m_lru.clear();
    m_index.clear();
    m_bytes = 0;
}

} // namespace kiosk
