// Parsing replay scripts line by line, with the line number in every error.
#include "app/replay_script.hpp"

#include "base/civil_time.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

namespace kiosk {

namespace {

// Words split at spaces; a word in double quotes may hold spaces ("Bản đồ"). nullopt: a quote left open.
std::optional<std::vector<std::string>> words(std::string_view line) {
    std::vector<std::string> out;
    std::size_t i = 0;
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (i < line.size()) {
        while (i < line.size() && space(line[i]))
            ++i;
        if (i == line.size())
            break;
        if (line[i] == '"') {
            auto close = line.find('"', i + 1);
            if (close == std::string_view::npos)
                return std::nullopt;
            out.emplace_back(line.substr(i + 1, close - i - 1));
            i = close + 1;
            continue;
        }
        std::size_t start = i;
        while (i < line.size() && !space(line[i]))
            ++i;
        out.emplace_back(line.substr(start, i - start));
    }
    return out;
}

std::optional<double> real(const std::string& text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<int> number(const std::string& text) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 16384)
        return std::nullopt;
    return value;
}

// "500ms", "5s", "2m", "1.5s".
std::optional<std::uint32_t> duration(const std::string& text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
    if (ec != std::errc() || value < 0)
        return std::nullopt;
    double ms = unit == "ms"  ? value
                : unit == "s" ? value * 1000
                : unit == "m" ? value * 60000
                : unit == "h" ? value * 3600000
                              : -1;
    if (ms < 0 || ms > 24.0 * 3600 * 1000)
        return std::nullopt;
    return static_cast<std::uint32_t>(ms);
}

} // namespace

std::string ReplayTarget::describe() const {
    switch (kind) {
    case Kind::Point:
        return "a point";
    case Kind::Home:
        return "home";
    case Kind::Back:
        return "back";
    case Kind::Language:
        return name.empty() ? "language" : "language " + name;
    case Kind::Tile:
        return "tile \"" + name + "\"";
    case Kind::Item:
        return "item " + std::to_string(index);
    case Kind::Media:
        return "map";
    }
    return "?";
}

const char* step_name(ReplayStep::Kind kind) {
    switch (kind) {
    case ReplayStep::Kind::Tap:
        return "tap";
    case ReplayStep::Kind::Click:
        return "click";
    case ReplayStep::Kind::Swipe:
        return "swipe";
    case ReplayStep::Kind::Hold:
        return "hold";
    case ReplayStep::Kind::Wait:
        return "wait";
    case ReplayStep::Kind::Screenshot:
        return "screenshot";
    case ReplayStep::Kind::Pinch:
        return "pinch";
    case ReplayStep::Kind::Wheel:
        return "wheel";
    }
    return "?";
}

