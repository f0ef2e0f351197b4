// Subtitle files as editors' tools write them, and the mistakes that would show wrong words.
#include "content/subtitles.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

TEST_CASE("SRT cues with CRLF, a BOM and tags become timed markup", "[subtitles]") {
    std::string srt = "\xEF\xBB\xBF"
                      "1\r\n00:00:01,000 --> 00:00:03,500\r\nCửa khẩu <i>Cầu Treo</i>\r\nmở cửa 7:00\r\n\r\n"
                      "2\r\n00:00:04,000 --> 00:00:06,000\r\n<b>ດ່ານ</b> &amp; 5*2 <font color=\"red\">x</font>\r\n";
    auto subs = parse_subtitles(srt);
    REQUIRE(subs);
    REQUIRE(subs->cues.size() == 2);
    CHECK(subs->cues[0].start == Approx(1.0));
    CHECK(subs->cues[0].end == Approx(3.5));
    CHECK(subs->cues[0].text == "Cửa khẩu *Cầu Treo*\nmở cửa 7:00");
    CHECK(subs->cues[1].text == "**ດ່ານ** & 5\\*2 x");
    CHECK(subs->text_at(0.5).empty());
    CHECK(subs->text_at(2.0) == subs->cues[0].text);
    CHECK(subs->text_at(3.7).empty());
    CHECK(subs->text_at(5.99) == subs->cues[1].text);
    CHECK(subs->text_at(6.0).empty());
}

TEST_CASE("WebVTT with notes, identifiers, settings, short times and overlapping cues", "[subtitles]") {
    std::string vtt = "WEBVTT - border gate film\nKind: captions\n\n"
                      "NOTE written by the office\nsecond line\n\n"
                      "intro\n00:01.000 --> 00:04.000 line:90% align:center\n<v Guide>ສະບາຍດີ</v>\n\n"
                      "00:00:02.500 --> 00:00:03.000\n<c.yellow>សួស្តី</c>\n\n"
                      "01:00:00.000 --> 01:00:01.000\n入境\n";
    auto subs = parse_subtitles(vtt);
    REQUIRE(subs);
    REQUIRE(subs->cues.size() == 3);
    CHECK(subs->cues[0].text == "ສະບາຍດີ");
    CHECK(subs->text_at(2.75) == "ສະບາຍດີ\nសួស្តី");
    CHECK(subs->text_at(3.5) == "ສະບາຍດີ");
    CHECK(subs->text_at(3600.5) == "入境");
}

TEST_CASE("Subtitle mistakes name the line and show a good one", "[subtitles]") {
    auto bad_time = parse_subtitles("1\n00:00:01 --> 00:00:02,000\nhello\n");
    REQUIRE_FALSE(bad_time);
    CHECK(bad_time.error().message.find("line 2") != std::string::npos);
    CHECK(bad_time.error().message.find("00:01:02,500 --> 00:01:04,000") != std::string::npos);

    auto backwards = parse_subtitles("1\n00:00:05,000 --> 00:00:02,000\nhello\n");
    REQUIRE_FALSE(backwards);
    CHECK(backwards.error().message.find("ends before it starts") != std::string::npos);

    // "->" for "-->": the timing line is blamed, with or without a cue number above it, not the text.
    for (auto [srt, line] : {std::pair{"1\n00:00:01,000 -> 00:00:02,000\nhello\n", "line 2:"},
                             {"00:00:01,000 -> 00:00:02,000\nhello\n", "line 1:"},
                             {"WEBVTT\n\n00:01.000->00:02.000\nhello\n", "line 3:"}}) {
        auto arrow = parse_subtitles(srt);
        REQUIRE_FALSE(arrow);
        CHECK_THAT(arrow.error().message, Catch::StartsWith(line) && Catch::Contains("no '-->' between its times"));
        CHECK_THAT(arrow.error().message, !Catch::Contains("hello"));
    }

    auto bad_minutes = parse_subtitles("00:75:00,000 --> 00:76:00,000\nx\n");
    CHECK_FALSE(bad_minutes);
    CHECK_FALSE(parse_subtitles("just some text\nwith no times\n"));
    CHECK_FALSE(parse_subtitles("WEBVTT\n\n"));
    CHECK_FALSE(parse_subtitles(std::string(kSubtitlesCap + 1, 'x')));
}

