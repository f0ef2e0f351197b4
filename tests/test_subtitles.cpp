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

    auto bad_minutes = parse_subtitles("00:75:00,000 --> 00:76:00,000\nx\n");
    CHECK_FALSE(bad_minutes);
    CHECK_FALSE(parse_subtitles("just some text\nwith no times\n"));
    CHECK_FALSE(parse_subtitles("WEBVTT\n\n"));
    CHECK_FALSE(parse_subtitles(std::string(kSubtitlesCap + 1, 'x')));
}
