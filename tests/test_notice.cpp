// Urgent notices as a station meets them: installed and shown at once until they expire, withdrawn early,
// and refused when damaged, forged, replayed, expired, meant for someone else or shaped to escape the
// notices folder; and made by the real content-tool from the office's NOTICE.toml.
#include "base/hex.hpp"
#include "notice/notice_install.hpp"
#include "pack/manifest.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <ctime>

using namespace kiosk;
using namespace test_support;

namespace {

constexpr std::int64_t kDay = 86400;
// 2026-04-30T01:00:00Z: the office writes the notice; the station sees it minutes later.
constexpr std::int64_t kCreated = 1777510800;
constexpr std::int64_t kNow = kCreated + 600;

Notice road_closed(std::uint64_t version = 100) {
    Notice n;
    n.channel = "vn.ha-tinh";
    n.id = "road-closed";
    n.version = version;
    n.created = kCreated;
    n.starts = kCreated;
    n.expires = kCreated + 2 * kDay;
    n.stations = {"*"};
    n.mode = NoticeMode::Banner;
    n.text = {{"vi", "Đường 8A bị đóng do sạt lở."},
              {"en", "Road 8A is closed by a landslide."},
              {"lo", "ທາງເລກ 8A ປິດ ຍ້ອນດິນເຈື່ອນ."}};
    return n;
}

struct Station {
    TempDir dir;
    SecretKey key = generate_key();
    TrustedKeys trusted;
    std::optional<NoticeBoard> board;
    Station(std::string station = "cau-treo") {
        trusted.add(key.public_key());
        auto opened = NoticeBoard::open(dir / "store" / "notices", trusted, std::move(station), "vn.ha-tinh");
        REQUIRE(opened);
        board.emplace(std::move(opened.value()));
    }
    fs::path write(const std::string& name, std::string_view bytes) {
        auto path = dir / name;
        write_text(path, bytes);
        return path;
    }
    fs::path sealed(const Notice& n, const std::string& name = "n.notice") {
        return write(name, seal_notice(n, key));
    }
    Result<Notice> install(const Notice& n, std::int64_t now = kNow) {
        return board->install(sealed(n), now);
    }
    fs::path stored(const std::string& id) const { return board->dir() / (id + ".notice"); }
    std::vector<std::string> active_ids(std::int64_t now) {
        std::vector<std::string> out;
        for (const auto& n : board->active(now))
            out.push_back(n.id);
        return out;
    }
};

void require_refused(const Result<Notice>& r, ErrorCode code, const std::string& words) {
    REQUIRE_FALSE(r);
    INFO(r.error().message);
    CHECK(r.error().code == code);
    CHECK_THAT(r.error().message, Catch::Contains(words));
}

} // namespace

TEST_CASE("a signed notice shows at once and until it expires", "[notice]") {
    Station s;
    auto r = s.install(road_closed());
    REQUIRE(r);
    CHECK(r->id == "road-closed");
    CHECK(fs::exists(s.stored("road-closed")));
    auto shown = s.board->active(kNow);
    REQUIRE(shown.size() == 1);
    CHECK(shown[0].text_in("lo") == "ທາງເລກ 8A ປິດ ຍ້ອນດິນເຈື່ອນ.");
    CHECK(shown[0].text_in("km") == "Road 8A is closed by a landslide."); // English for a language it lacks
    CHECK(s.board->problems().empty());
    CHECK(s.board->newest_created() == kCreated);
    CHECK(s.active_ids(kCreated + 2 * kDay - 1) == std::vector<std::string>{"road-closed"});
    CHECK(s.active_ids(kCreated + 2 * kDay).empty());
    CHECK(s.board->next_change(kNow) == kCreated + 2 * kDay);
    // Pruning removes it once expired, and not before.
    REQUIRE(s.board->prune(kNow));
    CHECK(fs::exists(s.stored("road-closed")));
    REQUIRE(s.board->prune(kCreated + 2 * kDay));
    CHECK_FALSE(fs::exists(s.stored("road-closed")));
}

