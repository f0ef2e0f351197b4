// Names kept whole: project.toml's keep_together, the pack's content document, check's report of where a
// listed name would have split, and the station's screen that keeps it whole.
#include "source/source.hpp"
#include "support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace content_tool;
using namespace test_support;

namespace {

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
    auto s = read_text(file);
    auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    write_text(file, s.replace(at, from.size(), to));
}

// Puts `list` (TOML, from "[" to "]") after the project's fallback line, which is line 9 of the sample.
void set_kept_names(const fs::path& src, const std::string& list) {
    auto file = src / "project.toml";
    auto text = read_text(file);
    auto end = text.find('\n', text.find("fallback = "));
    REQUIRE(end != std::string::npos);
    write_text(file, text.insert(end + 1, "keep_together = " + list + "\n"));
}

std::string load_errors(const fs::path& src) {
    Diagnostics d;
    load_source(src, d);
    return d.to_text();
}

// "Cầu Treo" with its accent as a combining mark after the vowel, as some Vietnamese keyboards type it.
const std::string kDecomposedCauTreo = "Ca\xCC\x82\xCC\x80u Treo"; // a, U+0302, U+0300
const std::string kCauTreo = "Cầu Treo";

// A Lao title that the landscape and LED wall profiles would break inside "ເກົາແຈວ" (Cầu Treo) without the
// list.
const std::string kLaoTitle = "ຍິນດີຕ້ອນຮັບທ່ານສູ່ດ່ານສາກົນເກົາແຈວ";

} // namespace

TEST_CASE("keep_together is read NFC like slide text and carried by the pack's content document",
          "[source][kept-names]") {
    TempDir dir;
    auto src = write_sample_project(dir.path());
    set_kept_names(src, "[\"ເກົາແຈວ\", \"" + kDecomposedCauTreo + "\", \"Na Mèo\"]");
    replace_in(src / "slides" / "01-welcome.toml", "Chào mừng quý khách đến Việt Nam.",
               "Xe đi " + kDecomposedCauTreo + " mỗi sáng.");
    Diagnostics d;
    auto project = load_source(src, d);
    INFO(d.to_text());
    REQUIRE(project);
    CHECK(d.all().empty());
    CHECK(project->content.keep_together == std::vector<std::string>{"ເກົາແຈວ", kCauTreo, "Na Mèo"});
    // The text is stored the same way, so the kiosk's byte-for-byte match finds the name in it.
    CHECK(project->slides.front().slide.body.at("vi").find(kCauTreo) != std::string::npos);

    kiosk::Content compiled = project->content;
    for (const auto& s : project->slides)
        compiled.slides.push_back(s.slide);
    auto again = kiosk::Content::parse(compiled.to_json());
    REQUIRE(again);
    CHECK(again->keep_together == project->content.keep_together);
    // A pack built before the list existed has none, and loads.
    compiled.keep_together.clear();
    auto json = compiled.to_json();
    CHECK(json.find("keep_together") == std::string::npos);
    auto old = kiosk::Content::parse(json);
    REQUIRE(old);
    CHECK(old->keep_together.empty());
}

TEST_CASE("a mistake in keep_together is reported at its line", "[source][kept-names]") {
    TempDir dir;
    auto src = write_sample_project(dir.path());
    // Line 10 opens the list; each name has a line of its own.
    SECTION("not a list") {
        set_kept_names(src, "\"Na Mèo\"");
        CHECK_THAT(load_errors(src),
                   Catch::Contains("project.toml:10: error: 'keep_together' must be a list of names"));
    }
    SECTION("each wrong name at its line, the right ones kept") {
        set_kept_names(src, "[\n  \"Na Mèo\",\n  \"\",\n  \" Nậm Xôi\",\n  \"Sầm\\tNưa\",\n  42,\n  \"" +
                                std::string(101, 'x') + "\",\n  \"" + kCauTreo + "\",\n  \"" +
                                kDecomposedCauTreo + "\",\n]");
        Diagnostics d;
        auto project = load_source(src, d);
        auto out = d.to_text();
        INFO(out);
        CHECK_FALSE(project);
        CHECK_THAT(out, Catch::Contains("project.toml:12: error: keep_together: a name is empty"));
        CHECK_THAT(
            out, Catch::Contains("project.toml:13: error: keep_together: \" Nậm Xôi\" begins or ends with a "
                                 "space; remove it"));
        CHECK_THAT(out, Catch::Contains("project.toml:14: error: keep_together: \"Sầm\tNưa\" holds a control "
                                        "character"));
        CHECK_THAT(out,
                   Catch::Contains("project.toml:15: error: 'keep_together' must hold only names in quotes"));
        CHECK_THAT(out, Catch::Contains("project.toml:16: error: keep_together: \"xxx"));
        CHECK_THAT(out, Catch::Contains("is longer than 100 bytes"));
        // The same name typed two ways is the same name.
        CHECK_THAT(out,
                   Catch::Contains("project.toml:18: error: keep_together: \"Cầu Treo\" is already listed on "
                                   "line 17; remove one"));
        CHECK(std::count(out.begin(), out.end(), '\n') == 6);
    }
    SECTION("more names than a station checks") {
        std::string list = "[";
        for (int i = 0; i <= 500; ++i)
            list += "\"Bản " + std::to_string(i) + "\", ";
        set_kept_names(src, list + "]");
        CHECK_THAT(load_errors(src),
                   Catch::Contains("project.toml:10: error: 'keep_together' lists 501 names, "
                                   "more than 500"));
    }
}

