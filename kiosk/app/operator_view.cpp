// The operator screen's input, its pages and its workers: taps and keys become OperatorActions, the PIN
// check and the export run on std::async threads polled by update(), and the painted page is uploaded
// only when it changes. The touch test's trails are drawn with SDL every frame over the painted backdrop.
#include "app/operator_view.hpp"

#include "base/log.hpp"
#include "platform/linux/removable_media.hpp"
#include "platform/linux/system_info.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace kiosk {

namespace {

constexpr SDL_FingerID kMouse = -1; // the mouse acts as one more finger (an LED wall's USB mouse)
constexpr std::size_t kMaxTrails = 12;
constexpr std::size_t kMaxTrailPoints = 4000;
constexpr std::int64_t kFactsEveryMs = 30000;

const char kPinHint[] = "Nhập mã PIN rồi bấm Đồng ý. / Enter the PIN, then press OK.";

TexturePtr upload(SDL_Renderer* renderer, const Canvas& canvas, bool opaque) {
    SDL_Surface* pixels = canvas.surface();
    TexturePtr texture(SDL_CreateTexture(renderer, opaque ? SDL_PIXELFORMAT_RGB888 : SDL_PIXELFORMAT_ARGB8888,
                                         SDL_TEXTUREACCESS_STATIC, pixels->w, pixels->h));
    if (!texture || SDL_UpdateTexture(texture.get(), nullptr, pixels->pixels, pixels->pitch) != 0) {
        log_error(std::string("operator screen: cannot upload a painted page: ") + SDL_GetError());
        return nullptr;
    }
    SDL_SetTextureBlendMode(texture.get(), opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    return texture;
}

template <class T>
bool ready(const std::future<T>& future) {
    return future.valid() && future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

void fill_disc(SDL_Renderer* renderer, float cx, float cy, float r, SDL_Color c) {
    constexpr int kSides = 28;
    SDL_Vertex v[kSides + 1];
    int index[kSides * 3];
    v[0] = {{cx, cy}, c, {0, 0}};
    for (int i = 0; i < kSides; ++i) {
        float a = 6.2831853f * static_cast<float>(i) / kSides;
        v[i + 1] = {{cx + r * std::cos(a), cy + r * std::sin(a)}, c, {0, 0}};
        index[i * 3] = 0;
        index[i * 3 + 1] = i + 1;
        index[i * 3 + 2] = (i + 1) % kSides + 1;
    }
    SDL_RenderGeometry(renderer, nullptr, v, kSides + 1, index, kSides * 3);
}

// A polyline of the given width, as one batch of quads.
void draw_trail(SDL_Renderer* renderer, const std::vector<SDL_FPoint>& points, float width, SDL_Color c) {
    if (points.size() < 2)
        return;
    std::vector<SDL_Vertex> v;
    std::vector<int> index;
    v.reserve(points.size() * 4);
    index.reserve(points.size() * 6);
    for (std::size_t i = 1; i < points.size(); ++i) {
        SDL_FPoint a = points[i - 1], b = points[i];
        float dx = b.x - a.x, dy = b.y - a.y;
        float len = std::sqrt(dx * dx + dy * dy);
        if (len < 0.01f)
            continue;
        float nx = -dy / len * width / 2, ny = dx / len * width / 2;
        int base = static_cast<int>(v.size());
        v.push_back({{a.x + nx, a.y + ny}, c, {0, 0}});
        v.push_back({{a.x - nx, a.y - ny}, c, {0, 0}});
        v.push_back({{b.x + nx, b.y + ny}, c, {0, 0}});
        v.push_back({{b.x - nx, b.y - ny}, c, {0, 0}});
        for (int k : {0, 1, 2, 1, 3, 2})
            index.push_back(base + k);
    }
    if (!v.empty())
        SDL_RenderGeometry(renderer, nullptr, v.data(), static_cast<int>(v.size()), index.data(),
                           static_cast<int>(index.size()));
}

std::string not_set_up_message() {
    return "Trạm này chưa được đặt mã PIN vận hành nên chưa mở được màn hình này. Cán bộ kỹ thuật đặt mã "
           "bằng lệnh "
           "kiosk --hash-pin rồi chép dòng operator_pin vào /etc/kiosk/kiosk.conf. Hãy liên hệ đơn vị cấp "
           "tỉnh "
           "quản lý trạm. / This station has no operator PIN yet, so this screen cannot open. A technician "
           "sets "
           "one with kiosk --hash-pin and puts the operator_pin line into /etc/kiosk/kiosk.conf. Contact the "
           "provincial office that runs the station.";
}

} // namespace

OperatorView::OperatorView(TextEngine& text, OperatorServices services, float screen_inches)
    : m_text(text), m_services(std::move(services)), m_inches(screen_inches), m_painter(text, screen_inches) {
}

OperatorView::~OperatorView() {
    // The workers use the gate and the services: let them finish first.
    if (m_checking.valid())
        m_checking.wait();
    if (m_exporting.valid())
        m_exporting.wait();
}

bool OperatorView::busy() const {
    return m_checking.valid() || m_exporting.valid();
}

void OperatorView::open(std::int64_t now_ms) {
    if (!m_gate) {
        auto boot = platform::boot_id();
        m_gate.emplace(m_services.pin_hash, m_services.pin_state, boot ? *boot : std::string(),
                       now_ms / 1000);
    }
    log_info("operator screen: PIN pad opened");
    m_open = true;
    m_exit = false;
    m_pin.clear();
    m_pressed.reset();
    m_trails.clear();
    m_last_input_ms = now_ms;
    m_state = OperatorScreenState{};
    m_state.page = OperatorPage::Pin;
    m_state.message = kPinHint;
    m_state.checking = m_checking.valid();
    if (m_services.pin_hash.empty()) {
        m_state.keys_enabled = false;
        m_state.message = not_set_up_message();
        m_state.tone = Tone::Bad;
    } else if (!m_checking.valid()) {
        // The gate is the worker's only while a check runs; now it is free to ask.
        std::int64_t wait = m_gate->seconds_to_wait(now_ms / 1000);
        m_locked_until_ms = wait > 0 ? now_ms + wait * 1000 : 0;
        m_shown_wait_s = -1;
        show_pin_wait(now_ms);
    }
    changed();
}

void OperatorView::close() {
    if (m_open)
        log_info("operator screen: closed");
    m_open = false;
    m_pin.clear();
    m_pressed.reset();
    m_trails.clear();
    m_texture.reset();
    m_readout.reset();
    m_canvas.reset();
    m_painted = m_uploaded = 0;
    changed();
}

void OperatorView::show_pin_wait(std::int64_t now_ms) {
    std::int64_t left = m_locked_until_ms > now_ms ? (m_locked_until_ms - now_ms + 999) / 1000 : 0;
    if (left == m_shown_wait_s)
        return;
    bool was_waiting = m_shown_wait_s > 0;
    m_shown_wait_s = left;
    if (left > 0) {
        m_state.keys_enabled = false;
        m_state.message = pin_message({PinAttempt::Outcome::LockedOut, 0, left});
        m_state.tone = Tone::Bad;
    } else {
        m_locked_until_ms = 0;
        m_state.keys_enabled = true;
        if (was_waiting) {
            m_state.message =
                "Đã hết thời gian chờ: có thể nhập lại mã PIN. / The wait is over: you may enter the "
                "PIN again.";
            m_state.tone = Tone::Plain;
        }
    }
    changed();
}

void OperatorView::show_menu() {
    StationFacts facts = m_services.facts ? m_services.facts() : StationFacts{};
    m_state.page = OperatorPage::Menu;
    m_state.status = status_lines(facts);
    m_state.current_pack = facts.pack;
    changed();
}

void OperatorView::enter_pin(std::int64_t now_ms) {
    if (m_checking.valid() || !m_state.keys_enabled || !m_gate)
        return;
    if (m_pin.size() < 4) {
        m_state.message =
            "Mã PIN có từ 4 đến 12 chữ số: hãy nhập đủ rồi bấm Đồng ý. / A PIN has 4 to 12 digits: "
            "type all of them, then press OK.";
        m_state.tone = Tone::Bad;
        changed();
        return;
    }
    // Argon2id takes a tenth of a second or more on a weak machine: off the frame loop.
    std::string pin = std::move(m_pin);
    m_pin.clear();
    m_state.digits = 0;
    m_state.checking = true;
    m_state.message = "Đang kiểm tra mã PIN... / Checking the PIN...";
    m_state.tone = Tone::Busy;
    PinGate* gate = &*m_gate;
    std::int64_t now_s = now_ms / 1000;
    m_checking = std::async(std::launch::async,
                            [gate, pin = std::move(pin), now_s] { return gate->attempt(pin, now_s); });
    changed();
}

void OperatorView::start_export() {
    if (m_exporting.valid())
        return;
    ExportContents contents = m_services.export_contents ? m_services.export_contents() : ExportContents{};
    log_info("operator screen: export to USB started");
    m_state.page = OperatorPage::Result;
    m_state.tone = Tone::Busy;
    m_state.heading_vi = "Đang xuất ra USB...";
    m_state.heading_en = "Exporting to the USB stick...";
    m_state.message = "Đừng rút USB ra cho đến khi xong. / Do not pull the stick out until this is finished.";
    m_exporting =
        std::async(std::launch::async,
                   [root = m_services.usb_root, mountinfo = m_services.mountinfo,
                    contents = std::move(contents)]() -> Result<StickExport> {
                       auto table = mountinfo ? mountinfo() : platform::read_mountinfo();
                       if (!table) {
                           log_error("export to USB: cannot read the mount table: " + table.error().message);
                           return no_stick_error(root);
                       }
                       return export_to_stick(*table, root, contents);
                   });
    changed();
}

void OperatorView::show_result(bool ok, std::string heading_vi, std::string heading_en, std::string message) {
    m_state.page = OperatorPage::Result;
    m_state.tone = ok ? Tone::Good : Tone::Bad;
    m_state.heading_vi = std::move(heading_vi);
    m_state.heading_en = std::move(heading_en);
    m_state.message = std::move(message);
    changed();
}

bool OperatorView::update(std::int64_t now_ms) {
    std::uint64_t before = m_version;
    if (ready(m_checking)) {
        PinAttempt attempt = m_checking.get();
        m_state.checking = false;
        if (attempt.wait_s > 0) {
            m_locked_until_ms = now_ms + attempt.wait_s * 1000;
            m_shown_wait_s = attempt.wait_s;
        }
        if (m_open && m_state.page == OperatorPage::Pin) {
            if (attempt.outcome == PinAttempt::Outcome::Accepted) {
                log_info("operator screen: PIN accepted");
                m_last_input_ms = now_ms;
                show_menu();
                m_facts_ms = now_ms;
            } else {
                m_state.message = pin_message(attempt);
                m_state.tone = Tone::Bad;
                m_state.keys_enabled =
                    attempt.wait_s <= 0 && attempt.outcome != PinAttempt::Outcome::NoPinSet;
            }
        }
        changed();
    }
    if (ready(m_exporting)) {
        auto done = m_exporting.get();
        if (done)
            log_info("operator screen: exported to " + done->folder.string());
        else
            log_error("operator screen: export to USB failed: " + done.error().message);
        if (m_open) {
            m_last_input_ms = now_ms;
            if (done)
                show_result(true, "Đã xuất ra USB", "Exported to the USB stick", done->message);
            else
                show_result(false, "Chưa xuất được", "The export did not work", done.error().message);
        }
    }
    if (!m_open)
        return false;
    if (m_state.page == OperatorPage::Pin && !m_state.checking && m_locked_until_ms > 0)
        show_pin_wait(now_ms);
    if (m_state.page == OperatorPage::Menu && now_ms - m_facts_ms >= kFactsEveryMs) {
        // Uptimes and errors move on; repaint only when a line reads differently.
        auto before_lines = status_text(m_state.status);
        StationFacts facts = m_services.facts ? m_services.facts() : StationFacts{};
        auto lines = status_lines(facts);
        m_facts_ms = now_ms;
        if (status_text(lines) != before_lines) {
            m_state.status = std::move(lines);
            m_state.current_pack = facts.pack;
            changed();
        }
    }
    std::int64_t idle_limit = m_state.page == OperatorPage::Pin ? kPinIdleMs : kIdleMs;
    if (!m_exit && !busy() && now_ms - m_last_input_ms >= idle_limit) {
        log_info("operator screen: left alone, closing");
        m_exit = true;
        changed();
    }
    return m_version != before || (m_state.page == OperatorPage::TouchTest && m_readout_stale);
}

bool OperatorView::act(const OperatorTarget& target, std::int64_t now_ms) {
    switch (target.action) {
    case OperatorAction::Digit:
        if (m_state.page != OperatorPage::Pin || !m_state.keys_enabled || m_state.checking ||
            m_pin.size() >= 12)
            return false;
        m_pin.push_back(static_cast<char>('0' + std::clamp(target.digit, 0, 9)));
        m_state.digits = static_cast<int>(m_pin.size());
        break;
    case OperatorAction::Delete:
        if (m_state.page != OperatorPage::Pin || m_pin.empty() || m_state.checking)
            return false;
        m_pin.pop_back();
        m_state.digits = static_cast<int>(m_pin.size());
        break;
    case OperatorAction::Enter:
        if (m_state.page != OperatorPage::Pin)
            return false;
        enter_pin(now_ms);
        return true;
    case OperatorAction::Cancel:
    case OperatorAction::Close:
        m_pin.clear();
        m_exit = true;
        break;
    case OperatorAction::TestPattern:
        m_state.page = OperatorPage::TestPattern;
        break;
    case OperatorAction::TouchTest:
        m_state.page = OperatorPage::TouchTest;
        m_trails.clear();
        m_next_number = 1;
        m_readout_stale = true;
        break;
    case OperatorAction::RollBack:
        m_state.page = OperatorPage::ConfirmRollBack;
        m_state.previous_known = static_cast<bool>(m_services.previous_pack);
        m_state.previous_pack = m_state.previous_known ? m_services.previous_pack() : std::nullopt;
        break;
    case OperatorAction::ConfirmRollBack: {
        if (m_state.page != OperatorPage::ConfirmRollBack)
            return false;
        log_info("operator screen: roll back asked for");
        auto done =
            m_services.roll_back
                ? m_services.roll_back()
                : Result<std::string>(make_error(ErrorCode::Unsupported,
                                                 "Máy này chưa cho quay về gói trước. / This station cannot "
                                                 "roll back."));
        if (done)
            show_result(true, "Đã quay về gói trước", "Rolled back to the previous pack", *done);
        else
            show_result(false, "Chưa quay về được", "The roll back did not work", done.error().message);
        // The pack changed: the status shown after OK must say so.
        auto facts = m_services.facts ? m_services.facts() : StationFacts{};
        m_state.status = status_lines(facts);
        m_state.current_pack = facts.pack;
        m_facts_ms = now_ms;
        break;
    }
    case OperatorAction::Export:
        start_export();
        break;
    case OperatorAction::Back:
        if (m_state.page == OperatorPage::Result && m_state.tone == Tone::Busy)
            return false;
        show_menu();
        m_facts_ms = now_ms;
        break;
    }
    changed();
    return true;
}

bool OperatorView::key(SDL_Keycode sym, std::int64_t now_ms) {
    auto action = [&](OperatorAction a, int digit = 0) { return act(OperatorTarget{{}, a, digit}, now_ms); };
    switch (m_state.page) {
    case OperatorPage::Pin:
        if (sym >= SDLK_0 && sym <= SDLK_9)
            return action(OperatorAction::Digit, sym - SDLK_0);
        if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9)
            return action(OperatorAction::Digit, sym - SDLK_KP_1 + 1);
        if (sym == SDLK_KP_0)
            return action(OperatorAction::Digit, 0);
        if (sym == SDLK_BACKSPACE || sym == SDLK_DELETE)
            return action(OperatorAction::Delete);
        if (sym == SDLK_RETURN || sym == SDLK_KP_ENTER)
            return action(OperatorAction::Enter);
        if (sym == SDLK_ESCAPE)
            return action(OperatorAction::Cancel);
        return false;
    case OperatorPage::Menu:
        return sym == SDLK_ESCAPE && action(OperatorAction::Close);
    case OperatorPage::ConfirmRollBack:
    case OperatorPage::TouchTest:
        return sym == SDLK_ESCAPE && action(OperatorAction::Back);
    case OperatorPage::Result:
        return (sym == SDLK_ESCAPE || sym == SDLK_RETURN || sym == SDLK_KP_ENTER) &&
               action(OperatorAction::Back);
    case OperatorPage::TestPattern:
        return action(OperatorAction::Back);
    }
    return false;
}

bool OperatorView::press(SDL_FingerID finger, int x, int y) {
    if (m_pressed)
        return false;
    const OperatorTarget* target = operator_target_at(m_targets, x, y);
    if (!target)
        return false;
    m_pressed = *target;
    m_pressed_by = finger;
    return true;
}

bool OperatorView::release(SDL_FingerID finger, int x, int y, std::int64_t now_ms) {
    if (!m_pressed || finger != m_pressed_by)
        return false;
    OperatorTarget pressed = *m_pressed;
    m_pressed.reset();
    const OperatorTarget* target = operator_target_at(m_targets, x, y);
    // A tap counts where it began and ended on the same button (a slip off it cancels).
    if (target && target->action == pressed.action && target->digit == pressed.digit &&
        target->box == pressed.box)
        act(pressed, now_ms);
    return true;
}

bool OperatorView::touch_down(SDL_FingerID finger, float x, float y) {
    for (auto& trail : m_trails)
        if (trail.finger == finger)
            trail.down = false;
    if (m_trails.size() >= kMaxTrails)
        m_trails.erase(m_trails.begin());
    m_trails.push_back(Trail{finger, m_next_number++, true, {{x, y}}});
    m_readout_stale = true;
    return true;
}

bool OperatorView::touch_move(SDL_FingerID finger, float x, float y) {
    for (auto it = m_trails.rbegin(); it != m_trails.rend(); ++it) {
        if (it->finger != finger || !it->down)
            continue;
        SDL_FPoint last = it->points.back();
        if (std::abs(last.x - x) < 1.0f && std::abs(last.y - y) < 1.0f)
            return false;
        if (it->points.size() >= kMaxTrailPoints)
            it->points.erase(it->points.begin(), it->points.begin() + kMaxTrailPoints / 4);
        it->points.push_back({x, y});
        m_readout_stale = true;
        return true;
    }
    return false;
}

bool OperatorView::touch_up(SDL_FingerID finger) {
    bool any = false;
    for (auto& trail : m_trails)
        if (trail.finger == finger && trail.down) {
            trail.down = false;
            any = true;
        }
    m_readout_stale = m_readout_stale || any;
    return any;
}

bool OperatorView::handle(const SDL_Event& event, int w, int h, std::int64_t now_ms) {
    if (!m_open)
        return false;
    if (w != m_w || h != m_h || m_painted != m_version)
        paint(w, h); // hit-test what the page looks like now
    bool touch_test = m_state.page == OperatorPage::TouchTest;
    auto finger_xy = [&](const SDL_TouchFingerEvent& f, float& fx, float& fy) {
        fx = f.x * static_cast<float>(w);
        fy = f.y * static_cast<float>(h);
    };
    // On the touch test, a touch that begins on Back is a press of Back, any other draws a trail.
    auto down = [&](SDL_FingerID id, float x, float y) {
        int ix = static_cast<int>(x), iy = static_cast<int>(y);
        if (touch_test) {
            const OperatorTarget* t = operator_target_at(m_targets, ix, iy);
            if (t && !m_pressed)
                return press(id, ix, iy);
            return touch_down(id, x, y);
        }
        return press(id, ix, iy);
    };
    auto up = [&](SDL_FingerID id, float x, float y) {
        bool changed_view = touch_test && touch_up(id);
        return release(id, static_cast<int>(x), static_cast<int>(y), now_ms) || changed_view;
    };
    float x = 0, y = 0;
    bool result = false;
    switch (event.type) {
    case SDL_FINGERDOWN:
        finger_xy(event.tfinger, x, y);
        result = down(event.tfinger.fingerId, x, y);
        break;
    case SDL_FINGERMOTION:
        finger_xy(event.tfinger, x, y);
        result = touch_test && touch_move(event.tfinger.fingerId, x, y);
        break;
    case SDL_FINGERUP:
        finger_xy(event.tfinger, x, y);
        result = up(event.tfinger.fingerId, x, y);
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT)
            return false; // SDL's copy of a finger, already handled
        result = down(kMouse, static_cast<float>(event.button.x), static_cast<float>(event.button.y));
        break;
    case SDL_MOUSEMOTION:
        if (event.motion.which == SDL_TOUCH_MOUSEID || !(event.motion.state & SDL_BUTTON_LMASK))
            return false;
        result = touch_test &&
                 touch_move(kMouse, static_cast<float>(event.motion.x), static_cast<float>(event.motion.y));
        break;
    case SDL_MOUSEBUTTONUP:
        if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT)
            return false;
        result = up(kMouse, static_cast<float>(event.button.x), static_cast<float>(event.button.y));
        break;
    case SDL_KEYDOWN:
        m_last_input_ms = now_ms;
        if (event.key.repeat)
            return false; // a key held down types its digit once
        return key(event.key.keysym.sym, now_ms);
    default:
        return false;
    }
    m_last_input_ms = now_ms;
    return result;
}

