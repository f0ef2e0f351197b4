// kiosk --scan-usb and content-tool usb as operators and editors run them: exit statuses, what they print,
// and a stick prepared by one installed by the other.
#include "support.hpp"
#include "telemetry_support.hpp"

#include <catch2/catch.hpp>

using namespace test_support;

namespace {

struct UsbCli {
    TempDir dir;
    fs::path source, stick;
    std::string kiosk;
    UsbCli() {
        source = write_sample_project(dir.path());
        REQUIRE(run(content_tool_bin() + " keygen --out " + quote(dir / "office")).status == 0);
        write_text(dir / "kiosk.conf", "store = " + (dir / "store").string() +
                                           "\ntrusted_keys = " + (dir / "office.pub").string() +
                                           "\ntelemetry = " + (dir / "telemetry.sqlite").string() +
                                           "\nstation = station-1\nstation_name = Cầu Treo\nfullscreen = no\n");
        kiosk = kiosk_bin() + " --config " + quote(dir / "kiosk.conf");
        stick = dir / "STICK";
        fs::create_directories(stick);
    }
    fs::path build(const std::string& name, std::uint64_t version) {
        auto out = dir / name;
        auto r = run(content_tool_bin() + " build " + quote(source) + " --key " + quote(dir / "office.key") + " -o " +
                     quote(out) + " --version " + std::to_string(version));
        REQUIRE(r.status == 0);
        return out;
    }
    CommandResult scan() { return run(kiosk + " --scan-usb " + quote(stick)); }
};

} // namespace

TEST_CASE("kiosk --scan-usb installs a stick and exits 0, 1 or 3 as documented", "[usb][cli]") {
    UsbCli s;
    auto empty = s.scan();
    INFO(empty.output);
    CHECK(empty.status == 3);
    CHECK_THAT(empty.output, Catch::Contains("Nothing to install was found"));

    fs::copy_file(s.build("v2.kpack", 2), s.stick / "v2.kpack");
    auto ok = s.scan();
    INFO(ok.output);
    CHECK(ok.status == 0);
    CHECK_THAT(ok.output, Catch::Contains("ĐÃ CÀI ĐẶT: gói nội dung vn.example.province phiên bản 2"));
    CHECK_THAT(ok.output, Catch::Contains("INSTALLED: content pack vn.example.province version 2"));
    CHECK_THAT(ok.output, Catch::Contains("The result was written to the stick"));
    CHECK_THAT(read_text(s.stick / "KIOSK-KET-QUA-RESULT-station-1.txt"), Catch::Contains("Cầu Treo"));
    CHECK(run(s.kiosk + " --verify-store").status == 0);

    auto again = s.scan(); // the same stick again: already current
    INFO(again.output);
    CHECK(again.status == 0);
    CHECK_THAT(again.output, Catch::Contains("ALREADY CURRENT"));

    fs::remove(s.stick / "v2.kpack");
    fs::copy_file(s.build("v1.kpack", 1), s.stick / "v1.kpack");
    auto replay = s.scan();
    INFO(replay.output);
    CHECK(replay.status == 1);
    CHECK_THAT(replay.output, Catch::Contains("REFUSED"));
    CHECK_THAT(replay.output, Catch::Contains("not newer than version 2"));

    // Every install and refusal is in the station's telemetry, as with kiosk --install.
    Db db(s.dir / "telemetry.sqlite");
    auto rows = db.rows("SELECT outcome, version FROM installs_text ORDER BY id");
    // The same version again is no refusal and leaves no row; the replay names the version it offered.
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == std::vector<std::string>{"installed", "2"});
    CHECK(rows[1] == std::vector<std::string>{"refused", "1"});

    auto help = run(kiosk_bin() + " --help");
    CHECK_THAT(help.output, Catch::Contains("--scan-usb DIR"));
    CHECK_THAT(help.output, Catch::Contains("3 nothing to install was found"));
}

