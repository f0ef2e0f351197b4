// Composition root of the kiosk: reads options and configuration, builds every object, picks the mode.
#include "app/media_presenter.hpp"
#include "app/options.hpp"
#include "app/player.hpp"
#include "app/screenshot.hpp"
#include "base/log.hpp"
#include "config/config.hpp"
#include "keys/keyring.hpp"
#include "media/media_playback.hpp"
#include "platform/linux/files.hpp"
#include "notice/notice_install.hpp"
#include "operator/pin.hpp"
#include "operator/station_facts.hpp"
#include "platform/linux/display_power_command.hpp"
#include "store/channel_stores.hpp"
#include "sync/sync_service.hpp"
#include "telemetry/telemetry.hpp"
#include "text/text_engine.hpp"
#include "uplink/uplink.hpp"
#include "usb/install_file.hpp"
#include "usb/stick_install.hpp"

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

std::int64_t unix_ms_now() {
    return SystemClock().unix_ms();
}

// kiosk --install FILE: a pack or a notice, through the same install as a USB stick's files.
int install(InstallContext& context, const std::filesystem::path& file) {
    bool tty = ::isatty(STDERR_FILENO);
    auto outcome = install_file(context, file, std::time(nullptr), tty ? ProgressFn(print_progress) : ProgressFn());
    std::printf("%s\n", outcome.message.c_str());
    return outcome.status == FileStatus::Installed || outcome.status == FileStatus::Repaired ? 0 : 1;
}

// kiosk --scan-usb DIR: DIR is taken for a stick just plugged in.
int scan_usb(InstallContext& context, const std::filesystem::path& stick) {
    bool tty = ::isatty(STDERR_FILENO);
    auto report = install_from_stick(context, stick, std::time(nullptr), [tty](const UsbProgress& p) {
        if (tty)
            print_progress(p.done, p.total);
    });
    std::printf("%s", stick_report_text(report).c_str());
    if (!report.result_file.empty())
        std::printf("\nKết quả đã được ghi vào USB: %s\nThe result was written to the stick: %s\n",
                    report.result_file.c_str(), report.result_file.c_str());
    else
        std::printf("\nKhông ghi được kết quả vào USB (%s).\nThe result could not be written to the stick (%s).\n",
                    report.result_problem.c_str(), report.result_problem.c_str());
    return report.exit_status();
}

// The keys this station trusts: configured ones, and office keys the root key certified (kept in the store).
Result<std::unique_ptr<Keyring>> open_keyring(const KioskConfig& config) {
    std::vector<PublicKey> roots, direct;
    for (const auto& file : config.root_keys) {
        auto key = PublicKey::load(file);
        if (!key)
            log_error("root key: " + key.error().message + " (no key certificate can be checked until this is fixed)");
        else
            roots.push_back(*key);
    }
    auto keys = TrustedKeys::load(config.trusted_keys);
    if (!keys)
        log_error("trusted keys: " + keys.error().message + " (no pack can be verified until this is fixed)");
    else
        for (const auto& entry : keys->keys())
            direct.push_back(entry.key);
    return Keyring::open(config.store / "keys", std::move(roots), std::move(direct));
}

int install_key_file(Keyring& keyring, const std::filesystem::path& file, Telemetry* telemetry) {
    auto added = keyring.add_file(file);
    if (telemetry && (!added || added->outcome == KeyFileOutcome::Added)) // a known or older file changes nothing
        telemetry->record(InstallEvent{unix_ms_now(), "", 0, added ? InstallOutcome::Installed : InstallOutcome::Refused,
                                       added ? added->description : file.filename().string() + ": " + added.error().message});
    std::printf("%s\n", added ? key_file_message(*added).c_str() : key_file_message(added.error()).c_str());
    return added ? 0 : 1;
}

int verify_store(const Store& store) {
    auto active = store.open_active(Verify::Full);
    if (!active) {
        bool key = active.error().code == ErrorCode::Signature; // not damage: the signing key is not trusted
        std::printf("store does not verify: %s\n%s\n", active.error().message.c_str(),
                    key ? "Install a pack signed by a key this station trusts (kiosk --install PACK, a stick or a sync)."
                        : "To repair it, install the same pack (or a newer one) again: kiosk --install PACK");
        return 1;
    }
    std::printf("store verifies: channel %s version %llu (%s), %zu objects\n",
                active->manifest.channel.c_str(), static_cast<unsigned long long>(active->manifest.version),
                active->slot == Slot::Current ? "current" : "previous", active->manifest.objects.size());
    return 0;
}

