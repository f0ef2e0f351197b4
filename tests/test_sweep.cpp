// The sweep: the real player, driven through SDL events by a replay script, over a pack with every kind of
// page in seven scripts, on every profile; every screen reached is held against what the state machine
// says it should be, and against the invariants a traveller would notice (a blank screen, text cut short,
// characters no font has).
#include "support.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

using namespace test_support;
using kiosk::generate_key;
using kiosk::SecretKey;

namespace {

const std::vector<std::string> kLanguages = {"vi", "en", "lo", "km", "th", "zh", "ko"};

// One text per language, in the project's TOML.
std::string texts(const std::string& table, const std::map<std::string, std::string>& by_language) {
    std::string out = "[" + table + "]\n";
    for (const auto& lang : kLanguages)
        if (by_language.count(lang))
            out += lang + " = \"\"\"\n" + by_language.at(lang) + "\"\"\"\n";
    return out;
}

std::map<std::string, std::string> entry_title() {
    return {{"vi", "Thủ tục xuất nhập cảnh"}, {"en", "Crossing the border"},
            {"lo", "ຂັ້ນຕອນ ເຂົ້າ-ອອກເມືອງ"},      {"km", "នីតិវិធីឆ្លងដែន"},
            {"th", "ขั้นตอนการผ่านแดน"},         {"zh", "出入境手续"},
            {"ko", "출입국 절차 안내"}};
}

// Texts with what must stay whole: phone numbers, numbers with units, slashed units, place names.
std::map<std::string, std::string> entry_body() {
    return {
        {"vi",
         "Xuất trình hộ chiếu còn hạn khi qua cửa khẩu Cầu Treo.\n\nHàng hóa vượt định mức phải khai báo hải "
         "quan. Phí gửi xe 10.000 đồng/chiếc.\n- Giờ mở cửa: 7:00 – 22:00\n- Đường dây nóng: 0239 3 875 113\n"
         "- Cách thị trấn khoảng 80 km"},
        {"en",
         "Show a valid passport when you cross at Cau Treo.\n\nGoods above the limits must be declared to "
         "customs. Parking costs 10,000 dong/vehicle.\n- Open 7:00 – 22:00\n- Hotline: +84 239 3 875 113\n"
         "- About 80 km from the town"},
        {"lo", "ກະລຸນາ ສະແດງ ໜັງສືຜ່ານແດນ ທີ່ຍັງມີອາຍຸ ເມື່ອຜ່ານ ດ່ານເກົາແຈວ.\n\nສິນຄ້າ ທີ່ເກີນກຳນົດ ຕ້ອງແຈ້ງ "
               "ພາສີ.\n- ເວລາເປີດ: 7:00 – 22:00\n- ສາຍດ່ວນ: 0239 3 875 113"},
        {"km", "សូមបង្ហាញលិខិតឆ្លងដែនដែលនៅមានសុពលភាព នៅពេលឆ្លងកាត់ច្រកទ្វារ។\n\nទំនិញលើសកំណត់ ត្រូវប្រកាសជូនគយ។\n"
               "- ម៉ោងបើក៖ 7:00 – 22:00\n- ទូរស័ព្ទបន្ទាន់៖ 0239 3 875 113"},
        {"th", "กรุณาแสดงหนังสือเดินทางที่ยังไม่หมดอายุเมื่อผ่านด่านเกิ่วเจ๊ว\n\nสินค้าที่เกินกำหนดต้องสำแดงต่อศุลกากร "
               "เดินทางต่อไปเมืองวินห์และดานังได้\n- เวลาเปิด 7:00 – 22:00\n- สายด่วน 0239 3 875 113"},
        {"zh", "过境时请出示有效护照。\n\n超过规定限额的货物须向海关申报。停车费每辆10,000越南盾。\n- "
               "开放时间：7:00 – "
               "22:00\n- 热线：0239 3 875 113"},
        {"ko", "국경을 통과할 때 유효한 여권을 제시해 주십시오.\n\n한도를 넘는 물품은 세관에 신고해야 "
               "합니다. 하노이까지 "
               "약 300 km입니다.\n- 운영 시간: 7:00 – 22:00\n- 긴급 전화: 0239 3 875 113"},
    };
}

std::map<std::string, std::string> short_texts(const std::string& vi, const std::string& en) {
    return {{"vi", vi},
            {"en", en},
            {"lo", "ຂໍ້ມູນ ສຳລັບ ນັກທ່ອງທ່ຽວ"},
            {"km", "ព័ត៌មានសម្រាប់ភ្ញៀវទេសចរ"},
            {"th", "ข้อมูลสำหรับนักท่องเที่ยว"},
            {"zh", "旅客须知"},
            {"ko", "여행자를 위한 안내"}};
}

struct Page {
    std::string id, category, fields; // fields: the slide's own lines (image, video, map, gallery, link)
    bool body = true;
};

// A project with every kind of page, in seven scripts, built into a pack the station trusts.
struct SweepStation {
    TempDir dir;
    SecretKey key = generate_key();
    fs::path pack = dir / "sweep.kpack";
    std::vector<Page> pages;
    std::vector<std::string> categories = {"rules", "photos", "gallery", "films", "maps", "mixed"};

