// What travellers see: golden images of real slides, and a sweep that every demo slide renders in every
// language and profile with every character covered by a font and no text overflowing its box.
#include "app/loaded_pack.hpp"
#include "render/canvas.hpp"
#include "render/image_decode.hpp"
#include "render/slide_painter.hpp"
#include "render/text_painter.hpp"
#include "render/theme.hpp"
#include "support.hpp"

#include <SDL_image.h>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <set>

using namespace kiosk;
using namespace test_support;

namespace {

// The demo pack, built once for all tests in this file.
struct DemoPack {
    TempDir dir;
    SecretKey key = generate_key();
    TrustedKeys keys;
    fs::path pack;
    DemoPack() {
        keys.add(key.public_key());
        pack = dir / "demo.kpack";
        build_source(source_dir() / "assets" / "demo", key, pack, 1);
        write_public_key(key, dir / "demo.pub");
    }
};

DemoPack& demo() {
    static DemoPack d;
    return d;
}

TextEngine& text() {
    return shared_text_engine();
}

void check_golden(const std::string& name, const std::string& args) {
    auto out = demo().dir / (name + ".png");
    auto result = run(kiosk_bin() + " --set store=" + quote(demo().dir / "store") +
                      " --set trusted_keys=" + quote(demo().dir / "demo.pub") +
                      " --set station=na-meo --screenshot " + quote(out) + " " + args);
    INFO(result.output);
    REQUIRE(result.status == 0);
    compare_with_golden(name, out);
}

} // namespace

TEST_CASE("golden images of the demo slides", "[render][golden]") {
    auto pack = " --content " + quote(demo().pack);
    check_golden("landscape-welcome-vi", pack + " --slide welcome --lang vi --size 960x540");
    check_golden("landscape-entry-exit-lo", pack + " --slide entry-exit --lang lo --size 960x540");
    check_golden("portrait-opening-hours-en",
                 pack + " --profile portrait --slide opening-hours --lang en --size 540x960");
    check_golden("led-wall-friendship-lo",
                 pack + " --profile led-wall --slide vietnam-laos-friendship --lang lo");
    check_golden("builtin-no-content", "--set \"station_name=Cửa khẩu Quốc tế Na Mèo\" --size 960x540");
}

TEST_CASE("golden images of text in every script at two widths", "[render][golden]") {
    struct Sample {
        const char* lang;
        const char* text;
    };
    // Entry rules as the stations show them, in each language a gate may need.
    auto sample = GENERATE(
        Sample{"vi",
               "**Nhập cảnh:** công dân Lào được miễn thị thực khi lưu trú tại Việt Nam không quá 30 ngày.\n"
               "- Xuất trình hộ chiếu còn hạn.\n- Khai báo hàng hóa và ngoại tệ vượt mức."},
        Sample{"en", "**Entry:** Lao citizens may stay in Viet Nam without a visa for up to 30 days.\n"
                     "- Show a valid passport.\n- Declare goods and currency above the limits."},
        Sample{"lo", "**ການເຂົ້າເມືອງ:** ພົນລະເມືອງລາວໄດ້ຮັບການຍົກເວັ້ນວີຊາເມື່ອພັກເຊົາຢູ່ຫວຽດນາມບໍ່ເກີນ 30 ວັນ.\n"
                     "- ສະແດງໜັງສືຜ່ານແດນທີ່ຍັງບໍ່ໝົດອາຍຸ."},
        Sample{"km", "**ការចូល:** ប្រជាពលរដ្ឋកម្ពុជាត្រូវការទិដ្ឋាការដើម្បីចូលប្រទេសវៀតណាម។\n"
                     "- បង្ហាញលិខិតឆ្លងដែនដែលនៅមានសុពលភាព។"},
        Sample{"th", "**การเข้าเมือง:** ประเทศไทยมีประชากรประมาณเจ็ดสิบล้านคนและมีพรมแดนติดกับประเทศลาว\n"
                     "- แสดงหนังสือเดินทางที่ยังไม่หมดอายุ"},
        Sample{"zh",
               "**入境：**越南和老挝是友好邻邦，两国人民的友谊源远流长。\n- 旅客请在入境时出示有效护照。"});
    for (int width : {360, 720}) {
        auto canvas = Canvas::create(width, 400);
        REQUIRE(canvas.ok());
        canvas->fill({0, 0, width, 400}, theme::kBackground);
        TextStyle style{28, Weight::Regular, sample.lang};
        style.line_spacing = 1.1f;
        auto block = text().layout(sample.text, style, width - 20);
        CHECK(block->missing.empty());
        CHECK(block->height <= 390);
        paint_text(*canvas, text(), *block, 10, 5, theme::kBody);
        auto name = std::string("text-") + sample.lang + "-" + std::to_string(width);
        auto out = demo().dir / (name + ".png");
        REQUIRE(canvas->save_png(out).ok());
        compare_with_golden(name, out);
    }
}

