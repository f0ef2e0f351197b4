// content-tool check SRC and content-tool build SRC --key K -o OUT.kpack.
#include "build/pack_builder.hpp"
#include "check/text_check.hpp"
#include "commands/arguments.hpp"
#include "commands/commands.hpp"
#include "commands/progress_bar.hpp"

#include <cstdio>
#include <ctime>

namespace content_tool {

namespace {

// Parses YYYY-MM-DD as the end of that day, UTC.
std::optional<std::int64_t> parse_date(const std::string& text) {
    std::tm tm{};
    char extra;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &extra) != 3)
        return std::nullopt;
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_year < 2000)
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_hour = 23;
    tm.tm_min = 59;
    tm.tm_sec = 59;
    return static_cast<std::int64_t>(timegm(&tm));
}

// Build shows only what needs fixing or a look; check also says what it kept whole (Severity::Info).
void print_diagnostics(const Diagnostics& d, bool json, Severity least = Severity::Info) {
    if (json)
        std::fputs(d.to_json().c_str(), stdout);
    else
        std::fputs(d.to_text(least).c_str(), stderr);
}

} // namespace

int cmd_check(const Args& args) {
    auto parsed = parse_args(args, {}, {"--json"});
    if (!parsed.error.empty() || parsed.positional.size() != 1)
        return usage_error("usage: content-tool check SRC [--json]");
    Diagnostics d;
    auto project = load_source(parsed.positional[0], d);
    if (project)
        check_text(*project, kiosk::FontPaths{}, d);
    bool json = parsed.switches.count("--json");
    print_diagnostics(d, json);
    if (!json) {
        std::size_t errors = 0, warnings = 0, notes = 0;
        for (const auto& item : d.all())
            (item.severity == Severity::Error     ? errors
             : item.severity == Severity::Warning ? warnings
                                                  : notes)++;
        auto count = [](std::size_t n, const char* what) {
            return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
        };
        std::string summary = count(errors, "error") + ", " + count(warnings, "warning");
        if (notes)
            summary += ", " + count(notes, "note");
        if (project)
            summary = count(project->slides.size(), "slide") + ", " +
                      count(project->content.languages.size(), "language") + ": " + summary;
        std::printf("%s: %s\n", parsed.positional[0].c_str(), summary.c_str());
    }
    return d.has_errors() ? kExitFailed : kExitOk;
}

int cmd_build(const Args& args) {
    auto parsed = parse_args(args, {"--key", "-o", "--version", "--expires"}, {});
    if (!parsed.error.empty() || parsed.positional.size() != 1 || !parsed.value("--key") ||
        !parsed.value("-o"))
        return usage_error(
            "usage: content-tool build SRC --key NAME.key -o OUT.kpack [--version N] [--expires YYYY-MM-DD]" +
            (parsed.error.empty() ? std::string() : " (" + parsed.error + ")"));
    BuildOptions options;
    options.now = static_cast<std::int64_t>(std::time(nullptr));
    if (auto v = parsed.value("--version")) {
        char* end = nullptr;
        options.version = std::strtoull(v->c_str(), &end, 10);
        if (!end || *end || options.version == 0 || (*v)[0] == '-')
            return usage_error("--version wants a whole number of at least 1, got '" + *v + "'");
    }
    if (auto e = parsed.value("--expires")) {
        options.expires = parse_date(*e);
        if (!options.expires)
            return usage_error("--expires wants a date like 2027-12-31, got '" + *e + "'");
        if (*options.expires <= options.now)
            return usage_error("--expires " + *e + " is already in the past");
    }
    auto key = kiosk::SecretKey::load(*parsed.value("--key"));
    if (!key) {
        std::fprintf(stderr, "content-tool: %s\n", key.error().message.c_str());
        return kExitFailed;
    }
    Diagnostics d;
    auto project = load_source(parsed.positional[0], d, PictureCheck::Header); // build decodes what it prepares
    if (project)
        check_text(*project, kiosk::FontPaths{}, d);
    print_diagnostics(d, false, Severity::Warning);
    if (!project || d.has_errors()) {
        std::fprintf(stderr, "content-tool: not building: fix the errors above first\n");
        return kExitFailed;
    }
    ProgressBar media_bar("Preparing media");
    ProgressBar bar("Building");
    bool media_done = false;
    options.media_progress = [&](std::uint64_t done, std::uint64_t total) { media_bar.update(done, total); };
    options.progress = [&](std::uint64_t done, std::uint64_t total) {
        if (!media_done) {
            media_bar.finish();
            media_done = true;
        }
        bar.update(done, total);
    };
    std::size_t normalised = 0, reused = 0, unchanged = 0;
    options.on_media = [&](const std::filesystem::path&, const PreparedMedia& media) {
        (media.outcome == MediaOutcome::Normalised ? normalised
         : media.outcome == MediaOutcome::Reused   ? reused
                                                   : unchanged)++;
    };
    auto manifest = build_pack(*project, *key, *parsed.value("-o"), options);
    if (!media_done)
        media_bar.finish();
    bar.finish();
    if (!manifest) {
        std::fprintf(stderr, "content-tool: build failed: %s\n", manifest.error().message.c_str());
        return kExitFailed;
    }
    std::printf("Built %s: channel %s version %llu, %zu slides, %zu objects, %.1f MB, signed by %s\n",
                parsed.value("-o")->c_str(), manifest->channel.c_str(),
                static_cast<unsigned long long>(manifest->version), project->slides.size(),
                manifest->objects.size(), manifest->blob_bytes() / 1e6, manifest->signer.c_str());
    std::printf("media: %zu normalised, %zu reused from cache, %zu unchanged\n", normalised, reused, unchanged);
    return kExitOk;
}

} // namespace content_tool
