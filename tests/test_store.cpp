// The verified store: what it installs, what it refuses, what it keeps, and that refusals change nothing.
#include "pack/pack_file.hpp"
#include "platform/linux/files.hpp"
#include "store/store.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <ctime>
#include <set>

using namespace kiosk;
using namespace test_support;

namespace {

struct StoreFixture {
    TempDir dir;
    SecretKey key = generate_key();
    TrustedKeys keys;
    fs::path source;
    std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));

    StoreFixture() {
        keys.add(key.public_key());
        source = write_sample_project(dir.path());
    }
    Store open_store(const std::string& station = "station-1", const std::string& channel = "") {
        auto store = Store::open(dir / "store", keys, station, channel);
        REQUIRE(store.ok());
        return std::move(store.value());
    }
    fs::path pack(std::uint64_t version, const std::string& name = "") {
        auto file = dir / ((name.empty() ? "v" + std::to_string(version) : name) + ".kpack");
        build_source(source, key, file, version);
        return file;
    }
    std::uint64_t active_version(Store& store) {
        auto active = store.open_active(Verify::Full);
        REQUIRE(active.ok());
        return active->manifest.version;
    }
    // Changes the sample so the next pack has different object bytes.
    void edit_body(const std::string& text) {
        auto file = source / "slides" / "02-hours.toml";
        auto s = read_text(file);
        auto at = s.find("Hằng ngày");
        REQUIRE(at != std::string::npos);
        write_text(file, s.insert(at, text + " "));
    }
};

} // namespace

TEST_CASE("a signed pack installs and plays, and the previous one is kept", "[store]") {
    StoreFixture f;
    Store store = f.open_store();
    CHECK(store.open_active(Verify::Quick).error().code == ErrorCode::NotFound);
    REQUIRE(store.install(f.pack(1), f.now).ok());
    CHECK(f.active_version(store) == 1);
    f.edit_body("hai");
    REQUIRE(store.install(f.pack(2), f.now).ok());
    CHECK(f.active_version(store) == 2);
    CHECK(fs::read_symlink(store.root() / "previous").filename() == "vn.example.province-1");
    auto active = store.open_active(Verify::Full);
    StoreObjects objects(store, active->manifest);
    auto content = objects.read("content.json");
    REQUIRE(content.ok());
    CHECK_THAT(*content, Catch::Contains("hai"));
}

TEST_CASE("older, equal, foreign and expired packs are refused and nothing changes", "[store]") {
    StoreFixture f;
    Store store = f.open_store();
    auto v5 = f.pack(5);
    REQUIRE(store.install(v5, f.now).ok());
    auto before = read_text(store.root() / "packs" / "vn.example.province-5" / "manifest.json");

    SECTION("the same version again") {
        auto r = store.install(v5, f.now);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Version);
        CHECK_THAT(operator_message(r.error()), Catch::Contains("cũ hơn hoặc trùng"));
        CHECK_THAT(operator_message(r.error()), Catch::Contains("older than or the same"));
    }
    SECTION("an older version") {
        auto r = store.install(f.pack(4), f.now);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Version);
    }
    SECTION("a pack for another station") {
        auto r = Store::open(f.dir / "store", f.keys, "vung-ang")->install(f.pack(6), f.now);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Station);
        CHECK_THAT(operator_message(r.error()), Catch::Contains("trạm hoặc kênh khác"));
        CHECK_THAT(r.error().message,
                   Catch::Contains("meant for station(s) station-1, not for this station 'vung-ang'"));
    }
    SECTION("a pack of another channel when the station is pinned to one") {
        auto r = Store::open(f.dir / "store", f.keys, "station-1", "vn.hatinh.cau-treo")
                     ->install(f.pack(6), f.now);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Station);
    }
    SECTION("an expired pack") {
        auto file = f.dir / "expired.kpack";
        build_source(f.source, f.key, file, 9, f.now - 60);
        auto r = store.install(file, f.now);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Expired);
    }
    SECTION("a pack signed by an untrusted key") {
        auto file = f.dir / "stranger.kpack";
        build_source(f.source, generate_key(), file, 9);
        auto r = store.install(file, f.now);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Signature);
        CHECK_THAT(operator_message(r.error()), Catch::Contains("chữ ký"));
    }
    SECTION("a tampered pack") {
        // Objects the store already holds are skipped, so damage one it lacks: the new content document.
        f.edit_body("mới");
        auto file = f.pack(9);
        auto bytes = read_text(file);
        auto reader = PackReader::open(file);
        REQUIRE(reader.ok());
        bytes[kPackHeaderSize + reader->manifest_bytes().size() + 5] ^= 1;
        write_text(file, bytes);
        auto r = store.install(file, f.now);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Hash);
        CHECK_THAT(operator_message(r.error()), Catch::Contains("bị hỏng"));
    }
    SECTION("a truncated pack") {
        auto file = f.pack(9);
        auto bytes = read_text(file);
        write_text(file, bytes.substr(0, bytes.size() / 2));
        auto r = store.install(file, f.now);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Truncated);
    }
    CHECK(f.active_version(store) == 5);
    CHECK(read_text(store.root() / "packs" / "vn.example.province-5" / "manifest.json") == before);
    CHECK(fs::is_empty(store.root() / "tmp"));
}

