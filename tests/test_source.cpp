// Content sources as editors write them: the sample is clean, and every mistake names its file and line.
#include "content/ui_text.hpp"
#include "source/source.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

using namespace content_tool;
using namespace test_support;

namespace {

std::string check_text(const fs::path& source, bool& ok) {
    Diagnostics d;
    ok = load_source(source, d).has_value();
    return d.to_text();
}

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
    auto s = read_text(file);
    auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    write_text(file, s.replace(at, from.size(), to));
}

} // namespace

TEST_CASE("the init sample and the demo content check clean", "[source]") {
    TempDir dir;
    bool ok = false;
    CHECK(check_text(write_sample_project(dir.path()), ok).empty());
    CHECK(ok);
    Diagnostics d;
    auto demo = load_source(source_dir() / "assets" / "demo", d);
    INFO(d.to_text());
    REQUIRE(demo);
    CHECK(d.all().empty());
    CHECK(demo->slides.size() >= 8);
    CHECK(demo->content.languages == std::vector<std::string>{"vi", "en", "lo"});
}

TEST_CASE("mistakes in a source are reported with file and line", "[source]") {
    TempDir dir;
    auto src = write_sample_project(dir.path());
    auto welcome = src / "slides" / "01-welcome.toml";
    auto project = src / "project.toml";
    bool ok = true;
    SECTION("TOML syntax") {
        replace_in(welcome, "duration = 10", "duration = = 10");
        auto out = check_text(src, ok);
        CHECK_THAT(out, Catch::Contains("01-welcome.toml:4: error: TOML syntax"));
    }
    SECTION("a text whose closing quote is missing") {
        replace_in(welcome, "vi = \"Chào mừng quý khách\"", "vi = \"Chào mừng quý khách");
        auto out = check_text(src, ok);
        CHECK_THAT(out, Catch::Contains("01-welcome.toml:8: error: a text in quotes is not closed on this line: a "
                                        "closing quote (\") is probably missing"));
        CHECK_THAT(out, !Catch::Contains("control character"));
    }
    SECTION("a text over several lines whose closing quotes are missing") {
        write_text(welcome, read_text(welcome) + "\n[notes]\nvi = \"\"\"\nMột ghi chú\n");
        CHECK_THAT(check_text(src, ok), Catch::Contains("01-welcome.toml:32: error: a text that starts with three "
                                                        "quotes here is never closed"));
    }
    SECTION("a syntax error in one slide, and nothing about what follows from it") {
        replace_in(src / "slides" / "02-hours.toml", "id = \"hours\"", "id = \"hours");
        write_text(project, read_text(project) + "\n[[playlist]]\nid = \"p\"\nslides = [\"hours\"]\n");
        Diagnostics d;
        ok = load_source(src, d).has_value();
        REQUIRE(d.all().size() == 1);
        CHECK_THAT(d.to_text(), Catch::Contains("02-hours.toml:2: error: a text in quotes is not closed"));
    }
    SECTION("a key written in the wrong form is one error, not the errors that follow from it") {
        std::string expected;
        SECTION("a title written as text") {
            replace_in(welcome, "[title]\nvi = \"Chào mừng quý khách\"\nen = \"Welcome\"\nlo = \"ຍິນດີຕ້ອນຮັບ\"\n",
                       "title = \"Chào mừng quý khách\"\n");
            expected = "01-welcome.toml:7: error: 'title' must be a table of languages";
        }
        SECTION("a title in the default language that is not text") {
            replace_in(welcome, "vi = \"Chào mừng quý khách\"", "vi = 5");
            expected = "01-welcome.toml:8: error: title.vi must be text in quotes";
        }
        SECTION("languages that are not a list") {
            replace_in(project, "languages = [\"vi\", \"en\", \"lo\"]", "languages = \"vi, en, lo\"");
            expected = "project.toml:7: error: 'languages' must be a list";
        }
        Diagnostics d;
        ok = load_source(src, d).has_value();
        INFO(d.to_text());
        REQUIRE(d.all().size() == 1);
        CHECK_THAT(d.to_text(), Catch::Contains(expected));
    }
    SECTION("a misspelt key") {
        replace_in(welcome, "duration = 10", "duraton = 10");
        auto out = check_text(src, ok);
        CHECK_THAT(out, Catch::Contains("01-welcome.toml:4: error: unknown key 'duraton'"));
    }
    SECTION("a missing image") {
        replace_in(welcome, "media/welcome.svg", "media/nothing.svg");
        CHECK_THAT(check_text(src, ok),
                   Catch::Contains("01-welcome.toml:5: error: image 'media/nothing.svg' does not exist"));
    }
    SECTION("an image whose name differs from the file's only in letter case") {
        fs::rename(src / "media" / "welcome.svg", src / "media" / "Welcome.SVG");
        CHECK_THAT(check_text(src, ok),
                   Catch::Contains("01-welcome.toml:5: error: image 'media/welcome.svg' does not exist; did you mean "
                                   "media/Welcome.SVG? Names are case-sensitive on the station"));
    }
    SECTION("an image outside the folder") {
        write_text(dir / "outside.png", "x");
        replace_in(welcome, "media/welcome.svg", "../outside.png");
        CHECK_THAT(check_text(src, ok), Catch::Contains("must be inside the content folder"));
    }
    SECTION("an image that is a symbolic link") {
        REQUIRE(::symlink("/etc/hostname", (src / "media" / "link.png").c_str()) == 0);
        replace_in(welcome, "media/welcome.svg", "media/link.png");
        CHECK_THAT(check_text(src, ok), Catch::Contains("symbolic link"));
    }
    SECTION("an undefined category") {
        replace_in(welcome, "category = \"welcome\"", "category = \"weather\"");
        CHECK_THAT(check_text(src, ok),
                   Catch::Contains("01-welcome.toml:3: error: category 'weather' is not defined"));
    }
    SECTION("no title in the default language") {
        replace_in(welcome, "vi = \"Chào mừng quý khách\"\n", "");
        auto text = check_text(src, ok);
        CHECK_THAT(text, Catch::Contains("[title] needs text in the default language (vi)"));
        CHECK_THAT(text, !Catch::Contains("travellers reading vi"));
    }
    SECTION("a duration that is not whole seconds") {
        replace_in(welcome, "duration = 10", "duration = 7.5");
        CHECK_THAT(check_text(src, ok),
                   Catch::Contains("01-welcome.toml:4: error: duration must be a whole"));
    }
    SECTION("an image file that is not an image") {
        write_text(src / "media" / "welcome.svg", "hello");
        CHECK_THAT(check_text(src, ok),
                   Catch::Contains("01-welcome.toml:5: error: image 'media/welcome.svg': the file has no <svg> "
                                   "element; is it an SVG drawing?"));
    }
    SECTION("a JPEG that is not one") {
        write_text(src / "media" / "photo.jpg", "hello");
        replace_in(welcome, "media/welcome.svg", "media/photo.jpg");
        CHECK_THAT(check_text(src, ok), Catch::Contains("01-welcome.toml:5: error: image 'media/photo.jpg': "
                                                        "not a PNG or JPEG image"));
    }
    SECTION("a duration out of range") {
        replace_in(welcome, "duration = 10", "duration = 0");
        CHECK_THAT(check_text(src, ok), Catch::Contains("01-welcome.toml:4: error: duration must be"));
    }
    SECTION("the same slide id twice") {
        replace_in(src / "slides" / "02-hours.toml", "id = \"hours\"", "id = \"welcome\"");
        CHECK_THAT(check_text(src, ok),
                   Catch::Contains("02-hours.toml:2: error: slide id 'welcome' is already "
                                   "used by 01-welcome.toml"));
    }
    SECTION("a default language that is not listed") {
        replace_in(project, "default_language = \"vi\"", "default_language = \"km\"");
        CHECK_THAT(check_text(src, ok), Catch::Contains("project.toml:8: error: default_language 'km'"));
    }
    SECTION("a bad channel id") {
        replace_in(project, "vn.example.province", "Tỉnh Thanh Hóa");
        CHECK_THAT(check_text(src, ok), Catch::Contains("project.toml:5: error: channel id"));
    }
    CHECK_FALSE(ok);
}

