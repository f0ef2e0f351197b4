// Where lines end, on real sentences and real Noto fonts: numbers stay with their units, phone numbers and
// slashed units stay whole, Korean breaks at spaces, Thai, Lao and Khmer never inside a syllable, CJK
// lines neither orphan an ideograph nor start with a blank half bracket, and listed names stay whole.
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

std::string joined_segments(const std::string& text, const std::string& lang,
                            BreakRules rules = BreakRules::Full) {
    std::string out;
    std::size_t prev = 0;
    for (auto p : engine().breaker().line_breaks(text, lang, rules)) {
        out += text.substr(prev, p - prev);
        if (p < text.size())
            out += "|";
        prev = p;
    }
    return out;
}

std::vector<std::string> lines_of(const TextBlock& block) {
    std::vector<std::string> out;
    for (const auto& line : block.lines)
        out.push_back(line.text());
    return out;
}

bool on_one_line(const TextBlock& block, const std::string& needle) {
    for (const auto& line : block.lines)
        if (line.text().find(needle) != std::string::npos)
            return true;
    return false;
}

// Would ICU alone (with only the syllable guard) let a line end inside needle?
bool icu_would_split(const std::string& text, const std::string& lang, const std::string& needle) {
    std::size_t at = text.find(needle);
    REQUIRE(at != std::string::npos);
    for (auto p : engine().breaker().line_breaks(text, lang, BreakRules::Script))
        if (p > at && p < at + needle.size())
            return true;
    return false;
}

// Lays text out at every width from narrow to wide and checks that each needle stays on one line at every
// width where it fits with the punctuation around it, and that the sweep did wrap the text.
void check_whole_at_every_width(const std::string& text, const std::string& lang,
                                const std::vector<std::string>& needles) {
    TextStyle style{32, Weight::Regular, lang};
    for (const auto& needle : needles) {
        int needle_width = engine().layout(needle, style, 100000)->lines.at(0).width;
        int wrapped = 0;
        for (int width = needle_width + 2 * style.px; width < needle_width + 700; width += 9) {
            auto block = engine().layout(text, style, width);
            INFO(lang << " at " << width << " px: " << needle);
            CHECK(on_one_line(*block, needle));
            wrapped += block->lines.size() > 1;
        }
        CHECK(wrapped > 10);
    }
}

char32_t first_code_point(std::string_view s) {
    std::size_t pos = 0;
    return s.empty() ? 0 : next_code_point(s, pos);
}

// The code points of s.
std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t pos = 0; pos < s.size();)
        out.push_back(next_code_point(s, pos));
    return out;
}

// What a Thai, Lao or Khmer reader would never accept at a line end, written out from the scripts' rules
// rather than from the engine's code: the checks below run them over every break.
std::string syllable_fault(const std::string& before, const std::string& after) {
    auto b = code_points(before), a = code_points(after);
    if (b.empty() || a.empty())
        return "";
    char32_t last = b.back(), next = a[0], next2 = a.size() > 1 ? a[1] : 0, next3 = a.size() > 2 ? a[2] : 0;
    bool mark = next == 0x0E31 || (next >= 0x0E34 && next <= 0x0E3A) || (next >= 0x0E47 && next <= 0x0E4E) ||
                next == 0x0EB1 || (next >= 0x0EB4 && next <= 0x0EBC) || (next >= 0x0EC8 && next <= 0x0ECD) ||
                (next >= 0x17B6 && next <= 0x17D3);
    bool following_vowel = next == 0x0E30 || next == 0x0E32 || next == 0x0E33 || next == 0x0E45 ||
                           next == 0x0EB0 || next == 0x0EB2 || next == 0x0EB3;
    bool leading_vowel = (last >= 0x0E40 && last <= 0x0E44) || (last >= 0x0EC0 && last <= 0x0EC4);
    auto silencer = [](char32_t c) { return c == 0x0E4C || c == 0x0ECC || c == 0x17CD; };
    // Thai and Lao may silence two letters (ทร์); Khmer's ់ and ៍ sit on one consonant.
    bool khmer = next >= 0x1780 && next <= 0x17FF;
    bool silenced = silencer(next2) || (!khmer && next2 && silencer(next3) && !mark);
    if (mark)
        return "a mark starts a line";
    if (following_vowel)
        return "a following vowel starts a line";
    if (leading_vowel)
        return "a line ends with a leading vowel";
    if (last == 0x17D2)
        return "a line ends with a coeng";
    if (silenced && !(last == ' '))
        return "a silenced consonant starts a line";
    return "";
}

