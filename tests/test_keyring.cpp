// Signing keys: the offline root key certifies office keys for their channels, revokes them, and the
// station's store and notice board follow, including through the real kiosk and content-tool.
#include "crypto/sealed.hpp"
#include "keys/keyring.hpp"
#include "notice/notice.hpp"
#include "store/store.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <ctime>

using namespace kiosk;
using namespace test_support;

namespace {

constexpr const char* kChannel = "vn.example.province"; // the sample project's channel

std::int64_t now() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

KeyCertificate certificate_for(const SecretKey& office, std::vector<std::string> channels,
                               std::int64_t issued = 1790000000) {
    KeyCertificate cert;
    cert.key = office.public_key();
    cert.channels = std::move(channels);
    cert.name = "Sở TT&TT Hà Tĩnh";
    cert.issued = issued;
    return cert;
}

struct KeyFixture {
    TempDir dir;
    SecretKey root = generate_key();
    SecretKey office = generate_key();
    fs::path source = write_sample_project(dir.path());

    std::unique_ptr<Keyring> open_ring() {
        auto ring = Keyring::open(dir / "store" / "keys", {root.public_key()}, {});
        REQUIRE(ring.ok());
        return std::move(ring.value());
    }
    fs::path pack(const SecretKey& key, std::uint64_t version) {
        auto file = dir / ("v" + std::to_string(version) + ".kpack");
        build_source(source, key, file, version);
        return file;
    }
};

} // namespace

TEST_CASE("an office key certified by the root key signs packs for its channels only", "[keys]") {
    KeyFixture f;
    auto ring = f.open_ring();
    auto store = Store::open(f.dir / "store", ring->trusted(), "station-1");
    REQUIRE(store.ok());

    auto before = store->install(f.pack(f.office, 1), now());
    REQUIRE_FALSE(before.ok());
    CHECK(before.error().code == ErrorCode::Signature);

    // Certified for another province's channels: still refused, and the message says what it may sign.
    REQUIRE(ring->add_certificate(seal_certificate(certificate_for(f.office, {"vn.quang-tri", "vn.nghe-an.*"}, 1), f.root)).ok());
    auto other = store->install(f.pack(f.office, 1), now());
    REQUIRE_FALSE(other.ok());
    CHECK_THAT(other.error().message, Catch::Contains("may sign only for channel(s) vn.quang-tri, vn.nghe-an.*"));
    CHECK_THAT(other.error().message, Catch::Contains("Hà Tĩnh"));

    // A newer certificate for its own channel (a prefix): installs, and the store (holding a copy of the
    // trusted set) sees the change at once.
    auto added = ring->add_certificate(seal_certificate(certificate_for(f.office, {"vn.example.*"}, 2), f.root));
    REQUIRE(added.ok());
    CHECK(added->outcome == KeyFileOutcome::Added);
    REQUIRE(store->install(f.pack(f.office, 1), now()).ok());
    CHECK(store->open_active(Verify::Full).ok());

    // The older certificate again (a replay that would narrow or widen the key): changes nothing.
    auto older = ring->add_certificate(seal_certificate(certificate_for(f.office, {"vn.quang-tri"}, 1), f.root));
    REQUIRE(older.ok());
    CHECK(older->outcome == KeyFileOutcome::Older);
    CHECK_THAT(key_file_message(*older), Catch::Contains("The station keeps a newer one"));
    CHECK(ring->trusted().check_channel(f.office.public_key().id(), kChannel).ok());
    // The same certificate again: already known, nothing changes.
    auto again = ring->add_certificate(seal_certificate(certificate_for(f.office, {"vn.example.*"}, 2), f.root));
    REQUIRE(again.ok());
    CHECK(again->outcome == KeyFileOutcome::AlreadyKnown);

    // Kept across a restart.
    ring.reset();
    auto reopened = f.open_ring();
    CHECK(reopened->trusted().check_channel(f.office.public_key().id(), kChannel).ok());
    CHECK_FALSE(reopened->trusted().check_channel(f.office.public_key().id(), "vn.quang-tri").ok());
}

TEST_CASE("a national key and a provincial key each sign only their own channel", "[keys]") {
    TrustedKeys keys;
    SecretKey national = generate_key(), province = generate_key();
    keys.add(national.public_key(), {"vn.national"}, "Bộ Ngoại giao");
    keys.add(province.public_key(), {"vn.ha-tinh"}, "Sở Hà Tĩnh");
    CHECK(keys.check_channel(national.public_key().id(), "vn.national").ok());
    CHECK_FALSE(keys.check_channel(national.public_key().id(), "vn.ha-tinh").ok());
    CHECK(keys.check_channel(province.public_key().id(), "vn.ha-tinh").ok());
    CHECK_FALSE(keys.check_channel(province.public_key().id(), "vn.national").ok());
    CHECK_FALSE(keys.check_channel(province.public_key().id(), "vn.ha-tinh-2").ok()); // exact, not a prefix
    CHECK_FALSE(keys.check_channel(generate_key().public_key().id(), "vn.ha-tinh").ok());

    // A notice of the national channel signed by the provincial key is refused.
    Notice notice;
    notice.channel = "vn.national";
    notice.id = "storm";
    notice.version = 1;
    notice.created = notice.starts = 1790000000;
    notice.expires = notice.starts + 86400;
    notice.stations = {"*"};
    notice.text = {{"vi", "Bão"}, {"en", "Storm"}};
    CHECK(open_notice(seal_notice(notice, national), keys).ok());
    auto forged = open_notice(seal_notice(notice, province), keys);
    REQUIRE_FALSE(forged.ok());
    CHECK_THAT(forged.error().message, Catch::Contains("may sign only for channel(s) vn.ha-tinh"));
}