TEST_CASE("a missing translation is a warning that names the language shown instead", "[source]") {
    TempDir dir;
    auto src = write_sample_project(dir.path());
    replace_in(src / "slides" / "02-hours.toml", "lo = \"ທຸກວັນ: 7:00 - 18:00 (ເວລາຫວຽດນາມ, UTC+7).\"\n", "");
    bool ok = false;
    auto out = check_text(src, ok);
    CHECK(ok);
    CHECK_THAT(
        out, Catch::Contains("02-hours.toml:11: warning: body has no 'lo' translation; travellers reading lo "
                             "will see the 'en' text instead"));
}

TEST_CASE("content-tool check exits non-zero on errors and prints JSON for tools", "[source][cli]") {
    TempDir dir;
    auto src = write_sample_project(dir.path());
    auto good = run(content_tool_bin() + " check " + quote(src));
    CHECK(good.status == 0);
    replace_in(src / "slides" / "01-welcome.toml", "duration = 10", "duraton = 10");
    auto bad = run(content_tool_bin() + " check " + quote(src) + " --json");
    CHECK(bad.status == 1);
    CHECK_THAT(bad.output, Catch::Contains("\"severity\": \"error\""));
    CHECK_THAT(bad.output, Catch::Contains("\"line\": 4"));
    auto build = run(content_tool_bin() + " build " + quote(src) + " --key /nonexistent.key -o " +
                     quote(dir / "x.kpack"));
    CHECK(build.status == 1);
    CHECK_FALSE(fs::exists(dir / "x.kpack"));
}

