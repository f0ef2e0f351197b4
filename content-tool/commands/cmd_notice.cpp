// content-tool notice NOTICE.toml --key K --out F.notice: an urgent notice for the stations, signed, or the
// withdrawal of one (--withdraw, or withdraw = true in the file).
#include "check/text_check.hpp"
#include "commands/arguments.hpp"
#include "commands/commands.hpp"
#include "notice/notice.hpp"
#include "pack/manifest.hpp"
#include "platform/linux/files.hpp"
#include "source/diagnostics.hpp"
#include "source/source.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <toml++/toml.h>

namespace content_tool {

namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: content-tool notice NOTICE.toml --key NAME.key --out FILE.notice [--project DIR] [--withdraw]\n"
    "                           [--version N]\n"
    "\n"
    "NOTICE.toml:\n"
    "  channel  = \"vn.example.province\"        # may be left out with --project\n"
    "  id       = \"road-closed\"                # the same id for later versions and the withdrawal\n"
    "  mode     = \"banner\"                     # a strip over what plays, or \"takeover\": the whole "
    "screen\n"
    "  starts   = 2026-04-30T08:00:00+07:00    # optional, default now\n"
    "  expires  = 2026-05-02T18:00:00+07:00    # required, at most 31 days after starts\n"
    "  stations = [\"*\"]                        # station ids, or \"*\" for every station of the channel\n"
    "  # withdraw = true                       # take the notice down everywhere (or use --withdraw)\n"
    "  [text]                                  # at most 600 bytes per language\n"
    "  vi = \"...\"\n"
    "  en = \"...\"\n"
    "  lo = \"...\"\n"
    "\n"
    "Times with an offset (+07:00) are exact. Times without one, and dates alone (midnight), are read in\n"
    "this computer's time zone. With --project, the channel and every language of that content project\n"
    "are required; without it, at least vi and en. The version is the creation time unless --version is\n"
    "given; each new notice or withdrawal of an id must have a higher version than the last.\n";

int line_of(const toml::node& node) {
    return static_cast<int>(node.source().begin.line);
}

// Seconds since 1970 (UTC) of a TOML date or date-time; local ones in this computer's time zone.
std::optional<std::int64_t> get_time(const toml::table& t, std::string_view key, const fs::path& file,
                                     Diagnostics& d) {
    const toml::node* node = t.get(key);
    if (!node)
        return std::nullopt;
    auto local = [](int y, int mo, int day, int h, int mi, int s) {
        std::tm tm{};
        tm.tm_year = y - 1900;
        tm.tm_mon = mo - 1;
        tm.tm_mday = day;
        tm.tm_hour = h;
        tm.tm_min = mi;
        tm.tm_sec = s;
        tm.tm_isdst = -1;
        return static_cast<std::int64_t>(std::mktime(&tm));
    };
    if (auto date = node->value<toml::date>())
        return local(date->year, date->month, date->day, 0, 0, 0);
    if (const auto* dt = node->as_date_time()) {
        const auto& v = dt->get();
        if (!v.offset)
            return local(v.date.year, v.date.month, v.date.day, v.time.hour, v.time.minute, v.time.second);
        return kiosk::days_from_civil(v.date.year, v.date.month, v.date.day) * 86400 + v.time.hour * 3600 +
               v.time.minute * 60 + v.time.second - v.offset->minutes * 60;
    }
    d.error(file, line_of(*node),
            "'" + std::string(key) +
                "' must be a date and time without quotes, like 2026-04-30T08:00:00+07:00");
    return std::nullopt;
}

std::optional<std::string> get_string(const toml::table& t, std::string_view key, const fs::path& file,
                                      Diagnostics& d) {
    const toml::node* node = t.get(key);
    if (!node)
        return std::nullopt;
    if (!node->is_string()) {
        d.error(file, line_of(*node), "'" + std::string(key) + "' must be text in quotes");
        return std::nullopt;
    }
    return *node->value<std::string>();
}

struct Project {
    std::string channel;
    std::vector<std::string> languages;
};

// The channel and languages of a content project, read from its project.toml.
std::optional<Project> read_project(const fs::path& dir, Diagnostics& d) {
    fs::path file = dir / "project.toml";
    toml::table t;
    try {
        t = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        d.error(file, static_cast<int>(e.source().begin.line), std::string(e.description()));
        return std::nullopt;
    }
    Project p;
    p.channel = get_string(t, "channel", file, d).value_or("");
    if (const toml::array* langs = t.get_as<toml::array>("languages"))
        for (const auto& lang : *langs)
            if (auto code = lang.value<std::string>())
                p.languages.push_back(*code);
    if (p.channel.empty() || p.languages.empty()) {
        d.error(file, 1, "the project names no channel or no languages");
        return std::nullopt;
    }
    return p;
}

// Reads NOTICE.toml into a notice (signer, created and version are set by the caller).
std::optional<kiosk::Notice> read_notice(const fs::path& file, const std::optional<Project>& project,
                                         bool withdraw, std::int64_t now, std::map<std::string, int>& lines,
                                         Diagnostics& d) {
    toml::table t;
    std::error_code ec;
    if (fs::file_size(file, ec) > 64 * 1024 || ec) {
        d.error(file, 0, ec ? "cannot read: " + ec.message() : "larger than 64 KiB; is this a notice?");
        return std::nullopt;
    }
    try {
        t = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        d.error(file, static_cast<int>(e.source().begin.line),
                "TOML syntax: " + std::string(e.description()));
        return std::nullopt;
    }
    static const std::vector<std::string_view> kKnown = {"channel", "id",       "mode",     "starts",
                                                         "expires", "stations", "withdraw", "text"};
    for (const auto& [key, value] : t)
        if (std::find(kKnown.begin(), kKnown.end(), key.str()) == kKnown.end())
            d.error(file, line_of(value),
                    "unknown key '" + std::string(key.str()) +
                        "' (expected channel, id, mode, starts, expires, stations, withdraw, [text])");
    kiosk::Notice n;
    if (const toml::node* w = t.get("withdraw")) {
        if (!w->is_boolean())
            d.error(file, line_of(*w), "'withdraw' must be true or false");
        else
            withdraw = withdraw || *w->value<bool>();
    }
    n.withdrawn = withdraw;

    auto channel = get_string(t, "channel", file, d);
    if (channel && project && *channel != project->channel)
        d.error(file, line_of(*t.get("channel")),
                "channel '" + *channel + "' is not the project's channel '" + project->channel + "'");
    if (!channel && project)
        channel = project->channel;
    if (!channel)
        d.error(file, 1, "missing 'channel' (or give --project DIR)");
    else if (auto ok = kiosk::validate_identifier("channel", *channel); !ok)
        d.error(file, line_of(*t.get("channel")), ok.error().message);
    n.channel = channel.value_or("");

    if (auto id = get_string(t, "id", file, d)) {
        if (auto ok = kiosk::validate_identifier("notice", *id); !ok)
            d.error(file, line_of(*t.get("id")), ok.error().message);
        n.id = *id;
    } else if (!t.get("id")) {
        d.error(file, 1, "missing 'id' (a name like \"road-closed\", the same for the withdrawal)");
    }

    if (const toml::node* node = t.get("stations")) {
        const toml::array* arr = node->as_array();
        if (!arr || arr->empty())
            d.error(file, line_of(*node),
                    "'stations' must be a list like [\"*\"] or [\"cau-treo\", \"na-meo\"]");
        for (const auto& s : arr ? *arr : toml::array{}) {
            auto id = s.value<std::string>();
            if (!id)
                d.error(file, line_of(s), "'stations' must hold only text values");
            else if (auto ok = *id == "*" ? kiosk::Status{} : kiosk::validate_identifier("station", *id); !ok)
                d.error(file, line_of(s), ok.error().message);
            else
                n.stations.push_back(*id);
        }
    } else {
        d.error(file, 1, "missing 'stations' (a list like [\"*\"] for every station of the channel)");
    }
    if (withdraw)
        return n; // a withdrawal carries no mode, times or text

    if (auto mode = get_string(t, "mode", file, d)) {
        if (*mode != "banner" && *mode != "takeover")
            d.error(file, line_of(*t.get("mode")),
                    "'mode' must be \"banner\" or \"takeover\", not \"" + *mode + "\"");
        n.mode = *mode == "takeover" ? kiosk::NoticeMode::Takeover : kiosk::NoticeMode::Banner;
    } else if (!t.get("mode")) {
        d.error(file, 1,
                "missing 'mode' (\"banner\": a strip over what plays, or \"takeover\": the whole screen)");
    }
    int expires_line = t.get("expires") ? line_of(*t.get("expires")) : 1;
    n.starts = get_time(t, "starts", file, d).value_or(now);
    auto expires = get_time(t, "expires", file, d);
    if (!expires && !t.get("expires"))
        d.error(file, 1, "missing 'expires': a notice must end, at most 31 days after it starts");
    n.expires = expires.value_or(0);
    if (expires) {
        if (n.expires <= n.starts)
            d.error(file, expires_line, "'expires' must come after 'starts'");
        else if (n.expires - n.starts > kiosk::kNoticeLongestSeconds)
            d.error(file, expires_line,
                    "the notice lasts more than 31 days; lasting information belongs in a content pack");
        else if (n.expires <= now)
            d.error(file, expires_line, "the notice has already expired");
    }

    const toml::node* text = t.get("text");
    const toml::table* table = text ? text->as_table() : nullptr;
    if (!table) {
        d.error(file, text ? line_of(*text) : 1,
                "missing [text] with a line per language, like vi = \"...\"");
        return n;
    }
    for (const auto& [lang, value] : *table) {
        std::string code(lang.str());
        auto words = value.value<std::string>();
        if (!kiosk::validate_language_code(code))
            d.error(file, line_of(value),
                    "'" + code + "' is not a language code (use vi, en, lo, km, th, zh, ...)");
        else if (!words || words->empty())
            d.error(file, line_of(value), "text." + code + " must be text in quotes");
        else if (words->size() > kiosk::kNoticeTextCap)
            d.error(file, line_of(value),
                    "text." + code + " is " + std::to_string(words->size()) +
                        " bytes; a notice holds at most " + std::to_string(kiosk::kNoticeTextCap) +
                        " per language");
        else {
            if (project && std::find(project->languages.begin(), project->languages.end(), code) ==
                               project->languages.end())
                d.warning(file, line_of(value),
                          "language '" + code + "' is not one of the project's languages");
            n.text[code] = *words;
            lines[code] = line_of(value);
        }
    }
    std::vector<std::string> required = project ? project->languages : std::vector<std::string>{"vi", "en"};
    for (const auto& lang : required)
        if (!table->get(lang))
            d.error(file, line_of(*text),
                    "[text] has no " + lang + " line; every language of the " +
                        (project ? "project" : "notice (at least vi and en)") + " is needed");
    return n;
}

std::string both_times(std::int64_t t) {
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm local{}, utc{};
    localtime_r(&tt, &local);
    gmtime_r(&tt, &utc);
    char a[48], b[40];
    std::strftime(a, sizeof a, "%Y-%m-%d %H:%M %z", &local);
    std::strftime(b, sizeof b, "%Y-%m-%d %H:%M UTC", &utc);
    return std::string(a) + " (" + b + ")";
}

} // namespace

