// Installing from a USB stick: a folder stands in for the stick, with real packs built and signed by the
// test, installed through the real verified store; what the result file on the stick says.
#include "crypto/hash.hpp"
#include "notice/notice.hpp"
#include "pack/pack_file.hpp"
#include "platform/linux/files.hpp"
#include "store/channel_stores.hpp"
#include "support.hpp"
#include "usb/stick_install.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

using namespace kiosk;
using namespace test_support;

namespace {

constexpr const char* kChannel = "vn.example.province";

struct UsbStation {
    TempDir dir;
    SecretKey key = generate_key();
    TrustedKeys keys;
    fs::path source, stick;
    KioskConfig config;
    std::optional<ChannelStores> stores;
    std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));

    UsbStation() {
        keys.add(key.public_key());
        source = write_sample_project(dir.path());
        stick = dir / "STICK";
        fs::create_directories(stick / "kiosk");
        config.station = "station-1";
        config.station_name = "Cửa khẩu Na Mèo";
        config.store = dir / "store";
        auto opened = ChannelStores::open(config.store, keys, config.station, "", {});
        REQUIRE(opened);
        stores.emplace(std::move(opened.value()));
    }
    InstallContext context() { return InstallContext{*stores, config, keys, nullptr, {}}; }
    // A pack of the sample content; each version's body differs, so its objects do too.
    fs::path pack(std::uint64_t version, const fs::path& out, const SecretKey* signer = nullptr) {
        auto file = source / "slides" / "02-hours.toml";
        auto s = read_text(file);
        auto at = s.find("Hằng ngày");
        REQUIRE(at != std::string::npos);
        write_text(file, s.insert(at, "v" + std::to_string(version) + " "));
        build_source(source, signer ? *signer : key, out, version);
        return out;
    }
    void install_directly(std::uint64_t version) {
        auto file = pack(version, dir / ("direct-" + std::to_string(version) + ".kpack"));
        REQUIRE(stores->install(file, now));
    }
    std::uint64_t active_version() {
        auto active = stores->own().open_active(Verify::Full);
        REQUIRE(active);
        return active->manifest.version;
    }
    StickReport scan(const UsbProgressFn& progress = {}) {
        auto c = context();
        return install_from_stick(c, stick, now, progress);
    }
    fs::path result_path() const { return stick / "KIOSK-KET-QUA-RESULT-station-1.txt"; }
};

const FileOutcome& outcome_of(const StickReport& report, const std::string& name) {
    for (const auto& f : report.files)
        if (f.file.filename() == name)
            return f;
    FAIL("no outcome for " << name);
    return report.files.front();
}

// Where an object's bytes start in a pack file.
std::uint64_t blob_offset(const fs::path& file, const std::string& path) {
    auto reader = PackReader::open(file);
    REQUIRE(reader);
    auto manifest = reader->parse_unverified_manifest();
    REQUIRE(manifest);
    std::uint64_t at = kPackHeaderSize + reader->manifest_bytes().size();
    for (const ManifestObject* object : manifest->unique_blobs()) {
        if (object->path == path)
            return at;
        at += object->size;
    }
    FAIL("no object " << path);
    return 0;
}

void flip_byte(const fs::path& file, std::uint64_t at) {
    auto bytes = read_text(file);
    REQUIRE(bytes.size() > at);
    bytes[at] ^= 0x20;
    write_text(file, bytes);
}

// Every object file in the store holds the bytes its name (their hash) says.
void check_objects_whole(const fs::path& store) {
    int objects = 0;
    for (const auto& bucket : fs::directory_iterator(store / "objects"))
        for (const auto& entry : fs::directory_iterator(bucket.path())) {
            auto digest = blake2b256_file(entry.path().string());
            REQUIRE(digest);
            CHECK(hash_to_hex(digest->hash) == entry.path().filename().string());
            ++objects;
        }
    INFO(objects << " objects checked");
}

} // namespace

