// Remote sync against a real nginx on loopback serving a channel made by the real publish code: only
// changed objects travel, cut downloads resume, corrupted or oversized bytes are refused, replayed and
// expired indexes are refused, untrusted keys are refused, and the old pack keeps playing throughout.
#include "config/config.hpp"
#include "crypto/sealed.hpp"
#include "keys/key_documents.hpp"
#include "pack/pack_file.hpp"
#include "sync/channel_index.hpp"
#include "sync/sync_service.hpp"
#include "sync_support.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <fcntl.h>
#include <set>
#include <sys/wait.h>
#include <thread>

using namespace kiosk;
using namespace test_support;
using sync::SyncOutcome;

namespace {


std::set<std::string> object_uris(const NginxServer& nginx) {
    std::set<std::string> out;
    for (const auto& r : nginx.requests())
        if (r.uri.rfind("/objects/", 0) == 0)
            out.insert(r.uri);
    return out;
}

Manifest manifest_of(const fs::path& pack) {
    auto reader = PackReader::open(pack);
    REQUIRE(reader.ok());
    auto m = reader->parse_unverified_manifest();
    REQUIRE(m.ok());
    return *m;
}

fs::path object_in(const SyncChannel& c, const Hash256& hash) {
    return c.channel_dir / object_file_path(hash);
}

std::size_t files_in(const fs::path& dir) {
    std::error_code ec;
    std::size_t n = 0;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); ++it)
        ++n;
    return n;
}

ChannelIndex read_index(const SyncChannel& c) {
    auto sealed = parse_sealed(SignedDocument::ChannelIndex, read_text(c.channel_dir / "index.kidx"), kChannelIndexCap);
    REQUIRE(sealed.ok());
    auto index = ChannelIndex::parse(sealed->document);
    REQUIRE(index.ok());
    return *index;
}

} // namespace

TEST_CASE("sync installs v1, then fetches only the objects v2 changed, then is up to date", "[sync]") {
    SyncChannel c;
    NginxServer nginx(c.channel_dir, c.dir / "upload");
    auto v1 = c.pack(1);
    c.publish(v1);
    auto first = c.sync(nginx);
    INFO(sync::describe(first));
    REQUIRE(first.outcome == SyncOutcome::Installed);
    CHECK(c.verified_version() == 1);
    auto m1 = manifest_of(v1);
    CHECK(first.objects_fetched == m1.unique_blobs().size());
    CHECK(nginx.bytes_sent("/objects/") == m1.blob_bytes());

    c.edit_slide("Hai");
    auto v2 = c.pack(2);
    auto m2 = manifest_of(v2);
    auto report = c.publish(v2);
    std::set<std::string> changed;
    std::uint64_t changed_bytes = 0;
    for (const auto* o : m2.unique_blobs()) {
        bool old = false;
        for (const auto* p : m1.unique_blobs())
            old = old || p->hash == o->hash;
        if (!old && changed.insert("/" + object_file_path(o->hash)).second)
            changed_bytes += o->size;
    }
    REQUIRE(!changed.empty());
    CHECK(changed.size() < m2.unique_blobs().size());
    CHECK(report.objects_written == changed.size());
    nginx.clear_log();
    auto second = c.sync(nginx);
    INFO(sync::describe(second));
    REQUIRE(second.outcome == SyncOutcome::Installed);
    CHECK(c.verified_version() == 2);
    CHECK(object_uris(nginx) == changed);
    CHECK(nginx.bytes_sent("/objects/") == changed_bytes);
    CHECK(second.bytes_fetched == changed_bytes);
    CHECK(second.objects_present == m2.unique_blobs().size() - changed.size());

    nginx.clear_log();
    auto third = c.sync(nginx);
    CHECK(third.outcome == SyncOutcome::UpToDate);
    auto last = sync::load_last_sync(c.open_store());
    REQUIRE(last.has_value());
    CHECK(std::abs(*last - static_cast<std::int64_t>(std::time(nullptr))) < 60);
    CHECK(object_uris(nginx).empty());
    for (const auto& r : nginx.requests())
        CHECK((r.uri == "/index.kidx" || r.uri == "/revocations.krevoke"));
    // The office's cron job signs the index again with the same pack: still up to date.
    auto again = c.publish(v2);
    CHECK(again.same_pack);
    CHECK(again.objects_written == 0);
    CHECK(again.index.sequence > report.index.sequence);
    CHECK(c.sync(nginx).outcome == SyncOutcome::UpToDate);
}