TEST_CASE("a notice with a flipped bit in its text is refused", "[notice]") {
    Station s;
    std::string bytes = seal_notice(road_closed(), s.key);
    auto at = bytes.find("Road 8A");
    REQUIRE(at != std::string::npos);
    bytes[at] ^= 0x20; // "road 8A": still canonical JSON, no longer what was signed
    require_refused(s.board->install(s.write("flip.notice", bytes), kNow), ErrorCode::Signature,
                    "does not match");
    // A flip that breaks the UTF-8 of the Vietnamese text is refused too, before any signature check.
    bytes = seal_notice(road_closed(), s.key);
    at = bytes.find("Đường");
    bytes[at + 1] ^= 0x40;
    CHECK_FALSE(s.board->install(s.write("flip2.notice", bytes), kNow));
    CHECK(s.board->active(kNow).empty());
    CHECK_FALSE(fs::exists(s.stored("road-closed")));
}

TEST_CASE("a notice signed by a key the station does not trust is refused", "[notice]") {
    Station s;
    SecretKey stranger = generate_key();
    auto file = s.write("forged.notice", seal_notice(road_closed(), stranger));
    require_refused(s.board->install(file, kNow), ErrorCode::Signature, "does not trust");
    // Claiming the trusted key's id does not help.
    Notice n = road_closed();
    n.signer = s.key.public_key().id();
    std::string bytes = n.to_bytes();
    auto sig = stranger.sign(SignedDocument::Notice, bytes);
    file = s.write("forged2.notice", bytes + "\n" + to_hex(sig) + "\n");
    require_refused(s.board->install(file, kNow), ErrorCode::Signature, "does not match");
}

TEST_CASE("a pack manifest's signature cannot be replayed as a notice", "[notice]") {
    Station s;
    // The notice's own bytes signed as a pack manifest by the trusted key: a different prefix.
    Notice n = road_closed();
    n.signer = s.key.public_key().id();
    std::string bytes = n.to_bytes();
    auto as_pack = s.key.sign(SignedDocument::PackManifest, bytes);
    require_refused(s.board->install(s.write("replay.notice", bytes + "\n" + to_hex(as_pack) + "\n"), kNow),
                    ErrorCode::Signature, "does not match");
    // A real manifest with its real signature, put in a notice file: not a notice.
    Manifest m;
    m.channel = "vn.ha-tinh";
    m.version = 7;
    m.created = kCreated;
    m.stations = {"*"};
    m.signer = s.key.public_key().id();
    std::string manifest = m.to_bytes();
    auto sig = s.key.sign(SignedDocument::PackManifest, manifest);
    auto r = s.board->install(s.write("manifest.notice", manifest + "\n" + to_hex(sig) + "\n"), kNow);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message, Catch::Contains("unknown field"));
    CHECK(s.board->active(kNow).empty());
}

TEST_CASE("an older version replayed after a newer one is refused even once the newer file is gone",
          "[notice]") {
    Station s;
    REQUIRE(s.install(road_closed(200)));
    require_refused(s.install(road_closed(100)), ErrorCode::Version, "not newer than version 200");
    auto again = s.install(road_closed(200));
    require_refused(again, ErrorCode::Version, "already installed");
    // Someone deletes the notice file: the record remembers.
    fs::remove(s.stored("road-closed"));
    require_refused(s.install(road_closed(100)), ErrorCode::Version, "not newer than version 200");
    // A different notice that claims the same version is refused too.
    Notice other = road_closed(200);
    other.text["en"] = "Road 8A is open again.";
    require_refused(s.install(other), ErrorCode::Version, "not newer");
    // The very notice accepted before puts its lost file back.
    REQUIRE(s.install(road_closed(200)));
    CHECK(s.active_ids(kNow) == std::vector<std::string>{"road-closed"});
    REQUIRE(s.install(road_closed(201)));
}

TEST_CASE("an expired notice is refused and a later one waits for its start", "[notice]") {
    Station s;
    require_refused(s.install(road_closed(), kCreated + 2 * kDay), ErrorCode::Expired, "expired at");
    Notice later = road_closed();
    later.id = "holiday-hours";
    later.starts = kCreated + kDay;
    later.expires = kCreated + 3 * kDay;
    REQUIRE(s.install(later));
    CHECK(s.active_ids(kNow).empty());
    CHECK(s.board->next_change(kNow) == kCreated + kDay);
    CHECK(s.active_ids(kCreated + kDay) == std::vector<std::string>{"holiday-hours"});
}