TEST_CASE("a pack on a stick is installed and the result is written back in Vietnamese and English", "[usb]") {
    UsbStation s;
    s.pack(1, s.stick / "kiosk" / "province-1.kpack");
    std::vector<UsbProgress> seen;
    auto report = s.scan([&](const UsbProgress& p) { seen.push_back(p); });
    REQUIRE(report.files.size() == 1);
    CHECK(report.files[0].status == FileStatus::Installed);
    CHECK(report.files[0].channel == kChannel);
    CHECK(report.exit_status() == 0);
    CHECK(s.active_version() == 1);

    REQUIRE_FALSE(seen.empty());
    CHECK(seen.back().done == seen.back().total);
    CHECK(seen.back().total > 0);
    CHECK(seen.back().file == "province-1.kpack");
    for (std::size_t i = 1; i < seen.size(); ++i)
        CHECK(seen[i].done >= seen[i - 1].done);

    REQUIRE(report.result_file == s.result_path());
    auto text = read_text(s.result_path());
    CHECK_THAT(text, Catch::StartsWith("KẾT QUẢ CÀI ĐẶT TỪ USB\nUSB INSTALL RESULT"));
    CHECK_THAT(text, Catch::Contains("Trạm: station-1 (Cửa khẩu Na Mèo)\nStation: station-1"));
    CHECK_THAT(text, Catch::Contains("ĐÃ CÀI ĐẶT: gói nội dung vn.example.province phiên bản 1\n"
                                     "   INSTALLED: content pack vn.example.province version 1"));
    CHECK_THAT(text, Catch::Contains("Có thể rút USB ra.\nYou may now remove the stick."));
    // No temporary file is left beside it.
    int entries = 0;
    for (const auto& e : fs::directory_iterator(s.stick)) {
        (void)e;
        ++entries;
    }
    CHECK(entries == 2); // kiosk/ and the result
}

TEST_CASE("only the newest pack of a channel on a stick is installed and older ones are skipped", "[usb]") {
    UsbStation s;
    s.pack(2, s.stick / "old.kpack");
    s.pack(3, s.stick / "kiosk" / "new.kpack");
    s.pack(1, s.stick / "kiosk" / "older.KPACK"); // a name written by Windows in capitals
    auto report = s.scan();
    CHECK(outcome_of(report, "new.kpack").status == FileStatus::Installed);
    CHECK(outcome_of(report, "old.kpack").status == FileStatus::Skipped);
    CHECK(outcome_of(report, "older.KPACK").status == FileStatus::Skipped);
    CHECK(report.exit_status() == 0);
    CHECK(s.active_version() == 3);
    auto text = read_text(s.result_path());
    CHECK_THAT(text, Catch::Contains("BỎ QUA: gói nội dung vn.example.province phiên bản 2"));
    CHECK_THAT(text, Catch::Contains("SKIPPED: content pack vn.example.province version 2"));
    CHECK_THAT(text, Catch::Contains("Version 2 is older than version 3 of the same channel, also on this stick"));
}

TEST_CASE("a pack older than the one installed is refused as a replay and the same one is already current",
          "[usb]") {
    UsbStation s;
    s.install_directly(5);
    SECTION("older") {
        s.pack(3, s.stick / "replay.kpack");
        auto report = s.scan();
        CHECK(outcome_of(report, "replay.kpack").status == FileStatus::Refused);
        CHECK(report.exit_status() == 1);
        auto text = read_text(s.result_path());
        CHECK_THAT(text, Catch::Contains("BỊ TỪ CHỐI: gói nội dung vn.example.province phiên bản 3"));
        CHECK_THAT(text, Catch::Contains("REFUSED: content pack vn.example.province version 3"));
        CHECK_THAT(text, Catch::Contains("not newer than version 5 already installed"));
        CHECK_THAT(text, Catch::Contains("older than or the same as the content playing now"));
    }
    SECTION("the same") {
        fs::copy_file(s.dir / "direct-5.kpack", s.stick / "same.kpack");
        auto report = s.scan();
        CHECK(outcome_of(report, "same.kpack").status == FileStatus::Current);
        CHECK(report.exit_status() == 0);
        CHECK_THAT(read_text(s.result_path()), Catch::Contains("already installed and playing"));
    }
    CHECK(s.active_version() == 5);
}

