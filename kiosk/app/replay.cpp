// `kiosk --replay`: a scripted session played through the real main loop on a simulated clock. Taps
// and swipes are pushed as SDL finger or mouse events, so they take the same path as a traveller's.
#include "app/player.hpp"
#include "base/log.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <memory>
#include <set>
#include <thread>

namespace kiosk {

namespace {

constexpr std::int64_t kFrameMs = 16;
constexpr std::int64_t kQuietStepMs = 100; // time steps while nothing moves on screen

void push_finger(Uint32 type, int x, int y, int w, int h) {
    SDL_Event e{};
    e.type = type;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 1;
    e.tfinger.x = static_cast<float>(x) / static_cast<float>(w);
    e.tfinger.y = static_cast<float>(y) / static_cast<float>(h);
    e.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    SDL_PushEvent(&e);
}

void push_finger_id(Uint32 type, SDL_FingerID id, float x, float y, int w, int h) {
    SDL_Event e{};
    e.type = type;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = id;
    e.tfinger.x = x / static_cast<float>(w);
    e.tfinger.y = y / static_cast<float>(h);
    e.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    SDL_PushEvent(&e);
}

void push_wheel(int x, int y, double steps) {
    SDL_Event e{};
    e.type = SDL_MOUSEWHEEL;
    e.wheel.which = 0;
    e.wheel.y = static_cast<Sint32>(std::lround(steps));
    e.wheel.preciseY = static_cast<float>(steps);
    e.wheel.direction = SDL_MOUSEWHEEL_NORMAL;
    e.wheel.mouseX = x;
    e.wheel.mouseY = y;
    SDL_PushEvent(&e);
}

void push_mouse(Uint32 type, int x, int y) {
    SDL_Event e{};
    e.type = type;
    if (type == SDL_MOUSEMOTION) {
        e.motion.x = x;
        e.motion.y = y;
        e.motion.state = SDL_BUTTON_LMASK;
    } else {
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.clicks = 1;
        e.button.x = x;
        e.button.y = y;
    }
    SDL_PushEvent(&e);
}

Status save_screen(SDL_Renderer* renderer, int w, int h, const std::filesystem::path& file) {
    auto canvas = TRY(Canvas::create(w, h));
    SDL_Surface* s = canvas.surface();
    if (SDL_RenderReadPixels(renderer, nullptr, s->format->format, s->pixels, s->pitch) != 0)
        return make_error(ErrorCode::Io, std::string("cannot read the screen back: ") + SDL_GetError());
    return canvas.save_png(file);
}

// Buttons a traveller could not tell apart or reach: pairs that overlap, and any partly off the screen.
int clashes(const std::vector<HitTarget>& targets, int w, int h) {
    int count = 0;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const Box& a = targets[i].box;
        if (a.x < 0 || a.y < 0 || a.x + a.w > w || a.y + a.h > h)
            ++count;
        for (std::size_t j = i + 1; j < targets.size(); ++j) {
            const Box& b = targets[j].box;
            if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
                ++count;
        }
    }
    return count;
}

SDL_Point middle(Box b) {
    return SDL_Point{b.x + b.w / 2, b.y + b.h / 2};
}

} // namespace

Result<SDL_Point> Player::locate(const ReplayTarget& target) const {
    using K = ReplayTarget::Kind;
    Screen shown = screen();
    if (target.kind == K::Media) {
        SDL_Rect area = shown == Screen::Attract ? m_media.area() : m_browse.media_area();
        if (area.w <= 0 || area.h <= 0)
            return make_error(ErrorCode::NotFound, "no map or film is on the screen");
        return SDL_Point{area.x + area.w / 2, area.y + area.h / 2};
    }
    auto targets = m_browse.targets(shown);
    const Catalog* catalog = m_interaction ? &m_interaction->catalog() : nullptr;
    auto matches = [&](const Command& c) {
        switch (target.kind) {
        case K::Home:
            return c.kind == Command::Kind::Home;
        case K::Back:
            return c.kind == Command::Kind::Back;
        case K::Language:
            return target.name.empty() ? c.kind == Command::Kind::ChangeLanguage
                                       : c.kind == Command::Kind::ChooseLanguage && c.text == target.name;
        case K::Item:
            return c.kind == Command::Kind::OpenPage && c.index + 1 == target.index;
        case K::Tile: {
            if (c.kind != Command::Kind::OpenCategory || !catalog || c.index >= catalog->categories.size())
                return false;
            const CatalogCategory& category = catalog->categories[c.index];
            if (category.id == target.name)
                return true;
            const Category* found = pack_of(category.source).content.find_category(category.id);
            if (!found)
                return false;
            return std::any_of(found->label.begin(), found->label.end(),
                               [&](const auto& label) { return label.second == target.name; });
        }
        case K::Point:
        case K::Media:
            return false;
        }
        return false;
    };
    for (auto it = targets.rbegin(); it != targets.rend(); ++it)
        if (matches(it->command))
            return middle(it->box);
    // Say what is there instead, by the names a script can use (a category of one page opens that page at
    // once, so its list, with its items, never shows).
    std::string there;
    std::set<std::string> seen;
    for (const auto& t : targets) {
        std::string name;
        switch (t.command.kind) {
        case Command::Kind::Home:
            name = "home";
            break;
        case Command::Kind::Back:
            name = "back";
            break;
        case Command::Kind::ChangeLanguage:
            name = "language";
            break;
        case Command::Kind::ChooseLanguage:
            name = "language " + t.command.text;
            break;
        case Command::Kind::OpenPage:
            name = "item " + std::to_string(t.command.index + 1);
            break;
        case Command::Kind::OpenCategory:
            if (catalog && t.command.index < catalog->categories.size())
                name = "tile " + catalog->categories[t.command.index].id;
            break;
        default:
            break;
        }
        if (!name.empty() && seen.insert(name).second)
            there += (there.empty() ? "" : ", ") + name;
    }
    return make_error(ErrorCode::NotFound,
                      "there is no '" + target.describe() + "' on the " + screen_name(shown) +
                          " screen shown now (it has: " + (there.empty() ? "nothing to name" : there) +
                          "; a category of one page opens its page at once)");
}

