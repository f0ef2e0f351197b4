// Composition root of the kiosk: reads options and configuration, builds every object, picks the mode.
#include "app/media_presenter.hpp"
#include "app/options.hpp"
#include "app/player.hpp"
#include "app/screenshot.hpp"
#include "base/log.hpp"
#include "config/config.hpp"
#include "media/media_playback.hpp"
#include "platform/linux/files.hpp"
#include "store/channel_stores.hpp"
#include "text/text_engine.hpp"

#include <SDL.h>
#include <cstdio>
#include <ctime>
#include <unistd.h>

using namespace kiosk;

namespace {

void print_progress(std::uint64_t done, std::uint64_t total) {
    static int last = -1;
    int percent = total ? static_cast<int>(done * 100 / total) : 100;
    if (percent == last)
        return;
    last = percent;
    std::fprintf(stderr, "\rĐang cài đặt / Installing: %3d%%", percent);
    if (done >= total)
        std::fprintf(stderr, "\n");
}

int install(ChannelStores& store, const std::filesystem::path& pack) {
    bool tty = ::isatty(STDERR_FILENO);
    auto result = store.install(pack, std::time(nullptr), tty ? ProgressFn(print_progress) : ProgressFn());
    if (!result) {
        std::printf("%s\n", operator_message(result.error()).c_str());
        return 1;
    }
    const Manifest& m = result->manifest;
    auto version = static_cast<unsigned long long>(m.version);
    if (result->kind == InstallKind::Repair)
        std::printf("Đã sửa gói nội dung %s phiên bản %llu (dữ liệu hỏng trên đĩa đã được chép lại).\n"
                    "Repaired content pack %s version %llu (damaged data on the disk was written again).\n",
                    m.channel.c_str(), version, m.channel.c_str(), version);
    else
        std::printf("Đã cài đặt gói nội dung %s phiên bản %llu.\nInstalled content pack %s version %llu.\n",
                    m.channel.c_str(), version, m.channel.c_str(), version);
    return 0;
}

int verify_store(const Store& store) {
    auto active = store.open_active(Verify::Full);
    if (!active) {
        std::printf("store does not verify: %s\nTo repair it, install the same pack (or a newer one) again: "
                    "kiosk --install PACK\n",
                    active.error().message.c_str());
        return 1;
    }
    std::printf("store verifies: channel %s version %llu (%s), %zu objects\n",
                active->manifest.channel.c_str(), static_cast<unsigned long long>(active->manifest.version),
                active->slot == Slot::Current ? "current" : "previous", active->manifest.objects.size());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    auto started = std::chrono::steady_clock::now();
    auto options = parse_options(argc, argv);
    if (!options) {
        std::fprintf(stderr, "kiosk: %s\n", options.error().message.c_str());
        return 2;
    }
    if (options->help) {
        std::fputs(usage_text().c_str(), stdout);
        return 0;
    }
    quiet_media_logs(); // media problems are logged in the kiosk's own words, naming slide and file
    ConfigValues values;
    auto loaded = values.load_file(options->config, options->config_given);
    for (const auto& set : options->sets) {
        if (!loaded)
            break;
        loaded = values.set(set);
    }
    if (!loaded) {
        std::fprintf(stderr, "kiosk: %s\n", loaded.error().message.c_str());
        return 2;
    }
    auto config = values.resolve();
    if (!config) {
        std::fprintf(stderr, "kiosk: configuration: %s\n", config.error().message.c_str());
        return 2;
    }
    if (options->profile)
        config->profile = *options->profile;

    if (options->play_media) {
        auto text = TextEngine::open(FontPaths{config->fonts_dir, config->cjk_fonts_dir});
        if (!text) {
            std::fprintf(stderr, "kiosk: %s\n", text.error().message.c_str());
            return 2;
        }
        int status = play_media(*options, *config, *text);
        SDL_Quit();
        return status;
    }

    auto keys = TrustedKeys::load(config->trusted_keys);
    if (!keys)
        log_error("trusted keys: " + keys.error().message + " (no pack can be verified until this is fixed)");
    TrustedKeys trusted = keys ? std::move(keys.value()) : TrustedKeys{};

    auto store = ChannelStores::open(config->store, trusted, config->station, config->channel, config->also_channels);
    if (!store) {
        std::fprintf(stderr, "kiosk: %s\n", store.error().message.c_str());
        return 2;
    }
    if (options->install)
        return install(*store, *options->install);
    if (options->verify_store)
        return verify_store(store->own());

    auto text = TextEngine::open(FontPaths{config->fonts_dir, config->cjk_fonts_dir});
    if (!text) {
        std::fprintf(stderr, "kiosk: %s\n", text.error().message.c_str());
        return 2;
    }
    if (options->screenshot)
        return take_screenshot(*options, *config, *text, store->own(), trusted);

    int status = 0;
    if (options->replay) {
        auto bytes = platform::read_file(*options->replay, 1 << 20);
        auto script = bytes ? ReplayScript::parse(*bytes) : Result<ReplayScript>(bytes.error());
        if (!script) {
            std::fprintf(stderr, "kiosk: %s: %s\n", options->replay->c_str(), script.error().message.c_str());
            return 2;
        }
        // A script is played where nobody watches: the software renderer, no window to show, no sound.
        config->renderer = KioskConfig::Renderer::Software;
        config->fullscreen = false;
        SimulatedClock clock(script->start ? SimulatedClock::unix_ms_of_local(*script->start)
                                           : SystemClock().unix_ms());
        {
            Player player(*config, *text, *store, trusted, options->content, clock);
            PlayerOptions play{options->size, std::nullopt, false, started, false, true};
            status = player.replay(play, *script, *options->screenshot_dir, clock);
        }
        SDL_Quit();
        return status;
    }
    SystemClock clock;
    {
        Player player(*config, *text, *store, trusted, options->content, clock);
        PlayerOptions play{options->size, options->run_for_seconds, options->exit_after_first_frame, started,
                           options->media_stats};
        status = player.run(play);
    }
    SDL_Quit();
    return status;
}
