// Finding USB sticks in the mount table: real mountinfo lines as a Debian station with udisks writes them.
#include "platform/linux/removable_media.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace kiosk::platform;

namespace {

// A station's table: system mounts, two sticks under /media/kiosk (one label with spaces and a
// Vietnamese name, one exFAT), a read-only ISO, an NTFS disk through ntfs-3g, a tmpfs under /media,
// a stick mounted read-only by the kernel after errors, and one under /run/media.
const char kMountinfo[] =
    "22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw,errors=remount-ro\n"
    "23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw\n"
    "24 22 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n"
    "25 22 0:5 / /dev rw,nosuid,relatime shared:2 - devtmpfs udev "
    "rw,size=1967448k,nr_inodes=491862,mode=755\n"
    "26 22 0:24 / /run rw,nosuid,nodev,noexec,relatime shared:5 - tmpfs tmpfs rw,size=397664k,mode=755\n"
    "31 22 8:1 / /boot/efi rw,relatime shared:26 - vfat /dev/sda1 rw,fmask=0077,dmask=0077,codepage=437\n"
    "120 22 8:17 / /media/kiosk/TINH\\040THANH\\040HOA rw,nosuid,nodev,relatime shared:64 - vfat /dev/sdb1 "
    "rw,uid=1000,gid=1000,fmask=0022,dmask=0022,codepage=437,iocharset=utf8,shortname=mixed,errors=remount-"
    "ro\n"
    "121 22 8:33 / /media/kiosk/S\\303\\242n\\040bay rw,nosuid,nodev,relatime shared:65 - exfat /dev/sdc1 "
    "rw,uid=1000,gid=1000,fmask=0022,dmask=0022,iocharset=utf8,errors=remount-ro\n"
    "122 22 11:0 / /media/kiosk/Debian\\04012.5.0\\040amd64\\040n ro,nosuid,nodev,relatime shared:66 - "
    "iso9660 "
    "/dev/sr0 ro,nojoliet,check=s,map=n,blocksize=2048,iocharset=utf8\n"
    "123 22 8:49 / /media/kiosk/BACKUP rw,nosuid,nodev,relatime shared:67 - fuseblk /dev/sdd1 "
    "rw,user_id=0,group_id=0,default_permissions,allow_other,blksize=4096\n"
    "124 22 0:50 / /media/ramdisk rw,relatime shared:68 - tmpfs tmpfs rw,size=1024k\n"
    "125 22 8:65 / /media/kiosk/BROKEN rw,nosuid,nodev,relatime shared:69 - vfat /dev/sde1 ro,fmask=0022\n"
    "126 26 8:81 / /run/media/guard/USB\\134DISK rw,nosuid,nodev,relatime shared:70 - ntfs3 /dev/sdf1 "
    "rw,uid=1000,gid=1000,iocharset=utf8\n"
    "127 22 8:97 / /mediaX/other rw,relatime - vfat /dev/sdg1 rw\n";

std::vector<std::string> points(const std::vector<Mount>& mounts) {
    std::vector<std::string> out;
    for (const auto& m : mounts)
        out.push_back(m.mount_point.string());
    return out;
}

} // namespace

TEST_CASE("mountinfo lines are parsed field by field", "[operator][removable_media]") {
    auto mounts = parse_mountinfo(kMountinfo);
    REQUIRE(mounts.size() == 14);
    const Mount& root = mounts[0];
    CHECK(root.mount_id == 22);
    CHECK(root.parent_id == 1);
    CHECK(root.device == "8:2");
    CHECK(root.root == "/");
    CHECK(root.mount_point == "/");
    CHECK(root.fs_type == "ext4");
    CHECK(root.source == "/dev/sda2");
    CHECK(root.optional_fields == std::vector<std::string>{"shared:1"});
    CHECK(root.super_options == std::vector<std::string>{"rw", "errors=remount-ro"});
    CHECK_FALSE(root.read_only);

    const Mount& stick = mounts[6];
    CHECK(stick.mount_point == "/media/kiosk/TINH THANH HOA");
    CHECK(stick.fs_type == "vfat");
    CHECK(stick.mount_options == std::vector<std::string>{"rw", "nosuid", "nodev", "relatime"});
    // Octal escapes hold UTF-8 bytes too: "Sân bay".
    CHECK(mounts[7].mount_point == "/media/kiosk/S\xc3\xa2n bay");
    CHECK(mounts[8].read_only);
    CHECK(mounts[8].fs_type == "iso9660");
    CHECK(mounts[11].read_only); // ro in the super options only: remounted read-only after errors
    CHECK(mounts[12].mount_point == "/run/media/guard/USB\\DISK");
    // The last line has no optional fields.
    CHECK(mounts[13].optional_fields.empty());
    CHECK(mounts[13].fs_type == "vfat");
}