TEST_CASE("a notice for another station or channel is refused", "[notice]") {
    Station s("cau-treo");
    Notice n = road_closed();
    n.stations = {"na-meo", "vung-ang"};
    require_refused(s.install(n), ErrorCode::Station, "not for this station 'cau-treo'");
    n.stations = {"na-meo", "cau-treo"};
    CHECK(s.install(n));
    Notice other = road_closed();
    other.id = "thanh-hoa-news";
    other.channel = "vn.thanh-hoa";
    require_refused(s.install(other), ErrorCode::Station, "channel 'vn.thanh-hoa'");
}

TEST_CASE("a notice id with path tricks is refused and nothing is written outside", "[notice]") {
    Station s;
    for (const char* id : {"../x", "a/b", "..", ".hidden", "/etc/passwd", "A", ""}) {
        Notice n = road_closed();
        n.id = id;
        INFO(id);
        auto r = s.install(n);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::Invalid);
    }
    CHECK_FALSE(fs::exists(s.dir / "store" / "x.notice"));
    CHECK_FALSE(fs::exists(s.dir / "store" / "x"));
    CHECK(std::distance(fs::directory_iterator(s.board->dir() / "state"), fs::directory_iterator()) == 0);
}

TEST_CASE("oversized truncated and non-JSON notice files are refused", "[notice]") {
    Station s;
    std::string good = seal_notice(road_closed(), s.key);
    require_refused(s.board->install(s.write("big.notice", good + std::string(70 * 1024, ' ')), kNow),
                    ErrorCode::TooLarge, "more than the limit");
    require_refused(s.board->install(s.write("cut.notice", good.substr(0, good.size() - 10)), kNow),
                    ErrorCode::Truncated, "ends early");
    require_refused(s.board->install(s.write("half.notice", good.substr(0, good.size() / 2)), kNow),
                    ErrorCode::Truncated, "ends early");
    require_refused(s.board->install(s.write("text.notice", "Road 8A is closed.\n"), kNow), ErrorCode::Parse,
                    "");
    require_refused(
        s.board->install(s.write("junk.notice", "{road closed\n" + std::string(128, 'a') + "\n"), kNow),
        ErrorCode::Parse, "not valid JSON");
    require_refused(s.board->install(s.write("extra.notice", good + "more\n"), kNow), ErrorCode::Parse,
                    "more than a notice");
    require_refused(s.board->install(s.dir / "missing.notice", kNow), ErrorCode::NotFound, "no file");
    // Text over the cap of a language.
    Notice wordy = road_closed();
    wordy.text["en"] = std::string(kNoticeTextCap + 1, 'x');
    require_refused(s.install(wordy), ErrorCode::Invalid, "longer than 600 bytes");
    // The same JSON with spaces, signed as it is: one spelling only.
    Notice n = road_closed();
    n.signer = s.key.public_key().id();
    std::string spaced = n.to_bytes();
    spaced.insert(1, " ");
    auto sig = s.key.sign(SignedDocument::Notice, spaced);
    require_refused(s.board->install(s.write("spaced.notice", spaced + "\n" + to_hex(sig) + "\n"), kNow),
                    ErrorCode::Invalid, "canonical");
    // Notices that never end or end before they start.
    Notice forever = road_closed();
    forever.expires = forever.starts + 40 * kDay;
    require_refused(s.install(forever), ErrorCode::Invalid, "more than 31 days");
    Notice backwards = road_closed();
    backwards.expires = backwards.starts;
    require_refused(s.install(backwards), ErrorCode::Invalid, "expires before it starts");
    CHECK(s.board->active(kNow).empty());
}

TEST_CASE("a notice missing a language of the station is refused", "[notice]") {
    Station s;
    auto file = s.sealed(road_closed());
    require_refused(s.board->install(file, kNow, {"vi", "en", "lo", "km"}), ErrorCode::Invalid,
                    "no text in 'km'");
    CHECK(s.board->install(file, kNow, {"vi", "en", "lo"}));
    Notice empty = road_closed(101);
    empty.text.clear();
    require_refused(s.install(empty), ErrorCode::Invalid, "at least one language");
}

