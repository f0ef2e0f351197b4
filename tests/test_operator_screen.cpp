// The operator screen as a guard uses it: taps and keys on the PIN pad with a real Argon2id hash and a real
// state file, the menu's roll back and export to a folder standing in for a stick, the tests of the panel,
// golden images of the pages, and finger-sized buttons on every display profile.
#include "app/operator_view.hpp"
#include "base/log.hpp"
#include "operator/usb_export.hpp"
#include "render/operator/operator_painter.hpp"
#include "render/screens/screen_metrics.hpp"
#include "support.hpp"

#include <SDL_image.h>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <thread>

using namespace kiosk;
using namespace test_support;

namespace {

constexpr char kPin[] = "2580";
constexpr std::int64_t kNow = 1715306400; // 2024-05-10 09:00 at the gate (UTC+7)


const std::string& pin_hash() {
    static const std::string hash = [] {
        auto made = hash_pin(kPin);
        REQUIRE(made.ok());
        return *made;
    }();
    return hash;
}

StationFacts na_meo_facts() {
    StationFacts f;
    f.station_id = "na-meo";
    f.pack = PackFacts{"thanh-hoa", 42, "so-tttt-thanh-hoa (Sở TT&TT Thanh Hóa)", kNow - 3 * 86400};
    f.disk = DiskFacts{800000000ull, 32000000000ull}; // nearly full: a warning with advice
    f.machine_uptime_s = 3 * 86400 + 4 * 3600;
    f.kiosk_uptime_s = 5 * 3600 + 12 * 60;
    f.last_sync = kNow - 2 * 3600;
    f.last_errors = {"2024-05-10T01:40:12Z error: film 'films/cua-khau.mp4' skipped: the file is damaged",
                     "2024-05-10T01:52:40Z warn: map 'maps/hoang-sa' tile 3/4/7 could not be read"};
    f.now = kNow;
    return f;
}

PackFacts previous_pack() {
    return PackFacts{"thanh-hoa", 41, "so-tttt-thanh-hoa (Sở TT&TT Thanh Hóa)", kNow - 20 * 86400};
}

SurfacePtr screen_surface(int w, int h) {
    return SurfacePtr(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
}

// An operator view on a software-rendered screen, with a steady clock the test moves.
struct Rig {
    TempDir dir;
    int w, h;
    std::int64_t now = 5000000;
    int roll_backs = 0;
    std::string mountinfo;
    std::unique_ptr<OperatorView> view;
    SurfacePtr pixels;
    RendererPtr renderer;

    explicit Rig(int w_ = 1080, int h_ = 1920, std::string hash = pin_hash()) : w(w_), h(h_) {
        fs::create_directories(dir / "media");
        pixels = screen_surface(w, h);
        renderer.reset(SDL_CreateSoftwareRenderer(pixels.get()));
        REQUIRE(renderer);
        make_view(std::move(hash));
    }

    void make_view(std::string hash) {
        OperatorServices s;
        s.facts = [] { return na_meo_facts(); };
        s.roll_back = [this]() -> Result<std::string> {
            ++roll_backs;
            return std::string("Đã quay về gói thanh-hoa v41. / Rolled back to pack thanh-hoa v41.");
        };
        s.export_contents = [] {
            ExportContents c;
            c.station_id = "na-meo";
            c.time = kNow;
            c.status_lines = status_text(status_lines(na_meo_facts()));
            c.log_lines = {"2024-05-10T01:58:00Z info: pack thanh-hoa v42 active"};
            c.write_telemetry = [](const fs::path& file) -> Status {
                auto r = run("sqlite3 " + quote(file) +
                             " \"CREATE TABLE events(at INTEGER); INSERT INTO events "
                             "VALUES (1715300000);\"");
                if (r.status != 0)
                    return make_error(ErrorCode::Io, "sqlite3 failed: " + r.output);
                return {};
            };
            return c;
        };
        s.usb_root = dir / "media";
        s.pin_state = dir / "operator-pin.state";
        s.pin_hash = std::move(hash);
        s.previous_pack = [] { return std::optional<PackFacts>(previous_pack()); };
        s.mountinfo = [this]() -> Result<std::string> { return mountinfo; };
        view = std::make_unique<OperatorView>(shared_text_engine(), std::move(s), 43.0f);
    }

    void frame() {
        view->update(now);
        SDL_SetRenderDrawColor(renderer.get(), 0, 0, 0, 255);
        SDL_RenderClear(renderer.get());
        view->draw(renderer.get(), w, h, now);
        SDL_RenderPresent(renderer.get());
    }
    // Lets the PIN check or the export finish, as frames pass.
    void settle() {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (view->busy() && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            view->update(now);
        }
        REQUIRE_FALSE(view->busy());
        frame();
    }
    bool send(const SDL_Event& e) { return view->handle(e, w, h, now); }
    void tap_at(int x, int y) {
        SDL_Event e{};
        e.type = SDL_FINGERDOWN;
        e.tfinger.fingerId = 7;
        e.tfinger.x = static_cast<float>(x) / w;
        e.tfinger.y = static_cast<float>(y) / h;
        send(e);
        e.type = SDL_FINGERUP;
        send(e);
        now += 150;
        frame();
    }
    const OperatorTarget* find(OperatorAction action, int digit = 0) const {
        for (const auto& t : view->targets())
            if (t.action == action && (action != OperatorAction::Digit || t.digit == digit))
                return &t;
        return nullptr;
    }
    bool has(OperatorAction action) const { return find(action) != nullptr; }
    void tap(OperatorAction action, int digit = 0) {
        frame();
        const OperatorTarget* t = find(action, digit);
        INFO("no button for " << operator_action_name(action) << " " << digit);
        REQUIRE(t);
        tap_at(t->box.x + t->box.w / 2, t->box.y + t->box.h / 2);
    }
    void type_on_keypad(std::string_view digits) {
        for (char d : digits)
            tap(OperatorAction::Digit, d - '0');
    }
    void press_key(SDL_Keycode key) {
        SDL_Event e{};
        e.type = SDL_KEYDOWN;
        e.key.keysym.sym = key;
        send(e);
        now += 100;
        frame();
    }
    void open() {
        view->open(now);
        frame();
    }
    void log_in() {
        open();
        type_on_keypad(kPin);
        tap(OperatorAction::Enter);
        settle();
        REQUIRE(view->page() == OperatorPage::Menu);
    }
    void save(const fs::path& file) { REQUIRE(IMG_SavePNG(pixels.get(), file.c_str()) == 0); }
};

std::string mountinfo_line(int id, const fs::path& point, const char* fs_type = "vfat") {
    std::string escaped;
    for (char c : point.string())
        escaped += c == ' ' ? std::string("\\040") : std::string(1, c);
    return std::to_string(id) + " 22 8:" + std::to_string(id) + " / " + escaped +
           " rw,nosuid,nodev,relatime shared:64 - " + fs_type +
           " /dev/sdb1 rw,uid=1000,gid=1000,fmask=0022\n";
}

const char kSystemMounts[] = "22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw,errors=remount-ro\n"
                             "23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n";

Uint32 pixel(SDL_Surface* s, int x, int y) {
    return static_cast<const Uint32*>(s->pixels)[static_cast<std::ptrdiff_t>(y) * s->pitch / 4 + x];
}

Uint32 argb(SDL_Color c) {
    return 0xFF000000u | static_cast<Uint32>(c.r) << 16 | static_cast<Uint32>(c.g) << 8 | c.b;
}

} // namespace

TEST_CASE("a wrong PIN says how many tries are left and the third starts a wait", "[operator-screen]") {
    Rig rig;
    rig.open();
    CHECK(rig.view->page() == OperatorPage::Pin);
    CHECK_FALSE(rig.has(OperatorAction::Enter)); // OK waits for four digits

    rig.type_on_keypad("1111");
    CHECK(rig.view->state().digits == 4);
    rig.tap(OperatorAction::Enter);
    CHECK(rig.view->state().checking); // the check runs on a worker; the screen says so
    CHECK_THAT(rig.view->state().message, Catch::Contains("Checking"));
    rig.settle();
    CHECK(rig.view->page() == OperatorPage::Pin);
    CHECK_THAT(rig.view->state().message, Catch::Contains("Còn 2 lần thử"));
    CHECK_THAT(rig.view->state().message, Catch::Contains("2 more tries"));

    rig.type_on_keypad("1112");
    rig.tap(OperatorAction::Delete);
    rig.type_on_keypad("3");
    rig.tap(OperatorAction::Enter);
    rig.settle();
    CHECK_THAT(rig.view->state().message, Catch::Contains("1 more try"));

    rig.type_on_keypad("9999");
    rig.tap(OperatorAction::Enter);
    rig.settle();
    CHECK_THAT(rig.view->state().message, Catch::Contains("Wait 30 s"));
    CHECK_THAT(rig.view->state().message, Catch::Contains("Hãy chờ 30 giây"));
    CHECK_FALSE(rig.view->state().keys_enabled);
    CHECK_FALSE(rig.has(OperatorAction::Digit)); // the keypad is greyed out
    CHECK(rig.has(OperatorAction::Cancel));
    // Keys do nothing during the wait, and the right PIN is not even checked.
    rig.press_key(SDLK_2);
    CHECK(rig.view->state().digits == 0);

    // The countdown moves on by itself.
    rig.now += 10000;
    CHECK(rig.view->update(rig.now));
    CHECK_THAT(rig.view->state().message, Catch::Contains("Wait 20 s"));

    // A restart of the kiosk does not forget the wait.
    rig.make_view(pin_hash());
    rig.open();
    CHECK_FALSE(rig.view->state().keys_enabled);
    CHECK_THAT(rig.view->state().message, Catch::Contains("Too many wrong PINs"));

    rig.now += 21000;
    CHECK(rig.view->update(rig.now));
    CHECK(rig.view->state().keys_enabled);
    rig.frame();
    rig.type_on_keypad(kPin);
    rig.tap(OperatorAction::Enter);
    rig.settle();
    CHECK(rig.view->page() == OperatorPage::Menu);
}

TEST_CASE("the right PIN typed on a keyboard opens the menu with the station status", "[operator-screen]") {
    Rig rig(1920, 1080);
    rig.open();
    rig.press_key(SDLK_2);
    rig.press_key(SDLK_KP_5);
    rig.press_key(SDLK_8);
    rig.press_key(SDLK_9);
    rig.press_key(SDLK_BACKSPACE);
    rig.press_key(SDLK_0);
    CHECK(rig.view->state().digits == 4);
    rig.press_key(SDLK_RETURN);
    rig.settle();
    REQUIRE(rig.view->page() == OperatorPage::Menu);
    const auto& status = rig.view->state().status;
    REQUIRE_FALSE(status.empty());
    CHECK(status.front().label_en == "Station");
    CHECK(status.front().value == "na-meo");
    for (auto action : {OperatorAction::TestPattern, OperatorAction::TouchTest, OperatorAction::RollBack,
                        OperatorAction::Export, OperatorAction::Close})
        CHECK(rig.has(action));
    CHECK_FALSE(rig.view->wants_exit());
    rig.press_key(SDLK_ESCAPE);
    CHECK(rig.view->wants_exit());
}

TEST_CASE("roll back asks first and then calls the player", "[operator-screen]") {
    StationZone zone;
    Rig rig;
    rig.log_in();
    rig.tap(OperatorAction::RollBack);
    REQUIRE(rig.view->page() == OperatorPage::ConfirmRollBack);
    CHECK(rig.view->state().previous_pack->version == 41);
    CHECK(rig.roll_backs == 0);
    rig.tap(OperatorAction::Back); // Cancel
    CHECK(rig.view->page() == OperatorPage::Menu);
    CHECK(rig.roll_backs == 0);

    rig.tap(OperatorAction::RollBack);
    rig.tap(OperatorAction::ConfirmRollBack);
    CHECK(rig.roll_backs == 1);
    REQUIRE(rig.view->page() == OperatorPage::Result);
    CHECK(rig.view->state().tone == Tone::Good);
    CHECK_THAT(rig.view->state().message, Catch::Contains("Rolled back to pack thanh-hoa v41"));
    rig.tap(OperatorAction::Back); // OK
    CHECK(rig.view->page() == OperatorPage::Menu);
}

TEST_CASE("export writes the bundle to the stick found in the mount table", "[operator-screen]") {
    StationZone zone;
    Rig rig;
    fs::path stick = rig.dir / "media" / "TINH THANH HOA";
    fs::create_directories(stick);
    rig.log_in();

    SECTION("one stick") {
        rig.mountinfo = std::string(kSystemMounts) + mountinfo_line(120, stick);
        rig.tap(OperatorAction::Export);
        CHECK(rig.view->page() == OperatorPage::Result);
        rig.settle();
        REQUIRE(rig.view->state().tone == Tone::Good);
        fs::path folder = stick / "kiosk-export-na-meo-20240510-090000";
        for (const char* name : {"README.txt", "log.txt", "status.txt", "telemetry.sqlite"})
            CHECK(fs::is_regular_file(folder / name));
        CHECK_THAT(read_text(folder / "status.txt"), Catch::Contains("Station: na-meo"));
        CHECK_THAT(rig.view->state().message, Catch::Contains("\"TINH THANH HOA\""));
        CHECK_THAT(rig.view->state().message, Catch::Contains("kiosk-export-na-meo-20240510-090000"));
        rig.tap(OperatorAction::Back);
        CHECK(rig.view->page() == OperatorPage::Menu);
    }
    SECTION("two sticks: the first one and the message says which") {
        fs::path other = rig.dir / "media" / "BACKUP";
        fs::create_directories(other);
        rig.mountinfo =
            std::string(kSystemMounts) + mountinfo_line(120, stick) + mountinfo_line(121, other, "exfat");
        rig.tap(OperatorAction::Export);
        rig.settle();
        REQUIRE(rig.view->state().tone == Tone::Good);
        CHECK(fs::exists(stick / "kiosk-export-na-meo-20240510-090000"));
        CHECK(fs::is_empty(other));
        CHECK_THAT(rig.view->state().message, Catch::Contains("2 sticks are plugged in"));
    }
    SECTION("no stick") {
        rig.mountinfo = kSystemMounts;
        rig.tap(OperatorAction::Export);
        rig.settle();
        CHECK(rig.view->state().tone == Tone::Bad);
        CHECK_THAT(rig.view->state().message, Catch::Contains("Không tìm thấy USB"));
        CHECK_THAT(rig.view->state().message, Catch::Contains("No USB stick found"));
        CHECK(fs::is_empty(stick));
    }
}

TEST_CASE("export_to_stick picks the first writable stick under the root", "[operator-screen]") {
    StationZone zone;
    TempDir dir;
    fs::path a = dir / "media/A", b = dir / "media/B";
    fs::create_directories(a);
    fs::create_directories(b);
    ExportContents contents;
    contents.station_id = "cau-treo";
    contents.time = kNow;
    std::string table = std::string(kSystemMounts) + mountinfo_line(130, a) + mountinfo_line(131, b);
    auto done = export_to_stick(table, dir / "media", contents);
    REQUIRE(done.ok());
    CHECK(done->stick == a);
    CHECK(done->sticks_found == 2);
    CHECK(fs::is_directory(done->folder));
    CHECK(done->folder.parent_path() == a);
    CHECK(stick_name("/media/kiosk/TINH THANH HOA/") == "TINH THANH HOA");

    auto none = export_to_stick(std::string(kSystemMounts), dir / "media", contents);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == ErrorCode::NotFound);
    CHECK_THAT(none.error().message, Catch::StartsWith("Không tìm thấy USB"));
}