TEST_CASE("the writable sticks under a root are found", "[operator][removable_media]") {
    CHECK(points(removable_mounts(kMountinfo, "/media")) ==
          std::vector<std::string>{"/media/kiosk/TINH THANH HOA", "/media/kiosk/S\xc3\xa2n bay",
                                   "/media/kiosk/BACKUP"});
    CHECK(points(removable_mounts(kMountinfo, "/media/")) == points(removable_mounts(kMountinfo, "/media")));
    CHECK(points(removable_mounts(kMountinfo, "/run/media")) ==
          std::vector<std::string>{"/run/media/guard/USB\\DISK"});
    // An install only reads, so a write-protected stick will do (an ISO still is no stick).
    CHECK(points(removable_mounts(kMountinfo, "/media", MountAccess::ReadOnlyToo)) ==
          std::vector<std::string>{"/media/kiosk/TINH THANH HOA", "/media/kiosk/S\xc3\xa2n bay",
                                   "/media/kiosk/BACKUP", "/media/kiosk/BROKEN"});
    // The root itself may be the stick's mount point; /boot/efi is vfat but not under the root.
    CHECK(points(removable_mounts(kMountinfo, "/media/kiosk/BACKUP")) ==
          std::vector<std::string>{"/media/kiosk/BACKUP"});
    CHECK(removable_mounts(kMountinfo, "/mnt").empty());
    CHECK(is_stick_file_system("exfat"));
    CHECK_FALSE(is_stick_file_system("iso9660"));
    CHECK_FALSE(is_stick_file_system("tmpfs"));
}

TEST_CASE("a stick hidden by a later mount is left out", "[operator][removable_media]") {
    std::string table = std::string(kMountinfo) +
                        "130 120 8:18 / /media/kiosk/TINH\\040THANH\\040HOA rw,relatime - ext4 /dev/sdb2 rw\n"
                        "131 22 0:60 / /media/kiosk/BACKUP rw,relatime - tmpfs tmpfs rw\n";
    auto found = removable_mounts(table, "/media");
    CHECK(points(found) ==
          std::vector<std::string>{"/media/kiosk/S\xc3\xa2n bay", "/media/kiosk/TINH THANH HOA"});
    CHECK(found.back().fs_type == "ext4");
}

TEST_CASE("damaged mountinfo lines are skipped", "[operator][removable_media]") {
    auto mounts = parse_mountinfo("garbage\n"
                                  "1 2 3:4 / /x rw - vfat\n"                  // too few fields after the dash
                                  "x 2 3:4 / /x rw - vfat /dev/a rw\n"        // id not a number
                                  "1 2 3:4 / /x rw shared:1 vfat /dev/a rw\n" // no dash
                                  "\n"
                                  "7 2 3:4 / /media/a\\0 rw - vfat /dev/a rw\n"); // cut escape kept as it is
    REQUIRE(mounts.size() == 1);
    CHECK(mounts[0].mount_point == "/media/a\\0");
}

TEST_CASE("this process's mount table can be read and parsed", "[operator][removable_media]") {
    auto text = read_mountinfo();
    REQUIRE(text.ok());
    auto mounts = parse_mountinfo(*text);
    REQUIRE_FALSE(mounts.empty());
    CHECK(std::any_of(mounts.begin(), mounts.end(), [](const Mount& m) { return m.mount_point == "/"; }));
}