TEST_CASE("Subtitles saved in another encoding than UTF-8 are refused with what to do", "[subtitles]") {
    // Vietnamese in UTF-8, with a BOM, is fine.
    CHECK(parse_subtitles("\xEF\xBB\xBF" "1\n00:00:01,000 --> 00:00:02,000\nXin ch\xC3\xA0o\n"));
    // "Xin chào" saved by Notepad as "Unicode" (UTF-16 little-endian, with its BOM).
    std::string utf16("\xFF\xFE", 2);
    for (char c : std::string("1\n00:00:01,000 --> 00:00:02,000\nXin ch\xE0o\n"))
        utf16 += std::string{c, '\0'};
    auto wide = parse_subtitles(utf16);
    REQUIRE_FALSE(wide);
    CHECK_THAT(wide.error().message, Catch::Contains("saved as UTF-16") && Catch::Contains("save it again as UTF-8"));
    // A picture renamed .srt.
    auto binary = parse_subtitles(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    REQUIRE_FALSE(binary);
    CHECK_THAT(binary.error().message, Catch::Contains("not text"));
    // Latin-1: the 'à' is one byte 0xE0, which is not UTF-8; the message names its line.
    auto latin1 = parse_subtitles("1\n00:00:01,000 --> 00:00:02,000\nXin ch\xE0o\n");
    REQUIRE_FALSE(latin1);
    CHECK_THAT(latin1.error().message, Catch::Contains("line 3 is not UTF-8"));
    // Cut off inside a character at the very end.
    CHECK_FALSE(parse_subtitles("1\n00:00:01,000 --> 00:00:02,000\nch\xC3"));
}

#include "render/subtitle_painter.hpp"
#include "support.hpp"

namespace {
// Pixels brighter than the band: the drawn letters.
int bright_pixels(const kiosk::Canvas& canvas) {
    int count = 0;
    SDL_Surface* s = canvas.surface();
    for (int y = 0; y < s->h; ++y)
        for (int x = 0; x < s->w; ++x) {
            Uint32 p = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(s->pixels) + y * s->pitch)[x];
            count += ((p >> 8) & 0xFF) > 128;
        }
    return count;
}
} // namespace
using test_support::shared_text_engine;

TEST_CASE("A subtitle band fits its film and holds the words in every script", "[subtitles]") {
    for (auto [lang, words] : {std::pair{"vi", "Cửa khẩu quốc tế Cầu Treo"}, {"lo", "ດ່ານສາກົນນ້ຳພາວ"},
                               {"km", "ច្រកទ្វារព្រំដែនអន្តរជាតិ"}, {"zh", "国际口岸开放时间"}}) {
        auto band = paint_subtitle(shared_text_engine(), words, lang, 1280, 720);
        REQUIRE(band);
        CHECK(band->width() <= 1280 * 9 / 10);
        CHECK(band->height() >= 720 / 16);
        CHECK(band->height() < 720 / 3);
        CHECK(bright_pixels(*band) > 200);
    }
    // A cue far too long for a third of the picture is cut, never taller than that.
    std::string speech;
    for (int i = 0; i < 60; ++i)
        speech += "Du khách vui lòng chuẩn bị hộ chiếu. ";
    auto band = paint_subtitle(shared_text_engine(), speech, "vi", 640, 360);
    REQUIRE(band);
    CHECK(band->height() <= 360 / 3 + 2 * 16);
    CHECK_FALSE(paint_subtitle(shared_text_engine(), "", "vi", 640, 360));
}