TEST_CASE("every demo slide renders in every language and profile without tofu or overflow", "[render]") {
    auto loaded = load_from_file(demo().pack, demo().keys);
    REQUIRE(loaded.ok());
    const Content& content = loaded->content;
    auto profile_name = GENERATE(as<std::string>{}, "landscape", "portrait", "led-wall", "led-small");
    const DisplayProfile* profile = content.find_profile(profile_name);
    REQUIRE(profile);
    auto canvas = Canvas::create(profile->width, profile->height);
    REQUIRE(canvas.ok());
    // As the station lays text out: with the demo's place names kept whole, which must not push any text
    // out of its box.
    text().set_kept_names(content.keep_together);
    SlidePainter painter(*canvas, text(), content, *loaded->objects, *profile);
    for (const auto& view : attract_sequence(content, *profile)) {
        painter.paint(view, profile->width, profile->height);
    }
    text().set_kept_names({});
    INFO("profile " << profile_name);
    std::string overflows;
    for (const auto& o : painter.overflows())
        overflows += o + " ";
    CHECK(overflows == "");
    std::string missing;
    for (const auto& m : painter.missing_glyphs())
        missing += m + " ";
    CHECK(missing == "");
}

TEST_CASE("image bombs are refused from their header, before decoding", "[render]") {
    // A PNG header claiming 100000 x 100000 pixels (40 GB once decoded), followed by nothing.
    std::string png = std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16) +
                      std::string("\x00\x01\x86\xa0\x00\x01\x86\xa0", 8) + std::string("\x08\x02\0\0\0", 5);
    auto size = sniff_image_size(png);
    REQUIRE(size.ok());
    CHECK(size->width == 100000);
    auto decoded = decode_image(png);
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().code == ErrorCode::TooLarge);
    CHECK_FALSE(decode_image("GIF89a not supported").ok());
}

TEST_CASE("a slide whose image is broken still shows its text on a calm panel", "[render]") {
    auto loaded = load_from_file(demo().pack, demo().keys);
    REQUIRE(loaded.ok());
    // Serve garbage for every image object, as a damaged disk would.
    struct BrokenImages final : ObjectSource {
        const ObjectSource& inner;
        explicit BrokenImages(const ObjectSource& i) : inner(i) {}
        const Manifest& manifest() const override { return inner.manifest(); }
        Result<std::string> read(std::string_view path) const override {
            if (path == kContentPath)
                return inner.read(path);
            return std::string("\x89PNG\r\n\x1a\n garbage that is not an image");
        }
    } broken(*loaded->objects);
    auto canvas = Canvas::create(960, 540);
    REQUIRE(canvas.ok());
    const DisplayProfile* profile = loaded->content.find_profile("landscape");
    SlidePainter painter(*canvas, text(), loaded->content, broken, *profile);
    painter.paint(SlideView{0, {"vi"}, 10000}, 960, 540);
    SurfacePtr shot(SDL_ConvertSurfaceFormat(canvas->surface(), SDL_PIXELFORMAT_ARGB8888, 0));
    auto pixel = [&](int x, int y) {
        return static_cast<const Uint32*>(shot->pixels)[y * shot->pitch / 4 + x];
    };
    // The image area is the theme's panel colour, and the screen is not one flat colour.
    CHECK(pixel(60, 300) == 0xFF16385Cu);
    std::set<Uint32> colours;
    for (int x = 500; x < 940; x += 3)
        for (int y = 60; y < 200; y += 3)
            colours.insert(pixel(x, y));
    CHECK(colours.size() > 10);
}

