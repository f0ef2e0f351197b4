// Telemetry upload: batches since the last acknowledgement, PUT to a real nginx, the heartbeat, backoff
// and retries that send the same batch again.
#include "config/config.hpp"
#include "net/backoff.hpp"
#include "net/url.hpp"
#include "telemetry/telemetry_outbox.hpp"
#include "telemetry/telemetry_schema.hpp"
#include "uplink/heartbeat.hpp"
#include "upload_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace kiosk;
using namespace test_support;
using telemetry::Outbox;
using uplink::UploadFailure;

namespace test_support {

int dead_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

} // namespace test_support

namespace {

Outbox open_outbox(const fs::path& file) {
    auto outbox = Outbox::open(file);
    INFO((outbox ? std::string() : outbox.error().message));
    REQUIRE(outbox.ok());
    return std::move(outbox.value());
}

telemetry::Batch make_batch(Outbox& outbox, std::int64_t max_rows = telemetry::kBatchRows) {
    auto batch = outbox.next_batch(kNow, max_rows);
    INFO((batch ? std::string() : batch.error().message));
    REQUIRE(batch.ok());
    REQUIRE(batch->has_value());
    return **batch;
}

std::vector<std::int64_t> ids(Db& db, const std::string& table) {
    std::vector<std::int64_t> out;
    for (const auto& row : db.rows("SELECT id FROM " + table + " ORDER BY id"))
        out.push_back(std::stoll(row[0]));
    return out;
}

std::vector<std::int64_t> range(std::int64_t first, std::int64_t last) {
    std::vector<std::int64_t> out;
    for (auto i = first; i <= last; ++i)
        out.push_back(i);
    return out;
}

} // namespace

TEST_CASE("a batch holds exactly the rows since the last acknowledged batch", "[upload]") {
    TempDir dir;
    FakeClock clock;
    auto file = dir / "telemetry.sqlite";
    auto t = open_telemetry(file, quiet_options(clock));
    record_plays(*t, 5);
    t->record(SessionEvent{1, kNow, kNow + 60000, "lo", 3, SessionEnd::Timeout});
    t->record(PageViewEvent{1, kNow + 1000, "visa", "lo", "entry-exit"});
    t->record(ErrorEvent{kNow, "media", "film would not decode"});
    t->flush();

    auto outbox = open_outbox(file);
    auto first = make_batch(outbox);
    CHECK(first.sequence == 1);
    CHECK(first.id == t->station_db_id() + "-1");
    CHECK(first.rows == 8);
    CHECK_FALSE(first.resent);
    REQUIRE(outbox.write_batch_file(first, dir / "b1.sqlite").ok());
    {
        Db b(dir / "b1.sqlite");
        CHECK(b.number("PRAGMA application_id") == telemetry::kApplicationId);
        CHECK(b.text("PRAGMA integrity_check") == "ok");
        CHECK(b.text("SELECT value FROM meta WHERE key = 'station_db_id'") == t->station_db_id());
        CHECK(b.text("SELECT value FROM meta WHERE key = 'station'") == "na-meo");
        CHECK(b.text("SELECT value FROM meta WHERE key = 'batch_id'") == first.id);
        CHECK(ids(b, "plays") == range(1, 5));
        CHECK(ids(b, "sessions") == range(1, 1));
        CHECK(ids(b, "page_views") == range(1, 1));
        CHECK(ids(b, "errors") == range(1, 1));
        CHECK(b.number("SELECT count(*) FROM runs") == 1);
        // The labels come along: the file reads like the station's own.
        CHECK(b.rows("SELECT slide, language, mode FROM plays_text WHERE id = 2") ==
              Rows{{"slide-1", "vi", "attract"}});
        CHECK(b.rows("SELECT category FROM page_views_text") == Rows{{"entry-exit"}});
    }
    REQUIRE(outbox.acknowledge(first, kNow).ok());

    // New events after the acknowledgement: the next batch carries them and nothing else.
    record_plays(*t, 3);
    t->record(InstallEvent{kNow, "thanh-hoa", 8, InstallOutcome::Installed, "office"});
    t->flush();
    auto second = make_batch(outbox);
    CHECK(second.sequence == 2);
    CHECK(second.rows == 4);
    REQUIRE(outbox.write_batch_file(second, dir / "b2.sqlite").ok());
    {
        Db b(dir / "b2.sqlite");
        CHECK(ids(b, "plays") == range(6, 8));
        CHECK(ids(b, "installs") == range(1, 1));
        CHECK(b.number("SELECT count(*) FROM sessions") + b.number("SELECT count(*) FROM errors") +
                  b.number("SELECT count(*) FROM page_views") ==
              0);
    }
    auto state = outbox.state();
    REQUIRE(state.ok());
    CHECK(state->unacknowledged_rows == 4);
    REQUIRE(state->pending);
    CHECK(state->pending->id == second.id);
    CHECK(state->last_ack_ms == kNow);
}