// Upload of telemetry and the heartbeat, as configured; the heartbeat's pack is the store's active one.
uplink::UplinkSettings uplink_settings(const KioskConfig& config, const ChannelStores& stores) {
    uplink::UplinkSettings settings;
    settings.url = config.telemetry_url;
    settings.station = config.station;
    settings.station_name = config.station_name;
    settings.software = std::string("kiosk ") + KIOSK_VERSION;
    settings.telemetry = config.telemetry;
    settings.http.proxy = config.proxy; // one proxy and one CA list for everything the station fetches or sends
    settings.http.ca_file = config.ca_file.string();
    settings.upload_interval = config.upload_interval;
    settings.heartbeat_interval = config.heartbeat_interval;
    settings.facts = [&stores, station = config.station] {
        StationFacts facts = gather_station_facts(station, stores.own().root(), unix_ms_now() / 1000);
        if (auto active = stores.own().open_active(Verify::Quick)) {
            const Manifest& m = active->manifest;
            facts.pack = PackFacts{m.channel, m.version, m.signer, m.created};
        }
        return facts;
    };
    return settings;
}

int upload_once(const uplink::UplinkSettings& settings) {
    if (settings.url.empty()) {
        std::printf("Chưa cấu hình telemetry_url nên không có nơi để gửi.\n"
                    "telemetry_url is not configured, so there is nowhere to upload to.\n");
        return 2;
    }
    auto result = uplink::upload_cycle(settings);
    const auto& batches = result.batches;
    if (batches.nothing_to_send)
        std::printf("Trạm chưa có dữ liệu thống kê để gửi / The station has no telemetry to send yet\n");
    std::printf("Đã gửi %d lô (%lld dòng) / Sent %d batches (%lld rows)\n", batches.batches,
                static_cast<long long>(batches.rows), batches.batches, static_cast<long long>(batches.rows));
    if (batches.failure)
        std::printf("%s\n", uplink::failure_message(*batches.failure).c_str());
    if (result.heartbeat_failure)
        std::printf("%s\n", uplink::failure_message(*result.heartbeat_failure).c_str());
    else
        std::printf("Đã gửi nhịp tim / Heartbeat sent\n");
    return result.ok() ? 0 : 1;
}

// One sync job per channel that has a URL: the own channel (channel_url), and also_channel_urls.
std::vector<sync::SyncJob> sync_jobs(const KioskConfig& config, ChannelStores& stores) {
    auto settings = [&](const std::string& url) {
        sync::SyncSettings s;
        s.channel_url = url;
        s.http.proxy = config.proxy;
        s.http.ca_file = config.ca_file.string();
        return s;
    };
    std::vector<sync::SyncJob> jobs;
    if (!config.channel_url.empty())
        jobs.push_back({&stores.own(), settings(config.channel_url)});
    for (const auto& [channel, url] : config.also_channel_urls)
        if (Store* store = stores.also(channel))
            jobs.push_back({store, settings(url)});
    return jobs;
}

// What a sync brings for the keyring: the channel's revocation list every cycle, and the certificate of an
// index's signer the station does not know yet. Refusals come back to the sync, which logs them.
sync::SyncKeyring sync_keyring(Keyring& keyring) {
    auto report = [](Result<KeyFileResult> added) -> Status {
        if (!added)
            return std::move(added).error();
        if (added->outcome == KeyFileOutcome::Added)
            log_info("sync: keyring: " + added->description);
        return {};
    };
    sync::SyncKeyring hooks;
    hooks.add_certificate = [&keyring, report](std::string_view bytes) { return report(keyring.add_certificate(bytes)); };
    hooks.add_revocations = [&keyring, report](std::string_view bytes) { return report(keyring.add_revocations(bytes)); };
    return hooks;
}