namespace {

// The rows and columns below the header and above the bottom inset where anything but the background
// shows: the text's extent.
SDL_Rect ink_extent(SDL_Surface* shot, int top, int bottom) {
    Uint32 background = 0xFF000000u | theme::kBackground.r << 16 | theme::kBackground.g << 8 | theme::kBackground.b;
    int x0 = shot->w, y0 = bottom, x1 = -1, y1 = -1;
    for (int y = top; y < bottom; ++y)
        for (int x = 0; x < shot->w; ++x)
            if (static_cast<const Uint32*>(shot->pixels)[y * shot->pitch / 4 + x] != background) {
                x0 = std::min(x0, x);
                x1 = std::max(x1, x);
                y0 = std::min(y0, y);
                y1 = std::max(y1, y);
            }
    return {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

// Canvases are ARGB8888.
Uint32 pixel_at(SDL_Surface* shot, int x, int y) {
    return static_cast<const Uint32*>(shot->pixels)[y * shot->pitch / 4 + x];
}

} // namespace

TEST_CASE("a slide without a picture gives its text the screen on every profile", "[render][text-only]") {
    auto loaded = load_from_file(demo().pack, demo().keys);
    REQUIRE(loaded.ok());
    Content content = loaded->content;
    auto profile_name = GENERATE(as<std::string>{}, "landscape", "portrait", "led-wall", "led-small");
    const DisplayProfile* profile = content.find_profile(profile_name);
    REQUIRE(profile);
    std::size_t index = 0;
    while (content.slides[index].id != "emergency-numbers")
        ++index;
    content.slides[index].image.clear();
    REQUIRE(SlidePainter::text_only(content.slides[index]));
    int w = profile->width, h = profile->height;
    auto canvas = Canvas::create(w, h);
    REQUIRE(canvas.ok());
    SlidePainter painter(*canvas, text(), content, *loaded->objects, *profile);
    for (const auto& view : slide_views(content, index, *profile)) {
        painter.paint(view, w, h);
        INFO(profile_name << " " << view.languages.front() << (view.languages.size() > 1 ? " dual" : ""));
        // No empty picture box: the text spans most of the width and height below the header.
        int header = std::min(w, h) * 13 / 100;
        SDL_Rect ink = ink_extent(canvas->surface(), header, h);
        CHECK(ink.w >= w * 75 / 100);
        CHECK(ink.h >= (h - header) * 55 / 100);
        CHECK(painter.media_area(view, w, h).w == 0);
    }
    CHECK(painter.overflows().empty());
}

TEST_CASE("a long station name never runs onto the header's red line", "[render][header]") {
    auto loaded = load_from_file(demo().pack, demo().keys);
    REQUIRE(loaded.ok());
    Content content = loaded->content;
    content.name["vi"] = "Cửa khẩu Quốc tế Cầu Treo – Nam Phao, huyện Hương Sơn, tỉnh Hà Tĩnh";
    content.name["lo"] = "ດ່ານສາກົນ ນ້ຳພາວ – ເກົາແຈວ ແຂວງບໍລິຄຳໄຊ ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ";
    auto profile_name = GENERATE(as<std::string>{}, "landscape", "portrait", "led-wall", "led-small");
    const DisplayProfile* profile = content.find_profile(profile_name);
    REQUIRE(profile);
    int w = profile->width, h = profile->height;
    auto canvas = Canvas::create(w, h);
    REQUIRE(canvas.ok());
    SlidePainter painter(*canvas, text(), content, *loaded->objects, *profile);
    Uint32 red = 0xFF000000u | theme::kAccent.r << 16 | theme::kAccent.g << 8 | theme::kAccent.b;
    for (const auto& view : attract_sequence(content, *profile)) {
        painter.paint(view, w, h);
        int line = 0;
        while (line < h / 3 && pixel_at(canvas->surface(), 0, line) != red)
            ++line;
        INFO(profile_name << " " << view.languages.front());
        REQUIRE(line < h / 3);
        // The whole red line shows: nothing of the name is drawn over it.
        for (int x = 0; x < w; x += 2)
            REQUIRE(pixel_at(canvas->surface(), x, line) == red);
    }
    // A check can tell the editor: in portrait the name is fitted rather than shown at its full size.
    if (profile_name == "portrait")
        CHECK(painter.header_notes().at("vi").fit != HeaderFit::Full);
}