int cmd_notice(const Args& args) {
    if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
        std::fputs(kUsage, stdout);
        return kExitOk;
    }
    auto parsed = parse_args(args, {"--key", "--out", "--project", "--version"}, {"--withdraw"});
    if (!parsed.error.empty() || parsed.positional.size() != 1 || !parsed.value("--key") ||
        !parsed.value("--out"))
        return usage_error(parsed.error.empty() ? std::string(kUsage) : parsed.error + "\n" + kUsage);
    std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    std::uint64_t version = static_cast<std::uint64_t>(now);
    if (auto v = parsed.value("--version")) {
        char* end = nullptr;
        version = std::strtoull(v->c_str(), &end, 10);
        if (!end || *end || version == 0 || (*v)[0] == '-')
            return usage_error("--version wants a whole number of at least 1, got '" + *v + "'");
    }
    Diagnostics d;
    std::optional<Project> project;
    if (auto dir = parsed.value("--project")) {
        project = read_project(*dir, d);
        if (!project) {
            std::fputs(d.to_text().c_str(), stderr);
            return kExitFailed;
        }
    }
    fs::path source = parsed.positional[0];
    std::map<std::string, int> lines;
    auto notice = read_notice(source, project, parsed.switches.count("--withdraw") > 0, now, lines, d);
    if (notice && !d.has_errors() && !notice->withdrawn) {
        // Laid out as stations show it, on the project's profiles and fonts when it is given (its other
        // problems are content-tool check's to report).
        Diagnostics ignored;
        std::optional<SourceProject> loaded;
        if (auto dir = parsed.value("--project"))
            loaded = load_source(*dir, ignored, PictureCheck::Header);
        check_notice_text(*notice, loaded ? &*loaded : nullptr, kiosk::FontPaths{}, source, lines, d);
    }
    std::fputs(d.to_text().c_str(), stderr);
    if (!notice || d.has_errors())
        return kExitFailed;
    notice->created = now;
    notice->version = version;

    auto key = kiosk::SecretKey::load(*parsed.value("--key"));
    if (!key) {
        std::fprintf(stderr, "content-tool: %s\n", key.error().message.c_str());
        return kExitFailed;
    }
    std::string bytes = kiosk::seal_notice(*notice, *key);
    kiosk::TrustedKeys self;
    self.add(key->public_key());
    auto check = kiosk::open_notice(bytes, self);
    if (!check) { // the rules above and the kiosk's must agree; this says where they do not
        std::fprintf(stderr, "content-tool: the notice would be refused by stations: %s\n",
                     check.error().message.c_str());
        return kExitFailed;
    }
    fs::path out = *parsed.value("--out");
    if (auto written = kiosk::platform::write_file_atomic(out, bytes); !written) {
        std::fprintf(stderr, "content-tool: %s\n", written.error().message.c_str());
        return kExitFailed;
    }
    std::string stations;
    for (const auto& s : check->stations)
        stations += (stations.empty() ? "" : ", ") + s;
    std::printf("Wrote %s: %s %s version %llu (%zu bytes)\n", out.c_str(),
                check->withdrawn ? "withdrawal of urgent notice" : "urgent notice", check->id.c_str(),
                static_cast<unsigned long long>(check->version), bytes.size());
    std::printf("channel:  %s\nstations: %s\n", check->channel.c_str(), stations.c_str());
    if (!check->withdrawn) {
        std::string langs;
        for (const auto& [lang, text] : check->text)
            langs += (langs.empty() ? "" : ", ") + lang;
        std::printf("mode:     %s\nstarts:   %s\nexpires:  %s\nlanguages: %s\n",
                    check->mode == kiosk::NoticeMode::Takeover ? "takeover (the whole screen)"
                                                               : "banner (a strip over what plays)",
                    both_times(check->starts).c_str(), both_times(check->expires).c_str(), langs.c_str());
    }
    std::printf("signer:   %s\nOn a station: kiosk --install %s\n", check->signer.c_str(), out.c_str());
    return kExitOk;
}

} // namespace content_tool