TEST_CASE("untrusted, truncated and damaged packs on a stick are refused and the old pack keeps playing",
          "[usb]") {
    UsbStation s;
    s.install_directly(1);
    SecretKey stranger = generate_key();
    s.pack(9, s.stick / "untrusted.kpack", &stranger);
    auto truncated = s.pack(2, s.dir / "truncated.kpack");
    auto bytes = read_text(truncated);
    write_text(s.stick / "truncated.kpack", bytes.substr(0, bytes.size() - 1000));
    // A byte of the content document, which differs from version 1's and so is read (objects the store
    // already holds are skipped on the stick, never read: their bytes on the stick do not matter).
    auto flipped = s.pack(3, s.stick / "kiosk" / "flipped.kpack");
    flip_byte(flipped, blob_offset(flipped, "content.json") + 20);

    auto report = s.scan();
    CHECK(outcome_of(report, "untrusted.kpack").status == FileStatus::Refused);
    CHECK(outcome_of(report, "truncated.kpack").status == FileStatus::Refused);
    CHECK(outcome_of(report, "flipped.kpack").status == FileStatus::Refused);
    CHECK(outcome_of(report, "flipped.kpack").error == ErrorCode::Hash);
    CHECK(report.exit_status() == 1);
    CHECK(s.active_version() == 1);
    auto text = read_text(s.result_path());
    CHECK_THAT(text, Catch::Contains("không có chữ ký hợp lệ"));
    CHECK_THAT(text, Catch::Contains("not signed by a trusted office key"));
    CHECK_THAT(text, Catch::Contains("truncated"));
    CHECK_THAT(text, Catch::Contains("does not match its recorded hash"));
    CHECK_THAT(text, Catch::Contains("The content playing now is unchanged"));
}

TEST_CASE("when the newest pack on a stick is damaged the next best one of its channel is installed", "[usb]") {
    UsbStation s;
    s.install_directly(1);
    s.pack(2, s.stick / "older.kpack");
    auto copy = s.pack(3, s.stick / "kiosk" / "copy-a.kpack");
    fs::copy_file(copy, s.stick / "kiosk" / "copy-b.kpack");
    flip_byte(copy, blob_offset(copy, "content.json") + 20);
    auto report = s.scan();
    CHECK(outcome_of(report, "copy-a.kpack").status == FileStatus::Refused);
    CHECK(outcome_of(report, "copy-b.kpack").status == FileStatus::Installed);
    CHECK(outcome_of(report, "older.kpack").status == FileStatus::Skipped);
    CHECK(s.active_version() == 3);
    CHECK(report.exit_status() == 1); // the damaged copy is still reported
}

TEST_CASE("a pack changed on the stick while it installs never puts unverified bytes in the store", "[usb]") {
    // An empty store, so that every object of the pack is read from the stick.
    UsbStation s;
    auto file = s.pack(2, s.stick / "kiosk" / "changing.kpack");
    auto original_size = fs::file_size(file);
    bool changed = false;

    SECTION("bytes ahead of the reader are overwritten in place") {
        auto report = s.scan([&](const UsbProgress& p) {
            if (changed || p.done == 0 || p.done >= p.total)
                return;
            changed = true; // after the first object: the last bytes of the file, not read yet, change
            int fd = ::open(file.c_str(), O_WRONLY);
            REQUIRE(fd >= 0);
            char junk[64];
            std::fill(std::begin(junk), std::end(junk), 'X');
            REQUIRE(::pwrite(fd, junk, sizeof junk, static_cast<off_t>(original_size - sizeof junk)) == sizeof junk);
            ::close(fd);
        });
        REQUIRE(changed);
        CHECK(outcome_of(report, "changing.kpack").status == FileStatus::Refused);
        CHECK(outcome_of(report, "changing.kpack").error == ErrorCode::Hash);
        CHECK_FALSE(s.stores->own().open_active(Verify::Quick));
    }
    SECTION("another pack is put in its place") {
        auto other = s.pack(3, s.dir / "other.kpack");
        auto report = s.scan([&](const UsbProgress& p) {
            if (changed || p.done == 0 || p.done >= p.total)
                return;
            changed = true;
            fs::rename(other, file);
        });
        REQUIRE(changed);
        // Either refused, or exactly the pack that was read and hashed: version 2, never a mix.
        auto status = outcome_of(report, "changing.kpack").status;
        if (status == FileStatus::Installed)
            CHECK(s.active_version() == 2);
        else
            CHECK_FALSE(s.stores->own().open_active(Verify::Quick));
    }
    SECTION("the pack grows while it is read") {
        auto report = s.scan([&](const UsbProgress& p) {
            if (changed || p.done == 0 || p.done >= p.total)
                return;
            changed = true;
            std::FILE* f = std::fopen(file.c_str(), "ab");
            std::fputs("more bytes", f);
            std::fclose(f);
        });
        REQUIRE(changed);
        CHECK(outcome_of(report, "changing.kpack").status == FileStatus::Refused);
        CHECK_FALSE(s.stores->own().open_active(Verify::Quick));
    }
    // The store is whole whatever happened: every object it holds has the bytes of its hash.
    check_objects_whole(s.config.store);
}