    SweepStation() {
        auto project = dir / "project";
        fs::create_directories(project / "slides");
        fs::create_directories(project / "media");
        auto picture = [&](const std::string& name, const std::string& size, const std::string& source) {
            auto made = run("ffmpeg -loglevel error -y -f lavfi -i " + source + "=size=" + size +
                            " -frames:v 1 " + quote(project / "media" / name));
            REQUIRE(made.status == 0);
        };
        picture("photo.png", "800x600", "testsrc");
        picture("tall.png", "400x700", "smptebars");
        picture("wide.jpg", "900x400", "testsrc2");
        picture("map.png", "2400x1600", "testsrc2");
        fs::copy_file(make_clip(dir.path(), "film.mp4",
                                "-f lavfi -i testsrc=size=480x270:rate=25 -t 2 -pix_fmt yuv420p"),
                      project / "media" / "film.mp4");

        std::string project_toml = "channel = \"test.sweep\"\nstations = [\"*\"]\n"
                                   "languages = [\"vi\", \"en\", \"lo\", \"km\", \"th\", \"zh\", \"ko\"]\n"
                                   "default_language = \"vi\"\nfallback = [\"en\", \"vi\"]\n"
                                   "keep_together = [\"Cầu Treo\", \"ເກົາແຈວ\", \"เกิ่วเจ๊ว\", \"កូវត្រេវ\"]\n";
        project_toml += texts("name", {{"vi", "Cửa khẩu Quốc tế Cầu Treo"},
                                       {"en", "Cau Treo International Border Gate"},
                                       {"lo", "ດ່ານສາກົນ ເກົາແຈວ"},
                                       {"km", "ច្រកទ្វារអន្តរជាតិ កូវត្រេវ"},
                                       {"th", "ด่านสากลเกิ่วเจ๊ว"},
                                       {"zh", "桥柱国际口岸"},
                                       {"ko", "꺼우쩨오 국제 국경 검문소"}});
        std::map<std::string, std::map<std::string, std::string>> labels = {
            {"rules", short_texts("Xuất nhập cảnh", "Entry and exit")},
            {"photos", short_texts("Hình ảnh", "Pictures")},
            {"gallery", short_texts("Thư viện ảnh", "Gallery")},
            {"films", short_texts("Phim", "Films")},
            {"maps", short_texts("Bản đồ", "Maps")},
            {"mixed", short_texts("Du lịch", "Tourism")},
        };
        for (const auto& category : categories)
            project_toml +=
                "\n[[category]]\nid = \"" + category + "\"\n" + texts("category.label", labels[category]);
        // Korean has no built-in interface words: the content brings its own.
        std::map<std::string, std::string> korean = {{"home", "처음으로"},
                                                     {"back", "뒤로"},
                                                     {"language", "언어"},
                                                     {"choose_language", "언어를 선택하세요"},
                                                     {"still_there", "계속 보시겠습니까?"},
                                                     {"touch_to_continue", "계속하려면 화면을 누르세요"},
                                                     {"touch_to_start", "시작하려면 화면을 누르세요"},
                                                     {"scan_to_take_away", "휴대폰으로 스캔하세요"},
                                                     {"urgent_notice", "긴급 공지"}};
        for (const auto& [word, text] : korean)
            project_toml += "\n[ui." + word + "]\nko = \"" + text + "\"\n";
        project_toml += "\n[[profile]]\nname = \"landscape\"\nwidth = 1920\nheight = 1080\ntouch = true\n"
                        "layout = \"single\"\n"
                        "\n[[profile]]\nname = \"portrait\"\nwidth = 1080\nheight = 1920\ntouch = true\n"
                        "layout = \"single\"\n"
                        "\n[[profile]]\nname = \"led-wall\"\nwidth = 1536\nheight = 768\ntouch = false\n"
                        "layout = \"dual\"\n";
        write_text(project / "project.toml", project_toml);

        pages = {
            {"rules-text", "rules", "image = \"media/photo.png\"\n"},
            {"rules-qr", "rules", "link = \"https://example.gov.vn/cau-treo/xuat-nhap-canh\"\n"},
            {"rules-plain", "rules", ""},
            {"photo", "photos", "image = \"media/wide.jpg\"\n", false},
            {"gallery", "gallery",
             "image = \"media/photo.png\"\ngallery = [\"media/tall.png\", \"media/wide.jpg\"]\n"},
            {"film", "films", "image = \"media/photo.png\"\nvideo = \"media/film.mp4\"\n"},
            {"map", "maps", "image = \"media/map.png\"\nmap = \"media/map.png\"\n"},
            {"mixed", "mixed",
             "image = \"media/wide.jpg\"\ngallery = [\"media/tall.png\"]\nlink = "
             "\"https://example.gov.vn/du-lich\"\n"},
        };
        int n = 0;
        for (const auto& page : pages) {
            std::string slide = "id = \"" + page.id + "\"\ncategory = \"" + page.category +
                                "\"\nduration = 5\n" + page.fields + texts("title", entry_title());
            if (page.body)
                slide += texts("body", entry_body());
            write_text(project / "slides" / (std::to_string(++n) + "-" + page.id + ".toml"), slide);
        }
        build_source(project, key, pack, 1);
        write_public_key(key, dir / "office.pub");
        write_text(dir / "kiosk.conf", "station = cau-treo\n");
    }

