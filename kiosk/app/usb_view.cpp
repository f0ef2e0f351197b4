// The USB worker thread and its overlay.
#include "app/usb_view.hpp"

#include "base/log.hpp"
#include "operator/usb_export.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

namespace kiosk {

namespace fs = std::filesystem;

UsbOverlayState overlay_state(const StickReport& report, bool touch) {
    UsbOverlayState st;
    st.done = true;
    st.touch = touch;
    st.refused = report.any_refused();
    st.nothing_found = report.found_nothing();
    st.result_written = !report.result_file.empty();
    for (const auto& f : report.files) {
        UsbOverlayState::Row row;
        row.tone = f.status == FileStatus::Installed || f.status == FileStatus::Repaired ? Tone::Good
                   : f.status == FileStatus::Refused                                   ? Tone::Bad
                                                                                       : Tone::Plain;
        auto [vi, en] = outcome_summary(f);
        row.vi = vi;
        row.en = en;
        if (f.status == FileStatus::Refused || f.status == FileStatus::Skipped) {
            // Why, in the message's first line in each language.
            auto nl = f.message.find('\n');
            auto nl2 = nl == std::string::npos ? nl : f.message.find('\n', nl + 1);
            row.detail_vi = f.message.substr(0, nl);
            if (nl != std::string::npos)
                row.detail_en = f.message.substr(nl + 1, nl2 == std::string::npos ? nl2 : nl2 - nl - 1);
            if (f.kind == FileKind::Pack && f.channel.empty()) { // refused before its name was known: the file's
                row.vi += " " + f.file.filename().string();
                row.en += " " + f.file.filename().string();
            }
        }
        st.rows.push_back(std::move(row));
    }
    // What went wrong first: a refusal must not be the row that does not fit.
    std::stable_sort(st.rows.begin(), st.rows.end(), [](const UsbOverlayState::Row& a, const UsbOverlayState::Row& b) {
        auto rank = [](Tone t) { return t == Tone::Bad ? 0 : t == Tone::Good ? 1 : 2; };
        return rank(a.tone) < rank(b.tone);
    });
    return st;
}

UsbInstaller::UsbInstaller(InstallContext context, fs::path usb_root, fs::path handled_file,
                           std::function<Result<std::string>()> mountinfo)
    : m_context(std::move(context)), m_watcher(std::move(usb_root), std::move(handled_file)),
      m_mountinfo(mountinfo ? std::move(mountinfo) : std::function<Result<std::string>()>(platform::read_mountinfo)) {
    m_thread = std::thread([this] { run(); });
}

UsbInstaller::~UsbInstaller() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

std::uint64_t UsbInstaller::generation() const {
    std::lock_guard lock(m_mutex);
    return m_activity.generation;
}

UsbActivity UsbInstaller::activity() const {
    std::lock_guard lock(m_mutex);
    return m_activity;
}

void UsbInstaller::dismiss() {
    set([](UsbActivity& a) {
        if (a.phase == UsbActivity::Phase::Done) {
            a.phase = UsbActivity::Phase::Idle;
            a.report.reset();
        }
    });
}

void UsbInstaller::set(const std::function<void(UsbActivity&)>& change) {
    std::lock_guard lock(m_mutex);
    change(m_activity);
    ++m_activity.generation;
}

void UsbInstaller::run() {
    bool warned = false;
    while (true) {
        {
            std::unique_lock lock(m_mutex);
            if (m_stop)
                return;
        }
        auto table = m_mountinfo();
        if (table) {
            warned = false;
            for (const auto& stick : m_watcher.update(*table)) {
                {
                    std::lock_guard lock(m_mutex);
                    if (m_stop)
                        return;
                }
                handle(stick);
            }
        } else if (!warned) {
            warned = true;
            log_error("usb: cannot read the mount table: " + table.error().message);
        }
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::milliseconds(kPollMs), [this] { return m_stop; });
        if (m_stop)
            return;
    }
}