TEST_CASE("the kiosk refuses a content document whose keep_together is beyond the limits", "[kept-names]") {
    kiosk::Content content;
    content.channel = "test.kept";
    content.languages = {"vi"};
    content.default_language = "vi";
    auto refused = [&](std::vector<std::string> names) {
        content.keep_together = std::move(names);
        auto parsed = kiosk::Content::parse(content.to_json());
        return parsed ? std::string() : parsed.error().message;
    };
    CHECK(refused({"Na Mèo", "ນາແມວ"}).empty());
    CHECK_THAT(refused({"Na Mèo", ""}), Catch::Contains("content: keep_together: a name is empty"));
    CHECK_THAT(refused({"Na\nMèo"}), Catch::Contains("control character"));
    CHECK_THAT(refused({"Na\xC2\x85Mèo"}), Catch::Contains("control character")); // U+0085, a C1 control
    CHECK_THAT(refused({"Na Mèo", "Na Mèo"}), Catch::Contains("\"Na Mèo\" is listed twice"));
    CHECK_THAT(refused({std::string(101, 'a')}), Catch::Contains("longer than 100 bytes"));
    CHECK(refused({std::string(100, 'a')}).empty());
    CHECK_THAT(refused(std::vector<std::string>(501, "x")),
               Catch::Contains("lists 501 names, more than 500"));
}

TEST_CASE("check shows where a listed Lao name would have split, and the station shows it whole",
          "[source][kept-names][cli]") {
    TempDir dir;
    auto src = write_sample_project(dir.path());
    auto welcome = src / "slides" / "01-welcome.toml";
    replace_in(welcome, "lo = \"ຍິນດີຕ້ອນຮັບ\"", "lo = \"" + kLaoTitle + "\"");
    set_kept_names(src, "[\"ເກົາແຈວ\"]");

    auto check = run(content_tool_bin() + " check " + quote(src));
    INFO(check.output);
    CHECK(check.status == 0);
    CHECK_THAT(check.output,
               Catch::Contains("01-welcome.toml:10: info: title (lo): \"ເກົາແຈວ\" would have been "
                               "split as ເກົາ|ແຈວ on the landscape profile (1920x1080); "
                               "keep_together keeps it whole"));
    CHECK_THAT(check.output, Catch::Contains("0 errors, 0 warnings, "));
    // Once per text, language and profile, however many views show it.
    auto once = check.output.find("on the landscape profile");
    CHECK(check.output.find("on the landscape profile", once + 1) == std::string::npos);
    auto json = run(content_tool_bin() + " check " + quote(src) + " --json");
    CHECK_THAT(json.output, Catch::Contains("\"severity\": \"info\""));
    CHECK_THAT(json.output, Catch::Contains("would have been split as ເກົາ|ແຈວ"));

    // The station: the listed name is laid out exactly as if the editor had joined it with a word joiner
    // (U+2060), and differently from the same text without the list.
    REQUIRE(run(content_tool_bin() + " keygen --out " + quote(dir / "office")).status == 0);
    auto shot = [&](const std::string& name) {
        auto built = run(content_tool_bin() + " build " + quote(src) + " --key " + quote(dir / "office.key") +
                         " -o " + quote(dir / (name + ".kpack")));
        INFO(built.output);
        REQUIRE(built.status == 0);
        CHECK_THAT(built.output, !Catch::Contains("info:")); // build says only what needs fixing
        auto taken = run(kiosk_bin() + " --set trusted_keys=" + quote(dir / "office.pub") + " --content " +
                         quote(dir / (name + ".kpack")) + " --screenshot " + quote(dir / (name + ".png")) +
                         " --slide welcome --lang lo");
        INFO(taken.output);
        REQUIRE(taken.status == 0);
        return read_text(dir / (name + ".png"));
    };
    auto listed = shot("listed");
    replace_in(src / "project.toml", "keep_together = [\"ເກົາແຈວ\"]\n", "");
    auto unlisted = shot("unlisted");
    replace_in(welcome, "ເກົາແຈວ", "ເກົາ\u2060ແຈວ");
    auto joined = shot("joined");
    CHECK(listed != unlisted);
    CHECK(listed == joined);
    CHECK_THAT(run(content_tool_bin() + " check " + quote(src)).output, !Catch::Contains("info:"));
}