    CommandResult replay(const std::string& script, const std::string& profile, const std::string& size,
                         const fs::path& shots) {
        write_text(dir / "script.txt", script);
        return run("SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy " + kiosk_bin() + " --config " +
                   quote(dir / "kiosk.conf") + " --set trusted_keys=" + quote(dir / "office.pub") +
                   " --set store=" + quote(dir / "store") +
                   " --set telemetry=" + quote(dir / "telemetry.sqlite") + " --content " + quote(pack) +
                   " --profile " + profile + " --size " + size + " --replay " + quote(dir / "script.txt") +
                   " --screenshot-dir " + quote(shots));
    }

    std::vector<const Page*> pages_of(const std::string& category) const {
        std::vector<const Page*> out;
        for (const auto& page : pages)
            if (page.category == category)
                out.push_back(&page);
        return out;
    }
};

// What the state machine must show after a step: screen, language, category and page.
struct Expected {
    std::string screen, language, category, page;
};

// A script that visits every page of every category in every language, and from each page taps Home,
// Back and the language button; beside it, the screen each step must lead to.
std::pair<std::string, std::vector<Expected>> sweep_script(const SweepStation& station) {
    std::string script = "at 2026-04-30T10:00\nwait 1s\n";
    std::vector<Expected> expected = {{"attract", "", "", ""}, {"attract", "", "", ""}};
    auto step = [&](const std::string& line, Expected e) {
        script += line + "\n";
        expected.push_back(std::move(e));
    };
    for (const auto& lang : kLanguages) {
        step("tap language " + lang, {"home", lang, "", ""});
        for (const auto& category : station.categories) {
            auto pages = station.pages_of(category);
            bool list = pages.size() > 1; // a category of one page opens the page at once
            for (std::size_t i = 0; i < pages.size(); ++i) {
                auto open = [&] {
                    step("tap tile " + category, list ? Expected{"category", lang, category, ""}
                                                      : Expected{"page", lang, category, pages[i]->id});
                    if (list)
                        step("tap item " + std::to_string(i + 1), {"page", lang, category, pages[i]->id});
                };
                Expected on_page{"page", lang, category, pages[i]->id};
                open();
                step("tap language", {"languages", lang, "", ""});
                step("tap language " + lang, on_page);
                step("tap back",
                     list ? Expected{"category", lang, category, ""} : Expected{"home", lang, "", ""});
                if (list)
                    step("tap back", {"home", lang, "", ""});
                open();
                step("click home", {"home", lang, "", ""});
            }
        }
        step("tap home", {"home", lang, "", ""});
        step("wait 3m", {"attract", "", "", ""});
    }
    return {script, expected};
}

std::vector<std::vector<std::string>> read_steps(const fs::path& file) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(read_text(file));
    std::string line;
    std::getline(in, line); // the heading
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::string cell;
        std::istringstream fields(line);
        while (std::getline(fields, cell, '\t'))
            cells.push_back(cell);
        while (cells.size() < 7)
            cells.emplace_back();
        rows.push_back(cells);
    }
    return rows;
}