void OperatorView::paint(int w, int h) {
    w = std::max(1, w);
    h = std::max(1, h);
    if (!m_canvas || m_canvas->width() != w || m_canvas->height() != h) {
        auto canvas = Canvas::create(w, h);
        if (!canvas) {
            log_error("operator screen: cannot paint: " + canvas.error().message);
            return;
        }
        m_canvas = std::move(canvas.value());
    }
    if (w != m_w || h != m_h)
        m_readout_stale = true;
    m_w = w;
    m_h = h;
    m_targets = m_painter.paint(*m_canvas, m_state);
    m_painted = m_version;
    m_pressed.reset();
}

std::vector<TouchPoint> OperatorView::touch_points() const {
    std::vector<TouchPoint> out;
    for (const auto& trail : m_trails)
        if (trail.down)
            out.push_back({trail.number, static_cast<int>(trail.points.back().x),
                           static_cast<int>(trail.points.back().y), true});
    if (out.empty() && !m_trails.empty()) {
        const Trail& last = m_trails.back();
        out.push_back({last.number, static_cast<int>(last.points.back().x),
                       static_cast<int>(last.points.back().y), false});
    }
    return out;
}

void OperatorView::draw_touches(SDL_Renderer* renderer, int w, int h) {
    float r = static_cast<float>(m_painter.touch_dot_radius(w, h));
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    for (const auto& trail : m_trails) {
        SDL_Color c = touch_colour(trail.number);
        SDL_Color faded{c.r, c.g, c.b, static_cast<Uint8>(trail.down ? 220 : 120)};
        draw_trail(renderer, trail.points, std::max(2.0f, r / 3), faded);
        SDL_FPoint at = trail.points.back();
        if (trail.down) {
            // A crosshair through the finger shows how far off the reading is from where it touched.
            SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, 110);
            SDL_RenderDrawLineF(renderer, 0, at.y, static_cast<float>(w), at.y);
            SDL_RenderDrawLineF(renderer, at.x, 0, at.x, static_cast<float>(h));
            fill_disc(renderer, at.x, at.y, r, c);
        } else {
            fill_disc(renderer, at.x, at.y, r * 0.5f, faded);
        }
    }
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);

    Box box = m_painter.touch_readout_box(w, h);
    if (m_readout_stale || !m_readout || !(box == m_readout_box)) {
        auto canvas = Canvas::create(std::max(1, box.w), std::max(1, box.h));
        if (canvas) {
            m_painter.paint_touch_readout(*canvas, touch_points(), w, h);
            m_readout = upload(renderer, *canvas, true);
        }
        m_readout_box = box;
        m_readout_stale = false;
    }
    if (m_readout) {
        SDL_Rect dst{box.x, box.y, box.w, box.h};
        SDL_RenderCopy(renderer, m_readout.get(), nullptr, &dst);
    }
}

void OperatorView::draw(SDL_Renderer* renderer, int w, int h, std::int64_t now_ms) {
    (void)now_ms;
    if (!m_open)
        return;
    if (w != m_w || h != m_h || m_painted != m_version || !m_canvas)
        paint(w, h);
    if (!m_canvas)
        return;
    if (!m_texture || m_uploaded != m_painted) {
        m_texture = upload(renderer, *m_canvas, true);
        m_uploaded = m_painted;
    }
    if (m_texture)
        SDL_RenderCopy(renderer, m_texture.get(), nullptr, nullptr);
    if (m_pressed && m_state.page != OperatorPage::TestPattern) {
        // The button under the finger lights up until it is let go.
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(renderer, 255, 255, 255, 60);
        SDL_Rect lit{m_pressed->box.x, m_pressed->box.y, m_pressed->box.w, m_pressed->box.h};
        SDL_RenderFillRect(renderer, &lit);
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
    }
    if (m_state.page == OperatorPage::TouchTest)
        draw_touches(renderer, w, h);
}

} // namespace kiosk
