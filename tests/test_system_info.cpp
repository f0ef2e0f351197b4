// Machine facts for the operator screen, read from this machine's real /proc and file systems.
#include "platform/linux/system_info.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

using namespace kiosk;
using namespace kiosk::platform;
using namespace test_support;

TEST_CASE("machine and process uptimes come from /proc", "[operator][system_info]") {
    auto machine = machine_uptime_seconds();
    REQUIRE(machine.ok());
    CHECK(*machine > 0);
    auto process = process_uptime_seconds();
    REQUIRE(process.ok());
    CHECK(*process >= 0);
    CHECK(*process <= *machine + 1);
    // This test process started moments ago, not at boot (unless the machine booted moments ago too).
    CHECK(*process < 24 * 3600);
}

TEST_CASE("uptime and stat lines are parsed as the kernel writes them", "[operator][system_info]") {
    auto uptime = parse_proc_uptime("35188.52 68013.22\n");
    REQUIRE(uptime.ok());
    CHECK(*uptime == Approx(35188.52));
    CHECK_FALSE(parse_proc_uptime("").ok());
    CHECK_FALSE(parse_proc_uptime("abc 1.0").ok());
    CHECK_FALSE(parse_proc_uptime("-3 1.0").ok());

    // A command name with spaces and a ") " inside must not shift the fields.
    std::string stat =
        "4242 (kiosk) weird) S 1 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 987654 1000 10";
    auto ticks = parse_stat_start_ticks(stat);
    REQUIRE(ticks.ok());
    CHECK(*ticks == 987654);
    CHECK_FALSE(parse_stat_start_ticks("4242 (kiosk) S 1 2 3").ok());
    CHECK_FALSE(parse_stat_start_ticks("no name here").ok());
}

TEST_CASE("boot id and host name are this machine's", "[operator][system_info]") {
    auto id = boot_id();
    REQUIRE(id.ok());
    CHECK(id->size() == 36);
    CHECK((*id)[8] == '-');
    CHECK(*boot_id() == *id); // the same for the whole boot
    auto name = host_name();
    REQUIRE(name.ok());
    char expected[256] = {};
    ::gethostname(expected, sizeof expected - 1);
    CHECK(*name == expected);
}

TEST_CASE("disk space is reported for the file system holding a path", "[operator][system_info]") {
    TempDir dir;
    auto space = disk_space(dir.path());
    REQUIRE(space.ok());
    CHECK(space->total_bytes > 0);
    CHECK(space->free_bytes <= space->total_bytes);
    auto missing = disk_space(dir / "not-here");
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.error().message, Catch::Contains("not-here"));
}