const std::vector<std::string> kKeptNames = {"Cầu Treo", "ເກົາແຈວ", "เกิ่วเจ๊ว", "កូវត្រេវ"};

// What travellers would stumble on in the lines a replay laid out (lines.txt): a line that starts with a
// mark cut from its letter, a number split from the rest of it or from its unit, a listed name split.
std::vector<std::string> line_faults(const fs::path& file) {
    std::vector<std::string> faults;
    std::vector<std::string> block;
    auto first_code = [](const std::string& s) {
        UChar32 c = 0;
        int32_t i = 0;
        U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
        return c;
    };
    auto rtrim = [](std::string s) {
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
            s.pop_back();
        return s;
    };
    auto check_block = [&] {
        for (std::size_t i = 0; i < block.size(); ++i) {
            const std::string& line = block[i];
            int type = line.empty() ? 0 : u_charType(first_code(line));
            if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK)
                faults.push_back("a line starts with a mark: '" + line + "'");
            if (i + 1 == block.size())
                continue;
            std::string a = rtrim(line), b = block[i + 1];
            bool digit_end = !a.empty() && std::isdigit(static_cast<unsigned char>(a.back()));
            bool digit_start = !b.empty() && std::isdigit(static_cast<unsigned char>(b.front()));
            bool unit_start = b.rfind("km", 0) == 0 || b.rfind("đồng", 0) == 0 || b.rfind("%", 0) == 0;
            if (digit_end && (digit_start || unit_start))
                faults.push_back("a number is split: '" + a + "' | '" + b + "'");
            for (const auto& name : kKeptNames)
                for (std::size_t k = 1; k < name.size(); ++k) {
                    if ((static_cast<unsigned char>(name[k]) & 0xC0) == 0x80)
                        continue; // not between two characters
                    std::string head = rtrim(name.substr(0, k)), tail = name.substr(k);
                    while (!tail.empty() && tail.front() == ' ')
                        tail.erase(0, 1);
                    if (!head.empty() && a.size() >= head.size() &&
                        a.compare(a.size() - head.size(), head.size(), head) == 0 && b.rfind(tail, 0) == 0)
                        faults.push_back("'" + name + "' is split: '" + a + "' | '" + b + "'");
                }
        }
        block.clear();
    };
    std::istringstream in(read_text(file));
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("# ", 0) == 0)
            check_block();
        else if (line.rfind("| ", 0) == 0)
            block.push_back(line.substr(2));
    }
    check_block();
    return faults;
}

