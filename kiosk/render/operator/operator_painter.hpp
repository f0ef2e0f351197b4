// The operator screen painted on a canvas: PIN pad, status menu, roll back confirmation, results, the
// test pattern and the touch test's backdrop. Every label is Vietnamese with English under it; pure
// painting, no SDL window or input.
#pragma once

#include "interaction/interaction.hpp"
#include "operator/status_report.hpp"
#include "render/canvas.hpp"
#include "text/text_engine.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk {

// What an operator's button does (these are not traveller Commands: the operator screen runs apart).
enum class OperatorAction {
    Digit,  // OperatorTarget::digit is 0..9
    Delete, // the last digit
    Enter,  // check the PIN
    Cancel, // leave the PIN pad (and the operator screen)
    TestPattern,
    TouchTest,
    RollBack, // asks to confirm first
    ConfirmRollBack,
    Export,
    Close, // leave the operator screen
    Back,  // from a test, a confirmation or a result back to the menu
};
const char* operator_action_name(OperatorAction action);

struct OperatorTarget {
    Box box;
    OperatorAction action = OperatorAction::Back;
    int digit = 0;
};

// The last painted target containing (x, y), or nullptr.
const OperatorTarget* operator_target_at(const std::vector<OperatorTarget>& targets, int x, int y);

enum class OperatorPage { Pin, Menu, ConfirmRollBack, Result, TestPattern, TouchTest };

// How a message reads: plain guidance, work in progress, success or a problem.
enum class Tone { Plain, Busy, Good, Bad };

// Everything a page shows; the view fills in what its page needs.
struct OperatorScreenState {
    OperatorPage page = OperatorPage::Pin;

    // The PIN pad: how many digits are typed, whether the keys work (not while checking, during a wait
    // or when no PIN is set), and the note under the keypad.
    int digits = 0;
    bool keys_enabled = true;
    bool checking = false;

    // The note under the keypad, or a result's text: Vietnamese, " / ", English.
    std::string message;
    Tone tone = Tone::Plain;
    // A result's heading; with Tone::Busy the result has no OK button (work is under way).
    std::string heading_vi, heading_en;

    // The menu.
    std::vector<StatusLine> status;

    // The roll back confirmation: the pack showing now, and the one it returns to (known: the player
    // told which; else the confirmation names no version).
    std::optional<PackFacts> current_pack;
    std::optional<PackFacts> previous_pack;
    bool previous_known = false;
};

// One finger (or the mouse) in the touch test.
struct TouchPoint {
    int number = 1; // 1.. in the order they came down, for their colour
    int x = 0, y = 0;
    bool down = true;
};

// The colour of the n-th finger in the touch test (the readout and the trails use the same).
SDL_Color touch_colour(int number);

class OperatorPainter {
public:
    OperatorPainter(TextEngine& text, float screen_inches);

    // Paints the page over the whole canvas and returns its buttons (each at least kMinTargetMm).
    std::vector<OperatorTarget> paint(Canvas& canvas, const OperatorScreenState& state);

    // The touch test's readout of coordinates, in screen pixels, and its painting in a canvas of that
    // box's size (the view repaints it as fingers move).
    Box touch_readout_box(int w, int h) const;
    void paint_touch_readout(Canvas& canvas, const std::vector<TouchPoint>& points, int screen_w,
                             int screen_h);
    // The radius of a finger's dot and the width of its trail in the touch test.
    int touch_dot_radius(int w, int h) const;

private:
    TextEngine& m_text;
    float m_inches;
};

} // namespace kiosk