TEST_CASE("a withdrawal takes a notice down and keeps its older versions out", "[notice]") {
    Station s;
    REQUIRE(s.install(road_closed(100)));
    auto token = s.board->changed_token();
    Notice withdrawal = road_closed(101);
    withdrawal.withdrawn = true;
    auto r = s.install(withdrawal);
    REQUIRE(r);
    CHECK(r->withdrawn);
    CHECK(s.board->changed_token() != token);
    CHECK_FALSE(fs::exists(s.stored("road-closed")));
    CHECK(s.board->active(kNow).empty());
    require_refused(s.install(road_closed(100)), ErrorCode::Version, "not newer than version 101");
    require_refused(s.install(withdrawal), ErrorCode::Version, "already withdrawn");
    // A withdrawal has no text or times: the format refuses them.
    CHECK_THAT(withdrawal.to_bytes(), !Catch::Contains("text"));
    CHECK_THAT(withdrawal.to_bytes(), Catch::Contains("\"withdrawn\":true"));
    // A newer notice of the same id can follow.
    REQUIRE(s.install(road_closed(102)));
    CHECK(s.active_ids(kNow) == std::vector<std::string>{"road-closed"});
}

TEST_CASE("a withdrawal cut short by a power failure still hides the notice", "[notice]") {
    Station s;
    REQUIRE(s.install(road_closed(100)));
    auto kept = read_text(s.stored("road-closed"));
    Notice withdrawal = road_closed(101);
    withdrawal.withdrawn = true;
    REQUIRE(s.install(withdrawal));
    write_text(s.stored("road-closed"), kept); // as if the power failed before the file went
    CHECK(s.board->active(kNow).empty());
    REQUIRE(s.board->prune(kNow));
    CHECK_FALSE(fs::exists(s.stored("road-closed")));
}

TEST_CASE("takeovers show first then the newest and a damaged file is left out and reported", "[notice]") {
    Station s;
    Notice a = road_closed();
    a.id = "a-old-banner";
    a.created = kCreated - 100;
    Notice b = road_closed();
    b.id = "b-new-banner";
    b.created = kCreated + 100;
    Notice c = road_closed();
    c.id = "c-takeover";
    c.mode = NoticeMode::Takeover;
    c.created = kCreated - 500;
    for (const auto& n : {a, b, c})
        REQUIRE(s.install(n));
    CHECK(s.active_ids(kNow) == std::vector<std::string>{"c-takeover", "b-new-banner", "a-old-banner"});
    CHECK(s.board->active(kNow)[0].mode == NoticeMode::Takeover);
    auto token = s.board->changed_token();
    CHECK(s.board->changed_token() == token); // nothing changed: the same token
    // The disk damages one of them.
    auto path = s.stored("b-new-banner");
    auto bytes = read_text(path);
    bytes[bytes.find("Road")] = 'T';
    write_text(path, bytes);
    CHECK(s.board->changed_token() != token);
    CHECK(s.active_ids(kNow) == std::vector<std::string>{"c-takeover", "a-old-banner"});
    REQUIRE(s.board->problems().size() == 1);
    CHECK_THAT(s.board->problems()[0], Catch::Contains("b-new-banner.notice"));
    // A notice copied in under another name is not shown either.
    fs::copy_file(s.stored("a-old-banner"), s.board->dir() / "z.notice");
    CHECK(s.active_ids(kNow).size() == 2);
    CHECK(s.board->problems().size() == 2);
    // Pruning never removes what it cannot read.
    REQUIRE(s.board->prune(kCreated + 10 * kDay));
    CHECK(fs::exists(path));
    CHECK_FALSE(fs::exists(s.stored("a-old-banner")));
}

TEST_CASE("installing a notice tells the operator in Vietnamese and English", "[notice]") {
    Station s;
    char* text = nullptr;
    std::size_t size = 0;
    FILE* out = open_memstream(&text, &size);
    auto ok = install_notice_file(*s.board, s.sealed(road_closed()), kNow, {"vi", "en"}, out);
    auto again = install_notice_file(*s.board, s.sealed(road_closed()), kNow, {"vi", "en"}, out);
    std::fclose(out);
    std::string printed(text, size);
    std::free(text);
    CHECK(ok);
    CHECK_FALSE(again);
    CHECK_THAT(printed, Catch::Contains("Đã cài đặt thông báo khẩn road-closed phiên bản 100"));
    CHECK_THAT(printed,
               Catch::Contains("Installed urgent notice road-closed version 100: shown as a banner"));
    CHECK_THAT(printed, Catch::Contains("Thông báo này cũ hơn hoặc trùng"));
    CHECK_THAT(printed, Catch::Contains("The notices already installed are unchanged."));
    CHECK(is_notice_file("/media/usb/road.notice"));
    CHECK_FALSE(is_notice_file("/media/usb/content.kpack"));
}