// Installs and refusals by sync go into telemetry as installs from a stick do.
void note_sync(Telemetry* telemetry, const sync::SyncResult& result) {
    if (!telemetry || (result.outcome != sync::SyncOutcome::Installed && result.outcome != sync::SyncOutcome::Refused))
        return;
    bool installed = result.outcome == sync::SyncOutcome::Installed;
    telemetry->record(InstallEvent{unix_ms_now(), result.channel, result.version,
                                   installed ? InstallOutcome::Installed : InstallOutcome::Refused,
                                   "sync: " + (installed ? std::string("installed") : result.error->message)});
}

// kiosk --sync-once: each channel with a URL once; the exit status says what happened (see --help).
int sync_once(const KioskConfig& config, ChannelStores& stores, Keyring& keyring, Telemetry* telemetry) {
    auto jobs = sync_jobs(config, stores);
    if (jobs.empty()) {
        std::printf("Chưa cấu hình channel_url nên không có nơi để đồng bộ.\n"
                    "channel_url is not configured, so there is nowhere to sync from.\n");
        return 2;
    }
    bool tty = ::isatty(STDERR_FILENO);
    bool installed = false, refused = false, unreachable = false, misconfigured = false;
    for (auto& job : jobs) {
        if (tty)
            job.settings.progress = [](std::uint64_t done, std::uint64_t total) {
                static int last = -1;
                int percent = total ? static_cast<int>(done * 100 / total) : 100;
                if (percent != last)
                    std::fprintf(stderr, "\rĐang tải / Downloading: %3d%%%s", last = percent, done >= total ? "\n" : "");
            };
        auto result = sync::sync_once(*job.store, keyring.trusted(), job.settings, sync_keyring(keyring));
        note_sync(telemetry, result);
        if (result.outcome == sync::SyncOutcome::Refused || result.outcome == sync::SyncOutcome::ConfigError)
            log_error(describe(result));
        std::printf("%s\n", sync::operator_sync_message(result).c_str());
        installed |= result.outcome == sync::SyncOutcome::Installed;
        refused |= result.outcome == sync::SyncOutcome::Refused;
        unreachable |= result.outcome == sync::SyncOutcome::Unreachable;
        misconfigured |= result.outcome == sync::SyncOutcome::ConfigError;
    }
    return misconfigured ? 2 : refused ? 1 : unreachable ? 3 : installed ? 0 : 10;
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
    if (options->hash_pin)
        return hash_pin_command(stdin, stdout, stderr);
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
    if (!config->operator_pin.empty())
        if (auto pin = validate_pin_hash(config->operator_pin); !pin) {
            std::fprintf(stderr, "kiosk: configuration: %s\n", pin.error().message.c_str());
            return 2;
        }

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

    auto keyring = open_keyring(*config);
    if (!keyring) {
        std::fprintf(stderr, "kiosk: %s\n", keyring.error().message.c_str());
        return 2;
    }
    TrustedKeys trusted = (*keyring)->trusted();

    auto store = ChannelStores::open(config->store, trusted, config->station, config->channel, config->also_channels);
    if (!store) {
        std::fprintf(stderr, "kiosk: %s\n", store.error().message.c_str());
        return 2;
    }
    // Telemetry never stops the kiosk: without it (a folder it cannot write), the station plays on.
    // A replayed session lives on its script's clock, and so do the rows it leaves.
    std::optional<SimulatedClock> replay_clock;
    std::optional<ReplayScript> script;
    if (options->replay) {
        auto bytes = platform::read_file(*options->replay, 1 << 20);
        auto parsed = bytes ? ReplayScript::parse(*bytes) : Result<ReplayScript>(bytes.error());
        if (!parsed) {
            std::fprintf(stderr, "kiosk: %s: %s\n", options->replay->c_str(), parsed.error().message.c_str());
            return 2;
        }
        script = std::move(parsed.value());
        replay_clock.emplace(script->start ? SimulatedClock::unix_ms_of_local(*script->start) : SystemClock().unix_ms());
    }
    // A replay is a rehearsal: what it records goes beside its screenshots, never into the station's file.
    if (options->replay)
        config->telemetry = *options->screenshot_dir / "telemetry.sqlite";
    std::unique_ptr<Telemetry> telemetry;
    if (options->upload_once) // a diagnosis, not a run: it leaves no runs row of its own
        return upload_once(uplink_settings(*config, *store));
    if (!options->screenshot && !options->verify_store) {
        TelemetryOptions telemetry_options;
        telemetry_options.station = config->station;
        telemetry_options.software = "kiosk";
        if (replay_clock)
            telemetry_options.clock = [&clock = *replay_clock] { return clock.unix_ms(); };
        if (options->replay)
            std::filesystem::create_directories(*options->screenshot_dir);
        auto opened = Telemetry::open(config->telemetry, telemetry_options);
        if (opened)
            telemetry = std::move(opened.value());
        else
            log_error("telemetry is off: " + opened.error().message);
    }
    if (telemetry)
        set_error_sink([](void* t, std::string_view message) {
            static_cast<Telemetry*>(t)->record(ErrorEvent{unix_ms_now(), "kiosk", std::string(message)});
        }, telemetry.get());
    struct SinkReset {
        ~SinkReset() { set_error_sink(nullptr, nullptr); }
    } sink_reset;
    InstallContext install_context{*store, *config, trusted, telemetry.get(), unix_ms_now, keyring->get()};
    if (options->install && is_key_file(*options->install))
        return install_key_file(**keyring, *options->install, telemetry.get());
    if (options->install) {
        (*keyring)->add_files_beside(*options->install); // a new office key's certificate travels with its pack
        return install(install_context, *options->install);
    }
    if (options->scan_usb)
        return scan_usb(install_context, *options->scan_usb);
    if (options->verify_store)
        return verify_store(store->own());
    if (options->sync_once)
        return sync_once(*config, *store, **keyring, telemetry.get());

    auto text = TextEngine::open(FontPaths{config->fonts_dir, config->cjk_fonts_dir});
    if (!text) {
        std::fprintf(stderr, "kiosk: %s\n", text.error().message.c_str());
        return 2;
    }
    if (options->screenshot)
        return take_screenshot(*options, *config, *text, store->own(), trusted);

    int status = 0;
    if (options->replay) {
        // A script is played where nobody watches: the software renderer, no window to show.
        config->renderer = KioskConfig::Renderer::Software;
        config->fullscreen = false;
        // Beside the screenshots, lines.txt: every text as it was broken into lines.
        if (auto logged = text->log_lines_to(*options->screenshot_dir / "lines.txt"); !logged)
            log_warn(logged.error().message);
        {
            Player player(*config, *text, *store, trusted, options->content, *replay_clock,
                          PlayerStation{telemetry.get(), nullptr});
            PlayerOptions play{options->size, std::nullopt, false, started, false, true};
            status = player.replay(play, *script, *options->screenshot_dir, *replay_clock);
        }
        SDL_Quit();
        return status;
    }
    // Uploads run beside the player on a thread of their own and stop when it does.
    std::unique_ptr<uplink::UplinkService> uploads;
    if (!config->telemetry_url.empty())
        uploads = std::make_unique<uplink::UplinkService>(uplink_settings(*config, *store));
    // Remote sync on a thread of its own; the player switches to what it installs, and it stops with the player.
    std::unique_ptr<sync::SyncService> syncing;
    if (auto jobs = sync_jobs(*config, *store); !jobs.empty()) {
        sync::SyncServiceOptions sync_options;
        sync_options.interval = config->sync_interval;
        sync_options.on_result = [t = telemetry.get()](const sync::SyncResult& result) { note_sync(t, result); };
        syncing = std::make_unique<sync::SyncService>(std::move(jobs), trusted, sync_keyring(**keyring), sync_options);
    }
    SystemClock clock;
    std::unique_ptr<platform::DisplayPower> power;
    if (!config->display_power_command.empty())
        power = std::make_unique<platform::CommandDisplayPower>(config->display_power_command);
    {
        Player player(*config, *text, *store, trusted, options->content, clock, PlayerStation{telemetry.get(), power.get(), keyring->get()});
        PlayerOptions play{options->size, options->run_for_seconds, options->exit_after_first_frame, started,
                           options->media_stats};
        status = player.run(play);
    }
    SDL_Quit();
    return status;
}