TEST_CASE("key files that are forged, altered, of another kind or replayed are refused", "[keys]") {
    KeyFixture f;
    auto ring = f.open_ring();
    auto cert = certificate_for(f.office, {kChannel});

    SECTION("signed by a key that is not the root") {
        auto r = ring->add_certificate(seal_certificate(cert, f.office));
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().message, Catch::Contains("not a root key"));
    }
    SECTION("one bit flipped in the document") {
        auto bytes = seal_certificate(cert, f.root);
        bytes[bytes.size() - 5] ^= 0x01;
        auto r = ring->add_certificate(bytes);
        REQUIRE_FALSE(r.ok());
    }
    SECTION("cut short") {
        auto bytes = seal_certificate(cert, f.root);
        CHECK_FALSE(ring->add_certificate(bytes.substr(0, 100)).ok());
        CHECK_FALSE(ring->add_certificate(bytes.substr(0, bytes.size() - 10)).ok());
    }
    SECTION("a revocation list's signature passed off as a certificate") {
        RevocationList list;
        list.sequence = 1;
        auto bytes = seal_revocations(list, f.root);
        auto r = ring->add_certificate(bytes);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().message, Catch::Contains("another kind"));
        // The same document re-labelled: the signature's domain differs, so it fails.
        auto relabelled = bytes;
        relabelled.replace(relabelled.find("key-revocations"), 15, "key-certificate");
        CHECK_FALSE(ring->add_certificate(relabelled).ok());
    }
    SECTION("non-canonical JSON, even when validly signed") {
        auto json = cert.to_json();
        json.insert(1, " ");
        CHECK_FALSE(ring->add_certificate(seal(SignedDocument::KeyCertificate, json, f.root)).ok());
    }
    SECTION("a certificate for every channel") {
        cert.channels = {"*"};
        CHECK_FALSE(ring->add_certificate(seal_certificate(cert, f.root)).ok());
    }
    SECTION("no root key configured") {
        auto bare = Keyring::open(f.dir / "bare", {}, {});
        REQUIRE(bare.ok());
        auto r = (*bare)->add_certificate(seal_certificate(cert, f.root));
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().message, Catch::Contains("root_keys"));
    }
    CHECK(ring->trusted().empty());
    CHECK(ring->certificates().empty());
}

TEST_CASE("a revoked key stops signing and rotation to a new key needs no station visit", "[keys]") {
    KeyFixture f;
    auto ring = f.open_ring();
    auto store = Store::open(f.dir / "store", ring->trusted(), "station-1");
    REQUIRE(store.ok());
    REQUIRE(ring->add_certificate(seal_certificate(certificate_for(f.office, {kChannel}), f.root)).ok());
    REQUIRE(store->install(f.pack(f.office, 1), now()).ok());

    // Rotation: a new office key is certified and signs version 2; then the old key is revoked.
    SecretKey next = generate_key();
    REQUIRE(ring->add_certificate(seal_certificate(certificate_for(next, {kChannel}), f.root)).ok());
    write_text(f.source / "slides" / "02-hours.toml",
               read_text(f.source / "slides" / "02-hours.toml") + "\n# rotated\n");
    REQUIRE(store->install(f.pack(next, 2), now()).ok());

    RevocationList list;
    list.sequence = 1;
    list.issued = 1790000000;
    list.revoked = {{f.office.public_key().id(), "key rotated, 2026"}};
    auto revoked = ring->add_revocations(seal_revocations(list, f.root));
    REQUIRE(revoked.ok());
    CHECK_FALSE(ring->trusted().find(f.office.public_key().id()));
    CHECK(ring->trusted().find(next.public_key().id()));
    auto active = store->open_active(Verify::Full);
    REQUIRE(active.ok());
    CHECK(active->manifest.version == 2);
    // The roll back target was signed by the revoked key: it no longer verifies.
    CHECK_FALSE(store->previous_manifest().ok());

    // A pack from the revoked key is refused; a certificate cannot bring the key back.
    auto refused = store->install(f.pack(f.office, 3), now());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::Signature);
    CHECK_THAT(refused.error().message, Catch::Contains("which the root key has revoked (key rotated, 2026)"));
    auto back = ring->add_certificate(seal_certificate(certificate_for(f.office, {kChannel}, 1790000500), f.root));
    REQUIRE_FALSE(back.ok());
    CHECK_THAT(back.error().message, Catch::Contains("revoked"));

    // An older list (replayed to un-revoke the key) changes nothing; the same list again is already known;
    // another list under the same number is refused.
    RevocationList empty;
    empty.sequence = 0;
    auto replayed = ring->add_revocations(seal_revocations(empty, f.root));
    REQUIRE(replayed.ok());
    CHECK(replayed->outcome == KeyFileOutcome::Older);
    CHECK_FALSE(ring->trusted().find(f.office.public_key().id()));
    auto same = ring->add_revocations(seal_revocations(list, f.root));
    REQUIRE(same.ok());
    CHECK(same->outcome == KeyFileOutcome::AlreadyKnown);
    RevocationList different = list;
    different.revoked.clear();
    CHECK_FALSE(ring->add_revocations(seal_revocations(different, f.root)).ok());

    // After a restart the revocation still holds.
    ring.reset();
    auto reopened = f.open_ring();
    CHECK_FALSE(reopened->trusted().find(f.office.public_key().id()));
    CHECK(reopened->trusted().find(next.public_key().id()));
}

