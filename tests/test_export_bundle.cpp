// Export to a USB stick: a real folder with a real SQLite copy, and the stick failures an operator meets
// (write-protected, full, pulled out), on real file systems where the machine allows mounting them.
#include "base/log.hpp"
#include "operator/export_bundle.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace kiosk;
using namespace test_support;

namespace {

constexpr std::time_t kExportTime = 1715306400; // 2024-05-10 02:00:00 UTC, 09:00:00 at the gate


// A small tmpfs mounted on a fresh folder (only root can), unmounted when the test ends.
class TinyMount {
public:
    TinyMount(const fs::path& dir, const char* size, unsigned long flags) : m_dir(dir) {
        fs::create_directories(dir);
        std::string options = std::string("size=") + size;
        m_mounted = ::geteuid() == 0 && ::mount("tmpfs", dir.c_str(), "tmpfs", flags, options.c_str()) == 0;
    }
    ~TinyMount() {
        if (m_mounted)
            ::umount2(m_dir.c_str(), MNT_DETACH);
    }
    bool mounted() const { return m_mounted; }

private:
    fs::path m_dir;
    bool m_mounted = false;
};

Status make_database(const fs::path& path) {
    auto r = run("sqlite3 " + quote(path) +
                 " \"CREATE TABLE events(at INTEGER, page TEXT, language TEXT); "
                 "INSERT INTO events VALUES (1715300000, 'visa', 'lo'), (1715300060, 'map', 'en');\"");
    if (r.status != 0)
        return make_error(ErrorCode::Io, "sqlite3 failed: " + r.output);
    return {};
}

ExportContents na_meo() {
    ExportContents c;
    c.station_id = "na-meo";
    c.time = kExportTime;
    c.status_lines = {"  Mã trạm / Station: na-meo", "! Lỗi gần đây / Recent error: film skipped"};
    c.log_lines = {"2024-05-10T01:58:00Z info: pack thanh-hoa v42 active",
                   "2024-05-10T01:59:00Z warn: film skipped"};
    c.write_telemetry = make_database;
    return c;
}

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(dir))
        out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

TEST_CASE("an export folder holds telemetry logs status and a bilingual readme", "[operator][export]") {
    StationZone zone;
    TempDir stick;
    auto exported = export_bundle(stick.path(), na_meo());
    REQUIRE(exported.ok());
    CHECK(*exported == stick / "kiosk-export-na-meo-20240510-090000");
    CHECK(names_in(stick.path()) == std::vector<std::string>{"kiosk-export-na-meo-20240510-090000"});
    CHECK(names_in(*exported) ==
          std::vector<std::string>{"README.txt", "log.txt", "status.txt", "telemetry.sqlite"});

    auto count = run("sqlite3 " + quote(*exported / "telemetry.sqlite") + " 'SELECT count(*) FROM events'");
    CHECK(count.status == 0);
    CHECK(count.output == "2\n");

    // Text for the office's Windows machines: a byte-order mark and CRLF line ends.
    CHECK(read_text(*exported / "log.txt") == "\xEF\xBB\xBF"
                                              "2024-05-10T01:58:00Z info: pack thanh-hoa v42 active\r\n"
                                              "2024-05-10T01:59:00Z warn: film skipped\r\n");
    CHECK(read_text(*exported / "status.txt") ==
          "\xEF\xBB\xBF  Mã trạm / Station: na-meo\r\n! Lỗi gần đây / Recent error: film skipped\r\n");
    std::string readme = read_text(*exported / "README.txt");
    CHECK_THAT(readme, Catch::StartsWith("\xEF\xBB\xBF"));
    CHECK_THAT(readme, Catch::Contains("Trạm / Station: na-meo\r\n"));
    CHECK_THAT(readme, Catch::Contains("2024-05-10 09:00:00"));
    CHECK_THAT(readme, Catch::Contains("telemetry.sqlite"));
    CHECK_THAT(readme, Catch::Contains("về đơn vị cấp tỉnh quản lý trạm"));
    CHECK_THAT(readme, Catch::Contains("Bring or send the whole folder to the provincial office"));

    // A second export in the same second gets its own folder.
    auto again = export_bundle(stick.path(), na_meo());
    REQUIRE(again.ok());
    CHECK(again->filename() == "kiosk-export-na-meo-20240510-090000-2");
}

TEST_CASE("export folder names are safe on FAT sticks", "[operator][export]") {
    StationZone zone;
    CHECK(export_folder_name("cau-treo_2", kExportTime) == "kiosk-export-cau-treo_2-20240510-090000");
    CHECK(export_folder_name("Cầu Treo/../x:y", kExportTime) ==
          "kiosk-export-C___u_Treo_.._x_y-20240510-090000");
    CHECK(export_folder_name("", kExportTime) == "kiosk-export-station-20240510-090000");
    // Without telemetry the folder has no database and the readme does not name one.
    TempDir stick;
    auto contents = na_meo();
    contents.write_telemetry = nullptr;
    auto exported = export_bundle(stick.path(), contents);
    REQUIRE(exported.ok());
    CHECK(names_in(*exported) == std::vector<std::string>{"README.txt", "log.txt", "status.txt"});
    CHECK_THAT(read_text(*exported / "README.txt"), !Catch::Contains("telemetry.sqlite"));
}

