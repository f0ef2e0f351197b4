// The operator screen on the display: the PIN pad after the hidden gesture, then the station's status,
// the test pattern, the touch test, roll back and export to a USB stick. Painted in software on change;
// the PIN check and the export run on worker threads so the screen never stalls.
#pragma once

#include "base/result.hpp"
#include "operator/export_bundle.hpp"
#include "operator/pin.hpp"
#include "operator/status_report.hpp"
#include "operator/usb_export.hpp"
#include "render/canvas.hpp"
#include "render/operator/operator_painter.hpp"

#include <SDL.h>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct OperatorServices {
    std::function<StationFacts()> facts;             // status facts, gathered by the player
    std::function<Result<std::string>()> roll_back;  // rolls back; the message to show (vi + en)
    std::function<ExportContents()> export_contents; // what to export (called on the main thread; its
                                                     // write_telemetry then runs on the export's worker)
    std::filesystem::path usb_root;
    std::filesystem::path pin_state; // PinGate's state file
    std::string pin_hash;            // config operator_pin (may be empty: the PIN pad says how to set one)

    // Optional. The pack a roll back returns to (nullopt: none is kept), so the confirmation can name it;
    // when unset, the confirmation names no version.
    std::function<std::optional<PackFacts>()> previous_pack;
    // Optional. The mount table to find sticks in (tests stand a folder in for a stick); when unset,
    // /proc/self/mountinfo. Called on the export's worker thread.
    std::function<Result<std::string>()> mountinfo;
};

class OperatorView {
public:
    // Without a touch or key for this long the operator screen asks to be left (wants_exit), so that a
    // guard who walks away does not leave travellers a status page or a test pattern.
    static constexpr std::int64_t kIdleMs = 120000;
    static constexpr std::int64_t kPinIdleMs = 60000;

    OperatorView(TextEngine& text, OperatorServices services, float screen_inches);
    ~OperatorView();
    OperatorView(const OperatorView&) = delete;
    OperatorView& operator=(const OperatorView&) = delete;

    void open(std::int64_t now_ms); // after the hidden gesture: the PIN pad
    void close();
    bool is_open() const { return m_open; }
    // Every input event while open (finger, mouse, keyboard digits/Enter/Backspace/Escape); true when the
    // view changed.
    bool handle(const SDL_Event& event, int w, int h, std::int64_t now_ms);
    // Time passing (the PIN check and the export finishing, the wait after wrong PINs counting down, the
    // idle limit); true when it must be redrawn.
    bool update(std::int64_t now_ms);
    void draw(SDL_Renderer* renderer, int w, int h, std::int64_t now_ms);
    // The operator pressed Close or Cancel, or walked away: the player leaves the operator screen.
    bool wants_exit() const { return m_exit; }

    // For tests and screenshots: what is showing, its buttons, and the painted picture.
    OperatorPage page() const { return m_state.page; }
    const OperatorScreenState& state() const { return m_state; }
    const std::vector<OperatorTarget>& targets() const { return m_targets; }
    const Canvas* canvas() const { return m_canvas ? &*m_canvas : nullptr; }
    // Whether the PIN check or the export is still running.
    bool busy() const;

private:
    struct Trail {
        SDL_FingerID finger = 0;
        int number = 1;
        bool down = true;
        std::vector<SDL_FPoint> points;
    };

    void changed() { ++m_version; }
    void paint(int w, int h);
    bool act(const OperatorTarget& target, std::int64_t now_ms);
    bool key(SDL_Keycode key, std::int64_t now_ms);
    bool press(SDL_FingerID finger, int x, int y);
    bool release(SDL_FingerID finger, int x, int y, std::int64_t now_ms);
    bool touch_down(SDL_FingerID finger, float x, float y);
    bool touch_move(SDL_FingerID finger, float x, float y);
    bool touch_up(SDL_FingerID finger);
    void enter_pin(std::int64_t now_ms);
    void show_menu();
    void show_pin_wait(std::int64_t now_ms);
    void start_export();
    void show_result(bool ok, std::string heading_vi, std::string heading_en, std::string message);
    std::vector<TouchPoint> touch_points() const;
    void draw_touches(SDL_Renderer* renderer, int w, int h);

    TextEngine& m_text;
    OperatorServices m_services;
    float m_inches;
    OperatorPainter m_painter;
    std::optional<PinGate> m_gate; // made at the first open; used by the PIN worker while it runs

    bool m_open = false, m_exit = false;
    OperatorScreenState m_state;
    std::string m_pin;
    std::int64_t m_locked_until_ms = 0;
    std::int64_t m_shown_wait_s = -1;
    std::int64_t m_last_input_ms = 0;
    std::int64_t m_facts_ms = 0;
    std::future<PinAttempt> m_checking;
    std::future<Result<StickExport>> m_exporting;

    // What was painted (a version of the state) and where it is on the screen.
    std::uint64_t m_version = 1, m_painted = 0, m_uploaded = 0;
    int m_w = 0, m_h = 0;
    std::optional<Canvas> m_canvas;
    TexturePtr m_texture;
    std::vector<OperatorTarget> m_targets;
    std::optional<OperatorTarget> m_pressed;
    SDL_FingerID m_pressed_by = 0;

    // The touch test.
    std::vector<Trail> m_trails;
    int m_next_number = 1;
    bool m_readout_stale = true;
    TexturePtr m_readout;
    Box m_readout_box{};
};

} // namespace kiosk