void check_no_syllable_faults(const std::string& text, const std::string& lang) {
    std::size_t prev = 0;
    for (auto p : engine().breaker().line_breaks(text, lang)) {
        INFO(lang << ": " << text.substr(0, p) << " | " << text.substr(p));
        CHECK(syllable_fault(text.substr(prev, p - prev), text.substr(p)) == "");
        prev = p;
    }
}

} // namespace

TEST_CASE("phone numbers never break and numbers stay with their units, in Vietnamese and English",
          "[text][breaks]") {
    struct Sample {
        const char* lang;
        std::string text;
        std::vector<std::string> whole;
    };
    auto sample = GENERATE(
        Sample{
            "vi",
            "Trạm kiểm soát biên phòng Na Mèo: 0237 3 875 113, đường dây nóng +84 237 3875 114. Từ Sầm Nưa "
            "đến cửa khẩu khoảng 80 km, xe khách chạy 3 giờ, vé 150 000 đồng/người.",
            {"0237 3 875 113", "+84 237 3875 114", "80 km", "3 giờ", "150 000 đồng/người"}},
        Sample{
            "en",
            "Border guard station: (0237) 3875 113 or +84 237 3875 114. Across the border is Nam Xoi, about "
            "80 km from Xam Neua; buses take 3 hours and the speed limit is 40 km/h. Humidity 85 % today.",
            {"(0237) 3875 113", "+84 237 3875 114", "80 km", "3 hours", "40 km/h", "85 %"}});
    for (const auto& needle : sample.whole)
        INFO(needle);
    // Without these rules ICU would have let lines end inside them.
    CHECK(icu_would_split(sample.text, sample.lang, sample.whole[0]));
    CHECK(icu_would_split(sample.text, sample.lang, sample.whole[2]));
    check_whole_at_every_width(sample.text, sample.lang, sample.whole);
}

TEST_CASE("what is not a phone number or a unit still breaks where it did", "[text][breaks]") {
    // Opening hours, a count and a long word after a number are ordinary words.
    CHECK(joined_segments("Mở cửa 7 giờ đến 17 giờ, 120 người", "vi") ==
          "Mở |cửa |7 giờ |đến |17 giờ, |120 người");
    CHECK(joined_segments("Police: 113. Fire: 114. Ambulance: 115", "en") ==
          "Police: |113. |Fire: |114. |Ambulance: |115");
    CHECK(joined_segments("in 2024 travellers crossed", "en") == "in |2024 |travellers |crossed");
    // A short ordinary word after a number is no unit.
    CHECK(joined_segments("phiên bản 12 của kênh", "vi") == "phiên |bản |12 |của |kênh");
    CHECK(joined_segments("gate 3 and the", "en") == "gate |3 |and |the");
    CHECK(joined_segments("giá 20 USD, 500 MB", "vi") == "giá |20 USD, |500 MB");
    // Short numbers side by side are not one phone number.
    CHECK(joined_segments("gate 2 3 doors", "en") == "gate |2 |3 |doors");
    // A number stays with the Chinese character written after it, its unit.
    CHECK(joined_segments("距离80公里，第3天。", "zh") == "距|离|80公|里，|第|3天。");
}

TEST_CASE("a slash between letters or digits keeps the words it joins together", "[text][breaks]") {
    CHECK(joined_segments("Giá vé 20.000 đồng/chiếc, 24/7", "vi") == "Giá |vé |20.000 đồng/chiếc, |24/7");
    CHECK(joined_segments("Hà Nội / Viêng Chăn", "vi") == "Hà |Nội / |Viêng |Chăn");
    check_whole_at_every_width(
        "Phí gửi xe máy tại bãi đỗ cửa khẩu là 5.000 đồng/lượt, ô tô 30.000 đồng/chiếc.", "vi",
        {"5.000 đồng/lượt", "30.000 đồng/chiếc"});
}

TEST_CASE("a Korean particle written against a unit keeps the number with its unit", "[text][breaks]") {
    // Found by the sweep: "300" ended a line and "km입니다" began the next.
    std::string text = "한도를 넘는 물품은 세관에 신고해야 합니다. 하노이까지 약 300 km입니다. 긴급 전화 0239 3 875 113";
    CHECK(icu_would_split(text, "ko", "300 km"));
    check_whole_at_every_width(text, "ko", {"300 km", "0239 3 875 113"});
}