Result<ReplayScript> ReplayScript::parse(std::string_view text) {
    ReplayScript script;
    int line_number = 0;
    while (!text.empty()) {
        auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++line_number;
        if (auto hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        auto fail = [&](const std::string& why) {
            return make_error(ErrorCode::Parse,
                              "replay script line " + std::to_string(line_number) + ": " + why);
        };
        auto split = words(line);
        if (!split)
            return fail("a quoted name is not closed: add the closing \" (tap tile \"Bản đồ\")");
        const auto& w = *split;
        if (w.empty())
            continue;
        ReplayStep step;
        step.line = line_number;
        step.text = std::string(line);
        while (!step.text.empty() && (step.text.back() == ' ' || step.text.back() == '\r'))
            step.text.pop_back();
        const std::string& verb = w[0];
        auto points = [&](std::size_t count) -> bool {
            if (w.size() < 1 + count)
                return false;
            int* slots[] = {&step.x, &step.y, &step.x2, &step.y2};
            for (std::size_t i = 0; i < count; ++i) {
                auto n = number(w[1 + i]);
                if (!n)
                    return false;
                *slots[i] = *n;
            }
            return true;
        };
        if (verb == "at") {
            if (w.size() < 2)
                return fail("'at' needs a date and time, like: at 2026-04-30T16:55");
            std::string when = w[1] + (w.size() > 2 ? " " + w[2] : "");
            auto minute = parse_local_datetime(when);
            if (!minute)
                return fail(minute.error().message);
            if (!script.steps.empty())
                return fail("'at' sets where the clock starts, so it comes before the first step");
            script.start = *minute;
            continue;
        }
        // A named target in words w[1..]; false when the words name none.
        auto named = [&](std::size_t words_left) -> bool {
            using K = ReplayTarget::Kind;
            ReplayTarget& t = step.target;
            const std::string& what = w[1];
            std::size_t given = w.size() - 1 - words_left;
            if (what == "home" && given == 1)
                t.kind = K::Home;
            else if (what == "back" && given == 1)
                t.kind = K::Back;
            else if (what == "language" && (given == 1 || given == 2))
                t = {K::Language, given == 2 ? w[2] : std::string(), 0};
            else if (what == "tile" && given == 2 && !w[2].empty())
                t = {K::Tile, w[2], 0};
            else if (what == "item" && given == 2 && number(w[2]) && *number(w[2]) >= 1)
                t = {K::Item, {}, static_cast<std::size_t>(*number(w[2]))};
            else if ((what == "map" || what == "film") && given == 1)
                t.kind = K::Media;
            else
                return false;
            return true;
        };
        if (verb == "tap" || verb == "click") {
            step.kind = verb == "tap" ? ReplayStep::Kind::Tap : ReplayStep::Kind::Click;
            bool point = w.size() == 3 && points(2);
            if (!point && (w.size() < 2 || !named(0) || step.target.kind == ReplayTarget::Kind::Media))
                return fail("'" + verb + "' needs a point or a name: " + verb + " X Y, " + verb + " home, " +
                            verb + " back, " + verb + " language [CODE], " + verb + " tile \"LABEL\", " +
                            verb + " item N");
        } else if (verb == "pinch" || verb == "wheel") {
            bool pinch = verb == "pinch";
            step.kind = pinch ? ReplayStep::Kind::Pinch : ReplayStep::Kind::Wheel;
            auto amount = w.size() >= 3 ? real(w.back()) : std::nullopt;
            bool point = w.size() == 4 && points(2);
            bool media = w.size() == 3 && named(1) && step.target.kind == ReplayTarget::Kind::Media;
            if (!amount || (!point && !media))
                return fail(pinch ? "'pinch' needs a point or 'map' and a factor: pinch X Y 2, pinch map 0.5"
                                  : "'wheel' needs a point or 'map' and steps: wheel X Y 3, wheel map -2");
            if (pinch && (*amount < 0.1 || *amount > 10))
                return fail(
                    "a pinch's factor must be between 0.1 and 10 (2 spreads the fingers twice as far apart)");
            if (!pinch && (*amount == 0 || std::abs(*amount) > 50))
                return fail("a wheel turns between -50 and 50 steps, not 0");
            step.amount = *amount;
        } else if (verb == "swipe") {
            step.kind = ReplayStep::Kind::Swipe;
            step.ms = 300;
            if ((w.size() != 5 && w.size() != 6) || !points(4))
                return fail("'swipe' needs two points and may take a duration: swipe X1 Y1 X2 Y2 [300ms]");
            if (w.size() == 6) {
                auto ms = duration(w[5]);
                if (!ms || *ms == 0 || *ms > 10000)
                    return fail("the swipe's duration must be like 300ms or 1s (at most 10 s)");
                step.ms = *ms;
            }
        } else if (verb == "hold") {
            step.kind = ReplayStep::Kind::Hold;
            auto ms = w.size() == 4 ? duration(w[3]) : std::nullopt;
            if (w.size() != 4 || !points(2) || !ms)
                return fail("'hold' needs a point and a duration: hold X Y 3s");
            step.ms = *ms;
        } else if (verb == "wait") {
            step.kind = ReplayStep::Kind::Wait;
            auto ms = w.size() == 2 ? duration(w[1]) : std::nullopt;
            if (!ms)
                return fail("'wait' needs a duration like 500ms, 5s, 2m or 1h (at most 24h)");
            step.ms = *ms;
        } else if (verb == "screenshot") {
            step.kind = ReplayStep::Kind::Screenshot;
            if (w.size() != 2)
                return fail("'screenshot' needs a name: screenshot entry-rules");
            for (char c : w[1])
                if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
                    return fail("a screenshot name may hold only letters, digits, '-' and '_'");
            step.name = w[1];
        } else {
            return fail("unknown step '" + verb +
                        "' (use at, tap, click, swipe, hold, pinch, wheel, wait or screenshot)");
        }
        script.steps.push_back(std::move(step));
        if (script.steps.size() > 10000)
            return fail("a script may have at most 10000 steps");
    }
    return script;
}

} // namespace kiosk