TEST_CASE("publish refuses an older version and a different pack under a published version", "[sync]") {
    SyncChannel c;
    c.publish(c.pack(5));
    auto older = content_tool::publish_pack(c.pack(4), c.channel_dir, c.key);
    REQUIRE(!older.ok());
    CHECK(older.error().code == ErrorCode::Version);
    c.edit_slide("Khác");
    auto same_version = content_tool::publish_pack(c.pack(5), c.channel_dir, c.key);
    REQUIRE(!same_version.ok());
    CHECK_THAT(same_version.error().message, Catch::Contains("different pack"));
    auto index = read_index(c);
    CHECK(index.version == 5);
    // Canonical: the bytes re-encode to themselves, and nothing else parses.
    auto sealed = parse_sealed(SignedDocument::ChannelIndex, read_text(c.channel_dir / "index.kidx"), kChannelIndexCap);
    REQUIRE(sealed.ok());
    CHECK(index.to_bytes() == sealed->document);
    CHECK(!ChannelIndex::parse(" " + sealed->document).ok());

    // A certificate that is not the publishing key's, or does not allow the channel, would make every
    // station refuse the index: publish says so instead.
    SecretKey root = generate_key(), other = generate_key();
    content_tool::PublishOptions options;
    options.certificate = c.dir / "other.kcert";
    write_text(*options.certificate, seal_certificate(KeyCertificate{other.public_key(), {c.channel}, "x", 1, ""}, root));
    auto foreign = content_tool::publish_pack(c.pack(6), c.channel_dir, c.key, options);
    REQUIRE(!foreign.ok());
    CHECK_THAT(foreign.error().message, Catch::Contains("not the publishing key"));
    write_text(*options.certificate, seal_certificate(KeyCertificate{c.key.public_key(), {"vn.other"}, "x", 1, ""}, root));
    auto elsewhere = content_tool::publish_pack(c.pack(6), c.channel_dir, c.key, options);
    REQUIRE(!elsewhere.ok());
    CHECK_THAT(elsewhere.error().message, Catch::Contains("does not allow channel"));
    CHECK(read_index(c).version == 5);
}

TEST_CASE("content-tool publish writes a channel that kiosk --sync-once installs", "[sync]") {
    SyncChannel c;
    auto key_file = c.dir / "office.key";
    write_text(key_file, c.key.to_file_text("test"));
    auto v1 = c.pack(1);
    auto published = run(quote(content_tool_bin()) + " publish " + quote(v1) + " " + quote(c.channel_dir) + " --key " +
                         quote(key_file) + " --valid-days 3");
    INFO(published.output);
    REQUIRE(published.status == 0);
    CHECK_THAT(published.output, Catch::Contains("published channel vn.example.province version 1"));
    auto index = read_index(c);
    CHECK(index.expires - index.created == 3 * 86400);
    NginxServer nginx(c.channel_dir, c.dir / "upload");
    auto synced = run(command_line(c.kiosk_args(nginx.url("/"), {"--sync-once"})));
    INFO(synced.output);
    CHECK(synced.status == 0);
    CHECK_THAT(synced.output, Catch::Contains("Đã đồng bộ"));
    CHECK_THAT(synced.output, Catch::Contains("Synchronised and installed content pack vn.example.province version 1"));
    CHECK(c.verified_version() == 1);
    auto again = run(command_line(c.kiosk_args(nginx.url("/"), {"--sync-once"})));
    CHECK(again.status == 10);
    CHECK_THAT(again.output, Catch::Contains("up to date"));
    // Nothing listening: unreachable, 3. No URL: a configuration error, 2.
    auto down = run(command_line(c.kiosk_args("http://127.0.0.1:9/", {"--sync-once"})));
    INFO(down.output);
    CHECK(down.status == 3);
    CHECK_THAT(down.output, Catch::Contains("could not be reached"));
    auto no_url = run(command_line(c.kiosk_args("", {"--sync-once"})));
    CHECK(no_url.status == 2);
    auto bad_url = run(command_line(c.kiosk_args("ftp://example/", {"--sync-once"})));
    CHECK(bad_url.status == 2);
    CHECK(c.verified_version() == 1);
}