TEST_CASE("Lao, Thai and Khmer numbers stay with their unit words, and not with any short word", "[text][breaks]") {
    check_whole_at_every_width("ຈາກ ນະຄອນແທງຮວາ ເດີນທາງ ປະມານ 190 ກິໂລແມັດ ຕາມທາງຫຼວງ ເລກທີ 217 ກໍຈະຮອດ ດ່ານນາແມວ "
                               "ຄ່າຈອດລົດ 10 000 ກີບ.",
                               "lo", {"190 ກິໂລແມັດ", "10 000 ກີບ"});
    check_whole_at_every_width("ระยะทางประมาณ 80 กิโลเมตร ใช้เวลา 2 ชั่วโมง ค่าโดยสาร 150 บาท", "th",
                               {"80 กิโลเมตร", "2 ชั่วโมง", "150 บาท"});
    check_whole_at_every_width("ចម្ងាយប្រមាណ ៦០ គីឡូម៉ែត្រ ពីច្រកទ្វារ ហើយ 2 ម៉ោង តាមឡាន", "km",
                               {"2 ម៉ោង"});
    // A year followed by a short word is not a number with its unit: the line may end between them.
    std::string year = "ໃນປີ 2026 ມີ ນັກທ່ອງທ່ຽວ ຫຼາຍ";
    CHECK(joined_segments(year, "lo").find("2026 |ມີ") != std::string::npos);
}

TEST_CASE("a path keeps its leading slash", "[text][breaks]") {
    // Found on the operator screen: "... vào /" then "etc/kiosk/kiosk.conf".
    std::string text = "Đặt mã PIN của người vận hành vào /etc/kiosk/kiosk.conf rồi khởi động lại trạm";
    check_whole_at_every_width(text, "vi", {"/etc/kiosk/kiosk.conf"});
}

TEST_CASE("Korean breaks only at spaces, and a word wider than its box still breaks", "[text][breaks]") {
    CHECK(joined_segments("베트남에 오신 것을 환영합니다", "ko") == "베트남에 |오신 |것을 |환영합니다");
    // Chinese keeps breaking between characters.
    CHECK(joined_segments("欢迎来到越南", "zh") == "欢|迎|来|到|越|南");
    TextStyle style{32, Weight::Regular, "ko"};
    std::string text = "나메오 국제 국경 관문에 오신 것을 환영합니다. 여권과 비자를 준비해 주십시오.";
    for (int width = 200; width < 700; width += 13) {
        auto block = engine().layout(text, style, width);
        for (const auto& line : block->lines) {
            INFO(width << " px: " << line.text());
            // Every line is whole words: it starts where the text has a word start.
            std::size_t at = text.find(line.text());
            REQUIRE(at != std::string::npos);
            CHECK((at == 0 || text[at - 1] == ' '));
        }
    }
    // One word wider than the box is cut rather than overflowing it.
    std::string word = "대한민국출입국관리사무소국경검문소안내센터";
    auto narrow = engine().layout(word, style, 150);
    CHECK(narrow->lines.size() >= 3);
    for (const auto& line : narrow->lines)
        CHECK(line.width <= 150);
}

TEST_CASE("the Korean middle dot is light and narrow, and never starts a line", "[text][breaks]") {
    auto block = engine().layout("서울·부산", TextStyle{40, Weight::Regular, "ko"}, 2000);
    REQUIRE(block->lines.size() == 1);
    float dot = -1;
    for (const auto& run : block->lines[0].runs)
        for (const auto& g : run.glyphs)
            if (g.cluster == std::string("서울").size())
                dot = g.advance;
    CHECK(dot > 0);
    CHECK(dot < 40 * 0.4f); // Chinese faces draw it a full em wide
    CHECK(joined_segments("서울·부산", "ko") == "서울·|부산");
    CHECK(joined_segments("Hà Nội·Viêng Chăn", "vi") == "Hà |Nội·Viêng |Chăn");
}