TEST_CASE("cancel and close leave the operator screen", "[operator-screen]") {
    Rig rig(960, 480);
    rig.open();
    rig.type_on_keypad("12");
    rig.tap(OperatorAction::Cancel);
    CHECK(rig.view->wants_exit());
    rig.view->close();
    CHECK_FALSE(rig.view->is_open());

    rig.log_in();
    CHECK_FALSE(rig.view->wants_exit());
    rig.tap(OperatorAction::Close);
    CHECK(rig.view->wants_exit());
}

TEST_CASE("an operator screen left alone asks to be closed", "[operator-screen]") {
    Rig rig;
    rig.log_in();
    rig.now += OperatorView::kIdleMs - 1000;
    rig.view->update(rig.now);
    CHECK_FALSE(rig.view->wants_exit());
    rig.now += 2000;
    CHECK(rig.view->update(rig.now));
    CHECK(rig.view->wants_exit());
}

TEST_CASE("a station without a PIN says how to set one", "[operator-screen]") {
    Rig rig(1080, 1920, "");
    rig.open();
    CHECK_FALSE(rig.view->state().keys_enabled);
    CHECK_THAT(rig.view->state().message, Catch::Contains("kiosk --hash-pin"));
    CHECK_FALSE(rig.has(OperatorAction::Digit));
    CHECK(rig.has(OperatorAction::Cancel));
}