namespace {

// "2026-12-01T15:00:00+07:00" for a Unix time.
std::string offset_time(std::int64_t unix_s) {
    std::time_t t = static_cast<std::time_t>(unix_s + 7 * 3600);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
    return buf;
}

struct Office {
    TempDir dir;
    fs::path project;
    Office() {
        project = write_sample_project(dir.path());
        REQUIRE(run(content_tool_bin() + " keygen --out " + quote(dir / "office")).status == 0);
    }
    CommandResult notice(const std::string& toml, const std::string& more = "") {
        write_text(dir / "NOTICE.toml", toml);
        return run(content_tool_bin() + " notice " + quote(dir / "NOTICE.toml") + " --key " +
                   quote(dir / "office.key") + " --out " + quote(dir / "road.notice") + " " + more);
    }
    NoticeBoard board(const std::string& channel = "vn.example.province") {
        auto key = PublicKey::load(dir / "office.pub");
        REQUIRE(key);
        TrustedKeys keys;
        keys.add(*key);
        auto b = NoticeBoard::open(dir / "notices", keys, "station-1", channel);
        REQUIRE(b);
        return std::move(b.value());
    }
};

} // namespace

TEST_CASE("content-tool notice makes a notice that a station installs", "[notice][cli]") {
    Office office;
    auto now = static_cast<std::int64_t>(std::time(nullptr));
    std::int64_t starts = now - now % 60 + 3600, expires = starts + 2 * kDay;
    auto toml = "id = \"road-closed\"\nmode = \"takeover\"\nstarts = " + offset_time(starts) +
                "\nexpires = " + offset_time(expires) +
                "\nstations = [\"*\"]\n[text]\nvi = \"Đường 8A bị đóng.\"\nen = \"Road 8A is closed.\"\n"
                "lo = \"ທາງເລກ 8A ປິດ.\"\n";
    auto made = office.notice(toml, "--project " + quote(office.project));
    INFO(made.output);
    REQUIRE(made.status == 0);
    CHECK_THAT(made.output, Catch::Contains("urgent notice road-closed"));
    CHECK_THAT(made.output, Catch::Contains("takeover"));
    CHECK_THAT(made.output, Catch::Contains("kiosk --install"));
    auto board = office.board();
    auto installed = board.install(office.dir / "road.notice", now, {"vi", "en", "lo"});
    REQUIRE(installed);
    CHECK(installed->channel == "vn.example.province"); // from the project
    CHECK(installed->starts == starts);
    CHECK(installed->expires == expires);
    CHECK(installed->mode == NoticeMode::Takeover);
    CHECK(installed->version >= static_cast<std::uint64_t>(now));
    CHECK(board.active(now).empty());
    CHECK(board.active(starts).size() == 1);

    // The withdrawal, from the same file.
    auto withdrawn = office.notice(toml, "--project " + quote(office.project) + " --withdraw --version " +
                                             std::to_string(installed->version + 1));
    INFO(withdrawn.output);
    REQUIRE(withdrawn.status == 0);
    CHECK_THAT(withdrawn.output, Catch::Contains("withdrawal of urgent notice road-closed"));
    REQUIRE(board.install(office.dir / "road.notice", now));
    CHECK(board.active(starts).empty());
}

TEST_CASE("content-tool notice reads local times in the office's time zone", "[notice][cli]") {
    Office office;
    auto now = static_cast<std::int64_t>(std::time(nullptr));
    std::int64_t starts = now - now % 60 + 3600;
    // The same moment written as Vietnam's local time, read under TZ=ICT-7 (UTC+7).
    std::string local = offset_time(starts).substr(0, 19);
    write_text(office.dir / "NOTICE.toml",
               "channel = \"vn.example.province\"\nid = \"gate-hours\"\nmode = "
               "\"banner\"\nstarts = " +
                   local + "\nexpires = " + offset_time(starts + kDay).substr(0, 19) +
                   "\nstations = [\"station-1\"]\n[text]\nvi = \"Giờ mở cửa mới.\"\n"
                   "en = \"New opening hours.\"\n");
    auto made =
        run("TZ=ICT-7 " + content_tool_bin() + " notice " + quote(office.dir / "NOTICE.toml") + " --key " +
            quote(office.dir / "office.key") + " --out " + quote(office.dir / "road.notice"));
    INFO(made.output);
    REQUIRE(made.status == 0);
    auto board = office.board();
    auto installed = board.install(office.dir / "road.notice", now);
    REQUIRE(installed);
    CHECK(installed->starts == starts);
    CHECK(installed->expires == starts + kDay);
}