TEST_CASE("content-tool check also lays text out on the built-in profiles a project does not name", "[source][text]") {
    // The sample names landscape and the LED wall; a station set to the built-in portrait profile (as the
    // README's previews are) must not cut a text that check let through. Found by a new user.
    TempDir dir;
    REQUIRE(run(content_tool_bin() + " init " + quote(dir / "p")).status == 0);
    auto project = read_text(dir / "p" / "project.toml");
    REQUIRE(project.find("name = \"portrait\"") == std::string::npos);
    auto hours = dir / "p" / "slides" / "02-hours.toml";
    std::string longer;
    for (int i = 0; i < 56; ++i)
        longer += "Daily: 7:00 - 18:00 (Viet Nam time, UTC+7). ";
    replace_in(hours, "en = \"Daily: 7:00 - 18:00 (Viet Nam time, UTC+7).\"", "en = \"" + longer + "\"");
    auto out = run(content_tool_bin() + " check " + quote(dir / "p"));
    INFO(out.output);
    CHECK(out.status == 1);
    CHECK_THAT(out.output, Catch::Contains("does not fit its box on the portrait profile (1080x1920)"));
}

TEST_CASE("content-tool check lays out every slide on every profile and names text that cannot show",
          "[source][text]") {
    TempDir dir;
    auto src = write_sample_project(dir.path());
    auto welcome = src / "slides" / "01-welcome.toml";
    std::string longer = "Chào mừng quý khách";
    for (int i = 0; i < 60; ++i)
        longer += " đến cửa khẩu quốc tế";
    replace_in(welcome, "vi = \"Chào mừng quý khách\"", "vi = \"" + longer + "\"");
    replace_in(welcome, "en = \"Welcome\"", "en = \"Welcome \xF0\x93\x80\x80\""); // an Egyptian hieroglyph
    auto out = run(content_tool_bin() + " check " + quote(src));
    CHECK(out.status == 1);
    CHECK_THAT(out.output, Catch::Contains("01-welcome.toml:8: error: title (vi) does not fit its box on the "
                                           "landscape profile (1920x1080)"));
    CHECK_THAT(out.output,
               Catch::Contains("01-welcome.toml:9: error: title (en) has U+13000, which no font has"));
    REQUIRE(run(content_tool_bin() + " keygen --out " + quote(dir / "office")).status == 0);
    auto build = run(content_tool_bin() + " build " + quote(src) + " --key " + quote(dir / "office.key") +
                     " -o " + quote(dir / "x.kpack"));
    CHECK(build.status == 1);
    CHECK_THAT(build.output, Catch::Contains("not building: fix the errors above first"));
    CHECK_FALSE(fs::exists(dir / "x.kpack"));

    // An editor who accepts a cut text says so for the slide: then it is not an error.
    replace_in(welcome, "en = \"Welcome \xF0\x93\x80\x80\"", "en = \"Welcome\"");
    replace_in(welcome, "duration = 10", "duration = 10\noverflow = \"ellipsis\"");
    auto accepted = run(content_tool_bin() + " check " + quote(src));
    INFO(accepted.output);
    CHECK(accepted.status == 0);
    replace_in(welcome, "overflow = \"ellipsis\"", "overflow = \"clip\"");
    CHECK_THAT(run(content_tool_bin() + " check " + quote(src)).output,
               Catch::Contains("01-welcome.toml:5: error: overflow must be \"shrink\""));
}

