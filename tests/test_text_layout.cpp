// Text layout on real Noto fonts: Vietnamese, English and Lao lines, fallback fonts, fitting.
#include "support.hpp"
#include "text/layout.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;
using namespace test_support;

namespace {

FontStack& fonts() {
    static FontStack stack = [] {
        auto s = FontStack::open(fonts_dir());
        REQUIRE(s.ok());
        return std::move(s.value());
    }();
    return stack;
}

std::vector<std::string> line_texts(const TextBlock& block) {
    std::vector<std::string> out;
    for (const auto& line : block.lines) {
        std::string text;
        for (const auto& run : line.runs)
            text += run.text;
        out.push_back(text);
    }
    return out;
}

bool is_lao_mark(char32_t c) {
    return c == 0x0EB1 || (c >= 0x0EB4 && c <= 0x0EBC) || (c >= 0x0EC8 && c <= 0x0ECD);
}

} // namespace

TEST_CASE("Vietnamese wraps between words and every line fits", "[text]") {
    std::string text = "Công dân Lào được miễn thị thực khi lưu trú tại Việt Nam đến 30 ngày.";
    TextStyle style{36, Weight::Regular, "vi"};
    auto block = layout_text(fonts(), text, style, 420);
    auto lines = line_texts(block);
    REQUIRE(lines.size() >= 3);
    std::string joined;
    for (const auto& l : lines) {
        CHECK(l.front() != ' ');
        CHECK(l.back() != ' ');
        joined += (joined.empty() ? "" : " ") + l;
    }
    CHECK(joined == text);
    for (const auto& line : block.lines)
        CHECK(line.width <= 420);
}

TEST_CASE("Lao without spaces breaks between words, never inside a syllable", "[text]") {
    // "Lao citizens are exempt from visas for up to thirty days" written without spaces.
    std::string text = "ພົນລະເມືອງລາວໄດ້ຮັບການຍົກເວັ້ນວີຊາເມື່ອພັກເຊົາຢູ່ຫວຽດນາມບໍ່ເກີນສາມສິບວັນ";
    TextStyle style{32, Weight::Regular, "lo"};
    auto block = layout_text(fonts(), text, style, 300);
    auto lines = line_texts(block);
    REQUIRE(lines.size() >= 3);
    std::string joined;
    for (const auto& l : lines) {
        joined += l;
        std::size_t pos = 0;
        CHECK_FALSE(is_lao_mark(next_code_point(l, pos))); // no line starts with a vowel sign or tone mark
    }
    CHECK(joined == text);
    for (const auto& line : block.lines)
        CHECK(line.width <= 300);
    // The dictionary keeps whole words together: "ພົນລະເມືອງ" (citizen) is never split.
    bool citizen_whole = false;
    for (const auto& l : lines)
        citizen_whole |= l.find("ພົນລະເມືອງ") != std::string::npos;
    CHECK(citizen_whole);
}

TEST_CASE("mixed scripts use a font per script and Latin punctuation falls back", "[text]") {
    TextStyle style{32, Weight::Regular, "vi"};
    auto block = layout_text(fonts(), "Cửa khẩu Na Mèo – ດ່ານສາກົນ ນາແມວ.", style, 2000);
    REQUIRE(block.lines.size() == 1);
    const auto& runs = block.lines[0].runs;
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].font == fonts().font(Script::Latin, Weight::Regular, 32));
    CHECK(runs[1].font == fonts().font(Script::Lao, Weight::Regular, 32));
    CHECK(runs[1].text == "ດ່ານສາກົນ ນາແມວ");
    CHECK(runs[2].text == "."); // Noto Sans Lao has no full stop
    CHECK(runs[2].font == runs[0].font);
}

TEST_CASE("text shrinks to fit its box, and reports what still does not fit", "[text]") {
    std::string text = "Chào mừng quý khách đến Cửa khẩu Quốc tế Na Mèo, tỉnh Thanh Hóa.";
    TextStyle style{60, Weight::Bold, "vi"};
    auto fitted = fit_text(fonts(), text, style, 500, 200, 20);
    CHECK_FALSE(fitted.overflow);
    CHECK(fitted.px < 60);
    CHECK(fitted.height <= 200);
    std::string long_text;
    for (int i = 0; i < 30; ++i)
        long_text += text + " ";
    auto overflowing = fit_text(fonts(), long_text, style, 500, 200, 20);
    CHECK(overflowing.overflow);
    CHECK(overflowing.height <= 200);
    CHECK_THAT(line_texts(overflowing).back(), Catch::EndsWith("…"));
}

TEST_CASE("paragraphs and hard line breaks are kept", "[text]") {
    TextStyle style{30, Weight::Regular, "en"};
    auto block = layout_text(fonts(), "Police: 113\nFire: 114\n\nAmbulance: 115", style, 1000);
    auto lines = line_texts(block);
    REQUIRE(lines == std::vector<std::string>{"Police: 113", "Fire: 114", "Ambulance: 115"});
    CHECK(block.lines[2].y > block.lines[1].y + block.lines[1].height); // a paragraph gap
}
