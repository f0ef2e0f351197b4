// content-tool collect: uploaded batches from two stations and an operator's USB export merged into one
// report database without duplicates, a foreign file refused by name, and a second run adding nothing.
#include "report/telemetry_collect.hpp"
#include "telemetry/telemetry_outbox.hpp"
#include "upload_support.hpp"

using namespace kiosk;
using namespace test_support;

namespace {

// Makes, writes and acknowledges every batch there is, as a successful upload would, into tree/STATION/.
void upload_into(const fs::path& telemetry_file, const fs::path& tree, const std::string& station,
                 std::int64_t max_rows) {
    auto outbox = telemetry::Outbox::open(telemetry_file);
    REQUIRE(outbox.ok());
    fs::create_directories(tree / station);
    while (true) {
        auto batch = outbox->next_batch(kNow, max_rows);
        REQUIRE(batch.ok());
        if (!*batch)
            break;
        REQUIRE(outbox->write_batch_file(**batch, tree / station / ((*batch)->id + ".sqlite")).ok());
        REQUIRE(outbox->acknowledge(**batch, kNow).ok());
    }
}

std::int64_t count(Db& db, const std::string& table) {
    return db.number("SELECT count(*) FROM " + table);
}

} // namespace

TEST_CASE("collect merges two stations' batches and a USB export without duplicates", "[upload][collect]") {
    TempDir dir;
    FakeClock clock;
    auto tree = dir / "uploads";
    auto na_meo_file = dir / "na-meo.sqlite";
    auto cau_treo_file = dir / "cau-treo.sqlite";
    auto options = quiet_options(clock);
    auto na_meo = open_telemetry(na_meo_file, options);
    options.station = "cau-treo";
    auto cau_treo = open_telemetry(cau_treo_file, options);

    record_plays(*na_meo, 30);
    na_meo->record(SessionEvent{1, kNow, kNow + 60000, "lo", 2, SessionEnd::Timeout});
    na_meo->record(PageViewEvent{1, kNow, "visa", "lo", "entry-exit"});
    na_meo->record(PageViewEvent{1, kNow + 5, "map", "lo", "maps"});
    na_meo->flush();
    record_plays(*cau_treo, 12);
    cau_treo->record(ErrorEvent{kNow, "usb", "stick refused"});
    cau_treo->flush();
    upload_into(na_meo_file, tree, "na-meo", 10); // 33 rows in 4 batches
    upload_into(cau_treo_file, tree, "cau-treo", 50);

    // Later, with the link down, the operator exports Na Mèo's whole file to a stick: it overlaps every
    // batch and holds 5 plays no batch has.
    record_plays(*na_meo, 5);
    clock.advance(3600000);
    na_meo->record(play(kNow + 3600000));
    na_meo->flush();
    auto stick = dir / "stick" / "kiosk-export-na-meo-20260615-190000";
    fs::create_directories(stick);
    REQUIRE(na_meo->export_to(stick / "telemetry.sqlite").ok());
    write_text(stick / "log.txt", "not a database\n");

    auto report = dir / "report.sqlite";
    auto files = content_tool::collect_inputs({tree, dir / "stick"}, report);
    CHECK(files.size() == 4 + 1 + 1);
    auto summary = content_tool::collect_telemetry(report, files);
    REQUIRE(summary.ok());
    CHECK(summary->files_merged == 6);
    CHECK(summary->refused.empty());
    CHECK(summary->stations.size() == 2);
    CHECK(summary->added["plays"] == 30 + 12 + 6);
    CHECK(summary->duplicates["plays"] == 30);
    CHECK(summary->added["page_views"] == 2);
    CHECK(summary->duplicates["page_views"] == 2);
    CHECK(summary->added["sessions"] == 1);
    CHECK(summary->added["errors"] == 1);
    CHECK(summary->added["runs"] == 2);

    Db r(report);
    CHECK(r.number("PRAGMA application_id") == content_tool::kReportApplicationId);
    CHECK(count(r, "plays") == 48);
    CHECK(r.number("SELECT count(*) FROM plays_text WHERE station = 'na-meo'") == 36);
    CHECK(r.number("SELECT count(*) FROM plays_text WHERE station = 'cau-treo'") == 12);
    CHECK(r.number("SELECT count(DISTINCT station_db_id || ':' || id) FROM plays_text") == 48);
    CHECK(r.rows("SELECT slide, language, mode FROM plays_text WHERE station = 'cau-treo' AND id = 3") ==
          Rows{{"slide-2", "vi", "attract"}});
    CHECK(r.rows("SELECT category FROM page_views_text ORDER BY id") == Rows{{"entry-exit"}, {"maps"}});
    CHECK(r.rows("SELECT station, source, message FROM errors_text") ==
          Rows{{"cau-treo", "usb", "stick refused"}});
    // The run's newest last_alive_ms (from the export, an hour after the batches) wins.
    CHECK(r.number("SELECT last_alive_ms FROM runs_text WHERE station = 'na-meo'") == kNow + 3600000);
    CHECK(count(r, "collected") == 6);

    // Collecting the same inputs again adds nothing.
    auto again = content_tool::collect_telemetry(report, files);
    REQUIRE(again.ok());
    for (const auto& [table, n] : again->added) {
        INFO(table);
        CHECK(n == 0);
    }
    CHECK(again->duplicates["plays"] == 30 + 12 + 36);
    CHECK(again->runs_updated == 0);
    CHECK(count(r, "plays") == 48);
    CHECK(count(r, "runs") == 2);
}

