// Pack manifests: canonical encoding, and refusal of every malformed or tricky manifest.
#include "pack/manifest.hpp"

#include <catch2/catch.hpp>
#include <random>

using namespace kiosk;

namespace {

Manifest sample_manifest() {
    Manifest m;
    m.channel = "vn.thanhhoa.na-meo";
    m.version = 20261123120000ull;
    m.created = 1795000000;
    m.stations = {"na-meo", "cau-treo"};
    m.signer = "0123456789abcdef";
    m.objects.push_back({"content.json", 120, blake2b256("a"), "application/vnd.kiosk.content+json"});
    m.objects.push_back({"media/welcome.png", 5000, blake2b256("b"), "image/png"});
    return m;
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
    auto pos = s.find(from);
    REQUIRE(pos != std::string::npos);
    return s.replace(pos, from.size(), to);
}

} // namespace

TEST_CASE("a manifest survives encoding and parsing unchanged", "[manifest]") {
    Manifest m = sample_manifest();
    m.expires = 1800000000;
    m.version = UINT64_MAX; // the full uint64 range, which JSON doubles would lose
    auto bytes = m.to_bytes();
    auto parsed = Manifest::parse(bytes);
    REQUIRE(parsed.ok());
    CHECK(parsed->version == UINT64_MAX);
    CHECK(parsed->expires == 1800000000);
    CHECK(parsed->to_bytes() == bytes);
    CHECK(parsed->targets("na-meo"));
    CHECK_FALSE(parsed->targets("vung-ang"));
}

TEST_CASE("non-canonical spellings of a manifest are refused", "[manifest]") {
    auto bytes = sample_manifest().to_bytes();
    CHECK_FALSE(Manifest::parse(" " + bytes).ok());
    CHECK_FALSE(Manifest::parse(replace(bytes, "\"format\":1", "\"format\": 1")).ok());
    // Keys out of order: channel moved after format.
    auto reordered = replace(bytes, "{\"channel\":\"vn.thanhhoa.na-meo\",", "{");
    reordered = replace(reordered, "\"format\":1,", "\"format\":1,\"channel\":\"vn.thanhhoa.na-meo\",");
    auto result = Manifest::parse(reordered);
    REQUIRE_FALSE(result.ok());
    CHECK_THAT(result.error().message, Catch::Contains("canonical"));
}

TEST_CASE("object paths must be plain relative names", "[manifest]") {
    auto [path, ok] = GENERATE(table<std::string, bool>({
        {"content.json", true},
        {"media/welcome.png", true},
        {"media/sub/map_01-a.jpg", true},
        {"../etc/passwd", false},
        {"media/../../x", false},
        {"/etc/passwd", false},
        {"media//x.png", false},
        {"media/./x.png", false},
        {".hidden", false},
        {"media/.x", false},
        {"media\\x.png", false},
        {"media/ảnh.png", false},
        {"", false},
        {std::string(256, 'a'), false},
        {"media/x.png/", false},
        {std::string("a\0b", 3), false},
    }));
    INFO(path);
    CHECK(validate_object_path(path).ok() == ok);
}

TEST_CASE("manifests with hostile fields are refused with a reason", "[manifest]") {
    auto bytes = sample_manifest().to_bytes();
    SECTION("duplicate paths, even differing only in case") {
        auto m = sample_manifest();
        m.objects.push_back({"MEDIA/welcome.png", 5000, blake2b256("c"), "image/png"});
        auto r = Manifest::parse(m.to_bytes());
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().message, Catch::Contains("appears twice"));
    }
    SECTION("path traversal") {
        auto r = Manifest::parse(replace(bytes, "media/welcome.png", "../../welcome.png"));
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().message, Catch::Contains(".."));
    }
    SECTION("unknown fields") {
        auto r = Manifest::parse(replace(bytes, "\"format\":1", "\"format\":1,\"gzip\":true"));
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error().message, Catch::Contains("unknown field"));
    }
    SECTION("a newer format") {
        auto r = Manifest::parse(replace(bytes, "\"format\":1", "\"format\":2"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::Unsupported);
    }
    SECTION("negative or fractional numbers") {
        CHECK_FALSE(Manifest::parse(replace(bytes, "\"size\":120", "\"size\":-120")).ok());
        CHECK_FALSE(Manifest::parse(replace(bytes, "\"size\":120", "\"size\":120.5")).ok());
    }
    SECTION("a malformed hash") {
        auto hex = hash_to_hex(blake2b256("a"));
        std::string upper = hex;
        for (auto& c : upper)
            c = static_cast<char>(std::toupper(c));
        CHECK_FALSE(Manifest::parse(replace(bytes, hex, upper)).ok());
        CHECK_FALSE(Manifest::parse(replace(bytes, hex, hex.substr(2))).ok());
    }
    SECTION("no target stations") {
        auto m = sample_manifest();
        m.stations.clear();
        CHECK_FALSE(Manifest::parse(m.to_bytes()).ok());
    }
    SECTION("deep nesting") {
        std::string deep = std::string(100000, '[') + std::string(100000, ']');
        CHECK_FALSE(Manifest::parse(deep).ok());
    }
    SECTION("larger than the cap") {
        auto r = Manifest::parse(std::string(kManifestCap + 1, ' '));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::TooLarge);
    }
}

TEST_CASE("random corruption of a manifest never crashes the parser", "[manifest]") {
    auto bytes = sample_manifest().to_bytes();
    std::mt19937 rng(1234);
    int accepted = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string damaged = bytes;
        int flips = 1 + static_cast<int>(rng() % 4);
        for (int f = 0; f < flips; ++f)
            damaged[rng() % damaged.size()] ^= static_cast<char>(1 << (rng() % 8));
        if (rng() % 5 == 0)
            damaged.resize(rng() % damaged.size());
        auto result = Manifest::parse(damaged);
        if (result.ok()) {
            ++accepted;
            CHECK(result->to_bytes() == damaged); // anything accepted is canonical
        }
    }
    CHECK(accepted < 3000);
}
