// The nginx fixture itself: serves files, logs bytes and ranges, and stores PUT uploads.
#include "nginx_server.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace test_support;

TEST_CASE("nginx on loopback serves a folder, answers ranges and stores PUT uploads", "[nginx]") {
    TempDir dir;
    write_text(dir / "site/hello.bin", "0123456789");
    NginxServer nginx(dir / "site", dir / "uploads");
    auto got = run("curl -sS " + nginx.url("/hello.bin"));
    CHECK(got.output == "0123456789");
    got = run("curl -sS -H 'Range: bytes=4-' " + nginx.url("/hello.bin"));
    CHECK(got.output == "456789");
    got = run("curl -sS -o /dev/null -w '%{http_code}' -T " + quote(dir / "site/hello.bin") + " " +
              nginx.url("/upload/st-1/a.bin"));
    CHECK((got.output == "201" || got.output == "204"));
    CHECK(read_text(dir / "uploads/st-1/a.bin") == "0123456789");
    auto log = nginx.requests();
    REQUIRE(log.size() == 3);
    CHECK(log[1].status == 206);
    CHECK(log[1].range == "bytes=4-");
    CHECK(nginx.bytes_sent("/hello") == 16);
}
