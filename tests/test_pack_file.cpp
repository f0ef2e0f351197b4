// Hostile .kpack files: truncated, bit-flipped, unsigned, wrongly signed, padded, mislabelled.
#include "pack/pack_file.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;
using namespace test_support;

namespace {

struct PackFixture {
    TempDir dir;
    SecretKey key = generate_key();
    TrustedKeys keys;
    fs::path pack;
    std::string bytes;
    std::size_t manifest_size = 0;

    PackFixture() {
        keys.add(key.public_key());
        auto source = write_sample_project(dir.path());
        pack = dir / "good.kpack";
        build_source(source, key, pack, 7);
        bytes = read_text(pack);
        auto reader = PackReader::open(pack);
        REQUIRE(reader.ok());
        manifest_size = reader->manifest_bytes().size();
    }

    Result<Manifest> verify_variant(const std::string& variant) {
        auto file = dir / "variant.kpack";
        write_text(file, variant);
        return verify_pack_file(file, keys);
    }
};

std::string flip(std::string s, std::size_t at) {
    s[at] ^= 0x04;
    return s;
}

} // namespace

TEST_CASE("a well-formed pack verifies with its key", "[pack]") {
    PackFixture f;
    auto m = verify_pack_file(f.pack, f.keys);
    REQUIRE(m.ok());
    CHECK(m->version == 7);
    CHECK(m->find("content.json"));
    CHECK(m->find("media/welcome.png"));
}

TEST_CASE("a truncated pack is refused wherever it is cut", "[pack]") {
    PackFixture f;
    std::size_t cut = GENERATE(0, 7, 40, 87, 88, 100, 200, 400);
    std::size_t at = std::min(cut, f.bytes.size() - 1);
    std::size_t blob_start = kPackHeaderSize + f.manifest_size;
    std::size_t tail = GENERATE(0, 1, 2);
    if (tail == 1)
        at = blob_start + 10; // inside the first blob
    if (tail == 2)
        at = f.bytes.size() - 1; // one byte short
    INFO("cut at " << at);
    auto r = f.verify_variant(f.bytes.substr(0, at));
    REQUIRE_FALSE(r.ok());
    CHECK((r.error().code == ErrorCode::Truncated || r.error().code == ErrorCode::Parse));
}

TEST_CASE("a flipped bit anywhere is caught by the signature or a hash", "[pack]") {
    PackFixture f;
    std::size_t blob_start = kPackHeaderSize + f.manifest_size;
    SECTION("in the manifest") {
        auto r = f.verify_variant(flip(f.bytes, kPackHeaderSize + f.manifest_size / 2));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Signature);
    }
    SECTION("in the signature") {
        auto r = f.verify_variant(flip(f.bytes, 30));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Signature);
    }
    SECTION("in the signer id") {
        auto r = f.verify_variant(flip(f.bytes, 17));
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().message, Catch::Contains("which this station does not trust"));
    }
    SECTION("in the content document") {
        auto r = f.verify_variant(flip(f.bytes, blob_start + 5));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Hash);
        CHECK_THAT(r.error().message, Catch::Contains("content.json"));
    }
    SECTION("in the last image byte") {
        auto r = f.verify_variant(flip(f.bytes, f.bytes.size() - 1));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Hash);
        CHECK_THAT(r.error().message, Catch::Contains("media/welcome.png"));
    }
    SECTION("in the magic") {
        auto r = f.verify_variant(flip(f.bytes, 2));
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().message, Catch::Contains("not a content pack"));
    }
}

TEST_CASE("unsigned, wrongly signed and padded packs are refused", "[pack]") {
    PackFixture f;
    SECTION("signature zeroed") {
        std::string unsigned_pack = f.bytes;
        std::fill(unsigned_pack.begin() + 24, unsigned_pack.begin() + 88, '\0');
        auto r = f.verify_variant(unsigned_pack);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Signature);
    }
    SECTION("signed by a key the station does not trust") {
        TrustedKeys others;
        others.add(generate_key().public_key());
        auto r = verify_pack_file(f.pack, others);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Signature);
    }
    SECTION("extra bytes after the last object") {
        auto r = f.verify_variant(f.bytes + "extra");
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().message, Catch::Contains("unexpected bytes"));
    }
    SECTION("a manifest length beyond the cap") {
        std::string huge = f.bytes;
        huge[12] = huge[13] = huge[14] = huge[15] = '\xff';
        auto r = f.verify_variant(huge);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::TooLarge);
    }
}

TEST_CASE("a validly signed manifest with a path trick is still refused", "[pack]") {
    PackFixture f;
    auto reader = PackReader::open(f.pack);
    REQUIRE(reader.ok());
    auto manifest = reader->verify_manifest(f.keys);
    REQUIRE(manifest.ok());
    std::map<Hash256, fs::path> blobs;
    // Reuse the real bytes, but name one object with a path that climbs out of any directory.
    auto evil = *manifest;
    evil.objects[1].path = "../../etc/cron.d/evil";
    auto first = f.dir / "blob0";
    auto second = f.dir / "blob1";
    std::size_t start = kPackHeaderSize + f.manifest_size;
    write_text(first, f.bytes.substr(start, evil.objects[0].size));
    write_text(second, f.bytes.substr(start + evil.objects[0].size, evil.objects[1].size));
    blobs[evil.objects[0].hash] = first;
    blobs[evil.objects[1].hash] = second;
    REQUIRE(write_pack(f.dir / "evil.kpack", evil, f.key, blobs).ok());
    auto r = verify_pack_file(f.dir / "evil.kpack", f.keys);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains(".."));
}
