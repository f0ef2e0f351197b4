// Parsing of kiosk command-line options, and the --help text (which lists every config key).
#include "app/options.hpp"

#include "config/config.hpp"
#include "content/content.hpp"

#include <cstdlib>

namespace kiosk {

namespace {

Result<std::pair<int, int>> parse_size(const std::string& text) {
    int w = 0, h = 0;
    char x = 0, extra = 0;
    if (std::sscanf(text.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || x != 'x' || w < 16 || h < 16 ||
        w > 8192 || h > 8192)
        return make_error(ErrorCode::Invalid,
                          "--size wants WIDTHxHEIGHT between 16 and 8192, e.g. 1920x1080; got '" + text +
                              "'");
    return std::make_pair(w, h);
}

// A positive number of seconds for `flag`.
Result<double> parse_seconds(const std::string& flag, const std::string& text) {
    char* end = nullptr;
    double s = std::strtod(text.c_str(), &end);
    if (!end || *end || !(s > 0))
        return make_error(ErrorCode::Invalid, flag + " wants a number of seconds, got '" + text + "'");
    return s;
}

} // namespace

Result<Options> parse_options(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&]() -> Result<std::string> {
            if (i + 1 >= argc)
                return make_error(ErrorCode::Invalid, arg + " needs a value (see kiosk --help)");
            return std::string(argv[++i]);
        };
        if (arg == "--help" || arg == "-h")
            o.help = true;
        else if (arg == "--config") {
            o.config = TRY(value());
            o.config_given = true;
        } else if (arg == "--set")
            o.sets.push_back(TRY(value()));
        else if (arg == "--install")
            o.install = TRY(value());
        else if (arg == "--scan-usb")
            o.scan_usb = TRY(value());
        else if (arg == "--verify-store")
            o.verify_store = true;
        else if (arg == "--sync-once")
            o.sync_once = true;
        else if (arg == "--content")
            o.content = TRY(value());
        else if (arg == "--screenshot")
            o.screenshot = TRY(value());
        else if (arg == "--slide")
            o.slide = TRY(value());
        else if (arg == "--lang") {
            o.lang = TRY(value());
            TRY(validate_language_code(*o.lang));
        }
        else if (arg == "--profile")
            o.profile = TRY(value());
        else if (arg == "--size")
            o.size = TRY(parse_size(TRY(value())));
        else if (arg == "--run-for")
            o.run_for_seconds = TRY(parse_seconds(arg, TRY(value())));
        else if (arg == "--exit-after-first-frame")
            o.exit_after_first_frame = true;
        else if (arg == "--play-media")
            o.play_media = TRY(value());
        else if (arg == "--seconds")
            o.media_seconds = TRY(parse_seconds(arg, TRY(value())));
        else if (arg == "--subtitles")
            o.media_subtitles = TRY(value());
        else if (arg == "--loop")
            o.media_loop = true;
        else if (arg == "--stats")
            o.media_stats = true;
        else if (arg == "--mute")
            o.media_mute = true;
        else if (arg == "--hash-pin")
            o.hash_pin = true;
        else if (arg == "--upload-once")
            o.upload_once = true;
        else if (arg == "--replay")
            o.replay = TRY(value());
        else if (arg == "--screenshot-dir")
            o.screenshot_dir = TRY(value());
        else
            return make_error(ErrorCode::Invalid, "unknown option '" + arg + "' (see kiosk --help)");
    }
    if (o.play_media && o.lang && !o.media_subtitles)
        return make_error(ErrorCode::Invalid, "with --play-media, --lang chooses the language of --subtitles; "
                                              "give --subtitles FILE too, or leave --lang out");
    if (o.replay.has_value() != o.screenshot_dir.has_value())
        return make_error(ErrorCode::Invalid, "--replay SCRIPT and --screenshot-dir DIR go together: the "
                                              "screenshots of each step are written to DIR");
    return o;
}

std::string usage_text() {
    std::string text = R"(kiosk - fullscreen player for border-gate foreign-information stations

Usage:
  kiosk [--config FILE] [--set KEY=VALUE]...          play the active pack (attract loop)
  kiosk --install PACK                                verify and activate a pack, then exit
  kiosk --install NOTICE.notice                       verify and show a signed urgent notice, then exit
  kiosk --scan-usb DIR                                take DIR for a USB stick just plugged in: install its
                                                      packs and notices, write the result file to it, then exit
  kiosk --verify-store                                check every object of the active pack, then exit
  kiosk --sync-once                                   one sync cycle against channel_url (and also_channel_urls):
                                                      fetch what is new, verify, install, then exit
  kiosk --hash-pin                                    read an operator PIN, print its operator_pin line
  kiosk --upload-once                                 upload the telemetry not yet acknowledged and the
                                                      heartbeat to telemetry_url, then exit
  kiosk --content PACK --screenshot OUT.png [--slide ID] [--lang CODE] [--profile NAME] [--size WxH]
                                                      render one frame with the software renderer
  kiosk --screenshot OUT.png ...                      the same for the installed pack (or the built-in screen)
  kiosk [--content PACK] --replay SCRIPT --screenshot-dir DIR [--profile NAME] [--size WxH]
                                                      play a scripted touch session on a simulated clock,
                                                      headless, writing a screenshot after each step
  kiosk --play-media FILE [--seconds S] [--loop] [--mute] [--subtitles SRT|VTT] [--lang CODE] [--stats]
                                                      play one video fullscreen, to test a file on the screen

Options:
  --config FILE            configuration file (default /etc/kiosk/kiosk.conf; missing is fine)
  --set KEY=VALUE          override one configuration key (repeatable)
  --content PACK           play or render a pack file directly, without installing it (still verified)
  --profile NAME           display profile, overriding the 'profile' key
  --size WxH               window or screenshot size (default: the profile's size)
  --run-for SECONDS        play for this long, then exit (testing)
  --exit-after-first-frame exit once the first frame is on screen, printing the time it took
  --seconds S              with --play-media: stop after S seconds (default: at the end of the file)
  --loop                   with --play-media: start again at the end
  --stats                  with --play-media: print decoded, shown and dropped frames and the A/V sync error;
                           with --run-for: print frames, frames missed in crossfades and CPU per frame
  --mute                   with --play-media: no sound (the video keeps its own time)
  --subtitles FILE         with --play-media: show an SRT or WebVTT file under the picture (in --lang)
                           (with --play-media, a touch or click shows play/pause and a seek bar; Space pauses)

Exit status: 0 success; 1 a pack was refused, the store does not verify or an upload was not acknowledged;
2 a usage or configuration error.
  --sync-once: 0 installed a new version; 10 already up to date; 1 refused (bad signature, corrupted bytes,
  replayed or expired index, revoked or untrusted key, another station's pack); 2 configuration error;
  3 network or server unreachable, or an HTTP error (the next cycle retries and resumes).
  --scan-usb: 0 everything found on the stick was installed or was already current; 1 something was
  refused; 3 nothing to install was found (no .kpack, .notice or key file in DIR or DIR/kiosk).

Configuration keys (file lines "key = value", or --set key=value):
)";
    for (const auto& key : config_keys()) {
        constexpr std::size_t kColumn = 21;
        std::string line = "  " + std::string(key.name) + " ";
        if (line.size() > kColumn) // a long name gets a line of its own
            line += "\n";
        line.resize(line.back() == '\n' ? line.size() + kColumn : kColumn, ' ');
        text += line + key.description + "\n" + std::string(kColumn, ' ') +
                "(default: " + (*key.default_value ? key.default_value : "empty") + ")\n";
    }
    return text;
}

} // namespace kiosk
