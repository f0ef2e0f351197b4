// Inside the operator painter: proportions, colours and the bilingual text and buttons every page uses.
#pragma once

#include "render/operator/operator_painter.hpp"
#include "render/screens/screen_metrics.hpp"

#include <string_view>
#include <utility>

namespace kiosk::operator_kit {

namespace colour {
constexpr SDL_Color kButton{30, 72, 116, 255};
constexpr SDL_Color kButtonEdge{52, 101, 150, 255};
constexpr SDL_Color kDisabled{44, 62, 84, 255};
constexpr SDL_Color kDisabledText{112, 130, 150, 255};
constexpr SDL_Color kPrimary{28, 122, 62, 255}; // OK, confirm
constexpr SDL_Color kCaution{150, 92, 14, 255}; // roll back: a change to what travellers see
constexpr SDL_Color kGood{64, 190, 96, 255};
constexpr SDL_Color kWarn{255, 184, 28, 255};
constexpr SDL_Color kWarnText{255, 218, 150, 255};
constexpr SDL_Color kWarnRow{58, 48, 26, 255};
constexpr SDL_Color kBadPanel{84, 24, 24, 255};
constexpr SDL_Color kBad{236, 72, 60, 255};
} // namespace colour

// Proportions of a w x h screen: everything scales with the short side; nothing tapped is smaller
// than the metrics allow.
struct Frame {
    int w = 0, h = 0, base = 0;
    bool portrait = false;
    ScreenMetrics metrics;
    Frame(int w, int h, float inches);
    int s(float share) const; // a share of the short side, at least 1 px
    int target() const { return metrics.min_target_px(); }
    int margin() const { return s(0.035f); }
    int gap() const { return s(0.022f); }
    int radius() const { return s(0.016f); }
    int header() const;
};

enum class ButtonLook { Normal, Primary, Caution, Disabled };

// One page being painted: the canvas, the text engine and the buttons so far.
struct Page {
    Canvas& canvas;
    TextEngine& text;
    Frame f;
    std::vector<OperatorTarget> targets;

    // Text of px pixels in a box w wide and at most h high: shrinks down to min_px, then cuts the last
    // line with an ellipsis. Operator text is never markup (log lines hold '*' and '- ').
    TextBlockPtr fit(std::string_view s, int px, Weight weight, Align align, int w, int h, int min_px,
                     const char* lang = "vi");
    // Text of px pixels wrapped to w, however high it gets.
    TextBlockPtr layout(std::string_view s, int px, Weight weight, Align align, int w,
                        const char* lang = "vi");
    void draw(const TextBlock& block, int x, int y, SDL_Color colour);
    // Vietnamese above, English under it in a muted shade, centred vertically in box.
    void two_lines(SDL_Rect box, std::string_view vi, std::string_view en, int px, Align align,
                   SDL_Color vi_colour, SDL_Color en_colour);
    // A message "Vietnamese / English" as two paragraphs in box, from the top (returns the height used).
    int message(SDL_Rect box, std::string_view text, int px, int min_px, SDL_Color vi_colour,
                SDL_Color en_colour, Align align = Align::Start);
    // A bilingual button; disabled ones are painted but not tappable.
    void button(SDL_Rect box, std::string_view vi, std::string_view en, OperatorAction action,
                ButtonLook look = ButtonLook::Normal, int digit = 0);
    // A tappable area, grown about its centre to the smallest a finger can hit.
    void target(SDL_Rect box, OperatorAction action, int digit = 0);
    void background();
    // The title bar: "Màn hình vận hành / Operator screen"; returns its height.
    int header();
};

// "Tiếng Việt / English" split at the first " / " (the whole text and "" when there is none).
std::pair<std::string_view, std::string_view> split_vi_en(std::string_view text);

} // namespace kiosk::operator_kit