TEST_CASE("a download cut mid-object resumes with a Range request", "[sync]") {
    SyncChannel c;
    constexpr std::size_t kSize = 1 << 20;
    c.publish(c.pack(1, 1, kSize));
    NginxServer nginx(c.channel_dir, c.dir / "upload", NginxOptions{256 << 10});
    auto args = c.kiosk_args(nginx.url("/"), {"--sync-once"});
    pid_t pid = spawn_quiet(args);
    auto partial_dir = c.store_dir / "sync" / "partial";
    std::uint64_t cut_at = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline && cut_at == 0) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(partial_dir, ec)) {
            auto size = fs::file_size(entry.path(), ec);
            if (!ec && size > kSize / 4 && size < kSize / 2)
                cut_at = size;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    kill_and_reap(pid);
    REQUIRE(cut_at > 0);
    CHECK(c.verified_version() == 0);

    auto resumed = run(command_line(args));
    INFO(resumed.output);
    REQUIRE(resumed.status == 0);
    CHECK(c.verified_version() == 1);
    bool ranged = false;
    std::uint64_t big_object_bytes = 0;
    for (const auto& r : nginx.requests()) {
        if (r.uri.rfind("/objects/", 0) != 0)
            continue;
        if (r.range != "-") {
            ranged = true;
            CHECK(r.status == 206);
            CHECK(r.range.rfind("bytes=", 0) == 0);
            CHECK(std::stoull(r.range.substr(6)) >= kSize / 4);
        }
        if (r.range != "-" || r.body_bytes > kSize / 8)
            big_object_bytes += r.body_bytes;
    }
    CHECK(ranged);
    CHECK(big_object_bytes < kSize * 12 / 10);
    CHECK(files_in(partial_dir) == 0);
}

TEST_CASE("corrupted bytes served are refused, the old pack plays on, and a fixed file installs", "[sync]") {
    SyncChannel c;
    NginxServer nginx(c.channel_dir, c.dir / "upload");
    c.publish(c.pack(1));
    REQUIRE(c.sync(nginx).outcome == SyncOutcome::Installed);
    c.edit_slide("Ba");
    auto v2 = c.pack(2);
    c.publish(v2);
    auto v2_manifest = manifest_of(v2);
    auto content = v2_manifest.find("content.json");
    auto file = object_in(c, content->hash);
    auto good = read_text(file);
    auto bad = good;
    bad[bad.size() / 2] ^= 0x20;
    write_text(file, bad);

    auto refused = run(command_line(c.kiosk_args(nginx.url("/"), {"--sync-once"})));
    INFO(refused.output);
    CHECK(refused.status == 1);
    CHECK_THAT(refused.output, Catch::Contains("corrupted bytes served"));
    CHECK_THAT(refused.output, Catch::Contains("unchanged"));
    CHECK(c.verified_version() == 1);
    CHECK(files_in(c.store_dir / "sync" / "partial") == 0);
    CHECK(files_in(c.store_dir / "sync" / "fetched") == 0);

    // Publishing the same pack again finds the damaged object and writes it again: the channel is repaired.
    auto republished = c.publish(v2);
    CHECK(republished.same_pack);
    CHECK(republished.objects_repaired == 1);
    CHECK(republished.objects_written == 1);
    CHECK(read_text(file) == good);
    auto fixed = c.sync(nginx);
    INFO(sync::describe(fixed));
    CHECK(fixed.outcome == SyncOutcome::Installed);
    CHECK(c.verified_version() == 2);
}

TEST_CASE("an object served bigger than its signed size is stopped at the cap and refused", "[sync]") {
    SyncChannel c;
    NginxServer nginx(c.channel_dir, c.dir / "upload");
    constexpr std::size_t kSize = 256 << 10;
    auto v1 = c.pack(1, 1, kSize);
    c.publish(v1);
    const ManifestObject* extra = nullptr;
    auto m = manifest_of(v1);
    for (const auto& o : m.objects)
        if (o.path == "media/extra-0.bin")
            extra = &o;
    REQUIRE(extra);
    auto file = object_in(c, extra->hash);
    write_text(file, read_text(file) + std::string(8 << 20, 'x'));
    auto result = c.sync(nginx);
    INFO(sync::describe(result));
    CHECK(result.outcome == SyncOutcome::Refused);
    REQUIRE(result.error);
    CHECK(result.error->code == ErrorCode::TooLarge);
    CHECK(result.bytes_fetched <= kSize);
    CHECK(c.verified_version() == 0);
    CHECK(files_in(c.store_dir / "sync" / "partial") == 0);
}