TEST_CASE("the test pattern marks the panel's edges and a tap anywhere returns", "[operator-screen]") {
    Rig rig(1920, 1080);
    rig.log_in();
    rig.tap(OperatorAction::TestPattern);
    REQUIRE(rig.view->page() == OperatorPage::TestPattern);
    SDL_Surface* s = rig.pixels.get();
    Uint32 mark = argb({255, 40, 40, 255});
    CHECK(pixel(s, 0, 0) == mark);
    CHECK(pixel(s, rig.w - 1, 0) == mark);
    CHECK(pixel(s, 0, rig.h - 1) == mark);
    CHECK(pixel(s, rig.w - 1, rig.h - 1) == mark);
    CHECK(pixel(s, rig.w / 2, 0) == 0xFFFFFFFFu); // the outermost row
    CHECK(pixel(s, rig.w - 1, rig.h / 2) == 0xFFFFFFFFu);
    rig.save(rig.dir / "operator-test-pattern.png");
    rig.tap_at(rig.w / 3, rig.h / 4);
    CHECK(rig.view->page() == OperatorPage::Menu);
}

TEST_CASE("the touch test draws every finger in its own colour", "[operator-screen]") {
    Rig rig;
    rig.log_in();
    rig.tap(OperatorAction::TouchTest);
    REQUIRE(rig.view->page() == OperatorPage::TouchTest);
    auto finger = [&](Uint32 type, SDL_FingerID id, float x, float y) {
        SDL_Event e{};
        e.type = type;
        e.tfinger.fingerId = id;
        e.tfinger.x = x / rig.w;
        e.tfinger.y = y / rig.h;
        return rig.send(e);
    };
    CHECK(finger(SDL_FINGERDOWN, 11, 300, 900));
    CHECK(finger(SDL_FINGERDOWN, 12, 800, 1400));
    for (int i = 1; i <= 10; ++i) {
        finger(SDL_FINGERMOTION, 11, 300.0f + 20 * i, 900.0f + 30 * i);
        finger(SDL_FINGERMOTION, 12, 800.0f - 25 * i, 1400.0f - 10 * i);
    }
    rig.frame();
    CHECK(pixel(rig.pixels.get(), 500, 1200) == argb(touch_colour(1)));
    CHECK(pixel(rig.pixels.get(), 550, 1300) == argb(touch_colour(2)));
    rig.save(rig.dir / "operator-touch-test.png");
    if (const char* keep = std::getenv("KIOSK_KEEP_SCREENSHOTS"))
        fs::copy_file(rig.dir / "operator-touch-test.png", fs::path(keep) / "operator-touch-test.png",
                      fs::copy_options::overwrite_existing);
    finger(SDL_FINGERUP, 11, 500, 1200);
    finger(SDL_FINGERUP, 12, 550, 1300);
    // A touch that begins on Back goes back; the mouse works as a finger.
    rig.frame();
    const OperatorTarget* back = rig.find(OperatorAction::Back);
    REQUIRE(back);
    SDL_Event e{};
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = back->box.x + back->box.w / 2;
    e.button.y = back->box.y + back->box.h / 2;
    rig.send(e);
    e.type = SDL_MOUSEBUTTONUP;
    rig.send(e);
    CHECK(rig.view->page() == OperatorPage::Menu);
}