TEST_CASE("content-tool usb prepares a stick that kiosk --scan-usb installs", "[usb][cli]") {
    // The office's new key, certified by the root key the station trusts, signs the pack; its certificate
    // travels on the same stick and is taken before the pack.
    UsbCli s;
    REQUIRE(run(content_tool_bin() + " keygen --out " + quote(s.dir / "root")).status == 0);
    REQUIRE(run(content_tool_bin() + " keygen --out " + quote(s.dir / "office-2027")).status == 0);
    auto certified = run(content_tool_bin() + " certify --root " + quote(s.dir / "root.key") + " --key " +
                         quote(s.dir / "office-2027.pub") + " --channel vn.example.province --name Office2027 --out " +
                         quote(s.dir / "office-2027.kcert"));
    INFO(certified.output);
    REQUIRE(certified.status == 0);
    std::string conf = read_text(s.dir / "kiosk.conf");
    write_text(s.dir / "kiosk.conf", conf + "root_keys = " + (s.dir / "root.pub").string() + "\n");
    auto pack = s.dir / "p.kpack";
    REQUIRE(run(content_tool_bin() + " build " + quote(s.source) + " --key " + quote(s.dir / "office-2027.key") +
                " -o " + quote(pack) + " --version 7")
                .status == 0);
    auto prepared = run(content_tool_bin() + " usb " + quote(pack) + " " + quote(s.stick) + " --public-key " +
                        quote(s.dir / "office-2027.pub") + " --key-file " + quote(s.dir / "office-2027.kcert"));
    INFO(prepared.output);
    REQUIRE(prepared.status == 0);
    CHECK_THAT(prepared.output, Catch::Contains("signature and every object checked"));
    CHECK(fs::file_size(s.stick / "kiosk" / "p.kpack") == fs::file_size(pack));
    CHECK(fs::exists(s.stick / "kiosk" / "office-2027.kcert"));
    auto guide = read_text(s.stick / "kiosk" / "HUONG-DAN-GUIDE.txt");
    CHECK_THAT(guide, Catch::Contains("Đang cài đặt từ USB"));
    CHECK_THAT(guide, Catch::Contains("You may remove the USB stick"));

    auto installed = s.scan();
    INFO(installed.output);
    CHECK(installed.status == 0);
    CHECK_THAT(installed.output, Catch::Contains("INSTALLED: signing-key file office-2027.kcert"));
    CHECK_THAT(installed.output, Catch::Contains("INSTALLED: content pack vn.example.province version 7"));
    CHECK(run(s.kiosk + " --verify-store").status == 0);

    SECTION("a damaged or foreign pack is refused before anything is copied") {
        auto bytes = read_text(pack);
        bytes[bytes.size() - 5] ^= 1;
        write_text(s.dir / "bad.kpack", bytes);
        TempDir other;
        auto bad = run(content_tool_bin() + " usb " + quote(s.dir / "bad.kpack") + " " + quote(other.path()));
        CHECK(bad.status == 1);
        CHECK_THAT(bad.output, Catch::Contains("refused, nothing was copied"));
        CHECK_FALSE(fs::exists(other / "kiosk"));
        REQUIRE(run(content_tool_bin() + " keygen --out " + quote(s.dir / "stranger")).status == 0);
        auto foreign = run(content_tool_bin() + " usb " + quote(pack) + " " + quote(other.path()) + " --public-key " +
                           quote(s.dir / "stranger.pub"));
        CHECK(foreign.status == 1);
        CHECK_THAT(foreign.output, Catch::Contains("was not signed by the key given") &&
                                       Catch::Contains("stranger.pub (key ") && Catch::Contains("Nothing was copied"));
        CHECK_THAT(foreign.output, !Catch::Contains("this station"));
        CHECK_FALSE(fs::exists(other / "kiosk"));
        auto usage = run(content_tool_bin() + " usb " + quote(pack));
        CHECK(usage.status == 2);
    }
}
