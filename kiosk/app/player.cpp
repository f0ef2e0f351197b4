// The main loop: one thread owns SDL; views are painted once into textures and crossfaded.
#include "app/player.hpp"

#include "base/log.hpp"
#include "render/builtin_screen.hpp"

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace kiosk {

namespace {

constexpr std::uint32_t kStorePollMs = 2000;
constexpr std::uint32_t kIdleWaitMs = 100;
constexpr std::uint32_t kMaxStepMs = 1000;

const DisplayProfile& builtin_profile(const std::string& name) {
    for (const auto& p : builtin_profiles())
        if (p.name == name)
            return p;
    return builtin_profiles().front();
}

std::string read_link(const std::filesystem::path& link) {
    std::error_code ec;
    auto target = std::filesystem::read_symlink(link, ec);
    return ec ? std::string() : target.string();
}

} // namespace

Player::Player(const KioskConfig& config, FontStack& fonts, const Store& store, const TrustedKeys& keys,
               std::optional<std::filesystem::path> pack_file)
    : m_config(config), m_fonts(fonts), m_store(store), m_keys(keys), m_pack_file(std::move(pack_file)),
      m_profile(builtin_profile(config.profile)) {}

void Player::load() {
    m_views.clear();
    m_painter.reset();
    m_loop.reset();
    m_pack.reset();
    m_builtin.reset();
    m_store_link = read_link(m_store.root() / "current");
    auto pack = m_pack_file ? load_from_file(*m_pack_file, m_keys) : load_from_store(m_store);
    if (!pack) {
        m_failure = pack.error().message;
        log_error("nothing to play: " + m_failure);
        return;
    }
    const DisplayProfile* profile = pack->content.find_profile(m_config.profile);
    if (!profile)
        log_warn("display profile '" + m_config.profile + "' is unknown; using " + m_profile.name);
    else
        m_profile = *profile;
    auto views = attract_sequence(pack->content, m_profile);
    if (views.empty()) {
        m_failure = "the active pack has no slides";
        return;
    }
    m_pack = std::move(pack.value());
    m_painter.emplace(m_renderer.get(), m_fonts, m_pack->content, *m_pack->objects, m_profile);
    m_loop.emplace(std::move(views));
    log_info("playing channel " + m_pack->objects->manifest().channel + " version " +
             std::to_string(m_pack->objects->manifest().version) + " (" +
             std::to_string(m_loop->views().size()) + " views, profile " + m_profile.name + ")");
}

bool Player::store_changed() {
    return !m_pack_file && read_link(m_store.root() / "current") != m_store_link;
}

SDL_Texture* Player::view_texture(std::size_t index) {
    if (auto it = m_views.find(index); it != m_views.end())
        return it->second.get();
    TexturePtr texture(SDL_CreateTexture(m_renderer.get(), SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                         m_width, m_height));
    if (!texture)
        return nullptr;
    SDL_SetRenderTarget(m_renderer.get(), texture.get());
    m_painter->paint(m_loop->views()[index], m_width, m_height);
    SDL_SetRenderTarget(m_renderer.get(), nullptr);
    SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_BLEND);
    return m_views.emplace(index, std::move(texture)).first->second.get();
}

void Player::draw(bool fading) {
    SDL_Renderer* r = m_renderer.get();
    if (!m_loop) {
        if (!m_builtin) {
            m_builtin.reset(
                SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, m_width, m_height));
            if (m_builtin)
                SDL_SetRenderTarget(r, m_builtin.get());
            std::string name = m_config.station_name.empty() ? m_config.station : m_config.station_name;
            paint_builtin_screen(r, m_fonts, m_width, m_height, name, m_failure);
            SDL_SetRenderTarget(r, nullptr);
        }
        if (m_builtin)
            SDL_RenderCopy(r, m_builtin.get(), nullptr, nullptr);
        return;
    }
    std::size_t current = m_loop->index();
    std::size_t previous = (current + m_loop->views().size() - 1) % m_loop->views().size();
    SDL_Texture* now = view_texture(current);
    if (!now) { // No render targets: paint straight to the screen (slower, still correct).
        m_painter->paint(m_loop->current(), m_width, m_height);
        return;
    }
    if (fading) {
        if (SDL_Texture* before = view_texture(previous))
            SDL_RenderCopy(r, before, nullptr, nullptr);
        SDL_SetTextureAlphaMod(now, static_cast<Uint8>(m_loop->fade_in() * 255.0f));
    }
    SDL_RenderCopy(r, now, nullptr, nullptr);
    SDL_SetTextureAlphaMod(now, 255);
}