TEST_CASE("a batch not acknowledged is made again with the same id and rows, even after a restart",
          "[upload]") {
    TempDir dir;
    FakeClock clock;
    auto file = dir / "telemetry.sqlite";
    auto t = open_telemetry(file, quiet_options(clock));
    record_plays(*t, 6);
    std::string id;
    {
        auto outbox = open_outbox(file);
        auto batch = make_batch(outbox);
        id = batch.id;
        CHECK(batch.rows == 6);
    }                    // the upload failed, or the kiosk was killed before the answer came
    record_plays(*t, 4); // more events meanwhile
    auto outbox = open_outbox(file);
    auto again = make_batch(outbox);
    CHECK(again.id == id);
    CHECK(again.resent);
    CHECK(again.rows == 6);
    REQUIRE(outbox.write_batch_file(again, dir / "again.sqlite").ok());
    Db b(dir / "again.sqlite");
    CHECK(ids(b, "plays") == range(1, 6));
    REQUIRE(outbox.acknowledge(again, kNow).ok());
    auto next = make_batch(outbox);
    CHECK(next.id == t->station_db_id() + "-2");
    CHECK(next.rows == 4);
}

TEST_CASE("a large backlog is cut into capped batches that follow each other", "[upload]") {
    TempDir dir;
    FakeClock clock;
    auto file = dir / "telemetry.sqlite";
    auto t = open_telemetry(file, quiet_options(clock));
    record_plays(*t, 20);
    for (int i = 0; i < 5; ++i)
        t->record(ErrorEvent{kNow, "media", "error " + std::to_string(i)});
    t->flush();
    auto outbox = open_outbox(file);
    std::vector<std::int64_t> sizes;
    std::int64_t plays = 0, errors = 0;
    while (true) {
        auto batch = outbox.next_batch(kNow, 10);
        REQUIRE(batch.ok());
        if (!*batch)
            break;
        sizes.push_back((*batch)->rows);
        auto copy = dir / ((*batch)->id + ".sqlite");
        REQUIRE(outbox.write_batch_file(**batch, copy).ok());
        Db b(copy);
        plays += b.number("SELECT count(*) FROM plays");
        errors += b.number("SELECT count(*) FROM errors");
        REQUIRE(outbox.acknowledge(**batch, kNow).ok());
    }
    CHECK(sizes == std::vector<std::int64_t>{10, 10, 5});
    CHECK(plays == 20);
    CHECK(errors == 5);
    CHECK(outbox.state()->unacknowledged_rows == 0);
}

TEST_CASE("a file that is not telemetry is never opened as an outbox", "[upload]") {
    TempDir dir;
    CHECK(Outbox::open(dir / "missing.sqlite").error().code == ErrorCode::NotFound);
    {
        Db other(dir / "other.sqlite");
        other.exec("CREATE TABLE notes(x)");
    }
    auto opened = Outbox::open(dir / "other.sqlite");
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().code == ErrorCode::Invalid);
}