TEST_CASE("a replayed older index is refused", "[sync]") {
    SyncChannel c;
    NginxServer nginx(c.channel_dir, c.dir / "upload");
    c.publish(c.pack(1));
    auto index_v1 = read_text(c.channel_dir / "index.kidx");
    REQUIRE(c.sync(nginx).outcome == SyncOutcome::Installed);
    c.edit_slide("Bốn");
    c.publish(c.pack(2));
    REQUIRE(c.sync(nginx).outcome == SyncOutcome::Installed);
    write_text(c.channel_dir / "index.kidx", index_v1);
    auto replayed = c.sync(nginx);
    CHECK(replayed.outcome == SyncOutcome::Refused);
    REQUIRE(replayed.error);
    CHECK_THAT(replayed.error->message, Catch::Contains("replayed older index"));
    CHECK(c.verified_version() == 2);
}

TEST_CASE("an expired index is refused once trusted time is known, and not before", "[sync]") {
    SyncChannel c;
    NginxServer nginx(c.channel_dir, c.dir / "upload");
    std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    auto settings = c.settings(nginx);

    SECTION("a station whose clock reads 1970, unsynchronised, still takes a fresh index") {
        settings.clock = [] { return sync::ClockReading{0, false}; };
        c.publish(c.pack(1));
        auto store = c.open_store();
        auto result = sync::sync_once(store, c.keys, settings);
        CHECK(result.outcome == SyncOutcome::Installed);
        CHECK(sync::load_trusted_time(store) >= now);
    }
    SECTION("an index that expired before the newest index seen is refused") {
        settings.clock = [] { return sync::ClockReading{0, false}; };
        c.publish(c.pack(1));
        auto store = c.open_store();
        REQUIRE(sync::sync_once(store, c.keys, settings).outcome == SyncOutcome::Installed);
        c.edit_slide("Năm");
        content_tool::PublishOptions stale;
        stale.now = now - 30 * 86400; // made a month ago, valid a week
        c.publish(c.pack(2), stale);
        auto result = sync::sync_once(store, c.keys, settings);
        CHECK(result.outcome == SyncOutcome::Refused);
        REQUIRE(result.error);
        CHECK(result.error->code == ErrorCode::Expired);
        CHECK(c.verified_version() == 1);
    }
    SECTION("a synchronised clock past the expiry refuses it, an unsynchronised one does not count") {
        c.publish(c.pack(1));
        auto store = c.open_store();
        settings.clock = [now] { return sync::ClockReading{now + 30 * 86400, true}; };
        auto result = sync::sync_once(store, c.keys, settings);
        CHECK(result.outcome == SyncOutcome::Refused);
        CHECK(c.verified_version() == 0);
        settings.clock = [now] { return sync::ClockReading{now + 30 * 86400, false}; };
        CHECK(sync::sync_once(store, c.keys, settings).outcome == SyncOutcome::Installed);
    }
}

TEST_CASE("an index signed by an untrusted key or one not allowed the channel is refused", "[sync]") {
    SyncChannel c;
    NginxServer nginx(c.channel_dir, c.dir / "upload");
    auto v1 = c.pack(1);
    SecretKey other = generate_key();
    REQUIRE(content_tool::publish_pack(v1, c.channel_dir, other).ok());

    SECTION("untrusted") {
        auto result = c.sync(nginx);
        CHECK(result.outcome == SyncOutcome::Refused);
        REQUIRE(result.error);
        CHECK(result.error->code == ErrorCode::Signature);
        // The station asked for the unknown key's certificate.
        bool asked = false;
        for (const auto& r : nginx.requests())
            asked = asked || r.uri == "/keys/" + other.public_key().id() + ".kcert";
        CHECK(asked);
        CHECK(c.verified_version() == 0);
    }
    SECTION("trusted for another channel only") {
        c.keys.add(other.public_key(), {"other-channel"});
        auto result = c.sync(nginx);
        CHECK(result.outcome == SyncOutcome::Refused);
        REQUIRE(result.error);
        CHECK_THAT(result.error->message, Catch::Contains("other-channel"));
        CHECK(c.verified_version() == 0);
    }
    SECTION("certified through the keyring's callback") {
        SecretKey root = generate_key();
        auto cert = c.dir / "other.kcert";
        write_text(cert, seal_certificate(KeyCertificate{other.public_key(), {c.channel}, "office 2", 1, ""}, root));
        content_tool::PublishOptions options;
        options.certificate = cert;
        REQUIRE(content_tool::publish_pack(v1, c.channel_dir, other, options).ok());
        sync::SyncKeyring keyring;
        int certificates = 0;
        keyring.add_certificate = [&](std::string_view bytes) -> Status {
            ++certificates;
            auto opened = TRY(open_certificate(bytes, {root.public_key()}));
            c.keys.add(opened.key, opened.channels);
            return {};
        };
        auto store = c.open_store();
        auto result = sync::sync_once(store, c.keys, c.settings(nginx), keyring);
        INFO(sync::describe(result));
        CHECK(result.outcome == SyncOutcome::Installed);
        CHECK(certificates == 1);
        CHECK(c.verified_version() == 1);
    }
}

