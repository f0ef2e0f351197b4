// Display power: the on-hours schedule, and a real command run without a shell on a worker thread.
#include "base/log.hpp"
#include "platform/display_power.hpp"
#include "platform/linux/display_power_command.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <thread>

using namespace kiosk;
using namespace kiosk::platform;
using namespace test_support;
using namespace std::chrono_literals;

namespace {

// A command that appends its arguments to a file, after an optional delay.
fs::path write_recorder(const TempDir& dir, const std::string& delay = "0") {
    fs::path script = dir / "display-power";
    write_text(script, "#!/bin/sh\nsleep " + delay + "\necho \"$*\" >> '" + (dir / "calls").string() + "'\n");
    fs::permissions(script, fs::perms::owner_all);
    return script;
}

std::string calls(const TempDir& dir) {
    return fs::exists(dir / "calls") ? read_text(dir / "calls") : "";
}

int count_lines_containing(const std::string& text) {
    auto lines = recent_log_lines();
    return static_cast<int>(std::count_if(lines.begin(), lines.end(), [&](const LogLine& l) {
        return l.message.find(text) != std::string::npos;
    }));
}

} // namespace

TEST_CASE("the screen is on in its hours and always without any", "[operator][display_power]") {
    CHECK(display_should_be_on({}, 3 * 60));
    auto hours = parse_hours("06:00-22:00");
    REQUIRE(hours.ok());
    CHECK_FALSE(display_should_be_on(*hours, 3 * 60));
    CHECK(display_should_be_on(*hours, 12 * 60));
    auto night_shift = parse_hours("18:00-07:00");
    REQUIRE(night_shift.ok());
    CHECK(display_should_be_on(*night_shift, 2 * 60));
    CHECK_FALSE(display_should_be_on(*night_shift, 12 * 60));

    // What the frame loop does once a minute, with the fake.
    FakeDisplayPower fake;
    for (int minute : {5 * 60, 6 * 60, 21 * 60})
        fake.set(display_should_be_on(*hours, minute));
    CHECK(fake.calls == std::vector<bool>{false, true, true});
    CHECK(fake.last() == true);
}

TEST_CASE("the display command runs with on or off only when the state changes",
          "[operator][display_power]") {
    TempDir dir;
    CommandDisplayPower power(write_recorder(dir).string() + " --output  HDMI-1");
    power.set(false);
    REQUIRE(power.wait_idle(10s));
    power.set(false);
    power.set(false);
    REQUIRE(power.wait_idle(10s));
    power.set(true);
    REQUIRE(power.wait_idle(10s));
    power.set(true);
    REQUIRE(power.wait_idle(10s));
    CHECK(calls(dir) == "--output HDMI-1 off\n--output HDMI-1 on\n");
    CHECK(split_command("  /usr/bin/xset  dpms force ") ==
          std::vector<std::string>{"/usr/bin/xset", "dpms", "force"});
}

TEST_CASE("a slow display command does not hold up the caller and its last state wins",
          "[operator][display_power]") {
    TempDir dir;
    CommandDisplayPower power(write_recorder(dir, "0.5").string());
    power.set(false);
    std::this_thread::sleep_for(100ms); // the command is now running (it takes half a second)
    auto start = std::chrono::steady_clock::now();
    power.set(true); // not lost: run when the first run ends
    power.set(false);
    power.set(true);
    CHECK(std::chrono::steady_clock::now() - start < 50ms);
    REQUIRE(power.wait_idle(10s));
    // The first run was for "off"; by the time it ended, "on" was wanted.
    CHECK(calls(dir) == "off\non\n");
}

TEST_CASE("a failing display command is logged once with what to check", "[operator][display_power]") {
    TempDir dir;
    std::string missing = (dir / "no-such-command").string();
    {
        CommandDisplayPower power(missing);
        for (bool on : {false, true, false, true}) {
            power.set(on);
            REQUIRE(power.wait_idle(10s));
        }
    }
    CHECK(count_lines_containing(missing) == 1);
    auto lines = recent_errors(1);
    REQUIRE_FALSE(lines.empty());
    CHECK_THAT(lines.back().message, Catch::Contains("display_power_command"));
    CHECK_THAT(lines.back().message, Catch::Contains("could not be started"));

    // A command that fails, then works again.
    fs::path flaky = dir / "flaky";
    write_text(flaky, "#!/bin/sh\n[ -e '" + (dir / "fixed").string() + "' ]\n");
    fs::permissions(flaky, fs::perms::owner_all);
    CommandDisplayPower power(flaky.string());
    power.set(false);
    REQUIRE(power.wait_idle(10s));
    power.set(true);
    REQUIRE(power.wait_idle(10s));
    CHECK(count_lines_containing(flaky.string() + " off' exited with status 1") == 1);
    CHECK(count_lines_containing(flaky.string() + " on' exited with status 1") == 0);
    write_text(dir / "fixed", "");
    power.set(false);
    REQUIRE(power.wait_idle(10s));
    CHECK(count_lines_containing("works again ('" + flaky.string() + " off')") == 1);
}

TEST_CASE("a hung display command is stopped after its timeout", "[operator][display_power]") {
    TempDir dir;
    fs::path hang = dir / "hang";
    write_text(hang, "#!/bin/sh\nexec sleep 30\n");
    fs::permissions(hang, fs::perms::owner_all);
    auto start = std::chrono::steady_clock::now();
    {
        CommandDisplayPower power(hang.string(), 300ms);
        power.set(true);
        REQUIRE(power.wait_idle(10s));
        CHECK(count_lines_containing("did not finish within 300 ms") == 1);
        power.set(false); // still hanging when the kiosk shuts down: the destructor stops it
    }
    CHECK(std::chrono::steady_clock::now() - start < 5s);
}