TEST_CASE("content-tool notice reports mistakes at file and line", "[notice][cli]") {
    Office office;
    auto now = static_cast<std::int64_t>(std::time(nullptr));
    auto made =
        office.notice("id = \"road-closed\"\nmode = \"popup\"\nexpires = " + offset_time(now + kDay) +
                          "\nstations = [\"*\"]\n[text]\nvi = \"Đường 8A bị đóng.\"\nen = \"Road 8A is "
                          "closed.\"\n",
                      "--project " + quote(office.project));
    CHECK(made.status == 1);
    CHECK_THAT(made.output,
               Catch::Contains("NOTICE.toml:2: error: 'mode' must be \"banner\" or \"takeover\""));
    CHECK_THAT(made.output, Catch::Contains("NOTICE.toml:5: error: [text] has no lo line"));
    CHECK_FALSE(fs::exists(office.dir / "road.notice"));

    auto forever =
        office.notice("channel = \"vn.example.province\"\nid = \"x\"\nmode = \"banner\"\nexpires = " +
                      offset_time(now + 40 * kDay) +
                      "\nstations = [\"*\"]\n[text]\nvi = \"a\"\nen = \"b\"\nVietnamese = \"c\"\n");
    CHECK(forever.status == 1);
    CHECK_THAT(forever.output, Catch::Contains("NOTICE.toml:4: error: the notice lasts more than 31 days"));
    CHECK_THAT(forever.output, Catch::Contains("NOTICE.toml:9: error: 'Vietnamese' is not a language code"));

    auto english_only =
        office.notice("channel = \"vn.example.province\"\nid = \"x\"\nmode = \"banner\"\nexpires = " +
                      offset_time(now + kDay) + "\nstations = [\"*\"]\n[text]\nen = \"b\"\n");
    CHECK(english_only.status == 1);
    CHECK_THAT(english_only.output, Catch::Contains("[text] has no vi line"));

    auto help = run(content_tool_bin() + " notice --help");
    CHECK(help.status == 0);
    CHECK_THAT(help.output, Catch::Contains("this computer's time zone"));
}

TEST_CASE("a notice speaks the language of the screen it shows over", "[notice]") {
    Notice n = road_closed(); // vi, en, lo
    CHECK(n.language_for({"lo"}) == "lo");
    CHECK(n.language_for({"km", "vi"}) == "vi"); // a dual view's second language when the first is missing
    CHECK(n.language_for({"km"}) == "en");
    CHECK(n.language_for({}) == "en");
    n.text.erase("en");
    CHECK(n.language_for({"zh"}) == "vi");
}

TEST_CASE("installing a notice gives its times with their offset from UTC", "[notice]") {
    StationZone zone; // the station's clock in Vietnam (UTC+7)
    Notice n = road_closed();
    auto message = notice_installed_message(n, n.starts - 60);
    CHECK_THAT(message, Catch::Contains("(UTC+07:00)"));
}

TEST_CASE("content-tool notice refuses text that cannot be read on some profile, and says the limit",
          "[notice][cli]") {
    Office office;
    auto now = static_cast<std::int64_t>(std::time(nullptr));
    std::string longer;
    for (int i = 0; i < 6; ++i)
        longer += "Road 8A is closed by a landslide near km 12. ";
    auto toml = "id = \"road-closed\"\nmode = \"banner\"\nexpires = " + offset_time(now + kDay) +
                "\nstations = [\"*\"]\n[text]\nvi = \"Đường 8A bị đóng.\"\nen = \"" + longer +
                "\"\nlo = \"ທາງເລກ 8A ປິດ.\"\n";
    auto made = office.notice(toml, "--project " + quote(office.project));
    INFO(made.output);
    CHECK(made.status == 1);
    CHECK_THAT(made.output, Catch::Contains("NOTICE.toml:7: error: text.en does not fit the banner on the led-wall"));
    CHECK_THAT(made.output, Catch::Contains("smallest readable size there is 52 px"));
    CHECK_FALSE(fs::exists(office.dir / "road.notice"));
    // The short languages fit everywhere.
    CHECK_THAT(made.output, !Catch::Contains("text.vi"));
}
