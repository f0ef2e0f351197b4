// What the player's files share: how views are keyed and uploaded, the screen cleared, a store link read.
#pragma once

#include "base/log.hpp"
#include "render/canvas.hpp"
#include "render/sdl_ptr.hpp"

#include <filesystem>
#include <string>

namespace kiosk::player_parts {

inline std::string view_key(std::size_t index) {
    return "view:" + std::to_string(index);
}

// Views are opaque, so they are uploaded without an alpha channel: a crossfade then blends by one
// constant alpha, which SDL's software renderer does several times faster than per-pixel alpha.
inline TexturePtr upload(SDL_Renderer* renderer, const Canvas& canvas) {
    SDL_Surface* pixels = canvas.surface();
    TexturePtr texture(
        SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STATIC, pixels->w, pixels->h));
    if (!texture || SDL_UpdateTexture(texture.get(), nullptr, pixels->pixels, pixels->pitch) != 0) {
        log_error(std::string("cannot upload a painted view: ") + SDL_GetError());
        return nullptr;
    }
    return texture;
}

inline void clear(SDL_Renderer* renderer, SDL_Color color) {
    SDL_SetRenderDrawColor(renderer, color.r, color.g, color.b, color.a);
    SDL_RenderClear(renderer);
}

inline std::string read_link(const std::filesystem::path& link) {
    std::error_code ec;
    auto target = std::filesystem::read_symlink(link, ec);
    return ec ? std::string() : target.string();
}

} // namespace kiosk::player_parts