TEST_CASE("Thai names and loanwords no dictionary knows break only between syllables", "[text][breaks]") {
    // Vinh, guesthouse, Da Nang, SIM, Quang Binh, Nghe An: ICU alone breaks วิน|ห์, เกส|ต์, ดานั|ง, ซิ|ม,
    // กว๋า|งบิ่ญ, เห|งะ.
    CHECK(joined_segments("วินห์", "th") == "วินห์");
    CHECK(joined_segments("เกสต์เฮาส์", "th") == "เกสต์|เฮาส์");
    CHECK(joined_segments("ดานัง", "th") == "ดานัง");
    CHECK(joined_segments("ซิม", "th") == "ซิม");
    CHECK(joined_segments("กว๋างบิ่ญ", "th") == "กว๋างบิ่ญ");
    CHECK(joined_segments("เมืองวินห์ จังหวัดเหงะอาน", "th") == "เมือง|วินห์ |จังหวัด|เหงะ|อาน");
    // Thanh Hoa and Na Meo: ICU alone breaks แทง|ฮ|ว้า and แหม่|ว.
    CHECK(joined_segments("จังหวัดแทงฮว้า ด่านนาแหม่ว", "th") == "จัง|หวัด|แทง|ฮว้า |ด่าน|นา|แหม่ว");
    std::string sentence = "นักท่องเที่ยวซื้อซิมการ์ดที่ด่านแล้วพักเกสต์เฮาส์ในดานังหรือกว๋างบิ่ญ";
    std::string joined = joined_segments(sentence, "th");
    for (const char* bad : {"ซิ|ม", "การ์|ด", "เกส|ต์", "เฮา|ส์", "ดานั|ง", "กว๋า|ง"})
        CHECK_THAT(joined, !Catch::Contains(bad));
    check_no_syllable_faults(sentence, "th");
    // Words the dictionary knows keep the breaks it gives them.
    CHECK(joined_segments("ผู้โดยสารต้องแสดงหนังสือเดินทางที่ด่านตรวจคนเข้าเมือง", "th") ==
          "ผู้|โดยสาร|ต้อง|แสดง|หนังสือเดินทาง|ที่|ด่าน|ตรวจ|คน|เข้า|เมือง");
}

TEST_CASE("a Lao consonant silenced by ໌ stays with its syllable", "[text][breaks]") {
    CHECK(joined_segments("ໄກ້ດ໌", "lo") == "ໄກ້ດ໌");
    CHECK(joined_segments("ໄກ້ດ໌ນຳທ່ຽວ", "lo") == "ໄກ້ດ໌|ນຳ|ທ່ຽວ");
    // Da Nang, Quang Binh and Vinh in Lao: no break inside a syllable.
    for (std::string text : {"ນັກທ່ອງທ່ຽວໄປດານັງ ກວາງບິ່ງ ແລະ ວິງ", "ພາສີກວດກາສິນຄ້າທີ່ດ່ານສາກົນນາແມວ"})
        check_no_syllable_faults(text, "lo");
}

TEST_CASE("Khmer never breaks before a coeng pair, a dependent vowel or a sign", "[text][breaks]") {
    // Hanoi, Da Nang, Ho Chi Minh City and a customs sentence.
    // Words the dictionary knows keep their breaks, also before a consonant under bantoc (ដល់).
    CHECK(joined_segments("ខ្សែកាប្រព័ន្ធ នាំភ្ញៀវឡើងដល់កំពូលភ្នំ", "km") == "ខ្សែ|កា|ប្រព័ន្ធ |នាំ|ភ្ញៀវ|ឡើង|ដល់|កំពូលភ្នំ");
    for (std::string text : {"ហាណូយ ដាណាំង ទីក្រុងហូជីមិញ", "អ្នកដំណើរត្រូវប្រកាសទំនិញនៅការិយាល័យគយមុនពេលចេញពីច្រកទ្វារព្រំដែន"}) {
        check_no_syllable_faults(text, "km");
        TextStyle style{32, Weight::Regular, "km"};
        for (int width = 60; width < 400; width += 17) {
            auto block = engine().layout(text, style, width);
            for (const auto& line : block->lines) {
                INFO(width << " px: " << line.text());
                char32_t c = first_code_point(line.text());
                CHECK_FALSE(((c >= 0x17B6 && c <= 0x17D3) || c == 0x17DD));
                CHECK_FALSE(line.text().ends_with("\xE1\x9F\x92"));
            }
        }
    }
}

TEST_CASE("no-break space and word joiner keep a name whole in every script", "[text][breaks]") {
    // Cầu Treo, written with a no-break space in Vietnamese and a word joiner in Lao (ICU: ເກົາ|ແຈວ).
    CHECK(icu_would_split("ເກົາແຈວ", "lo", "ເກົາແຈວ"));
    check_whole_at_every_width("Xe khách đi cửa khẩu Cầu\u00A0Treo mỗi sáng.", "vi", {"Cầu\u00A0Treo"});
    check_whole_at_every_width("ລົດເມໄປດ່ານສາກົນເກົາ\u2060ແຈວທຸກມື້", "lo", {"ເກົາ\u2060ແຈວ"});
    check_whole_at_every_width("รถโดยสารไปดานัง\u2060กว๋างบิ่ญทุกวัน", "th", {"ดานัง\u2060กว๋างบิ่ญ"});
    // The word joiner draws nothing and is no missing glyph.
    auto block = engine().layout("ເກົາ\u2060ແຈວ", TextStyle{32, Weight::Regular, "lo"}, 2000);
    CHECK(block->missing.empty());
    REQUIRE(block->lines.size() == 1);
    CHECK(block->lines[0].runs.size() == 1);
}

