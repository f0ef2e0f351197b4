// Signing keys: files, ids, signatures and their domain separation.
#include "crypto/keys.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <sys/stat.h>

using namespace kiosk;
using namespace test_support;

TEST_CASE("a signature verifies only for its key, its bytes and its purpose", "[keys]") {
    SecretKey key = generate_key();
    SecretKey other = generate_key();
    std::string manifest = "{\"channel\":\"x\"}";
    Signature sig = key.sign(SignedDocument::PackManifest, manifest);
    CHECK(key.public_key().verify(SignedDocument::PackManifest, manifest, sig));
    CHECK_FALSE(other.public_key().verify(SignedDocument::PackManifest, manifest, sig));
    CHECK_FALSE(key.public_key().verify(SignedDocument::PackManifest, manifest + " ", sig));
    // A plain Ed25519 signature over the bytes, without the domain prefix, is not accepted.
    Signature raw{};
    crypto_sign_detached(raw.data(), nullptr, reinterpret_cast<const unsigned char*>(manifest.data()),
                         manifest.size(), key.bytes.data());
    CHECK_FALSE(key.public_key().verify(SignedDocument::PackManifest, manifest, raw));
}

TEST_CASE("key files round-trip and damaged ones are refused", "[keys]") {
    SecretKey key = generate_key();
    auto secret = SecretKey::parse(key.to_file_text("k"));
    REQUIRE(secret.ok());
    CHECK(secret->bytes == key.bytes);
    auto pub = PublicKey::parse(key.public_key().to_file_text("k"));
    REQUIRE(pub.ok());
    CHECK(pub->id() == key.public_key().id());
    CHECK(pub->id().size() == 16);

    CHECK_FALSE(PublicKey::parse(key.to_file_text("k")).ok()); // a secret key where a public one belongs
    CHECK_FALSE(SecretKey::parse(key.public_key().to_file_text("k")).ok());
    auto text = key.to_file_text("k");
    text[text.size() - 10] = text[text.size() - 10] == '0' ? '1' : '0'; // damage the public half
    auto damaged = SecretKey::parse(text);
    REQUIRE_FALSE(damaged.ok());
    CHECK_THAT(damaged.error().message, Catch::Contains("damaged"));
}

TEST_CASE("content-tool keygen writes a 0600 secret key and refuses to overwrite", "[keys][cli]") {
    TempDir dir;
    auto first = run(content_tool_bin() + " keygen --out " + quote(dir / "office"));
    REQUIRE(first.status == 0);
    struct stat st {};
    REQUIRE(::stat((dir / "office.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    auto pub = PublicKey::load(dir / "office.pub");
    REQUIRE(pub.ok());
    CHECK_THAT(first.output, Catch::Contains(pub->id()));
    auto before = read_text(dir / "office.key");
    auto second = run(content_tool_bin() + " keygen --out " + quote(dir / "office"));
    CHECK(second.status == 1);
    CHECK_THAT(second.output, Catch::Contains("refusing to overwrite"));
    CHECK(read_text(dir / "office.key") == before);
}