TEST_CASE("a project's own fonts are checked, packed and used by the kiosk", "[source][text][cli]") {
    TempDir dir;
    auto src = write_sample_project(dir.path());
    fs::create_directories(src / "fonts");
    fs::copy_file(fonts_dir() / "NotoSerif-Regular.ttf", src / "fonts" / "serif.ttf");
    write_text(src / "fonts" / "broken.ttf", "not a font");
    auto project = src / "project.toml";
    replace_in(project, "channel = ", "fonts = [\"fonts/serif.ttf\", \"fonts/broken.ttf\"]\nchannel = ");
    CHECK_THAT(
        run(content_tool_bin() + " check " + quote(src)).output,
        Catch::Contains("project.toml:5: error: font 'fonts/broken.ttf': font fonts/broken.ttf is not a "
                        "font file"));
    replace_in(project, ", \"fonts/broken.ttf\"", "");
    REQUIRE(run(content_tool_bin() + " check " + quote(src)).status == 0);
    REQUIRE(run(content_tool_bin() + " keygen --out " + quote(dir / "office")).status == 0);
    REQUIRE(run(content_tool_bin() + " build " + quote(src) + " --key " + quote(dir / "office.key") + " -o " +
                quote(dir / "serif.kpack"))
                .status == 0);
    auto inspect = run(content_tool_bin() + " inspect " + quote(dir / "serif.kpack"));
    CHECK_THAT(inspect.output, Catch::Contains("fonts/serif.ttf"));
    CHECK_THAT(inspect.output, Catch::Contains("font/ttf"));
    // The same slide with and without the font: the kiosk draws them differently.
    auto shot = [&](const fs::path& pack, const std::string& png) {
        return run(kiosk_bin() + " --set trusted_keys=" + quote(dir / "office.pub") + " --content " +
                   quote(pack) + " --screenshot " + quote(dir / png) +
                   " --slide welcome --lang en --size 640x360");
    };
    REQUIRE(shot(dir / "serif.kpack", "serif.png").status == 0);
    replace_in(project, "fonts = [\"fonts/serif.ttf\"]\n", "");
    REQUIRE(run(content_tool_bin() + " build " + quote(src) + " --key " + quote(dir / "office.key") + " -o " +
                quote(dir / "sans.kpack"))
                .status == 0);
    REQUIRE(shot(dir / "sans.kpack", "sans.png").status == 0);
    CHECK(read_text(dir / "serif.png") != read_text(dir / "sans.png"));
}

TEST_CASE("schedules playlists merge rules and the kiosk's words are read and checked", "[source]") {
    TempDir dir;
    auto src = write_sample_project(dir.path());
    auto welcome = src / "slides" / "01-welcome.toml";
    auto project = src / "project.toml";
    bool ok = false;
    SECTION("a slide's schedule and a playlist compile into the content") {
        replace_in(welcome, "duration = 10", "duration = 10\nshow = \"attract\"\nlink = \"https://example.vn/a\"");
        write_text(welcome, read_text(welcome) + "\n[schedule]\nfrom = 2026-04-25\nuntil = 2026-05-02T18:00:00\n"
                                                 "weekdays = [\"sat\", \"sun\"]\ntimes = [\"22:00-02:00\"]\npriority = 2\n");
        auto text = read_text(project);
        write_text(project, text + "\n[[playlist]]\nid = \"campaign\"\nslides = [\"welcome\"]\nfrom = 2026-04-20\n"
                                   "\n[[merge]]\nchannel = \"vn.gov.national\"\nevery = 3\n");
        Diagnostics d;
        auto loaded = load_source(src, d);
        INFO(d.to_text());
        REQUIRE(loaded);
        const auto& slide = loaded->slides.front().slide;
        CHECK(slide.showing == kiosk::Showing::Attract);
        CHECK(slide.link == "https://example.vn/a");
        CHECK(kiosk::format_local_datetime(*slide.times.from) == "2026-04-25T00:00");
        CHECK(kiosk::format_local_datetime(*slide.times.until) == "2026-05-02T18:00");
        CHECK(slide.times.weekdays == 0x60);
        CHECK(slide.times.priority == 2);
        REQUIRE(loaded->content.playlists.size() == 1);
        CHECK(loaded->content.merge.front().every == 3);
        // The compiled document carries it all, and reads back the same.
        kiosk::Content compiled = loaded->content;
        compiled.slides.push_back(slide);
        auto again = kiosk::Content::parse(compiled.to_json());
        REQUIRE(again);
        CHECK(again->slides.front().times == slide.times);
        CHECK(again->playlists.front().slides == std::vector<std::string>{"welcome"});
    }
    SECTION("mistakes in them name their line") {
        write_text(welcome, read_text(welcome) + "\n[schedule]\nfrom = 2026-05-02\nuntil = 2026-04-25\n"
                                                 "weekdays = [\"someday\"]\ntimes = [\"8-17\"]\n");
        auto out = check_text(src, ok);
        CHECK_FALSE(ok);
        CHECK_THAT(out, Catch::Contains("'until' must come after 'from'"));
        CHECK_THAT(out, Catch::Contains("'someday' is not a weekday"));
        CHECK_THAT(out, Catch::Contains("write it like 06:00-22:00"));
    }
    SECTION("a category whose every page is scheduled is named, since it vanishes from Home") {
        write_text(welcome, read_text(welcome) + "\n[schedule]\nfrom = 2026-12-01\nuntil = 2026-12-31\n");
        CHECK_THAT(check_text(src, ok), Catch::Contains("every page of category 'welcome' has a schedule"));
        CHECK(ok);
    }
    SECTION("a playlist naming a slide that does not exist") {
        write_text(project, read_text(project) + "\n[[playlist]]\nid = \"p\"\nslides = [\"nowhere\"]\n");
        CHECK_THAT(check_text(src, ok), Catch::Contains("playlist 'p' names slide 'nowhere'"));
        CHECK_FALSE(ok);
    }
    SECTION("a language without the kiosk's words is warned about until the content gives them") {
        replace_in(project, "languages = [", "languages = [\"ru\", ");
        auto out = check_text(src, ok);
        CHECK_THAT(out, Catch::Contains("the kiosk has no words of its own in 'ru' for: touch_to_start"));
        std::string words;
        for (const auto& word : kiosk::ui_words())
            words += "\n[ui." + word + "]\nru = \"слово\"\n";
        write_text(project, read_text(project) + words);
        CHECK_THAT(check_text(src, ok), !Catch::Contains("no words of its own"));
    }
}