TEST_CASE("content-tool collect refuses a file that is not telemetry by name and merges the others",
          "[upload][collect][cli]") {
    TempDir dir;
    FakeClock clock;
    auto file = dir / "station.sqlite";
    {
        auto t = open_telemetry(file, quiet_options(clock));
        record_plays(*t, 7);
    }
    auto tree = dir / "uploads";
    upload_into(file, tree, "na-meo", 5);
    {
        Db foreign(tree / "na-meo" / "notes.sqlite");
        foreign.exec("CREATE TABLE notes(x); INSERT INTO notes VALUES (1)");
    }
    write_text(dir / "garbage.sqlite", "this is not SQLite at all, just text that is long enough..........."
                                       "...................................................................");
    auto report = dir / "report.sqlite";
    auto first = run(content_tool_bin() + " collect " + quote(report) + " " + quote(tree) + " " +
                     quote(dir / "garbage.sqlite"));
    INFO(first.output);
    CHECK(first.status == 1);
    CHECK(first.output.find("notes.sqlite: không phải dữ liệu thống kê của trạm / not kiosk telemetry") !=
          std::string::npos);
    CHECK(first.output.find("garbage.sqlite") != std::string::npos);
    CHECK(first.output.find("Merged 2 of 4 files") != std::string::npos);
    CHECK(first.output.find("Stations: 1") != std::string::npos);
    CHECK(first.output.find("Rows added: 8, duplicates skipped: 0") != std::string::npos); // 7 plays, 1 run
    {
        Db r(report);
        CHECK(count(r, "plays") == 7);
    }

    auto second = run(content_tool_bin() + " collect " + quote(report) + " " + quote(tree));
    INFO(second.output);
    CHECK(second.status == 1); // notes.sqlite is still refused
    CHECK(second.output.find("Rows added: 0, duplicates skipped: 7") != std::string::npos);

    // A report name that is some other database is never written into.
    auto wrong =
        run(content_tool_bin() + " collect " + quote(tree / "na-meo" / "notes.sqlite") + " " + quote(file));
    CHECK(wrong.status == 1);
    CHECK(wrong.output.find("not a report database") != std::string::npos);

    auto usage = run(content_tool_bin() + " collect " + quote(report));
    CHECK(usage.status == 2);
}