TEST_CASE("an upload cycle stores each batch and the heartbeat on a real nginx with WebDAV PUT",
          "[upload][nginx]") {
    TempDir dir;
    FakeClock clock;
    auto file = dir / "telemetry.sqlite";
    auto t = open_telemetry(file, quiet_options(clock));
    record_plays(*t, 12);
    t->record(ErrorEvent{kNow, "usb", "stick refused"});
    t->flush();
    NginxServer nginx(dir / "www", dir / "uploads");
    auto settings = upload_settings(file, nginx.url("/upload/"));
    settings.batch_rows = 5;

    auto cycle = uplink::upload_cycle(settings);
    INFO((cycle.batches.failure ? uplink::failure_message(*cycle.batches.failure) : std::string()));
    REQUIRE(cycle.ok());
    CHECK(cycle.batches.batches == 3);
    CHECK(cycle.batches.rows == 13);
    auto stored = stored_batches(dir / "uploads", "na-meo");
    REQUIRE(stored.size() == 3);
    std::int64_t plays = 0, errors = 0;
    for (int i = 0; i < 3; ++i) {
        CHECK(stored[static_cast<std::size_t>(i)].filename() ==
              t->station_db_id() + "-" + std::to_string(i + 1) + ".sqlite");
        Db b(stored[static_cast<std::size_t>(i)]);
        CHECK(b.text("PRAGMA integrity_check") == "ok");
        plays += b.number("SELECT count(*) FROM plays_text");
        errors += b.number("SELECT count(*) FROM errors_text");
    }
    CHECK(plays == 12);
    CHECK(errors == 1);

    auto heartbeat = nlohmann::json::parse(read_text(dir / "uploads" / "na-meo" / "heartbeat.json"));
    CHECK(heartbeat["station"] == "na-meo");
    CHECK(heartbeat["station_name"] == "Na Mèo");
    CHECK(heartbeat["software"] == "kiosk-test");
    CHECK(heartbeat["pack"]["channel"] == "thanh-hoa");
    CHECK(heartbeat["pack"]["version"] == 7);
    CHECK(heartbeat["machine_uptime_s"] == 3600);
    CHECK(heartbeat["kiosk_uptime_s"] == 600);
    CHECK(heartbeat["disk"]["free_bytes"] == 5000000000ull);
    CHECK(heartbeat["disk"]["total_bytes"] == 32000000000ull);
    CHECK(heartbeat["last_error"] == "2026-06-15T05:00:00Z error: media: film would not decode");
    CHECK(heartbeat["sent_ms"].get<std::int64_t>() > 0);
    CHECK(heartbeat["sent_utc"].get<std::string>().ends_with("Z"));
    CHECK(heartbeat["telemetry"]["station_db_id"] == t->station_db_id());
    CHECK(heartbeat["telemetry"]["unacknowledged_rows"] == 0);
    CHECK(heartbeat["telemetry"]["pending_batch"].is_null());

    // Nothing new: the next cycle sends only the heartbeat, which now counts the rows recorded since.
    record_plays(*t, 2);
    nginx.clear_log();
    settings.batch_rows = 100;
    cycle = uplink::upload_cycle(settings);
    REQUIRE(cycle.ok());
    CHECK(cycle.batches.batches == 1);
    CHECK(stored_batches(dir / "uploads", "na-meo").size() == 4);
    int puts = 0;
    for (const auto& r : nginx.requests()) {
        CHECK(r.method == "PUT");
        CHECK((r.status == 201 || r.status == 204));
        ++puts;
    }
    CHECK(puts == 2);
}

TEST_CASE("a server nobody answers on, or one that refuses PUT, leaves the batch to be sent again",
          "[upload][nginx]") {
    TempDir dir;
    FakeClock clock;
    auto file = dir / "telemetry.sqlite";
    auto t = open_telemetry(file, quiet_options(clock));
    record_plays(*t, 4);
    NginxServer nginx(dir / "www", dir / "uploads");

    // Nobody listens: could not connect.
    auto down = upload_settings(file, "http://127.0.0.1:" + std::to_string(dead_port()) + "/upload/");
    auto cycle = uplink::upload_cycle(down);
    REQUIRE(cycle.batches.failure);
    CHECK(cycle.batches.failure->kind == UploadFailure::Kind::Unreachable);
    REQUIRE(cycle.heartbeat_failure);
    auto message = uplink::failure_message(*cycle.batches.failure);
    CHECK(message.find("Không kết nối được") < message.find("Could not reach"));
    std::string pending = open_outbox(file).state()->pending->id;

    // A location that does not take PUT: nginx answers 405.
    auto refusing = upload_settings(file, nginx.url("/no-dav/"));
    cycle = uplink::upload_cycle(refusing);
    REQUIRE(cycle.batches.failure);
    CHECK(cycle.batches.failure->kind == UploadFailure::Kind::Refused);
    CHECK(cycle.batches.failure->status == 405);
    message = uplink::failure_message(*cycle.batches.failure);
    CHECK(message.find("mã 405") != std::string::npos);
    CHECK(message.find("status 405") != std::string::npos);
    CHECK(open_outbox(file).state()->pending->id == pending);
    CHECK(open_outbox(file).state()->unacknowledged_rows == 4);

    // The link comes back: the same batch, with the same rows, then the rows recorded meanwhile.
    record_plays(*t, 3);
    auto up = upload_settings(file, nginx.url("/upload/"));
    cycle = uplink::upload_cycle(up);
    REQUIRE(cycle.ok());
    auto stored = stored_batches(dir / "uploads", "na-meo");
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].filename() == pending + ".sqlite");
    Db first(stored[0]);
    CHECK(ids(first, "plays") == range(1, 4));
    Db second(stored[1]);
    CHECK(ids(second, "plays") == range(5, 7));
    CHECK(open_outbox(file).state()->unacknowledged_rows == 0);
}

