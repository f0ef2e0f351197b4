// Noticing sticks as they are mounted: real-looking mountinfo tables fed to the watcher one after another.
#include "platform/linux/stick_watcher.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace kiosk::platform;
using test_support::TempDir;

namespace {

// The root file system, /proc, a tmpfs, the EFI partition: never sticks.
const std::string kSystem =
    "22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw,errors=remount-ro\n"
    "23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n"
    "26 22 0:24 / /run rw,nosuid,nodev,noexec,relatime shared:5 - tmpfs tmpfs rw,size=397664k,mode=755\n"
    "31 22 8:1 / /boot/efi rw,relatime shared:26 - vfat /dev/sda1 rw,fmask=0077,dmask=0077,codepage=437\n"
    "124 22 0:50 / /media/ramdisk rw,relatime shared:68 - tmpfs tmpfs rw,size=1024k\n";
// A vfat stick as udisks2 mounts it for the desktop user.
const std::string kStick =
    "130 22 8:17 / /media/kiosk/STICK rw,nosuid,nodev,relatime shared:64 - vfat /dev/sdb1 "
    "rw,uid=1000,gid=1000,fmask=0022,dmask=0022,codepage=437,iocharset=utf8,shortname=mixed,errors=remount-ro\n";
// A write-protected stick: the kernel mounts it read-only.
const std::string kReadOnly =
    "131 22 8:33 / /media/kiosk/TINH\\040HA\\040TINH ro,nosuid,nodev,relatime shared:65 - exfat /dev/sdc1 "
    "ro,uid=1000,gid=1000,fmask=0022,dmask=0022,iocharset=utf8\n";
// A stick hidden by a later mount on the same point.
const std::string kHidden =
    "132 22 8:49 / /media/kiosk/OLD rw,nosuid,nodev,relatime shared:66 - vfat /dev/sdd1 rw\n"
    "133 22 0:51 / /media/kiosk/OLD rw,relatime shared:67 - tmpfs tmpfs rw\n";

std::vector<std::string> points(const std::vector<Mount>& mounts) {
    std::vector<std::string> out;
    for (const auto& m : mounts)
        out.push_back(m.mount_point.string());
    return out;
}

} // namespace

TEST_CASE("the watcher reports stick mounts as they appear, and each only once", "[usb]") {
    StickWatcher watcher("/media");
    CHECK(watcher.update(kSystem).empty());
    CHECK(watcher.update(kSystem).empty());

    auto table = kSystem + kStick + kReadOnly + kHidden;
    auto appeared = watcher.update(table);
    CHECK(points(appeared) == std::vector<std::string>{"/media/kiosk/STICK", "/media/kiosk/TINH HA TINH"});
    CHECK(appeared[1].read_only);
    CHECK(appeared[0].device == "8:17");
    CHECK(watcher.update(table).empty()); // the same table again: nothing new

    // The read-only stick is pulled out; STICK stays: nothing new.
    CHECK(watcher.update(kSystem + kStick + kHidden).empty());
    // STICK is pulled out and plugged in again: a new mount id, reported again.
    CHECK(watcher.update(kSystem + kHidden).empty());
    auto replugged = kStick;
    replugged.replace(0, 3, "140");
    auto again = watcher.update(kSystem + replugged + kHidden);
    REQUIRE(again.size() == 1);
    CHECK(again[0].mount_id == 140);
    CHECK(again[0].mount_point == "/media/kiosk/STICK");
}

TEST_CASE("a stick handled before a restart is not handled again, a re-plugged one is", "[usb]") {
    TempDir dir;
    auto handled = dir / "usb-handled";
    auto table = kSystem + kStick;
    {
        StickWatcher first("/media", handled);
        auto appeared = first.update(table);
        REQUIRE(appeared.size() == 1);
        CHECK_FALSE(first.was_handled(appeared[0], "files A"));
        first.mark_handled(appeared[0], "files A");
        CHECK(first.was_handled(appeared[0], "files A"));
    }
    // The kiosk restarts with the stick still in: the watcher reports it (it was there at start), and
    // the record says it was handled with the same files.
    StickWatcher second("/media", handled);
    auto at_start = second.update(table);
    REQUIRE(at_start.size() == 1);
    CHECK(second.present_at_start(at_start[0]));
    CHECK(second.was_handled(at_start[0], "files A"));
    CHECK_FALSE(second.was_handled(at_start[0], "files B")); // its files changed meanwhile: handled again

    // Re-plugged: a new mount id, not handled yet.
    auto replugged = kStick;
    replugged.replace(0, 3, "141");
    second.update(kSystem);
    auto again = second.update(kSystem + replugged);
    REQUIRE(again.size() == 1);
    CHECK_FALSE(second.present_at_start(again[0]));
    CHECK_FALSE(second.was_handled(again[0], "files A"));
    // Re-plugged with the mount id it had (Linux reuses the lowest free id): not present at start, so the
    // record of an earlier run does not apply to it.
    second.update(kSystem);
    auto same_id = second.update(table);
    REQUIRE(same_id.size() == 1);
    CHECK_FALSE(second.present_at_start(same_id[0]));

    // Sticks under another root are not watched.
    StickWatcher elsewhere("/run/media", handled);
    CHECK(elsewhere.update(table).empty());
}