TEST_CASE("a kept certificate altered on the station's disk is left out at start", "[keys]") {
    KeyFixture f;
    {
        auto ring = f.open_ring();
        REQUIRE(ring->add_certificate(seal_certificate(certificate_for(f.office, {kChannel}), f.root)).ok());
    }
    auto file = f.dir / "store/keys/certificates" / (f.office.public_key().id() + ".kcert");
    auto bytes = read_text(file);
    bytes.replace(bytes.find(kChannel), 2, "xx");
    write_text(file, bytes);
    auto ring = f.open_ring();
    CHECK(ring->trusted().empty());
}

TEST_CASE("content-tool certify and revoke, then kiosk --install of a pack with its certificate beside it", "[keys][cli]") {
    TempDir dir;
    auto source = write_sample_project(dir.path());
    auto tool = content_tool_bin();
    REQUIRE(run(tool + " keygen --out " + quote(dir / "root")).status == 0);
    REQUIRE(run(tool + " keygen --out " + quote(dir / "office")).status == 0);
    write_text(dir / "kiosk.conf", "store = " + (dir / "store").string() + "\ntrusted_keys =\nroot_keys = " +
                                       (dir / "root.pub").string() + "\nstation = station-1\nfullscreen = no\n");
    std::string kiosk = kiosk_bin() + " --config " + quote(dir / "kiosk.conf");

    auto usage = run(tool + " certify --root " + quote(dir / "root.key"));
    CHECK(usage.status == 2);
    CHECK_THAT(usage.output, Catch::Contains("--channel"));
    auto bad = run(tool + " certify --root " + quote(dir / "root.key") + " --key " + quote(dir / "office.pub") +
                   " --channel 'Bad Channel' --name x --out " + quote(dir / "bad.kcert"));
    CHECK(bad.status == 1);
    CHECK_THAT(bad.output, Catch::Contains("not a channel name"));

    fs::create_directories(dir / "stick/keys");
    auto certified = run(tool + " certify --root " + quote(dir / "root.key") + " --key " + quote(dir / "office.pub") +
                         " --channel vn.example.province --name 'Sở Hà Tĩnh' --out " + quote(dir / "stick/keys/office.kcert"));
    INFO(certified.output);
    REQUIRE(certified.status == 0);
    REQUIRE(run(tool + " build " + quote(source) + " --key " + quote(dir / "office.key") + " -o " +
                quote(dir / "stick/pack.kpack") + " --version 5").status == 0);

    // Without the certificate the station does not know the office key.
    fs::copy_file(dir / "stick/pack.kpack", dir / "alone.kpack");
    auto unknown = run(kiosk + " --install " + quote(dir / "alone.kpack"));
    CHECK(unknown.status == 1);
    // With it beside the pack (as content-tool usb lays a stick out), the pack installs.
    auto installed = run(kiosk + " --install " + quote(dir / "stick/pack.kpack"));
    INFO(installed.output);
    CHECK(installed.status == 0);
    CHECK(run(kiosk + " --verify-store").status == 0);

    // The root revokes the office key; the revocation list installed on its own takes the pack down.
    auto revoked = run(tool + " revoke --root " + quote(dir / "root.key") + " --key-id " +
                       read_text(dir / "office.pub").substr(read_text(dir / "office.pub").find("key ") + 4, 16) +
                       " --reason lost --out " + quote(dir / "r1.krevoke"));
    INFO(revoked.output);
    REQUIRE(revoked.status == 0);
    auto taken = run(kiosk + " --install " + quote(dir / "r1.krevoke"));
    INFO(taken.output);
    CHECK(taken.status == 0);
    CHECK_THAT(taken.output, Catch::Contains("Accepted"));
    CHECK(run(kiosk + " --verify-store").status == 1);
    auto replay = run(kiosk + " --install " + quote(dir / "r1.krevoke"));
    CHECK_THAT(replay.output, Catch::Contains("Trạm đã có: danh sách thu hồi khóa số 1"));
    CHECK_THAT(replay.output, Catch::Contains("Already known: key revocation list number 1"));
}
