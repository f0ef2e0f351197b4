// The text engine on real Noto fonts: line breaks in Lao, Khmer, Thai and Chinese where a reader expects
// them, never inside a cluster; a font per script; markup; fitting; caches.
#include "platform/linux/files.hpp"
#include "support.hpp"
#include "text/syllables.hpp"
#include "text/text_engine.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;
using namespace test_support;

namespace {

TextEngine& engine() {
    return shared_text_engine();
}

std::vector<std::string> lines_of(const TextBlock& block) {
    std::vector<std::string> out;
    for (const auto& line : block.lines)
        out.push_back(line.text());
    return out;
}

std::vector<std::string> segments(const std::string& text, const std::string& lang) {
    std::vector<std::string> out;
    std::size_t prev = 0;
    for (auto p : engine().breaker().line_breaks(text, lang)) {
        out.push_back(text.substr(prev, p - prev));
        prev = p;
    }
    return out;
}

char32_t first_code_point(const std::string& s) {
    std::size_t pos = 0;
    return s.empty() ? 0 : next_code_point(s, pos);
}

// Characters that may never start a line: they belong to the character before them.
bool attaches_to_previous(char32_t c) {
    bool lao_mark = c == 0x0EB1 || (c >= 0x0EB4 && c <= 0x0EBC) || (c >= 0x0EC8 && c <= 0x0ECD) ||
                    c == 0x0EB0 || c == 0x0EB2 || c == 0x0EB3;
    bool thai_mark = c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E) ||
                     c == 0x0E30 || c == 0x0E32 || c == 0x0E33;
    bool khmer_mark = (c >= 0x17B6 && c <= 0x17D3) || c == 0x17DD;
    return lao_mark || thai_mark || khmer_mark;
}

void check_wrapped(const TextBlock& block, const std::string& text, int width) {
    std::string joined;
    for (const auto& line : block.lines) {
        std::string t = line.text();
        INFO("line: " << t);
        CHECK(line.width <= width);
        CHECK_FALSE(attaches_to_previous(first_code_point(t)));
        // A line never ends just after a Khmer coeng: the subscript consonant would lose its base.
        CHECK_FALSE(t.ends_with("\xE1\x9F\x92"));
        joined += t;
    }
    std::string expected;
    for (char c : text)
        if (c != ' ')
            expected += c;
    std::string got;
    for (char c : joined)
        if (c != ' ')
            got += c;
    CHECK(got == expected); // nothing lost, nothing added (spaces hang at line ends)
}

} // namespace

TEST_CASE("Lao, Khmer and Thai break only between words, where the dictionary says", "[text]") {
    // "Lao citizens are exempt from visas when staying in Viet Nam no longer than thirty days."
    CHECK(segments("ພົນລະເມືອງລາວໄດ້ຮັບການຍົກເວັ້ນວີຊາເມື່ອພັກເຊົາຢູ່ຫວຽດນາມບໍ່ເກີນສາມສິບວັນ", "lo") ==
          std::vector<std::string>{"ພົນລະເມືອງ", "ລາວ", "ໄດ້ຮັບ", "ການຍົກ", "ເວັ້ນ", "ວີ", "ຊາ", "ເມື່ອ", "ພັກ", "ເຊົາ",
                                   "ຢູ່", "ຫວຽດນາມ", "ບໍ່", "ເກີນ", "ສາມສິບ", "ວັນ"});
    // "Cambodian citizens need a visa to enter Viet Nam."
    CHECK(
        segments("ប្រជាពលរដ្ឋកម្ពុជាត្រូវការទិដ្ឋាការដើម្បីចូលប្រទេសវៀតណាម", "km") ==
        std::vector<std::string>{"ប្រជាពលរដ្ឋ", "កម្ពុជា", "ត្រូវការ", "ទិដ្ឋាការ", "ដើម្បី", "ចូល", "ប្រទេស", "វៀតណាម"});
    // "Thailand has about seventy million people and borders Laos."
    CHECK(segments("ประเทศไทยมีประชากรประมาณเจ็ดสิบล้านคนและมีพรมแดนติดกับประเทศลาว", "th") ==
          std::vector<std::string>{"ประเทศไทย", "มี", "ประชากร", "ประมาณ", "เจ็ด", "สิบ", "ล้าน", "คน", "และ",
                                   "มี", "พรมแดน", "ติด", "กับ", "ประเทศ", "ลาว"});
}