TEST_CASE("a stick pulled out during an install is a clean refusal and the store stays whole", "[usb]") {
    // An empty store, so that every object of the pack is read from the stick.
    UsbStation s;
    auto file = s.pack(2, s.stick / "kiosk" / "pulled.kpack");
    bool pulled = false;
    SECTION("the file ends early") {
        auto report = s.scan([&](const UsbProgress& p) {
            if (!pulled && p.done > 0 && p.done < p.total) {
                pulled = true;
                fs::resize_file(file, fs::file_size(file) / 2);
            }
        });
        REQUIRE(pulled);
        CHECK(outcome_of(report, "pulled.kpack").status == FileStatus::Refused);
        CHECK(outcome_of(report, "pulled.kpack").error == ErrorCode::Truncated);
        CHECK_FALSE(s.stores->own().open_active(Verify::Quick));
    }
    SECTION("the whole stick is gone") {
        auto report = s.scan([&](const UsbProgress& p) {
            if (!pulled && p.done > 0 && p.done < p.total) {
                pulled = true;
                fs::remove_all(s.stick);
            }
        });
        REQUIRE(pulled);
        // The open file is still read to its end (as the bytes hashed), or refused; never half of it.
        CHECK(report.result_file.empty());
        CHECK_FALSE(report.result_problem.empty());
        if (outcome_of(report, "pulled.kpack").status == FileStatus::Installed)
            CHECK(s.active_version() == 2);
        else
            CHECK_FALSE(s.stores->own().open_active(Verify::Quick));
    }
    check_objects_whole(s.config.store);
}

TEST_CASE("notices and key files on a stick: keys are handed over first, notices after the packs", "[usb]") {
    UsbStation s;
    s.pack(1, s.stick / "kiosk" / "p.kpack");
    Notice n;
    n.channel = kChannel;
    n.id = "road-closed";
    n.version = 7;
    n.created = s.now - 60;
    n.starts = s.now - 60;
    n.expires = s.now + 86400;
    n.stations = {"*"};
    n.mode = NoticeMode::Banner;
    n.text = {{"vi", "Đường 8A bị đóng do sạt lở."}, {"en", "Road 8A is closed by a landslide."}};
    write_text(s.stick / "kiosk" / "road.notice", seal_notice(n, s.key));
    n.version = 8;
    n.text = {{"vi", "Sai"}, {"en", "Forged"}};
    SecretKey stranger = generate_key();
    write_text(s.stick / "forged.notice", seal_notice(n, stranger));
    write_text(s.stick / "kiosk" / "office-2027.kcert", "certificate");
    write_text(s.stick / "kiosk" / "revoked.krevoke", "revocation list");

    auto report = s.scan();
    REQUIRE(report.files.size() == 5);
    CHECK(report.files[0].kind == FileKind::KeyFile);
    CHECK(report.files[1].kind == FileKind::KeyFile);
    CHECK(report.files[0].status == FileStatus::Found);
    CHECK(report.files[2].kind == FileKind::Pack);
    CHECK(report.files[2].status == FileStatus::Installed);
    CHECK(outcome_of(report, "road.notice").status == FileStatus::Installed);
    CHECK(outcome_of(report, "road.notice").notice_id == "road-closed");
    CHECK(outcome_of(report, "forged.notice").status == FileStatus::Refused);
    CHECK(report.exit_status() == 1);
    CHECK(fs::exists(s.config.store / "notices" / "road-closed.notice"));
    auto text = read_text(s.result_path());
    CHECK_THAT(text, Catch::Contains("ĐÃ CÀI ĐẶT: thông báo khẩn road-closed phiên bản 7"));
    CHECK_THAT(text, Catch::Contains("RECEIVED: signing-key file"));
    CHECK_THAT(text, Catch::Contains("Thông báo không có chữ ký hợp lệ"));
    CHECK_THAT(text, Catch::Contains("REFUSED: urgent notice forged.notice"));

    // The same stick again: the notice is not new, which is no failure.
    fs::remove(s.stick / "forged.notice");
    auto again = s.scan();
    CHECK(outcome_of(again, "road.notice").status == FileStatus::Skipped);
    CHECK(outcome_of(again, "p.kpack").status == FileStatus::Current);
    CHECK(again.exit_status() == 0);
}