TEST_CASE("a failed export leaves no folder under the final name", "[operator][export]") {
    StationZone zone;
    TempDir stick;
    // A folder left by an export whose stick was pulled out is cleared by the next one.
    fs::create_directories(stick / "kiosk-export-na-meo-20240509-080000.partial");
    write_text(stick / "kiosk-export-na-meo-20240509-080000.partial" / "log.txt", "half");
    write_text(stick / "photos.txt", "the operator's own file");

    auto contents = na_meo();
    fs::path seen;
    contents.write_telemetry = [&](const fs::path& path) -> Status {
        seen = path;
        write_text(path, "half a database");
        return make_error(ErrorCode::Io, "database is locked");
    };
    auto failed = export_bundle(stick.path(), contents);
    REQUIRE_FALSE(failed.ok());
    CHECK(seen.parent_path().filename() == "kiosk-export-na-meo-20240510-090000.partial");
    CHECK_THAT(failed.error().message, Catch::Contains("Không ghi được dữ liệu xuất vào USB"));
    CHECK_THAT(failed.error().message, Catch::Contains("Export again; if it fails again, use another stick"));
    CHECK_THAT(failed.error().message, Catch::Contains("database is locked"));
    CHECK(names_in(stick.path()) == std::vector<std::string>{"photos.txt"});
}

TEST_CASE("a stick pulled out during the export is reported as gone", "[operator][export]") {
    TempDir dir;
    fs::path stick = dir / "stick";
    fs::create_directories(stick);
    auto contents = na_meo();
    contents.write_telemetry = [&](const fs::path&) -> Status {
        fs::remove_all(stick);
        return make_error(ErrorCode::Io, "disk I/O error");
    };
    auto failed = export_bundle(stick, contents);
    REQUIRE_FALSE(failed.ok());
    CHECK_THAT(failed.error().message, Catch::Contains("Không còn thấy USB"));
    CHECK_THAT(failed.error().message, Catch::Contains("Plug it in again"));
    auto missing = export_bundle(dir / "never-there", na_meo());
    REQUIRE_FALSE(missing.ok());
    CHECK_THAT(missing.error().message, Catch::Contains("The USB stick is gone"));
}

TEST_CASE("a write-protected stick is reported as such", "[operator][export]") {
    TempDir dir;
    // A read-only file system, as a stick with its lock switch on mounts.
    {
        TinyMount locked(dir / "locked", "1m", MS_RDONLY);
        if (!locked.mounted()) {
            WARN("not root or mounting is not allowed here: the read-only file system case is skipped");
        } else {
            auto failed = export_bundle(dir / "locked", na_meo());
            REQUIRE_FALSE(failed.ok());
            CHECK_THAT(failed.error().message, Catch::Contains("khóa chống ghi"));
            CHECK_THAT(failed.error().message, Catch::Contains("write-protected or read-only"));
            CHECK_THAT(failed.error().message, Catch::Contains("use another stick"));
        }
    }
    // A folder without write permission; root ignores permissions, so then only the export's success is seen.
    fs::path no_write = dir / "no-write";
    fs::create_directories(no_write);
    ::chmod(no_write.c_str(), 0555);
    int probe = ::open((no_write / "probe").c_str(), O_WRONLY | O_CREAT, 0644);
    if (probe >= 0) {
        ::close(probe);
        fs::remove(no_write / "probe");
        WARN("running with privileges that ignore permissions: the read-only folder case is skipped");
    } else {
        auto failed = export_bundle(no_write, na_meo());
        REQUIRE_FALSE(failed.ok());
        CHECK_THAT(failed.error().message, Catch::Contains("write-protected or read-only"));
    }
    ::chmod(no_write.c_str(), 0755);
}

TEST_CASE("a full stick is reported with what to do", "[operator][export]") {
    TempDir dir;
    TinyMount stick(dir / "stick", "2m", 0);
    if (!stick.mounted()) {
        WARN("not root or mounting is not allowed here: the full stick cases are skipped");
        return;
    }
    // Too little space to begin.
    {
        TinyMount tiny(dir / "tiny", "64k", 0);
        REQUIRE(tiny.mounted());
        auto failed = export_bundle(dir / "tiny", na_meo());
        REQUIRE_FALSE(failed.ok());
        CHECK_THAT(failed.error().message, Catch::Contains("USB đã đầy"));
    }
    // The log fills the stick mid-way (the write itself reports ENOSPC).
    auto contents = na_meo();
    contents.log_lines.assign(40000, std::string(80, 'x'));
    auto failed = export_bundle(dir / "stick", contents);
    REQUIRE_FALSE(failed.ok());
    CHECK_THAT(failed.error().message, Catch::Contains("USB đã đầy"));
    CHECK_THAT(
        failed.error().message,
        Catch::Contains("The USB stick is full, so nothing was exported. Delete files from it or use another "
                        "stick with more free space, then export again."));
    CHECK(names_in(dir / "stick").empty());

    // The telemetry copy fills it (its error carries no errno: the stick itself is looked at).
    contents = na_meo();
    contents.write_telemetry = [](const fs::path& path) -> Status {
        int fd = ::open(path.c_str(), O_WRONLY | O_CREAT, 0644);
        std::string block(64 * 1024, 'd');
        bool full = false;
        for (int i = 0; i < 64 && !full; ++i)
            full = ::write(fd, block.data(), block.size()) < static_cast<ssize_t>(block.size());
        ::close(fd);
        return full ? Status(make_error(ErrorCode::Io, "database or disk is full")) : Status();
    };
    failed = export_bundle(dir / "stick", contents);
    REQUIRE_FALSE(failed.ok());
    CHECK_THAT(failed.error().message, Catch::Contains("The USB stick is full"));
    CHECK(names_in(dir / "stick").empty());
}