TEST_CASE("a rolled-back station still refuses a replay of the newer pack", "[store]") {
    StoreFixture f;
    Store store = f.open_store();
    REQUIRE(store.install(f.pack(1), f.now).ok());
    auto v2 = f.pack(2);
    REQUIRE(store.install(v2, f.now).ok());
    // Point current back at version 1, as an operator's roll-back does.
    REQUIRE(platform::replace_symlink(store.root() / "current", "packs/vn.example.province-1").ok());
    CHECK(f.active_version(store) == 1);
    auto r = store.install(v2, f.now);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Version);
}

TEST_CASE("the operator's roll back swaps current and previous and a second one undoes it", "[store]") {
    StoreFixture f;
    Store store = f.open_store();
    REQUIRE(store.install(f.pack(1), f.now).ok());
    auto refused = store.roll_back();
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.error().message, Catch::Contains("no previous pack"));
    f.edit_body("hai");
    auto v2 = f.pack(2);
    REQUIRE(store.install(v2, f.now).ok());
    auto back = store.roll_back();
    REQUIRE(back.ok());
    CHECK(back->version == 1);
    CHECK(f.active_version(store) == 1);
    // The pack rolled back from cannot come back by a replayed stick; only a newer one installs.
    CHECK(store.install(v2, f.now).error().code == ErrorCode::Version);
    auto again = store.roll_back();
    REQUIRE(again.ok());
    CHECK(again->version == 2);
    CHECK(f.active_version(store) == 2);
    // A previous pack damaged on disk is not rolled back to.
    REQUIRE(store.roll_back().ok());
    REQUIRE(store.roll_back().ok());
    auto manifest = store.open_active(Verify::Quick)->manifest;
    REQUIRE(platform::replace_symlink(store.root() / "previous", "packs/missing").ok());
    CHECK_FALSE(store.roll_back().ok());
    CHECK(f.active_version(store) == 2);
}

TEST_CASE("old packs and unused objects are collected, the two kept packs are not", "[store]") {
    StoreFixture f;
    Store store = f.open_store();
    REQUIRE(store.install(f.pack(1), f.now).ok());
    f.edit_body("two");
    REQUIRE(store.install(f.pack(2), f.now).ok());
    f.edit_body("three");
    REQUIRE(store.install(f.pack(3), f.now).ok());
    std::set<std::string> packs;
    for (const auto& e : fs::directory_iterator(store.root() / "packs"))
        packs.insert(e.path().filename().string());
    CHECK(packs == std::set<std::string>{"vn.example.province-2", "vn.example.province-3"});
    int objects = 0;
    for (const auto& e : fs::recursive_directory_iterator(store.root() / "objects"))
        objects += e.is_regular_file();
    // content.json of v2 and v3, and the one image both share.
    CHECK(objects == 3);
}

TEST_CASE("damage on the kiosk's own disk is detected and the previous pack plays", "[store]") {
    StoreFixture f;
    Store store = f.open_store();
    REQUIRE(store.install(f.pack(1), f.now).ok());
    f.edit_body("two");
    REQUIRE(store.install(f.pack(2), f.now).ok());
    auto current = store.open_active(Verify::Quick);
    REQUIRE(current.ok());
    auto path = store.object_path(current->manifest.find("content.json")->hash);
    auto bytes = read_text(path);
    bytes[10] ^= 0x20;
    write_text(path, bytes);
    auto read = store.read_object(current->manifest, "content.json");
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().code == ErrorCode::Hash);
    auto active = store.open_active(Verify::Full);
    REQUIRE(active.ok());
    CHECK(active->slot == Slot::Previous);
    CHECK(active->manifest.version == 1);
}

TEST_CASE("installing the active pack again repairs objects damaged on disk, as does any newer pack",
          "[store]") {
    StoreFixture f;
    Store store = f.open_store();
    auto v1 = f.pack(1);
    REQUIRE(store.install(v1, f.now).ok());
    auto active = store.open_active(Verify::Quick);
    REQUIRE(active.ok());
    const ManifestObject* image = nullptr;
    for (const auto& o : active->manifest.objects)
        if (o.path != "content.json")
            image = &o;
    REQUIRE(image);
    auto path = store.object_path(image->hash);
    auto damage = [&] {
        auto bytes = read_text(path);
        bytes[bytes.size() / 2] ^= 0x01; // same size: only a hash check can tell
        write_text(path, bytes);
        REQUIRE_FALSE(store.open_active(Verify::Full).ok());
    };
    damage();
    auto repaired = store.install(v1, f.now);
    REQUIRE(repaired.ok());
    CHECK(repaired->kind == InstallKind::Repair);
    CHECK(f.active_version(store) == 1);

    // A sound store refuses the same pack again: nothing to repair.
    auto again = store.install(v1, f.now);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::Version);

    // A newer pack sharing the damaged image writes it again instead of trusting it.
    damage();
    f.edit_body("hai");
    auto v2 = store.install(f.pack(2), f.now);
    REQUIRE(v2.ok());
    CHECK(v2->kind == InstallKind::NewVersion);
    CHECK(f.active_version(store) == 2);
    auto both = store.open_active(Verify::Full);
    REQUIRE(both.ok());
    CHECK(both->slot == Slot::Current);
}

TEST_CASE("a store without trusted keys accepts nothing", "[store]") {
    StoreFixture f;
    auto store = Store::open(f.dir / "store", TrustedKeys{}, "station-1");
    REQUIRE(store.ok());
    auto r = store->install(f.pack(1), f.now);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::Signature);
}