TEST_CASE("only the stick's top folder and kiosk folder are read, and links off the stick are ignored", "[usb]") {
    UsbStation s;
    auto outside = s.pack(4, s.dir / "outside.kpack");
    fs::create_directories(s.stick / "deep" / "kiosk");
    fs::copy_file(outside, s.stick / "deep" / "kiosk" / "deep.kpack");
    fs::create_symlink(outside, s.stick / "kiosk" / "link.kpack");
    fs::create_directory_symlink(s.dir.path(), s.stick / "escape");
    write_text(s.stick / "._p.kpack", "macOS resource fork");
    auto contents = scan_stick(s.stick);
    CHECK(contents.packs.empty());
    REQUIRE(contents.problems.size() == 1);
    CHECK_THAT(contents.problems[0], Catch::Contains("link.kpack is a link that leads off the stick"));

    auto report = s.scan();
    CHECK(report.found_nothing());
    CHECK(report.exit_status() == 3);
    CHECK_THAT(read_text(s.result_path()), Catch::Contains("Nothing to install was found"));
    CHECK_FALSE(s.stores->own().open_active(Verify::Quick));

    // A link that stays on the stick is followed.
    fs::copy_file(outside, s.stick / "real.bin");
    fs::create_symlink(s.stick / "real.bin", s.stick / "kiosk" / "inside.kpack");
    CHECK(scan_stick(s.stick).packs.size() == 1);

    // Key files are also read from a keys/ folder at the top or in kiosk/ (where editors put
    // certificates beside their packs), and no deeper.
    write_text(s.stick / "keys" / "office.kcert", "x");
    write_text(s.stick / "kiosk" / "keys" / "root.krevoke", "x");
    write_text(s.stick / "keys" / "keys" / "deeper.kcert", "x");
    auto keyed = scan_stick(s.stick);
    REQUIRE(keyed.key_files.size() == 2);
    CHECK(keyed.key_files[0].filename() == "office.kcert");
    CHECK(keyed.key_files[1].filename() == "root.krevoke");
}

TEST_CASE("a write-protected stick installs and only the result file is missing", "[usb]") {
    UsbStation s;
    auto pack = s.pack(1, s.dir / "p.kpack");
    if (::geteuid() != 0) {
        WARN("not root: cannot mount a read-only file system, the write-protected stick is not tested");
        return;
    }
    auto mount = [&](const std::string& options) {
        return run("mount -t tmpfs -o " + options + ",size=64m tmpfs " + quote(s.stick)).status == 0;
    };
    if (!mount("rw")) {
        WARN("mount -t tmpfs is not allowed here: the write-protected stick is not tested");
        return;
    }
    struct Unmount {
        fs::path at;
        ~Unmount() { run("umount " + quote(at)); }
    } unmount{s.stick};
    fs::copy_file(pack, s.stick / "p.kpack");
    REQUIRE(run("mount -o remount,ro " + quote(s.stick)).status == 0);
    auto report = s.scan();
    CHECK(outcome_of(report, "p.kpack").status == FileStatus::Installed);
    CHECK(report.exit_status() == 0);
    CHECK(report.result_file.empty());
    CHECK_THAT(report.result_problem, Catch::Contains("Read-only"));
    CHECK_FALSE(fs::exists(s.result_path()));
    CHECK(s.active_version() == 1);
}

TEST_CASE("the result file's name is safe for any stick", "[usb]") {
    CHECK(result_file_name("station-1") == "KIOSK-KET-QUA-RESULT-station-1.txt");
    CHECK(result_file_name("../x y") == "KIOSK-KET-QUA-RESULT-station.._x_y.txt");
    CHECK(result_file_name("") == "KIOSK-KET-QUA-RESULT-station.txt");
}