TEST_CASE("check warns when a priority or a playlist's dates hide a slide marked essential", "[source]") {
    TempDir dir;
    auto src = write_sample_project(dir.path());
    auto hours = src / "slides" / "02-hours.toml";
    auto welcome = src / "slides" / "01-welcome.toml";
    auto project = src / "project.toml";
    replace_in(hours, "duration = 8", "duration = 8\nessential = true");
    bool ok = false;
    // Marked essential and scheduled nowhere: nothing to say.
    CHECK(check_text(src, ok).empty());
    CHECK(ok);
    SECTION("a campaign slide of higher priority") {
        write_text(welcome, read_text(welcome) + "\n[schedule]\nfrom = 2026-04-25\nuntil = 2026-05-02\npriority = 2\n");
        auto out = check_text(src, ok);
        CHECK(ok);
        CHECK_THAT(out, Catch::Contains("02-hours.toml:5: warning: essential slide 'hours' (priority 0) leaves the "
                                        "loop whenever something of higher priority may show: slide 'welcome' "
                                        "(priority 2, from 2026-04-25 until 2026-05-02)"));
    }
    SECTION("a playlist of higher priority, and a playlist with dates that holds it") {
        write_text(project, read_text(project) +
                                "\n[[playlist]]\nid = \"tet\"\nslides = [\"welcome\"]\npriority = 5\n"
                                "times = [\"07:00-11:30\"]\n"
                                "\n[[playlist]]\nid = \"summer\"\nslides = [\"hours\"]\nfrom = 2026-06-01\n"
                                "until = 2026-09-01\nweekdays = [\"sat\", \"sun\"]\n");
        auto out = check_text(src, ok);
        CHECK(ok);
        CHECK_THAT(out, Catch::Contains("playlist 'tet' (priority 5, 07:00-11:30)"));
        CHECK_THAT(out, Catch::Contains("02-hours.toml:5: warning: essential slide 'hours' is in playlist 'summer' "
                                        "(from 2026-06-01 until 2026-09-01, sat sun): at any other time travellers "
                                        "do not see it"));
    }
    SECTION("a slide not marked essential, or one of equal priority, is not warned about") {
        write_text(welcome, read_text(welcome) + "\n[schedule]\npriority = 0\nfrom = 2026-04-25\n");
        CHECK_THAT(check_text(src, ok), !Catch::Contains("essential"));
        replace_in(hours, "essential = true", "essential = \"yes\"");
        CHECK_THAT(check_text(src, ok), Catch::Contains("02-hours.toml:5: error: essential must be true or false"));
    }
}
