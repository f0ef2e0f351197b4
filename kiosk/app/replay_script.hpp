// A scripted touch session for `kiosk --replay`: taps, swipes and waits on a simulated clock set to a
// chosen date, so editors can review a flow screen by screen and tests can drive the real player.
//
//   # comments start with '#'
//   at 2026-04-30T16:55        the simulated local date and time (before the first step; default: now)
//   tap 540 1700               a finger touches and lifts at pixel (x, y)
//   click 540 1700             the same with the mouse
//   tap home                   what is on screen, by name, wherever it is drawn (a banner may move it):
//   tap back                     home, back, language (the language button), language lo (that
//   tap language lo              language's button on the strip or the picker), tile "Bản đồ" (a Home
//   tap tile "Bản đồ"            tile by its label in any language or its id), item 2 (the second entry
//   tap item 2                   of a category's list); click takes the same names
//   pinch 540 900 2            two fingers spread about (x, y) until twice as far apart (0.5: pinch in)
//   pinch map 2                ... about the middle of the map or film on screen
//   wheel 540 900 3            the mouse wheel turned 3 steps at (x, y) (negative: towards you)
//   wheel map -2               ... over the middle of the map on screen
//   swipe 900 900 150 900      a finger drags from (x1, y1) to (x2, y2) over 300 ms
//   swipe 900 900 150 900 600  ... over 600 ms
//   hold 30 30 3s              a finger rests at (x, y) for a while, then lifts
//   wait 5s                    simulated time passes (ms, s, m or h: 500ms, 5s, 2m, 1h; at most 24h)
//   screenshot entry-rules     an extra screenshot with this name
//
// A screenshot is written after every step, named NNN-<step>.png in the screenshot folder.
#pragma once

#include "base/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// What a step names instead of pixels, found on the screen when the step is played.
struct ReplayTarget {
    enum class Kind { Point, Home, Back, Language, Tile, Item, Media };
    Kind kind = Kind::Point;
    std::string name;      // Language: the language's code (empty: the language button); Tile: label or id
    std::size_t index = 0; // Item: 1 for the first entry of a list
    std::string describe() const;
};

struct ReplayStep {
    enum class Kind { Tap, Click, Swipe, Hold, Wait, Screenshot, Pinch, Wheel };
    Kind kind = Kind::Wait;
    int x = 0, y = 0, x2 = 0, y2 = 0;
    ReplayTarget target; // of a tap, click, pinch or wheel: a point (x, y) or something named
    double amount = 0;   // a pinch's factor, a wheel's steps
    std::uint32_t ms = 0;  // of a swipe, a hold or a wait
    std::string name;      // of a screenshot
    int line = 0;          // in the script, for messages
    std::string text;      // the line as written, for the log
};

struct ReplayScript {
    std::optional<std::int64_t> start; // local civil minute (civil_time.hpp) the clock starts at
    std::vector<ReplayStep> steps;
    static Result<ReplayScript> parse(std::string_view text);
};

const char* step_name(ReplayStep::Kind kind);

} // namespace kiosk