void check_lines(const fs::path& file) {
    auto faults = line_faults(file);
    std::string first;
    for (std::size_t i = 0; i < std::min<std::size_t>(faults.size(), 10); ++i)
        first += faults[i] + "\n";
    INFO(first);
    CHECK(faults.empty());
    CHECK(read_text(file).size() > 5000); // the lines of every screen were there to look at
}

// A screen a traveller would call blank: nearly every pixel one colour.
bool blank(SDL_Surface* s) {
    std::map<Uint32, long> counts;
    auto* pixels = static_cast<const Uint32*>(s->pixels);
    for (int y = 0; y < s->h; y += 4)
        for (int x = 0; x < s->w; x += 4)
            ++counts[pixels[y * (s->pitch / 4) + x] & 0xFFFFFF];
    long most = 0, all = 0;
    for (const auto& [colour, n] : counts) {
        most = std::max(most, n);
        all += n;
    }
    return most > all * 97 / 100 || counts.size() < 8;
}

} // namespace

SweepStation& sweep_station() {
    static SweepStation station;
    return station;
}

TEST_CASE(
    "the sweep: every page kind in seven scripts on every touch profile, with Home, Back and the language "
    "button from each, lands on the screen the state machine names",
    "[sweep]") {
    SweepStation& station = sweep_station();
    auto [script, expected] = sweep_script(station);
    auto [profile, size] = GENERATE(std::pair<std::string, std::string>{"landscape", "960x540"},
                                    std::pair<std::string, std::string>{"portrait", "540x960"});
    INFO(profile);
    auto shots = station.dir / ("shots-" + profile);
    auto result = station.replay(script, profile, size, shots);
    INFO(result.output.substr(result.output.size() > 4000 ? result.output.size() - 4000 : 0));
    REQUIRE(result.status == 0);
    auto rows = read_steps(shots / "steps.tsv");
    REQUIRE(rows.size() == expected.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        INFO("after " << rows[i][0]);
        CHECK(rows[i][1] == expected[i].screen);
        CHECK(rows[i][2] == expected[i].language);
        CHECK(rows[i][3] == expected[i].category);
        CHECK(rows[i][4] == expected[i].page);
        CHECK(rows[i][6] == "0"); // no two buttons overlap, none is off the screen
        auto shot = load_argb(shots / (rows[i][0] + ".png"));
        REQUIRE(shot);
        CHECK_FALSE(blank(shot.get()));
    }
    // One screen of each kind that only the sweep reaches is a golden image: Korean with a picture, Thai
    // text alone, a QR page in Khmer, a map in Chinese.
    std::map<std::pair<std::string, std::string>, std::string> goldens = {
        {{"ko", "rules-text"}, "sweep-page-text-ko-"},
        {{"th", "rules-plain"}, "sweep-page-text-only-th-"},
        {{"km", "rules-qr"}, "sweep-page-qr-km-"},
        {{"zh", "map"}, "sweep-page-map-zh-"}};
    for (const auto& row : rows) {
        auto golden = goldens.find({row[2], row[4]});
        if (row[1] == "page" && golden != goldens.end()) {
            compare_with_golden(golden->second + profile, shots / (row[0] + ".png"));
            goldens.erase(golden);
        }
    }
    CHECK(goldens.empty());
    // KIOSK_SWEEP_OUT=DIR keeps every screen for a person to look through.
    if (const char* keep = std::getenv("KIOSK_SWEEP_OUT"))
        fs::copy(shots, fs::path(keep) / profile,
                 fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    // Nothing was cut short or drawn as a box, in any script; no line a traveller saw starts with a mark
    // or splits a number, a number from its unit or a listed name.
    check_lines(shots / "lines.txt");
    CHECK_THAT(result.output, !Catch::Contains("does not fit its box"));
    CHECK_THAT(result.output, !Catch::Contains("no font has"));
    CHECK_THAT(result.output, !Catch::Contains("cannot play"));
}

TEST_CASE(
    "the sweep: the attract loop shows every page kind in seven scripts on every profile, and touches on "
    "a wall without touch change nothing",
    "[sweep]") {
    SweepStation& station = sweep_station();
    auto [profile, size] = GENERATE(std::pair<std::string, std::string>{"led-wall", "768x384"},
                                    std::pair<std::string, std::string>{"landscape", "960x540"},
                                    std::pair<std::string, std::string>{"portrait", "540x960"});
    INFO(profile);
    // Eight slides, each shown 5 s per language (or language pair): a screenshot in the middle of each view.
    std::string script = "at 2026-04-30T10:00\nwait 2500ms\n";
    std::size_t views =
        station.pages.size() * (profile == "led-wall" ? kLanguages.size() - 1 : kLanguages.size());
    for (std::size_t i = 1; i < views; ++i)
        script += "wait 5s\n";
    if (profile == "led-wall")
        script += "tap 384 192\nclick 20 20\n";
    auto shots = station.dir / ("loop-" + profile);
    auto result = station.replay(script, profile, size, shots);
    INFO(result.output.substr(result.output.size() > 4000 ? result.output.size() - 4000 : 0));
    REQUIRE(result.status == 0);
    auto rows = read_steps(shots / "steps.tsv");
    REQUIRE(rows.size() == views + 1 + (profile == "led-wall" ? 2 : 0));
    for (const auto& row : rows) {
        INFO("after " << row[0]);
        CHECK(row[1] == "attract");
        auto shot = load_argb(shots / (row[0] + ".png"));
        REQUIRE(shot);
        CHECK_FALSE(blank(shot.get()));
    }
    if (const char* keep = std::getenv("KIOSK_SWEEP_OUT"))
        fs::copy(shots, fs::path(keep) / ("loop-" + profile),
                 fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    // kiosk --screenshot of a slide is exactly what the loop showed of it: the picture, the map, the
    // language strip of a touch profile. Slide s in Vietnamese is view 7s (on the wall, Vietnamese beside
    // English is view 6s: one pair per other language), shown in screenshot 7s + 1.
    for (std::size_t slide : {std::size_t{0}, std::size_t{2}, std::size_t{6}}) {
        const Page& page = station.pages[slide];
        INFO("slide " << page.id);
        auto file = station.dir / ("screenshot-" + profile + "-" + page.id + ".png");
        auto taken = run(
            "SDL_VIDEODRIVER=offscreen " + kiosk_bin() + " --config " + quote(station.dir / "kiosk.conf") +
            " --set trusted_keys=" + quote(station.dir / "office.pub") + " --content " + quote(station.pack) +
            " --profile " + profile + " --size " + size + " --slide " + page.id + " --lang " +
            (profile == "led-wall" ? "en" : "vi") + " --screenshot " + quote(file));
        INFO(taken.output);
        REQUIRE(taken.status == 0);
        std::size_t per_slide = profile == "led-wall" ? kLanguages.size() - 1 : kLanguages.size();
        char name[32];
        std::snprintf(name, sizeof name, "%03zu-wait.png", slide * per_slide + 1);
        CHECK(difference(load_argb(file).get(), load_argb(shots / name).get()) < 0.002);
    }
    CHECK_THAT(result.output, !Catch::Contains("does not fit its box"));
    CHECK_THAT(result.output, !Catch::Contains("no font has"));
    CHECK_THAT(result.output, !Catch::Contains("cannot play"));
    CHECK_THAT(result.output, !Catch::Contains("left out of the loop"));
    check_lines(shots / "lines.txt");
}