TEST_CASE("revocations are fetched every cycle, and a revoked key's index is refused", "[sync]") {
    SyncChannel c;
    NginxServer nginx(c.channel_dir, c.dir / "upload");
    // The office serves a list beside the channel (its form is the keyring's to check, a stand-in here).
    c.publish(c.pack(1));
    auto revocations = c.channel_dir / "revocations.krevoke";
    write_text(revocations, "revoked " + c.key.public_key().id() + "\n");
    sync::SyncKeyring keyring;
    std::string seen;
    keyring.add_revocations = [&](std::string_view bytes) -> Status {
        seen = std::string(bytes);
        c.keys.replace_with({}); // the keyring drops the revoked key
        return {};
    };
    auto store = c.open_store();
    auto result = sync::sync_once(store, c.keys, c.settings(nginx), keyring);
    CHECK(seen == read_text(revocations));
    CHECK(result.outcome == SyncOutcome::Refused);
    CHECK(c.verified_version() == 0);
}

TEST_CASE("a manifest whose signature does not verify is refused", "[sync]") {
    SyncChannel c;
    NginxServer nginx(c.channel_dir, c.dir / "upload");
    c.publish(c.pack(1));
    REQUIRE(c.sync(nginx).outcome == SyncOutcome::Installed);
    c.edit_slide("Sáu");
    c.publish(c.pack(2));
    auto index = read_index(c);
    index.pack_signature[5] ^= 1; // the index is signed properly; the pack's own signature is not
    write_text(c.channel_dir / "index.kidx", seal(SignedDocument::ChannelIndex, index.to_bytes(), c.key));
    nginx.clear_log();
    auto result = c.sync(nginx);
    CHECK(result.outcome == SyncOutcome::Refused);
    REQUIRE(result.error);
    CHECK(result.error->code == ErrorCode::Signature);
    CHECK(object_uris(nginx).empty()); // refused before any object was fetched
    CHECK(c.verified_version() == 1);
}

TEST_CASE("a pack for another station is refused", "[sync]") {
    SyncChannel c;
    NginxServer nginx(c.channel_dir, c.dir / "upload");
    c.publish(c.pack(1));
    auto store = c.open_store("station-9");
    auto result = sync::sync_once(store, c.keys, c.settings(nginx));
    CHECK(result.outcome == SyncOutcome::Refused);
    REQUIRE(result.error);
    CHECK(result.error->code == ErrorCode::Station);
}