TEST_CASE("Chinese breaks between characters but keeps punctuation with the character before it", "[text]") {
    auto s = segments("越南和老挝是友好邻邦，两国人民的友谊源远流长。", "zh");
    CHECK(s.size() == 21);
    CHECK(s[9] == "邦，");
    CHECK(s.back() == "长。");
}

TEST_CASE("wrapped lines in every script fit their box and keep clusters whole", "[text]") {
    struct Sample {
        const char* lang;
        std::string text;
    };
    auto sample =
        GENERATE(Sample{"lo", "ພົນລະເມືອງລາວໄດ້ຮັບການຍົກເວັ້ນວີຊາເມື່ອພັກເຊົາຢູ່ຫວຽດນາມບໍ່ເກີນສາມສິບວັນ"},
                 Sample{"km", "ប្រជាពលរដ្ឋកម្ពុជាត្រូវការទិដ្ឋាការដើម្បីចូលប្រទេសវៀតណាម ព្រះរាជាណាចក្រកម្ពុជា"},
                 Sample{"th", "ประเทศไทยมีประชากรประมาณเจ็ดสิบล้านคนและมีพรมแดนติดกับประเทศลาว"},
                 Sample{"zh", "越南和老挝是友好邻邦，两国人民的友谊源远流长。旅客请在入境时出示护照。"},
                 Sample{"vi", "Công dân Lào được miễn thị thực khi lưu trú tại Việt Nam không quá 30 ngày."},
                 Sample{"en", "Lao citizens may stay in Viet Nam without a visa for up to thirty days."});
    for (int width : {180, 420}) {
        TextStyle style{32, Weight::Regular, sample.lang};
        auto block = engine().layout(sample.text, style, width);
        INFO(sample.lang << " at " << width << " px");
        CHECK(block->lines.size() >= 2);
        CHECK(block->missing.empty());
        check_wrapped(*block, sample.text, width);
    }
}

TEST_CASE("a word wider than its box is cut between clusters, not inside one", "[text]") {
    // One Khmer word ("Cambodian citizens") in a box narrower than it: the cut may not split ប្រ or ដ្ឋ.
    std::string word = "ប្រជាពលរដ្ឋកម្ពុជា";
    TextStyle style{40, Weight::Regular, "km"};
    auto block = engine().layout(word, style, 90);
    REQUIRE(block->lines.size() >= 2);
    check_wrapped(*block, word, 90);
    std::string lao = "ສະບາຍດີເມືອງແມ່ນ";
    auto lao_block = engine().layout(lao, TextStyle{40, Weight::Regular, "lo"}, 70);
    REQUIRE(lao_block->lines.size() >= 2);
    check_wrapped(*lao_block, lao, 70);
}

TEST_CASE("mixed scripts use each script's font, with Latin punctuation from Noto Sans", "[text]") {
    TextStyle style{32, Weight::Regular, "vi"};
    auto block = engine().layout("Cửa khẩu Na Mèo – ດ່ານສາກົນ ນາແມວ.", style, 2000);
    REQUIRE(block->lines.size() == 1);
    const auto& runs = block->lines[0].runs;
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].face->path().filename() == "NotoSans-Regular.ttf");
    CHECK(runs[1].face->path().filename() == "NotoSansLao-Regular.ttf");
    CHECK(runs[1].text == "ດ່ານສາກົນ ນາແມວ");
    CHECK(runs[2].text == "."); // Noto Sans Lao has no full stop
    CHECK(runs[2].face == runs[0].face);

    auto zh = engine().layout("Welcome to Viet Nam 欢迎来到越南", TextStyle{32, Weight::Regular, "en"}, 2000);
    REQUIRE(zh->lines.size() == 1);
    REQUIRE(zh->lines[0].runs.size() == 2);
    CHECK(zh->lines[0].runs[1].face->path().filename() == "NotoSansCJK-Regular.ttc");
    CHECK(zh->missing.empty());
}

TEST_CASE("lines of Lao and Khmer are taller than Latin ones, so stacked marks never touch", "[text]") {
    auto height = [](const std::string& text, const char* lang) {
        return engine().layout(text, TextStyle{40, Weight::Regular, lang}, 2000)->lines.at(0).height;
    };
    int latin = height("Viet Nam", "en");
    CHECK(height("ຫວຽດນາມ", "lo") > latin);
    CHECK(height("ព្រះរាជាណាចក្រកម្ពុជា", "km") > height("ຫວຽດນາມ", "lo"));
    CHECK(height("Việt Nam ỗ ễ", "vi") >= latin);
}