namespace {

struct Shot {
    const char* name;
    OperatorScreenState state;
};

std::vector<Shot> shots() {
    std::vector<Shot> out;
    OperatorScreenState pin;
    pin.page = OperatorPage::Pin;
    pin.digits = 3;
    pin.message = pin_message({PinAttempt::Outcome::Wrong, 2, 0});
    pin.tone = Tone::Bad;
    out.push_back({"pin", pin});

    OperatorScreenState locked;
    locked.page = OperatorPage::Pin;
    locked.keys_enabled = false;
    locked.message = pin_message({PinAttempt::Outcome::Wrong, 0, 30});
    locked.tone = Tone::Bad;
    out.push_back({"pin-locked", locked});

    OperatorScreenState menu;
    menu.page = OperatorPage::Menu;
    menu.status = status_lines(na_meo_facts());
    out.push_back({"menu", menu});

    OperatorScreenState confirm;
    confirm.page = OperatorPage::ConfirmRollBack;
    confirm.current_pack = na_meo_facts().pack;
    confirm.previous_pack = previous_pack();
    confirm.previous_known = true;
    out.push_back({"confirm", confirm});

    OperatorScreenState result;
    result.page = OperatorPage::Result;
    result.tone = Tone::Bad;
    result.heading_vi = "Chưa xuất được";
    result.heading_en = "The export did not work";
    result.message = no_stick_error("/media").message;
    out.push_back({"result", result});

    OperatorScreenState exporting;
    exporting.page = OperatorPage::Result;
    exporting.tone = Tone::Busy;
    exporting.heading_vi = "Đang xuất ra USB...";
    exporting.heading_en = "Exporting to the USB stick...";
    exporting.message =
        "Đừng rút USB ra cho đến khi xong. / Do not pull the stick out until this is finished.";
    out.push_back({"exporting", exporting});

    OperatorScreenState pattern;
    pattern.page = OperatorPage::TestPattern;
    out.push_back({"test-pattern", pattern});

    OperatorScreenState touch;
    touch.page = OperatorPage::TouchTest;
    out.push_back({"touch", touch});
    return out;
}

} // namespace