TEST_CASE("the sync service installs in the background and stops promptly mid-transfer", "[sync]") {
    SyncChannel c;
    c.publish(c.pack(1));
    {
        NginxServer nginx(c.channel_dir, c.dir / "upload");
        auto store = c.open_store();
        std::atomic<int> installed{0};
        sync::SyncServiceOptions options;
        options.first_delay = sync::Seconds(0.01);
        options.on_result = [&](const sync::SyncResult& r) { installed += r.outcome == SyncOutcome::Installed; };
        sync::SyncService service({{&store, c.settings(nginx)}}, c.keys, {}, options);
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (installed == 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        CHECK(installed == 1);
    }
    CHECK(c.verified_version() == 1);
    // A big object at 64 KiB/s: the service is mid-transfer when the kiosk closes.
    c.publish(c.pack(2, 1, 4 << 20));
    NginxServer slow(c.channel_dir, c.dir / "upload", NginxOptions{64 << 10});
    auto store = c.open_store();
    sync::SyncServiceOptions options;
    options.first_delay = sync::Seconds(0.01);
    auto service = std::make_unique<sync::SyncService>(std::vector<sync::SyncJob>{{&store, c.settings(slow)}}, c.keys,
                                                       sync::SyncKeyring{}, options);
    auto partial_dir = c.store_dir / "sync" / "partial";
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (files_in(partial_dir) == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    auto t0 = std::chrono::steady_clock::now();
    service.reset();
    auto took = std::chrono::steady_clock::now() - t0;
    CHECK(took < std::chrono::seconds(2));
    CHECK(c.verified_version() == 1);
    CHECK(files_in(partial_dir) == 1); // kept for the next cycle to resume
}

TEST_CASE("sync verifies the server's TLS certificate, and a proxy is used when configured", "[sync]") {
    SyncChannel c;
    c.publish(c.pack(1));
    NginxOptions tls;
    tls.self_signed_tls = true;
    NginxServer nginx(c.channel_dir, c.dir / "upload", tls);
    REQUIRE(nginx.url("/").rfind("https://", 0) == 0);
    auto store = c.open_store();
    auto settings = c.settings(nginx);
    // A certificate no configured authority signed: refused by TLS, retried later, nothing installed.
    auto unknown = sync::sync_once(store, c.keys, settings);
    INFO(sync::describe(unknown));
    CHECK(unknown.outcome == SyncOutcome::Unreachable);
    CHECK(c.verified_version() == 0);
    // A proxy that is not there: the request goes nowhere else.
    settings.http.ca_file = nginx.certificate().string();
    settings.http.proxy = "http://127.0.0.1:9";
    CHECK(sync::sync_once(store, c.keys, settings).outcome == SyncOutcome::Unreachable);
    // The right authority: installed over HTTPS.
    settings.http.proxy.clear();
    auto trusted = sync::sync_once(store, c.keys, settings);
    INFO(sync::describe(trusted));
    CHECK(trusted.outcome == SyncOutcome::Installed);
    CHECK(c.verified_version() == 1);
}

TEST_CASE("the sync configuration keys are checked", "[sync]") {
    auto resolve = [](std::vector<std::string> sets) {
        ConfigValues values;
        for (const auto& s : sets)
            REQUIRE(values.set(s).ok());
        return values.resolve();
    };
    auto defaults = resolve({});
    REQUIRE(defaults.ok());
    CHECK(defaults->channel_url.empty());
    CHECK(defaults->sync_interval == std::chrono::minutes(15));
    auto set = resolve({"channel_url=https://sync.example.vn/na-meo/", "sync_interval=90s", "proxy=http://10.0.0.1:3128",
                        "ca_file=/etc/kiosk/ca.pem", "also_channels=vn.national",
                        "also_channel_urls=vn.national=https://sync.example.vn/national/"});
    REQUIRE(set.ok());
    CHECK(set->sync_interval == std::chrono::seconds(90));
    CHECK(set->proxy == "http://10.0.0.1:3128");
    REQUIRE(set->also_channel_urls.size() == 1);
    CHECK(set->also_channel_urls[0].first == "vn.national");
    CHECK(!resolve({"channel_url=ftp://x/"}).ok());
    CHECK(!resolve({"sync_interval=5s"}).ok());
    CHECK(!resolve({"sync_interval=2d"}).ok());
    CHECK(!resolve({"also_channel_urls=vn.other=https://x/"}).ok()); // not among also_channels
}

TEST_CASE("kiosk --sync-once takes an office key's certificate from the channel and honours its revocation", "[sync]") {
    SyncChannel c;
    SecretKey root = generate_key();
    write_public_key(root, c.dir / "root.pub");
    std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    KeyCertificate certificate{c.key.public_key(), {c.channel}, "Sở TT&TT (test)", now, root.public_key().id()};
    write_text(c.dir / "office.kcert", seal_certificate(certificate, root));
    content_tool::PublishOptions with_cert;
    with_cert.certificate = c.dir / "office.kcert";
    c.publish(c.pack(1), with_cert);
    NginxServer nginx(c.channel_dir, c.dir / "upload");
    // The station knows only the root key: the office key comes with the channel, certified.
    auto args = c.kiosk_args(nginx.url("/"), {"--set", "trusted_keys=", "--set", "root_keys=" + (c.dir / "root.pub").string(),
                                              "--sync-once"});
    auto first = run(command_line(args));
    INFO(first.output);
    CHECK(first.status == 0);
    CHECK(c.verified_version() == 1);
    bool asked = false;
    for (const auto& r : nginx.requests())
        asked = asked || (r.uri == "/keys/" + c.key.public_key().id() + ".kcert" && r.status == 200);
    CHECK(asked);

    // The root key revokes the office key; the next index it signed is refused.
    RevocationList list{1, now, {{c.key.public_key().id(), "lost laptop"}}, root.public_key().id()};
    write_text(c.dir / "root.krevoke", seal_revocations(list, root));
    content_tool::PublishOptions with_revocations;
    with_revocations.revocations = c.dir / "root.krevoke";
    c.edit_slide("Bảy");
    auto v2 = c.pack(2);
    // publish will not put out a list that revokes its own key (stations would refuse the channel)...
    auto own = content_tool::publish_pack(v2, c.channel_dir, c.key, with_revocations);
    REQUIRE_FALSE(own.ok());
    CHECK_THAT(own.error().message, Catch::Contains("revokes key " + c.key.public_key().id()));
    // ...but whoever holds the stolen key can publish, and the office serves the list beside it.
    c.publish(v2);
    fs::copy_file(c.dir / "root.krevoke", c.channel_dir / "revocations.krevoke", fs::copy_options::overwrite_existing);
    auto revoked = run(command_line(args));
    INFO(revoked.output);
    CHECK(revoked.status == 1);
    CHECK(c.verified_version() == 1);
}

TEST_CASE("sync repairs the active pack when its objects are damaged on the station's disk", "[sync]") {
    SyncChannel c;
    NginxServer nginx(c.channel_dir, c.dir / "upload");
    auto v1 = c.pack(1, 1, 64 << 10);
    c.publish(v1);
    REQUIRE(c.sync(nginx).outcome == SyncOutcome::Installed);
    const ManifestObject* extra = nullptr;
    auto m = manifest_of(v1);
    for (const auto& o : m.objects)
        if (o.path == "media/extra-0.bin")
            extra = &o;
    REQUIRE(extra);
    {
        auto store = c.open_store();
        auto file = store.object_path(extra->hash);
        write_text(file, read_text(file).substr(0, 1000)); // cut short
    }
    CHECK(c.verified_version() == 0);
    nginx.clear_log();
    auto repaired = c.sync(nginx);
    INFO(sync::describe(repaired));
    CHECK(repaired.outcome == SyncOutcome::Installed);
    CHECK(repaired.repaired);
    CHECK(object_uris(nginx) == std::set<std::string>{"/" + object_file_path(extra->hash)});
    CHECK(c.verified_version() == 1);
    CHECK(c.sync(nginx).outcome == SyncOutcome::UpToDate);
}

TEST_CASE("kiosk --sync-once syncs also_channels from their own URLs into their own stores", "[sync]") {
    SyncChannel c;
    c.publish(c.pack(1));
    // A national campaign channel, published by the same office key here for brevity.
    auto national = c.dir / "national";
    fs::copy(c.project, national, fs::copy_options::recursive);
    auto toml = read_text(national / "project.toml");
    auto at = toml.find("vn.example.province");
    REQUIRE(at != std::string::npos);
    write_text(national / "project.toml", toml.replace(at, std::string("vn.example.province").size(), "vn.national"));
    auto national_pack = c.dir / "national.kpack";
    build_source(national, c.key, national_pack, 7);
    auto national_dir = c.dir / "national-channel";
    REQUIRE(content_tool::publish_pack(national_pack, national_dir, c.key).ok());
    NginxServer own(c.channel_dir, c.dir / "upload");
    NginxServer other(national_dir, c.dir / "upload2");
    auto args = c.kiosk_args(own.url("/"), {"--set", "also_channels=vn.national", "--set",
                                            "also_channel_urls=vn.national=" + other.url("/"), "--sync-once"});
    auto synced = run(command_line(args));
    INFO(synced.output);
    CHECK(synced.status == 0);
    CHECK_THAT(synced.output, Catch::Contains("vn.example.province version 1"));
    CHECK_THAT(synced.output, Catch::Contains("vn.national version 7"));
    CHECK(c.verified_version() == 1);
    auto also = Store::open(c.store_dir / "also" / "vn.national", c.keys, "station-1", "vn.national");
    REQUIRE(also.ok());
    auto active = also->open_active(Verify::Full);
    REQUIRE(active.ok());
    CHECK(active->manifest.version == 7);
    CHECK(run(command_line(args)).status == 10);
}