int Player::replay(const PlayerOptions& options, const ReplayScript& script, const std::filesystem::path& dir,
                   SimulatedClock& clock) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        std::fprintf(stderr, "kiosk: cannot create the screenshot folder %s: %s\n", dir.c_str(),
                     ec.message().c_str());
        return 2;
    }
    if (auto started = start(options); !started) {
        std::fprintf(stderr, "kiosk: %s\n", started.error().message.c_str());
        return 2;
    }
    // Every point must be on this screen: a script written for another size is refused, not half played.
    for (const auto& step : script.steps) {
        bool two = step.kind == ReplayStep::Kind::Swipe;
        bool pointed = step.kind != ReplayStep::Kind::Wait && step.kind != ReplayStep::Kind::Screenshot &&
                       step.target.kind == ReplayTarget::Kind::Point;
        if (pointed && (step.x >= m_width || step.y >= m_height ||
                        (two && (step.x2 >= m_width || step.y2 >= m_height)))) {
            std::fprintf(stderr,
                         "kiosk: replay script line %d: '%s' is outside the %dx%d screen (give --size or "
                         "--profile for the screen it was written for)\n",
                         step.line, step.text.c_str(), m_width, m_height);
            return 2;
        }
    }
    // Screenshots of an earlier replay in the same folder would mix with these: they go first.
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        auto name = entry.path().filename().string();
        if (name.size() > 8 && std::isdigit(static_cast<unsigned char>(name[0])) &&
            std::isdigit(static_cast<unsigned char>(name[1])) &&
            std::isdigit(static_cast<unsigned char>(name[2])) && name[3] == '-' &&
            entry.path().extension() == ".png")
            std::filesystem::remove(entry.path(), ec);
    }
    std::optional<int> stopped;
    // Runs frames while simulated time passes: every frame while something moves, else in larger steps.
    auto pass = [&](std::int64_t ms) {
        while (!stopped && ms > 0) {
            std::int64_t step = std::min(ms, busy() ? kFrameMs : kQuietStepMs);
            clock.advance(step);
            ms -= step;
            stopped = turn(options, Waiting::Never);
        }
    };
    // Lets work on other threads (pictures decoding, films opening) finish before a screenshot, without
    // moving the simulated clock, so that screenshots are the same on every run.
    auto settle = [&] {
        m_browse.finish_pictures();
        for (int i = 0; i < 400 && !stopped; ++i) {
            stopped = turn(options, Waiting::Never);
            if (!waiting_for_work())
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        m_loop_state.dirty = true;
        if (!stopped)
            stopped = turn(options, Waiting::Never);
    };
    int shot = 0;
    // Beside the screenshots, steps.tsv says what the state machine shows after each step, so that a test
    // (or an editor) can hold each picture against the screen it should be.
    std::FILE* steps = std::fopen((dir / "steps.tsv").c_str(), "w");
    if (!steps) {
        std::fprintf(stderr, "kiosk: cannot write %s\n", (dir / "steps.tsv").c_str());
        return 2;
    }
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> steps_closer(steps, &std::fclose);
    std::fprintf(steps, "shot\tscreen\tlanguage\tcategory\tpage\tpicture\tclashes\n");
    auto screenshot = [&](const std::string& name) -> bool {
        char prefix[16];
        std::snprintf(prefix, sizeof prefix, "%03d-", shot++);
        auto file = dir / (prefix + name + ".png");
        if (auto saved = save_screen(m_display.renderer.get(), m_width, m_height, file); !saved) {
            std::fprintf(stderr, "kiosk: %s\n", saved.error().message.c_str());
            return false;
        }
        std::printf("%s\n", file.c_str());
        BrowseState state = m_interaction ? m_interaction->state() : BrowseState{};
        std::string category, page;
        if (m_interaction && (state.screen == Screen::Category || state.screen == Screen::Page) &&
            state.category < m_interaction->catalog().categories.size()) {
            const CatalogCategory& c = m_interaction->catalog().categories[state.category];
            category = c.id;
            if (state.screen == Screen::Page && state.page < c.page_ids.size())
                page = c.page_ids[state.page];
        }
        std::fprintf(steps, "%s\t%s\t%s\t%s\t%s\t%zu\t%d\n", file.stem().c_str(),
                     state.still_there ? "still-there" : screen_name(state.screen), state.language.c_str(),
                     category.c_str(), page.c_str(), state.picture,
                     clashes(m_browse.targets(screen()), m_width, m_height));
        std::fflush(steps);
        return true;
    };
    settle();
    if (!screenshot("start"))
        return 1;
    for (const auto& step : script.steps) {
        if (stopped)
            break;
        log_info("replay line " + std::to_string(step.line) + ": " + step.text);
        char next[16];
        std::snprintf(next, sizeof next, "%03d", shot);
        m_text.log_note(std::string(next) + "-" +
                        (step.kind == ReplayStep::Kind::Screenshot ? step.name : step_name(step.kind)) +
                        ": line " + std::to_string(step.line) + ": " + step.text);
        // A named target is looked for on the screen as it is now, so a banner moving a button moves the tap.
        SDL_Point at{step.x, step.y};
        if (step.target.kind != ReplayTarget::Kind::Point) {
            auto found = locate(step.target);
            if (!found) {
                std::fprintf(stderr, "kiosk: replay script line %d: '%s': %s\n", step.line, step.text.c_str(),
                             found.error().message.c_str());
                return 1;
            }
            at = *found;
        }
        switch (step.kind) {
        case ReplayStep::Kind::Tap:
        case ReplayStep::Kind::Hold:
            push_finger(SDL_FINGERDOWN, at.x, at.y, m_width, m_height);
            // A hold lasts its time from the frame that sees the finger down.
            pass(step.kind == ReplayStep::Kind::Tap ? 80 : step.ms + kQuietStepMs);
            push_finger(SDL_FINGERUP, at.x, at.y, m_width, m_height);
            break;
        case ReplayStep::Kind::Click:
            push_mouse(SDL_MOUSEBUTTONDOWN, at.x, at.y);
            pass(80);
            push_mouse(SDL_MOUSEBUTTONUP, at.x, at.y);
            break;
        case ReplayStep::Kind::Pinch: {
            // Two fingers 120 px apart about the point, spread (or closed) to `amount` times that over 300
            // ms.
            const float start = 60.0f, end = static_cast<float>(60.0 * step.amount);
            auto fx = static_cast<float>(at.x), fy = static_cast<float>(at.y);
            push_finger_id(SDL_FINGERDOWN, 1, fx - start, fy, m_width, m_height);
            push_finger_id(SDL_FINGERDOWN, 2, fx + start, fy, m_width, m_height);
            constexpr int kMoves = 18;
            float d = start;
            for (int i = 1; i <= kMoves && !stopped; ++i) {
                d = start + (end - start) * static_cast<float>(i) / kMoves;
                push_finger_id(SDL_FINGERMOTION, 1, std::max(0.0f, fx - d), fy, m_width, m_height);
                push_finger_id(SDL_FINGERMOTION, 2, std::min(static_cast<float>(m_width - 1), fx + d), fy,
                               m_width, m_height);
                clock.advance(kFrameMs);
                stopped = turn(options, Waiting::Never);
            }
            push_finger_id(SDL_FINGERUP, 1, std::max(0.0f, fx - d), fy, m_width, m_height);
            push_finger_id(SDL_FINGERUP, 2, std::min(static_cast<float>(m_width - 1), fx + d), fy, m_width,
                           m_height);
            break;
        }
        case ReplayStep::Kind::Wheel:
            push_wheel(at.x, at.y, step.amount);
            break;
        case ReplayStep::Kind::Swipe: {
            push_finger(SDL_FINGERDOWN, step.x, step.y, m_width, m_height);
            int moves = std::max(1, static_cast<int>(step.ms / kFrameMs));
            for (int i = 1; i <= moves && !stopped; ++i) {
                int x = step.x + (step.x2 - step.x) * i / moves;
                int y = step.y + (step.y2 - step.y) * i / moves;
                push_finger(SDL_FINGERMOTION, x, y, m_width, m_height);
                clock.advance(kFrameMs);
                stopped = turn(options, Waiting::Never);
            }
            push_finger(SDL_FINGERUP, step.x2, step.y2, m_width, m_height);
            break;
        }
        case ReplayStep::Kind::Wait:
            pass(step.ms);
            break;
        case ReplayStep::Kind::Screenshot:
            break;
        }
        pass(kFrameMs); // the frame that shows what the step did
        settle();
        std::string name = step.kind == ReplayStep::Kind::Screenshot ? step.name : step_name(step.kind);
        if (!screenshot(name))
            return 1;
    }
    stop_media();
    return stopped.value_or(0);
}

} // namespace kiosk