TEST_CASE("the upload service retries with growing jittered delays and stops promptly", "[upload][nginx]") {
    TempDir dir;
    FakeClock clock;
    auto file = dir / "telemetry.sqlite";
    auto t = open_telemetry(file, quiet_options(clock));
    record_plays(*t, 3);
    auto settings = upload_settings(file, "http://127.0.0.1:" + std::to_string(dead_port()) + "/upload/");
    settings.backoff = {std::chrono::milliseconds(40), std::chrono::milliseconds(320),
                        std::chrono::milliseconds(5)};
    std::vector<std::chrono::milliseconds> delays;
    {
        uplink::UplinkService service(settings);
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        int seen = 0;
        while (std::chrono::steady_clock::now() < deadline && seen < 8) {
            auto p = service.progress();
            if (p.cycles > seen) {
                seen = p.cycles;
                delays.push_back(p.last_delay);
                CHECK(p.failures_in_a_row == p.cycles);
                CHECK(p.last_delay <= net::backoff_ceiling(settings.backoff, p.failures_in_a_row));
                CHECK(p.last_delay >= settings.backoff.floor);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        CHECK(seen >= 6);
        auto before = std::chrono::steady_clock::now();
        service.stop();
        CHECK(std::chrono::steady_clock::now() - before < std::chrono::seconds(2));
    }
    CHECK(open_outbox(file).state()->unacknowledged_rows == 3);

    // Against a server that answers, the first cycle acknowledges everything, and a stop during the wait
    // that follows is immediate.
    NginxServer nginx(dir / "www", dir / "uploads");
    settings.url = nginx.url("/upload/");
    uplink::UplinkService service(settings);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline && service.progress().heartbeats_acknowledged == 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto p = service.progress();
    CHECK(p.batches_acknowledged == 1);
    CHECK(p.failures_in_a_row == 0);
    auto before = std::chrono::steady_clock::now();
    service.stop();
    CHECK(std::chrono::steady_clock::now() - before < std::chrono::seconds(1));
    CHECK(stored_batches(dir / "uploads", "na-meo").size() == 1);
    CHECK(open_outbox(file).state()->unacknowledged_rows == 0);
}

TEST_CASE("kiosk --upload-once says in Vietnamese then English what was sent or what failed",
          "[upload][nginx][cli]") {
    TempDir dir;
    auto file = dir / "telemetry.sqlite";
    {
        FakeClock clock;
        auto t = open_telemetry(file, quiet_options(clock));
        record_plays(*t, 5);
    }
    NginxServer nginx(dir / "www", dir / "uploads");
    auto kiosk = [&](const std::string& url) {
        return run(kiosk_bin() + " --set store=" + quote(dir / "store") + " --set station=na-meo" +
                   " --set telemetry=" + quote(file) + " --set telemetry_url=" + url + " --upload-once");
    };
    auto down = kiosk("http://127.0.0.1:" + std::to_string(dead_port()) + "/k/");
    INFO(down.output);
    CHECK(down.status == 1);
    CHECK(down.output.find("Không kết nối được") < down.output.find("Could not reach"));

    auto refused = kiosk(nginx.url("/no-dav/"));
    INFO(refused.output);
    CHECK(refused.status == 1);
    CHECK(refused.output.find("status 405") != std::string::npos);

    auto ok = kiosk(nginx.url("/upload/"));
    INFO(ok.output);
    CHECK(ok.status == 0);
    CHECK(ok.output.find("Sent 1 batches (5 rows)") != std::string::npos);
    CHECK(stored_batches(dir / "uploads", "na-meo").size() == 1);
    auto heartbeat = nlohmann::json::parse(read_text(dir / "uploads" / "na-meo" / "heartbeat.json"));
    CHECK(heartbeat["station"] == "na-meo");
    CHECK(heartbeat["software"].get<std::string>().starts_with("kiosk "));
    CHECK(heartbeat["pack"].is_null()); // nothing installed in this store
    CHECK(heartbeat["disk"]["total_bytes"].get<std::uint64_t>() > 0);
    CHECK(heartbeat["machine_uptime_s"].get<std::int64_t>() > 0);
    CHECK(heartbeat["boot_id"].get<std::string>().size() == 36);
    CHECK(heartbeat["telemetry"]["unacknowledged_rows"] == 0);
    // The diagnosis leaves no run of its own in the station's file.
    Db db(file);
    CHECK(db.number("SELECT count(*) FROM runs") == 1);

    auto off = run(kiosk_bin() + " --set store=" + quote(dir / "store") + " --upload-once");
    CHECK(off.status == 2);
    CHECK(off.output.find("telemetry_url is not configured") != std::string::npos);
}

TEST_CASE("the heartbeat is small JSON with nulls for what is not known", "[upload]") {
    uplink::Heartbeat h;
    h.facts.station_id = "cau-treo";
    h.sent_ms = kNow;
    h.facts.last_errors = {std::string("bad \xff byte")};
    auto json = nlohmann::json::parse(uplink::heartbeat_json(h));
    CHECK(json["station"] == "cau-treo");
    CHECK(json["pack"].is_null());
    CHECK(json["disk"].is_null());
    CHECK(json["sent_utc"] == "2026-06-15T12:00:00Z");
    CHECK(json["telemetry"]["last_ack_ms"].is_null());
    CHECK(json["last_error"].get<std::string>().starts_with("bad "));
    CHECK(uplink::heartbeat_json(h).size() < 2048);
}

TEST_CASE("upload settings in the configuration: defaults, intervals with units, a URL that is not HTTP",
          "[upload][config]") {
    ConfigValues defaults;
    auto c = defaults.resolve();
    REQUIRE(c.ok());
    CHECK(c->telemetry_url.empty());
    CHECK(c->proxy.empty());
    CHECK(c->upload_interval == std::chrono::minutes(60));
    CHECK(c->heartbeat_interval == std::chrono::minutes(15));

    ConfigValues values;
    REQUIRE(values.set("telemetry_url=https://office.example/kiosk-upload/").ok());
    REQUIRE(values.set("heartbeat_interval=90s").ok());
    REQUIRE(values.set("upload_interval=6h").ok());
    REQUIRE(values.set("proxy=http://proxy.local:3128").ok());
    c = values.resolve();
    REQUIRE(c.ok());
    CHECK(c->telemetry_url == "https://office.example/kiosk-upload/");
    CHECK(c->heartbeat_interval == std::chrono::seconds(90));
    CHECK(c->upload_interval == std::chrono::hours(6));
    CHECK(c->proxy == "http://proxy.local:3128");

    for (const char* bad : {"heartbeat_interval=15", "heartbeat_interval=5s", "upload_interval=25h",
                            "upload_interval=0m", "upload_interval=1d", "telemetry_url=ftp://office/x"}) {
        ConfigValues wrong;
        REQUIRE(wrong.set(bad).ok());
        auto resolved = wrong.resolve();
        INFO(bad);
        REQUIRE_FALSE(resolved.ok());
        CHECK(resolved.error().message.find("--set") == 0);
    }
}

TEST_CASE("upload URLs: joined with or without a slash, names escaped, passwords kept out of messages",
          "[upload]") {
    CHECK(net::join_url("https://office.example/up/", "na-meo/heartbeat.json") ==
          "https://office.example/up/na-meo/heartbeat.json");
    CHECK(net::join_url("https://office.example/up", "a") == "https://office.example/up/a");
    CHECK(net::url_segment("na meo/..?#") == "na%20meo%2F..%3F%23");
    CHECK(net::redacted_url("https://na-meo:s3cret@office.example/up/x") == "https://office.example/up/x");
    CHECK(net::redacted_url("https://office.example/a@b") == "https://office.example/a@b");
}

TEST_CASE("uploads verify the server's TLS certificate", "[upload][nginx]") {
    TempDir dir;
    FakeClock clock;
    auto file = dir / "telemetry.sqlite";
    auto t = open_telemetry(file, quiet_options(clock));
    record_plays(*t, 2);
    NginxOptions tls;
    tls.self_signed_tls = true;
    NginxServer nginx(dir / "www", dir / "uploads", tls);
    auto settings = upload_settings(file, nginx.url("/upload/"));
    REQUIRE(settings.url.starts_with("https://"));

    // A certificate nobody vouches for: nothing is sent, and the batch waits.
    auto refused = uplink::upload_cycle(settings);
    REQUIRE(refused.batches.failure);
    CHECK(refused.batches.failure->kind == UploadFailure::Kind::Unreachable);
    CHECK(refused.batches.failure->detail.find("certificate") != std::string::npos);
    CHECK(stored_batches(dir / "uploads", "na-meo").empty());

    // Trusted (as an office's own CA would be), the same server takes the batch.
    settings.http.ca_file = nginx.certificate().string();
    auto accepted = uplink::upload_cycle(settings);
    INFO((accepted.batches.failure ? accepted.batches.failure->detail : std::string()));
    REQUIRE(accepted.ok());
    CHECK(stored_batches(dir / "uploads", "na-meo").size() == 1);
}