TEST_CASE("listed names never break inside, and checks can see where they would have", "[text][breaks]") {
    TextEngine& e = engine();
    std::string text = "ລົດເມໄປດ່ານສາກົນເກົາແຈວທຸກມື້ ແລະ ໄປນາແມວທຸກອາທິດ";
    TextStyle style{32, Weight::Regular, "lo"};
    e.set_kept_names({"ເກົາແຈວ", "Cầu Treo"});
    check_whole_at_every_width(text, "lo", {"ເກົາແຈວ"});
    check_whole_at_every_width("Xe khách đi cửa khẩu Cầu Treo mỗi sáng và chiều.", "vi", {"Cầu Treo"});
    // Without the guard some width would have split the name; the report says where.
    bool reported = false;
    for (int width = 100; width < 700 && !reported; width += 5) {
        auto splits = e.name_splits(text, style, width);
        if (splits.empty())
            continue;
        reported = true;
        REQUIRE(splits.size() == 1);
        CHECK(splits[0].name == "ເກົາແຈວ");
        CHECK(splits[0].before + splits[0].after == "ເກົາແຈວ");
        CHECK(splits[0].before == "ເກົາ");
        // ... and with the guard, at that width, it is whole.
        CHECK(on_one_line(*e.layout(text, style, width), "ເກົາແຈວ"));
    }
    CHECK(reported);
    // A name wider than its box breaks at its own spaces, never inside a word.
    e.set_kept_names({"Cửa khẩu Quốc tế Cầu Treo"});
    auto narrow = e.layout("Cửa khẩu Quốc tế Cầu Treo", TextStyle{32, Weight::Regular, "vi"}, 200);
    CHECK(narrow->lines.size() >= 2);
    for (const auto& line : narrow->lines) {
        INFO(line.text());
        CHECK(line.width <= 200);
        CHECK(std::string(" Cửa khẩu Quốc tế Cầu Treo ").find(" " + line.text() + " ") != std::string::npos);
    }
    e.set_kept_names({});
    CHECK(e.name_splits(text, style, 200).empty());
}

TEST_CASE("a CJK paragraph never ends with one ideograph alone on its last line", "[text][breaks]") {
    TextStyle style{32, Weight::Regular, "zh"};
    // Five characters fit a line: greedily "欢迎来到越" then "南。" alone.
    CHECK(engine().layout("欢迎来到越南。", style, 6 * 32 - 4)->lines.size() == 2);
    CHECK(lines_of(*engine().layout("欢迎来到越南。", style, 6 * 32 - 4)) ==
          std::vector<std::string>{"欢迎来到", "越南。"});
    std::string text = "旅客请在入境时出示护照和签证，并遵守海关规定。越南和老挝是友好邻邦。";
    for (int width = 100; width < 800; width += 7) {
        auto block = engine().layout(text, style, width);
        if (block->lines.size() < 2)
            continue;
        INFO(width << " px: " << block->lines.back().text());
        auto last = code_points(block->lines.back().text());
        std::size_t ideographs =
            std::count_if(last.begin(), last.end(), [](char32_t c) { return c >= 0x4E00; });
        CHECK(ideographs != 1);
        for (const auto& line : block->lines)
            CHECK(line.width <= width);
    }
}

TEST_CASE("a full-width opening bracket at a line start does not look like an indent", "[text][breaks]") {
    TextStyle style{40, Weight::Regular, "zh"};
    auto block = engine().layout("「河内」是越南的首都。", style, 2000);
    REQUIRE(block->lines.size() == 1);
    const Glyph& bracket = block->lines[0].runs.at(0).glyphs.at(0);
    CHECK(bracket.x == Approx(-20).margin(1)); // its blank left half hangs into the margin
    CHECK(block->lines[0].width <= 11 * 40 - 19);
    // On a wrapped line too, and for quotation marks and parentheses.
    for (const char* text : {"越南首都河内。“河内”是首都。", "越南首都河内。（河内）是首都。"}) {
        auto wrapped = engine().layout(text, style, 8 * 40);
        REQUIRE(wrapped->lines.size() == 2);
        CHECK(wrapped->lines[1].runs.at(0).glyphs.at(0).x < -15);
    }
    // Latin quotation marks in English are proportional: nothing to trim.
    auto latin = engine().layout("“Welcome”", TextStyle{40, Weight::Regular, "en"}, 2000);
    CHECK(latin->lines[0].runs.at(0).glyphs.at(0).x == 0);
}