TEST_CASE("markup: bold and italic runs, bullets, paragraphs and hard breaks", "[text]") {
    TextStyle style{30, Weight::Regular, "en"};
    auto block = engine().layout(
        "Police: **113**\nFire: *114*\n\n- Ambulance: 115\n- Border guard: 069 2 \\* 1", style, 1000);
    auto lines = lines_of(*block);
    REQUIRE(lines == std::vector<std::string>{"Police: 113", "Fire: 114", "•Ambulance: 115",
                                              "•Border guard: 069 2 * 1"});
    CHECK(block->lines[0].runs.back().face->path().filename() == "NotoSans-Bold.ttf");
    CHECK(block->lines[1].runs.back().face->path().filename() == "NotoSans-Italic.ttf");
    CHECK(block->lines[2].y > block->lines[1].y + block->lines[1].height);  // a paragraph gap
    CHECK(block->lines[3].y == block->lines[2].y + block->lines[2].height); // list items: no gap
    CHECK(block->lines[2].runs[1].x > block->lines[2].runs[0].width);       // text indented past the bullet
    auto plain = engine().layout("2 * 3 * 4",
                                 TextStyle{30, Weight::Regular, "en", Align::Start, 1.0f, Markup::Off}, 1000);
    CHECK(lines_of(*plain) == std::vector<std::string>{"2 * 3 * 4"});
}

TEST_CASE("centred and end-aligned lines sit in the middle and at the end of their box", "[text]") {
    TextStyle style{30, Weight::Regular, "en", Align::Center};
    auto centred = engine().layout("Welcome", style, 600);
    int left = static_cast<int>(centred->lines[0].runs[0].x);
    CHECK(std::abs(left - (600 - centred->lines[0].width) / 2) <= 1);
    style.align = Align::End;
    auto end = engine().layout("Welcome", style, 600);
    CHECK(std::abs(static_cast<int>(end->lines[0].runs[0].x) + end->lines[0].width - 600) <= 1);
}

TEST_CASE("text shrinks to fit its box, and what still does not fit is reported", "[text]") {
    std::string text = "Chào mừng quý khách đến Cửa khẩu Quốc tế Na Mèo, tỉnh Thanh Hóa.";
    TextStyle style{60, Weight::Bold, "vi"};
    auto fitted = engine().fit(text, style, 500, 200, 20);
    CHECK_FALSE(fitted->overflow);
    CHECK(fitted->px < 60);
    CHECK(fitted->px >= 20);
    CHECK(fitted->height <= 200);
    // The largest size that fits: one pixel more does not.
    CHECK(engine().layout(text, TextStyle{fitted->px + 1, Weight::Bold, "vi"}, 500)->height > 200);

    std::string long_text;
    for (int i = 0; i < 30; ++i)
        long_text += text + " ";
    auto overflowing = engine().fit(long_text, style, 500, 200, 20);
    CHECK(overflowing->overflow);
    CHECK(overflowing->height <= 200);
    CHECK_THAT(overflowing->lines.back().text(), Catch::EndsWith("…"));
    CHECK(overflowing->lines.back().width <= 500);

    // Where the content asks for an ellipsis, cutting is what it wants: not an overflow.
    style.overflow = Overflow::Ellipsis;
    auto asked = engine().fit(long_text, style, 500, 200, 20);
    CHECK_FALSE(asked->overflow);
    CHECK_THAT(asked->lines.back().text(), Catch::EndsWith("…"));
}

TEST_CASE("an ellipsis never cuts a Lao or Khmer cluster", "[text]") {
    std::string lao;
    for (int i = 0; i < 20; ++i)
        lao += "ພົນລະເມືອງລາວໄດ້ຮັບການຍົກເວັ້ນວີຊາ ";
    auto block = engine().fit(lao, TextStyle{32, Weight::Regular, "lo"}, 300, 100, 24);
    REQUIRE(block->overflow);
    std::string last = block->lines.back().text();
    REQUIRE(last.ends_with("…"));
    std::string before = last.substr(0, last.size() - 3);
    // The character before the ellipsis is not a base whose marks were cut off: the text up to there is a
    // prefix of the original that ends at a cluster boundary.
    auto clusters = engine().breaker().clusters(lao, "lo");
    std::size_t at = lao.find(before);
    REQUIRE(at != std::string::npos);
    CHECK(std::find(clusters.begin(), clusters.end(), at + before.size()) != clusters.end());
}