void UsbInstaller::handle(const platform::Mount& stick) {
    auto contents = scan_stick(stick.mount_point);
    auto fingerprint = stick_fingerprint(stick.mount_point, contents);
    if (auto id = platform::unique_mount_id(stick.mount_point))
        fingerprint += "mount " + std::to_string(*id) + "\n";
    // Only a stick that was already plugged in when the kiosk started may have been handled by an
    // earlier run; one seen to appear is a new plug-in whatever its mount id.
    if (m_watcher.present_at_start(stick) && m_watcher.was_handled(stick, fingerprint)) {
        log_info("usb: stick " + stick.mount_point.string() + " was handled before the kiosk restarted; not "
                 "installed again (unplug it and plug it in again to install it again)");
        return;
    }
    if (contents.empty()) {
        // A stick for an export, or someone else's: nothing for the kiosk, and nothing shown.
        log_info("usb: stick " + stick.mount_point.string() + " (" + stick.source + ") holds nothing to install");
        m_watcher.mark_handled(stick, fingerprint);
        return;
    }
    log_info("usb: installing from stick " + stick.mount_point.string() + " (" + stick.source +
             (stick.read_only ? ", read-only" : "") + ")");
    set([](UsbActivity& a) {
        a.phase = UsbActivity::Phase::Installing;
        a.progress = UsbProgress{};
        a.report.reset();
    });
    auto now = m_context.unix_ms ? m_context.unix_ms() / 1000 : static_cast<std::int64_t>(std::time(nullptr));
    auto report = install_from_stick(m_context, stick.mount_point, now, [this](const UsbProgress& p) {
        set([&](UsbActivity& a) { a.progress = p; });
    });
    m_watcher.mark_handled(stick, fingerprint);
    set([&](UsbActivity& a) {
        a.phase = UsbActivity::Phase::Done;
        a.report = std::move(report);
    });
}

UsbView::UsbView(TextEngine& text, UsbInstaller& installer, float screen_inches, bool touch)
    : m_text(text), m_installer(installer), m_inches(screen_inches), m_touch(touch) {}

bool UsbView::update(std::int64_t now_ms) {
    if (m_installer.generation() == m_activity.generation) {
        if (m_activity.phase == UsbActivity::Phase::Done && now_ms - m_done_at >= kResultMs)
            m_installer.dismiss(); // shown long enough: the next update takes it away
        return false;
    }
    // Progress repaints at most five times a second; a change of phase at once.
    auto activity = m_installer.activity();
    bool progress_only = activity.phase == UsbActivity::Phase::Installing &&
                         m_activity.phase == UsbActivity::Phase::Installing;
    if (progress_only && now_ms - m_updated_at < 200)
        return false;
    if (activity.phase == UsbActivity::Phase::Done && m_activity.phase != UsbActivity::Phase::Done)
        m_done_at = now_ms;
    m_activity = std::move(activity);
    m_updated_at = now_ms;
    return true;
}

bool UsbView::handle(const SDL_Event& event) {
    if (!visible())
        return false;
    bool press = event.type == SDL_FINGERDOWN || event.type == SDL_MOUSEBUTTONDOWN;
    bool touchish = press || event.type == SDL_FINGERUP || event.type == SDL_FINGERMOTION ||
                    event.type == SDL_MOUSEBUTTONUP || event.type == SDL_MOUSEMOTION;
    if (press && m_activity.phase == UsbActivity::Phase::Done)
        m_installer.dismiss();
    return touchish;
}

void UsbView::draw(SDL_Renderer* renderer, int w, int h) {
    if (!visible())
        return;
    Box box = usb_overlay_box(w, h, m_inches);
    if (!m_texture || m_painted_generation != m_activity.generation || m_painted_w != w || m_painted_h != h) {
        if (!m_canvas || m_canvas->width() != box.w || m_canvas->height() != box.h) {
            auto canvas = Canvas::create(box.w, box.h);
            if (!canvas) {
                log_error("usb: cannot paint the install overlay: " + canvas.error().message);
                return;
            }
            m_canvas.emplace(std::move(canvas.value()));
        }
        UsbOverlayState st;
        if (m_activity.phase == UsbActivity::Phase::Done && m_activity.report) {
            st = overlay_state(*m_activity.report, m_touch);
        } else {
            st.bytes_done = m_activity.progress.done;
            st.bytes_total = m_activity.progress.total;
            st.file = m_activity.progress.file;
            st.index = m_activity.progress.index;
            st.count = m_activity.progress.count;
        }
        paint_usb_overlay(*m_canvas, m_text, st, w, h, m_inches);
        SDL_Surface* pixels = m_canvas->surface();
        m_texture.reset(SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STATIC, pixels->w,
                                          pixels->h));
        if (!m_texture || SDL_UpdateTexture(m_texture.get(), nullptr, pixels->pixels, pixels->pitch) != 0) {
            log_error(std::string("usb: cannot upload the install overlay: ") + SDL_GetError());
            m_texture.reset();
            return;
        }
        m_painted_generation = m_activity.generation;
        m_painted_w = w;
        m_painted_h = h;
    }
    // What plays is dimmed under the panel, so the panel reads as the thing to look at.
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer, 0, 0, 0, 150);
    SDL_RenderFillRect(renderer, nullptr);
    SDL_Rect dst{box.x, box.y, box.w, box.h};
    SDL_RenderCopy(renderer, m_texture.get(), nullptr, &dst);
}

} // namespace kiosk