int Player::run(const PlayerOptions& options) {
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        std::fprintf(stderr, "kiosk: cannot open the display: %s\n", SDL_GetError());
        return 2;
    }
    int w = options.size ? options.size->first : m_profile.width;
    int h = options.size ? options.size->second : m_profile.height;
    Uint32 flags = SDL_WINDOW_SHOWN;
    if (m_config.fullscreen) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    } else if (!options.size) {
        // A window for testing: the profile's shape, scaled down to fit the desktop.
        SDL_Rect usable{};
        if (SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.w > 0 && usable.h > 0) {
            double scale = std::min({1.0, 0.9 * usable.w / w, 0.9 * usable.h / h});
            w = static_cast<int>(w * scale);
            h = static_cast<int>(h * scale);
        }
    }
    m_window.reset(SDL_CreateWindow("Kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags));
    if (!m_window) {
        std::fprintf(stderr, "kiosk: cannot create a window: %s\n", SDL_GetError());
        return 2;
    }
    m_renderer.reset(SDL_CreateRenderer(m_window.get(), -1,
                                        SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC |
                                            SDL_RENDERER_TARGETTEXTURE));
    if (!m_renderer) {
        log_warn(std::string("no accelerated renderer (") + SDL_GetError() + "); using software rendering");
        m_renderer.reset(SDL_CreateRenderer(m_window.get(), -1, SDL_RENDERER_SOFTWARE));
    }
    if (!m_renderer) {
        std::fprintf(stderr, "kiosk: cannot create a renderer: %s\n", SDL_GetError());
        return 2;
    }
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(m_renderer.get(), &info);
    bool vsync = info.flags & SDL_RENDERER_PRESENTVSYNC;
    if (m_config.fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    SDL_GetRendererOutputSize(m_renderer.get(), &m_width, &m_height);
    log_info(std::string("display ") + std::to_string(m_width) + "x" + std::to_string(m_height) +
             " with renderer " + info.name + (vsync ? " (vsync)" : ""));

    load();

    Uint64 last = SDL_GetTicks64();
    Uint64 start = last;
    Uint64 last_poll = last;
    bool dirty = true, first = true;
    while (true) {
        bool fading = m_loop && m_loop->fading();
        SDL_Event event;
        bool got = fading ? SDL_PollEvent(&event) : SDL_WaitEventTimeout(&event, dirty ? 0 : kIdleWaitMs);
        while (got) {
            if (event.type == SDL_QUIT)
                return 0;
            if (event.type == SDL_KEYDOWN && !m_config.fullscreen &&
                (event.key.keysym.sym == SDLK_ESCAPE || event.key.keysym.sym == SDLK_q))
                return 0;
            if (event.type == SDL_WINDOWEVENT) {
                if (event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                    SDL_GetRendererOutputSize(m_renderer.get(), &m_width, &m_height);
                    m_views.clear();
                    m_builtin.reset();
                }
                dirty = true;
            }
            if (event.type == SDL_RENDER_TARGETS_RESET || event.type == SDL_RENDER_DEVICE_RESET) {
                m_views.clear();
                m_builtin.reset();
                dirty = true;
            }
            got = SDL_PollEvent(&event);
        }

        Uint64 now = SDL_GetTicks64();
        auto dt = static_cast<std::uint32_t>(std::min<Uint64>(now - last, kMaxStepMs));
        last = now;
        if (m_loop && m_loop->advance(dt)) {
            // Keep only the textures the crossfade needs; the next one is painted once the fade is over.
            std::size_t keep = m_loop->index(),
                        before = (keep + m_loop->views().size() - 1) % m_loop->views().size();
            std::erase_if(m_views, [&](const auto& kv) { return kv.first != keep && kv.first != before; });
            dirty = true;
        }
        fading = m_loop && m_loop->fading();
        if (now - last_poll >= kStorePollMs) {
            last_poll = now;
            if (store_changed()) {
                log_info("the active pack changed; reloading");
                load();
                dirty = true;
            }
        }
        if (dirty || fading) {
            Uint64 frame_start = SDL_GetTicks64();
            draw(fading);
            SDL_RenderPresent(m_renderer.get());
            dirty = false;
            if (first) {
                first = false;
                auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                    options.started)
                              .count();
                if (options.exit_after_first_frame) {
                    std::printf("first frame presented after %.1f ms\n", ms);
                    return 0;
                }
                log_info("first frame presented after " + std::to_string(static_cast<int>(ms)) + " ms");
            }
            Uint64 spent = SDL_GetTicks64() - frame_start;
            if (!vsync && spent < 16)
                SDL_Delay(static_cast<Uint32>(16 - spent));
        } else if (m_loop) {
            // Idle: paint the next view ahead of time so its crossfade never waits.
            view_texture((m_loop->index() + 1) % m_loop->views().size());
        }
        if (options.run_for_seconds && (now - start) >= *options.run_for_seconds * 1000.0)
            return 0;
    }
}

} // namespace kiosk