TEST_CASE("characters no font has are reported, not silently dropped", "[text]") {
    auto block = engine().layout("Egypt: \xF0\x93\x80\x80", TextStyle{30, Weight::Regular, "en"}, 1000);
    REQUIRE(block->missing.size() == 1);
    CHECK(block->missing[0] == 0x13000);
}

TEST_CASE("laid-out text is cached: the same text, style and width is not laid out again", "[text]") {
    TextStyle style{33, Weight::Regular, "lo"};
    auto first = engine().layout("ສະບາຍດີ ຍິນດີຕ້ອນຮັບ", style, 400);
    auto again = engine().layout("ສະບາຍດີ ຍິນດີຕ້ອນຮັບ", style, 400);
    CHECK(first == again);
    auto other = engine().layout("ສະບາຍດີ ຍິນດີຕ້ອນຮັບ", style, 401);
    CHECK(other != first);
    CHECK(engine().cache_entries() <= TextEngine::kCacheEntries);
}

TEST_CASE("a font the content adds is used for what it covers, the Noto stack for the rest", "[text]") {
    auto opened = TextEngine::open(font_paths());
    REQUIRE(opened.ok());
    TextEngine& e = *opened;
    auto bytes = platform::read_file(fonts_dir() / "NotoSerif-Regular.ttf", 64 << 20);
    REQUIRE(bytes.ok());
    auto serif = FontLibrary::from_bytes("fonts/serif.ttf", std::move(bytes.value()));
    REQUIRE(serif.ok());
    e.set_content_fonts({*serif});
    auto block = e.layout("Welcome ສະບາຍດີ", TextStyle{30, Weight::Regular, "lo"}, 2000);
    REQUIRE(block->lines.size() == 1);
    const auto& runs = block->lines[0].runs;
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].face->path() == "fonts/serif.ttf");
    CHECK(runs[1].face->path().filename() == "NotoSansLao-Regular.ttf");
    e.set_content_fonts({});
    auto plain = e.layout("Welcome ສະບາຍດີ", TextStyle{30, Weight::Regular, "lo"}, 2000);
    CHECK(plain->lines[0].runs[0].face->path().filename() == "NotoSans-Regular.ttf");
    CHECK_FALSE(FontLibrary::from_bytes("fonts/bad.ttf", "not a font").ok());
}

TEST_CASE("names ICU's Lao dictionary does not know still break only between syllables", "[text]") {
    // Thanh Hóa and Houaphanh, transliterated: ICU alone would offer a break inside ຮວາ (ແທງຮ|ວາ).
    std::string text = "ລົດເມຈາກນະຄອນແທງຮວາຫາແຂວງຫົວພັນ";
    for (const auto& segment : segments(text, "lo")) {
        INFO(segment);
        CHECK_FALSE(segment.ends_with("ຮ"));
    }
    auto syllables = lao_syllable_boundaries("ນະຄອນແທງຮວາ ຫວຽດນາມ ເມືອງ ແຂວງ ກວ່າ");
    std::vector<std::string> parts;
    std::string s = "ນະຄອນແທງຮວາ ຫວຽດນາມ ເມືອງ ແຂວງ ກວ່າ";
    std::size_t prev = 0;
    for (auto p : syllables) {
        parts.push_back(s.substr(prev, p - prev));
        prev = p;
    }
    parts.push_back(s.substr(prev));
    CHECK(parts == std::vector<std::string>{"ນະ", "ຄອນ", "ແທງ", "ຮວາ ຫວຽດ", "ນາມ ເມືອງ ແຂວງ ກວ່າ"});
    // Where a consonant may close one syllable or open the next, both stay possible breaks.
    auto dictionary = segments("ພູດອຍ ໃນວັນ ພາສີຈະກວດ ຂໍອວຍພອນ ນ້ອຍໆຢູ່", "lo");
    std::string joined;
    for (const auto& segment : dictionary)
        joined += segment + "|";
    CHECK_THAT(joined, Catch::Contains("ໃນ|ວັນ"));
    CHECK_THAT(joined, Catch::Contains("ຈະ|ກວດ"));
    CHECK_THAT(joined, Catch::Contains("ນ້ອຍໆ|ຢູ່"));
}