TEST_CASE("every operator button is at least 9 mm and on the screen", "[operator-screen]") {
    StationZone zone;
    auto [w, h] =
        GENERATE(std::pair{1080, 1920}, std::pair{1920, 1080}, std::pair{960, 480}, std::pair{1536, 768});
    float inches = GENERATE(43.0f, 32.0f, 55.0f);
    OperatorPainter painter(shared_text_engine(), inches);
    auto canvas = Canvas::create(w, h);
    REQUIRE(canvas.ok());
    int min = ScreenMetrics::of(w, h, inches).min_target_px();
    for (auto& shot : shots()) {
        for (bool enabled : {true, false}) {
            shot.state.keys_enabled = enabled;
            auto targets = painter.paint(*canvas, shot.state);
            INFO(shot.name << " " << w << "x" << h << " " << inches << "\"");
            bool working = shot.state.page == OperatorPage::Result && shot.state.tone == Tone::Busy;
            CHECK(targets.empty() == working); // only an export under way has nothing to press
            for (const auto& t : targets) {
                INFO(operator_action_name(t.action)
                     << " at " << t.box.x << "," << t.box.y << " " << t.box.w << "x" << t.box.h);
                CHECK(t.box.w >= min);
                CHECK(t.box.h >= min);
                CHECK(t.box.x >= 0);
                CHECK(t.box.y >= 0);
                CHECK(t.box.x + t.box.w <= w);
                CHECK(t.box.y + t.box.h <= h);
            }
            // Buttons do not overlap (the test pattern's one target is the whole screen).
            for (std::size_t i = 0; i < targets.size(); ++i)
                for (std::size_t j = i + 1; j < targets.size(); ++j) {
                    const Box &a = targets[i].box, &b = targets[j].box;
                    bool apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
                    CHECK(apart);
                }
        }
    }
}

TEST_CASE("operator pages match their golden images", "[operator-screen]") {
    StationZone zone;
    auto [w, h, profile] = GENERATE(std::tuple{1080, 1920, "portrait"}, std::tuple{1920, 1080, "landscape"},
                                    std::tuple{960, 480, "led-wall"});
    OperatorPainter painter(shared_text_engine(), 43.0f);
    auto canvas = Canvas::create(w, h);
    REQUIRE(canvas.ok());
    TempDir out;
    const char* keep = std::getenv("KIOSK_KEEP_SCREENSHOTS");
    for (const auto& shot : shots()) {
        painter.paint(*canvas, shot.state);
        std::string name = std::string("operator-") + shot.name + "-" + profile;
        auto file = out / (name + ".png");
        REQUIRE(canvas->save_png(file).ok());
        if (keep)
            fs::copy_file(file, fs::path(keep) / (name + ".png"), fs::copy_options::overwrite_existing);
        // Goldens for the pages a guard reads most; the rest are checked by the tests above.
        std::string page = shot.name;
        if (page == "pin" || page == "menu" || (page == "confirm" && std::string(profile) == "landscape"))
            compare_with_golden(name, file);
    }
}
