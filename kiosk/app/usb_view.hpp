// USB sticks while the kiosk plays: a worker thread watches the mount table under usb_root, installs what a
// newly plugged stick holds (through the verified store and the notice board) and writes the result back to
// it; the main loop draws the progress and then the result over whatever plays, until ~15 s have passed or
// the screen is touched. The player reloads the content when the store changes, as after any install.
#pragma once

#include "platform/linux/stick_watcher.hpp"
#include "render/canvas.hpp"
#include "render/operator/usb_overlay.hpp"
#include "render/sdl_ptr.hpp"
#include "usb/stick_install.hpp"

#include <SDL.h>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace kiosk {

// What the worker is doing, for the screen.
struct UsbActivity {
    enum class Phase { Idle, Installing, Done } phase = Phase::Idle;
    UsbProgress progress;
    std::optional<StickReport> report; // when Done
    std::uint64_t generation = 0;      // changes with every change
};

// The rows of the on-screen result for a report.
UsbOverlayState overlay_state(const StickReport& report, bool touch);

class UsbInstaller {
public:
    static constexpr std::uint32_t kPollMs = 1500;

    // mountinfo: the mount table to read (tests give their own); empty: /proc/self/mountinfo.
    UsbInstaller(InstallContext context, std::filesystem::path usb_root, std::filesystem::path handled_file,
                 std::function<Result<std::string>()> mountinfo = {});
    ~UsbInstaller(); // waits for an install under way to finish (an install is never cut short)
    UsbInstaller(const UsbInstaller&) = delete;
    UsbInstaller& operator=(const UsbInstaller&) = delete;

    UsbActivity activity() const;
    std::uint64_t generation() const; // cheap: whether activity() changed
    // The result was read (touched, or shown long enough): back to Idle.
    void dismiss();

private:
    void run();
    void handle(const platform::Mount& stick);
    void set(const std::function<void(UsbActivity&)>& change);

    InstallContext m_context;
    platform::StickWatcher m_watcher;
    std::function<Result<std::string>()> m_mountinfo;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    UsbActivity m_activity;
    std::thread m_thread;
};

// The overlay on the display, painted on change and drawn over everything.
class UsbView {
public:
    static constexpr std::int64_t kResultMs = 15000;

    UsbView(TextEngine& text, UsbInstaller& installer, float screen_inches, bool touch);
    // Reads the worker's state; true when the screen must be drawn again.
    bool update(std::int64_t now_ms);
    bool visible() const { return m_activity.phase != UsbActivity::Phase::Idle; }
    // A touch while the overlay shows: closes the result; while installing it is swallowed (true: handled).
    bool handle(const SDL_Event& event);
    void draw(SDL_Renderer* renderer, int w, int h);

private:
    TextEngine& m_text;
    UsbInstaller& m_installer;
    float m_inches;
    bool m_touch;
    UsbActivity m_activity;
    std::uint64_t m_painted_generation = UINT64_MAX;
    std::int64_t m_done_at = 0, m_updated_at = 0;
    int m_painted_w = 0, m_painted_h = 0;
    std::optional<Canvas> m_canvas;
    TexturePtr m_texture;
};

} // namespace kiosk
