// The operator screen's status lines: what a border guard reads about the station, in both languages.
#include "operator/status_report.hpp"
#include "operator/wording.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>

using namespace kiosk;
using test_support::StationZone;

namespace {


constexpr std::int64_t kBuilt = 1714720800; // 2024-05-03 07:20 UTC, 14:20 at the gate
constexpr std::int64_t kNow = 1715306400;   // 2024-05-10 02:00 UTC, 09:00 at the gate

StationFacts na_meo() {
    StationFacts f;
    f.station_id = "na-meo";
    f.pack = PackFacts{"thanh-hoa", 42, "3f9a1c2b7d8e6f01 (So TTTT Thanh Hoa)", kBuilt};
    f.disk = DiskFacts{12'300'000'000, 29'800'000'000};
    f.machine_uptime_s = 3 * 86400 + 4 * 3600 + 300;
    f.kiosk_uptime_s = 5 * 3600 + 12 * 60 + 7;
    f.last_sync = kNow - (2 * 86400 + 3 * 3600);
    f.now = kNow;
    return f;
}

const StatusLine& find(const std::vector<StatusLine>& lines, const std::string& label_en) {
    for (const auto& l : lines)
        if (l.label_en == label_en)
            return l;
    FAIL("no line " << label_en);
    return lines.front();
}

} // namespace

TEST_CASE("durations and sizes read naturally in both languages", "[operator][status]") {
    CHECK(duration_both(0) == "0 giây / 0 s");
    CHECK(duration_both(45) == "45 giây / 45 s");
    CHECK(duration_both(860) == "14 phút 20 giây / 14 min 20 s");
    CHECK(duration_both(3600) == "1 giờ / 1 h");
    CHECK(duration_both(3600 + 59) == "1 giờ / 1 h");
    CHECK(duration_both(5 * 3600 + 12 * 60 + 7) == "5 giờ 12 phút / 5 h 12 min");
    CHECK(duration_both(86400 + 4 * 3600 + 60) == "1 ngày 4 giờ / 1 day 4 h");
    CHECK(duration_both(3 * 86400) == "3 ngày / 3 days");
    CHECK(duration_both(-5) == "0 giây / 0 s");
    CHECK(size_text(0) == "0 MB");
    CHECK(size_text(512'000'000) == "512 MB");
    CHECK(size_text(999'999'999) == "999 MB");
    CHECK(size_text(1'000'000'000) == "1.0 GB");
    CHECK(size_text(28'640'000'000) == "28.6 GB");
}

TEST_CASE("a healthy station's status reads in order without warnings", "[operator][status]") {
    StationZone zone;
    auto lines = status_lines(na_meo());
    std::vector<std::string> labels;
    for (const auto& l : lines) {
        labels.push_back(l.label_en);
        CHECK_FALSE(l.label_vi.empty());
    }
    CHECK(labels == std::vector<std::string>{"Station", "Content pack", "Signed by", "Built",
                                             "Free disk space", "Machine up for", "Kiosk up for", "Last sync",
                                             "Recent errors"});
    CHECK(find(lines, "Station").value == "na-meo");
    CHECK(find(lines, "Station").label_vi == "Mã trạm");
    CHECK(find(lines, "Content pack").value == "thanh-hoa v42");
    CHECK(find(lines, "Signed by").value == "3f9a1c2b7d8e6f01 (So TTTT Thanh Hoa)");
    CHECK(find(lines, "Built").value == "2024-05-03 14:20");
    CHECK(find(lines, "Free disk space").value == "12.3 GB / 29.8 GB (41 %)");
    CHECK(find(lines, "Machine up for").value == "3 ngày 4 giờ / 3 days 4 h");
    CHECK(find(lines, "Kiosk up for").value == "5 giờ 12 phút / 5 h 12 min");
    CHECK(find(lines, "Last sync").value == "2024-05-08 06:00 (2 ngày 3 giờ trước / 2 days 3 h ago)");
    CHECK(find(lines, "Recent errors").value == "không có / none");
    for (const auto& l : lines) {
        CHECK_FALSE(l.warning);
        CHECK(l.advice.empty());
    }
}

TEST_CASE("low disk space is a warning with advice", "[operator][status]") {
    StationZone zone;
    struct Case {
        DiskFacts disk;
        bool warns;
    };
    auto c = GENERATE(Case{{900'000'000, 500'000'000'000}, true},   // less than 1 GB on a large disk
                      Case{{2'000'000'000, 32'000'000'000}, true},  // 6 %
                      Case{{5'000'000'000, 32'000'000'000}, false}, // 16 % and 5 GB
                      Case{{0, 0}, true});                          // unreadable
    auto facts = na_meo();
    facts.disk = c.disk;
    auto lines = status_lines(facts);
    const auto& disk = find(lines, "Free disk space");
    INFO(disk.value);
    CHECK(disk.warning == c.warns);
    CHECK(disk.advice.empty() != c.warns);
    if (c.warns)
        CHECK_THAT(disk.advice, Catch::Contains("provincial office"));
    facts.disk.reset();
    CHECK(find(status_lines(facts), "Free disk space").value == "không đọc được / could not be read");
}

TEST_CASE("no pack, no sync and recent errors are shown as such", "[operator][status]") {
    StationZone zone;
    auto facts = na_meo();
    facts.pack.reset();
    facts.last_sync.reset();
    facts.last_errors = {"2024-05-10T01:58:00Z error: the stick's pack is not signed by a trusted key",
                         "2024-05-10T01:59:00Z warn: film skipped"};
    auto lines = status_lines(facts);
    const auto& pack = find(lines, "Content pack");
    CHECK(pack.warning);
    CHECK_THAT(pack.value, Catch::Contains("built-in screen"));
    CHECK_THAT(pack.advice, Catch::Contains("Plug in the content stick"));
    CHECK(std::none_of(lines.begin(), lines.end(),
                       [](const StatusLine& l) { return l.label_en == "Signed by"; }));
    CHECK(find(lines, "Last sync").value == "chưa lần nào / never");
    std::vector<std::string> errors;
    for (const auto& l : lines)
        if (l.label_en == "Recent error") {
            CHECK(l.warning);
            errors.push_back(l.value);
        }
    CHECK(errors == facts.last_errors);

    // A sync time after now (the clock was set back) is shown without "ago".
    facts.last_sync = kNow + 600;
    CHECK(find(status_lines(facts), "Last sync").value == "2024-05-10 09:10");

    auto text = status_text(lines);
    CHECK(text.front() == "  Mã trạm / Station: na-meo");
    CHECK_THAT(text[1], Catch::StartsWith("! Gói nội dung / Content pack: chưa có"));
    CHECK_THAT(text[2], Catch::StartsWith("    Hãy cắm USB"));
}
