// Media normalisation as an editor's files meet it: phone photos with GPS positions and sideways
// orientation, pictures larger than any screen, PNG text, maps cut into tiles, the media cache, and
// hostile files.
#include "normalise_support.hpp"
#include "support.hpp"

#include "content/map_tiles.hpp"
#include "media/image_metadata.hpp"
#include "media/image_normalise.hpp"
#include "media/map_tiles_builder.hpp"
#include "media/media_limits.hpp"
#include "media/media_normaliser.hpp"
#include "source/source_image.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <cstring>

using namespace test_support;
using namespace content_tool;

namespace {

constexpr std::uint32_t kRed = 0xFFE02020, kBlue = 0xFF2040C0;

// A smooth picture, kind to JPEG, so decoded pixels can be compared with the source's.
std::uint32_t gradient(int x, int y) {
    return 0xFF000000u | std::uint32_t(x * 255 / 1500) << 16 | std::uint32_t(y * 255 / 900) << 8 | 0x80;
}

MediaNormaliser normaliser_in(const fs::path& cache) {
    auto opened = MediaCache::open(cache);
    REQUIRE(opened);
    return MediaNormaliser(MediaLimits{}, std::move(opened.value()));
}

} // namespace

TEST_CASE("media limits come from the largest display profile in either orientation", "[normalise]") {
    kiosk::Content content;
    CHECK(media_limits_for(content).long_side == 1920); // the built-in profiles
    CHECK(media_limits_for(content).short_side == 1080);
    content.profiles = {{"portrait", 1080, 1920, true, kiosk::ProfileLayout::Single},
                        {"wall", 2560, 720, false, kiosk::ProfileLayout::Single}};
    auto limits = media_limits_for(content);
    CHECK(limits.long_side == 2560);
    CHECK(limits.short_side == 1080);
    CHECK_FALSE(exceeds_limits(1080, 1920, MediaLimits{}));
    CHECK(exceeds_limits(1200, 1200, MediaLimits{}));
    auto fitted = fit_within(3000, 2000, MediaLimits{});
    CHECK(fitted.width == 1620);
    CHECK(fitted.height == 1080);
}

TEST_CASE("a phone photo loses its GPS position and camera make but not a pixel", "[normalise]") {
    TempDir dir;
    auto picture = draw(640, 480, [](int x, int y) { return gradient(x * 2, y * 2); });
    std::string plain = jpeg_of(picture.get());
    std::string photo = with_segment(plain, exif_app1(1));
    REQUIRE(photo.find("SecretPhone") != std::string::npos);
    auto meta = read_image_metadata(photo);
    REQUIRE(meta);
    CHECK(meta->removable == 1);
    CHECK(meta->orientation == 1);
    write_bytes(dir / "photo.jpg", photo);

    auto out = normalise_image(dir / "photo.jpg", MediaLimits{});
    REQUIRE(out);
    CHECK(out->work == ImageWork::Stripped);
    CHECK(out->type == "image/jpeg");
    CHECK(out->bytes.find("Exif") == std::string::npos);
    CHECK(out->bytes.find("SecretPhone") == std::string::npos);
    CHECK(out->bytes == plain); // the compressed picture is copied byte for byte
    auto before = decode_argb(photo), after = decode_argb(out->bytes);
    REQUIRE(after->w == 640);
    CHECK(std::memcmp(before->pixels, after->pixels, std::size_t(before->pitch) * before->h) == 0);
    REQUIRE(read_image_metadata(out->bytes));
    CHECK(read_image_metadata(out->bytes)->removable == 0);
}

TEST_CASE("a photo taken sideways is turned upright", "[normalise]") {
    TempDir dir;
    // Stored as the camera's sensor saw it: orientation 6 means turn 90 degrees clockwise to view, so
    // the stored bottom-left corner is the viewed top-left.
    auto stored = draw(300, 200, [](int x, int y) { return x < 60 && y >= 140 ? kRed : kBlue; });
    write_bytes(dir / "sideways.jpg", with_segment(jpeg_of(stored.get()), exif_app1(6)));
    auto out = normalise_image(dir / "sideways.jpg", MediaLimits{});
    REQUIRE(out);
    CHECK(out->work == ImageWork::Reencoded);
    CHECK(out->type == "image/jpeg");
    CHECK(out->bytes.find("Exif") == std::string::npos);
    CHECK(out->bytes.find("SecretPhone") == std::string::npos);
    auto upright = decode_argb(out->bytes);
    REQUIRE(upright->w == 200);
    REQUIRE(upright->h == 300);
    CHECK(channel_distance(pixel(upright.get(), 10, 10), kRed) < 24);
    CHECK(channel_distance(pixel(upright.get(), 190, 10), kBlue) < 24);
    CHECK(channel_distance(pixel(upright.get(), 10, 290), kBlue) < 24);
}

TEST_CASE("a picture larger than every screen is shrunk to fit, smoothly", "[normalise]") {
    TempDir dir;
    // Fine stripes one pixel wide: averaged they are grey, picked by nearest neighbour they stay black
    // or white.
    auto big = draw(3000, 2000, [](int x, int y) {
        return x < 1500 ? ((x + y) % 2 ? 0xFFFFFFFFu : 0xFF000000u) : kRed;
    });
    write_bytes(dir / "big.png", png_of(big.get()));
    auto out = normalise_image(dir / "big.png", MediaLimits{});
    REQUIRE(out);
    CHECK(out->work == ImageWork::Reencoded);
    CHECK(out->type == "image/png");
    auto fitted = decode_argb(out->bytes);
    CHECK(fitted->w == 1620);
    CHECK(fitted->h == 1080);
    CHECK(channel_distance(pixel(fitted.get(), 400, 500), 0xFF808080u) < 24);
    CHECK(channel_distance(pixel(fitted.get(), 1400, 500), kRed) < 6);

    // Portrait photos fit the portrait screen: the short side limit applies to their width.
    auto tall = draw(1500, 4000, [](int, int) { return kBlue; });
    write_bytes(dir / "tall.jpg", jpeg_of(tall.get()));
    auto tall_out = normalise_image(dir / "tall.jpg", MediaLimits{});
    REQUIRE(tall_out);
    auto tall_fitted = decode_argb(tall_out->bytes);
    CHECK(tall_fitted->h == 1920);
    CHECK(tall_fitted->w == 720);
}

TEST_CASE("text and time chunks are stripped from PNG pictures", "[normalise]") {
    TempDir dir;
    auto picture = draw(200, 100, [](int x, int) { return x < 100 ? kRed : kBlue; });
    std::string plain = png_of(picture.get());
    std::string tagged = with_chunk(with_chunk(plain, png_chunk("tEXt", std::string("Comment\0secret notes", 20))),
                                    png_chunk("tIME", std::string("\x07\xEA\x0B\x1E\x0C\x00\x00", 7)));
    tagged = with_chunk(tagged, png_chunk("iTXt", std::string("Author\0\0\0\0\0Editor Name", 22)));
    auto meta = read_image_metadata(tagged);
    REQUIRE(meta);
    CHECK(meta->removable == 3);
    write_bytes(dir / "tagged.png", tagged);
    auto out = normalise_image(dir / "tagged.png", MediaLimits{});
    REQUIRE(out);
    CHECK(out->work == ImageWork::Stripped);
    CHECK(out->bytes == plain);
    for (const char* gone : {"tEXt", "tIME", "iTXt", "secret", "Editor Name"})
        CHECK(out->bytes.find(gone) == std::string::npos);
    auto decoded = decode_argb(out->bytes);
    CHECK(pixel(decoded.get(), 10, 10) == kRed);

    // A picture with nothing to remove goes into the pack as it is.
    write_bytes(dir / "plain.png", plain);
    auto same = normalise_image(dir / "plain.png", MediaLimits{});
    REQUIRE(same);
    CHECK(same->work == ImageWork::Unchanged);
}

TEST_CASE("a map is cut into the tile pyramid the kiosk reads", "[normalise]") {
    TempDir dir;
    auto source = draw(1500, 900, gradient);
    write_bytes(dir / "map.png", png_of(source.get()));
    double last = 0;
    auto map = build_map_tiles(dir / "map.png", "maps/gate", dir / "tiles", [&](double f) { last = f; });
    REQUIRE(map);
    CHECK(last == Approx(1.0));
    CHECK(map->levels == 4); // 1500 -> 750 -> 375 -> 188
    int tiles = 0;
    for (const auto& item : fs::recursive_directory_iterator(dir / "tiles"))
        if (item.path().extension() == ".jpg")
            ++tiles;
    CHECK(tiles == 6 * 4 + 3 * 2 + 2 * 1 + 1);
    auto parsed = kiosk::MapTiles::parse(read_text(dir / "tiles" / "map.json"));
    REQUIRE(parsed);
    CHECK(parsed->width == 1500);
    CHECK(parsed->height == 900);
    CHECK(parsed->base == "maps/gate");

    // The finest level is the source itself; an edge tile is smaller than 256 pixels.
    auto tile = decode_argb(read_text(dir / "tiles" / "3" / "2_1.jpg"));
    REQUIRE(tile->w == 256);
    REQUIRE(tile->h == 256);
    int worst = 0;
    for (int y = 0; y < 256; y += 5)
        for (int x = 0; x < 256; x += 5)
            worst = std::max(worst, channel_distance(pixel(tile.get(), x, y), gradient(512 + x, 256 + y)));
    CHECK(worst < 12);
    auto edge = decode_argb(read_text(dir / "tiles" / "3" / "5_3.jpg"));
    CHECK(edge->w == 1500 - 5 * 256);
    CHECK(edge->h == 900 - 3 * 256);
    // A coarser level shows the same place at half the size.
    auto half = decode_argb(read_text(dir / "tiles" / "2" / "1_0.jpg"));
    CHECK(channel_distance(pixel(half.get(), 40, 100), gradient(2 * (256 + 40), 2 * 100)) < 12);
}

TEST_CASE("an SVG map is drawn large before it is cut, so its lines stay sharp when zoomed", "[normalise]") {
    TempDir dir;
    // 400x250 units: a red road on a pale ground, its right half blue sea.
    write_text(dir / "route.svg", R"(<svg xmlns="http://www.w3.org/2000/svg" width="400" height="250">
<rect width="400" height="250" fill="#f0e8d0"/><rect x="200" width="200" height="250" fill="#2060c0"/>
<rect x="0" y="120" width="200" height="10" fill="#d02020"/></svg>)");
    auto size = check_map_source(dir / "route.svg");
    REQUIRE(size);
    CHECK(size->width == kSvgMapLongSide);
    CHECK(size->height == kSvgMapLongSide * 250 / 400);
    auto map = build_map_tiles(dir / "route.svg", "maps/route", dir / "tiles");
    REQUIRE(map);
    CHECK(map->width == 4800);
    CHECK(map->height == 3000);
    CHECK(map->levels == kiosk::map_levels_for(4800, 3000, 256));
    // At full size the road, 10 units thick, is 120 pixels: tile (3, 5) of the finest level holds rows
    // 1280..1535, and the road runs through rows 1440..1559.
    auto tile = decode_argb(read_text(dir / "tiles" / std::to_string(map->levels - 1) / "3_5.jpg"));
    REQUIRE(tile);
    CHECK(channel_distance(pixel(tile.get(), 100, 200), 0xFFD02020u) < 24);
    CHECK(channel_distance(pixel(tile.get(), 100, 100), 0xFFF0E8D0u) < 24);
    // The sea, on the right.
    auto sea = decode_argb(read_text(dir / "tiles" / std::to_string(map->levels - 1) / "15_2.jpg"));
    CHECK(channel_distance(pixel(sea.get(), 50, 50), 0xFF2060C0u) < 24);
}

TEST_CASE("an SVG's declared size is read without drawing it", "[normalise]") {
    CHECK(svg_declared_size(R"(<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000">)")->width == 1600);
    auto mm = svg_declared_size(R"(<?xml version="1.0"?><svg width="297mm" height='210mm' viewBox="0 0 297 210">)");
    REQUIRE(mm);
    CHECK(mm->width == 1123);
    CHECK(mm->height == 794);
    auto box = svg_declared_size(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0 400 250">)");
    REQUIRE(box);
    CHECK(box->height == 250);
    auto percent = svg_declared_size(R"(<svg width="100%" height="100%" viewBox="0 0 800 600">)");
    REQUIRE(percent);
    CHECK(percent->width == 800);
    CHECK_FALSE(svg_declared_size("<svg>"));
    CHECK_FALSE(svg_declared_size("not a drawing"));
    // A 100-byte file declaring 40000x40000: refused as a picture before a pixel is drawn, but fine as
    // a map, which is drawn at its own size.
    TempDir dir;
    write_text(dir / "huge.svg", R"(<svg xmlns="http://www.w3.org/2000/svg" width="40000" height="20000"><rect width="40000" height="20000" fill="#2060c0"/></svg>)");
    auto picture = load_source_image(dir / "huge.svg");
    REQUIRE_FALSE(picture);
    CHECK_THAT(picture.error().message, Catch::Contains("40000x20000"));
    auto map = check_map_source(dir / "huge.svg");
    REQUIRE(map);
    CHECK(map->width == kSvgMapLongSide);
    CHECK(map->height == kSvgMapLongSide / 2);
}

TEST_CASE("a cache record of the wrong shape is dropped, never trusted", "[normalise]") {
    TempDir dir;
    write_bytes(dir / "photo.jpg", jpeg_of(draw(2400, 1600, gradient).get()));
    auto normaliser = normaliser_in(dir / "cache");
    auto first = normaliser.prepare(MediaRole::Image, dir / "photo.jpg", "media/photo.jpg");
    REQUIRE(first);
    fs::path record = first->objects[0].file.parent_path() / "entry.json";
    std::string text = read_text(record);
    // Valid JSON, wrong types: a size in quotes, a key that is a number.
    for (auto [from, to] : {std::pair<std::string, std::string>{"\"size\":", "\"size\": \"x\", \"was\":"},
                            {"\"key\":", "\"key\": 5, \"was\":"}}) {
        auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        write_text(record, text.substr(0, at) + to + text.substr(at + from.size()));
        REQUIRE_FALSE(nlohmann::json::parse(read_text(record), nullptr, false).is_discarded());
        auto again = normaliser.prepare(MediaRole::Image, dir / "photo.jpg", "media/photo.jpg");
        REQUIRE(again);
        CHECK(again->outcome == MediaOutcome::Normalised);
        record = again->objects[0].file.parent_path() / "entry.json";
        text = read_text(record);
    }
}

TEST_CASE("maps larger than 16384 pixels a side or 100 megapixels are refused from the header", "[normalise]") {
    TempDir dir;
    auto strip = draw(20000, 100, [](int, int) { return kBlue; });
    write_bytes(dir / "long.png", png_of(strip.get()));
    auto checked = check_map_source(dir / "long.png");
    REQUIRE_FALSE(checked);
    CHECK_THAT(checked.error().message, Catch::Contains("20000x100"));
    CHECK_THAT(checked.error().message, Catch::Contains("16384"));
    CHECK_FALSE(build_map_tiles(dir / "long.png", "maps/long", dir / "tiles"));
    // 12000 x 9000 is 108 megapixels: refused from the IHDR alone (the file is only a header here).
    std::string header = png_of(draw(1, 1, [](int, int) { return kBlue; }).get());
    header[16] = 0, header[17] = 0, header[18] = 0x2E, header[19] = static_cast<char>(0xE0); // 12000
    header[20] = 0, header[21] = 0, header[22] = 0x23, header[23] = 0x28;                    // 9000
    write_bytes(dir / "huge.png", header);
    auto huge = check_map_source(dir / "huge.png");
    REQUIRE_FALSE(huge);
    CHECK_THAT(huge.error().message, Catch::Contains("100 megapixels"));
}

TEST_CASE("the media cache reuses what is unchanged and never a damaged entry", "[normalise]") {
    TempDir dir;
    auto big = draw(2400, 1600, gradient);
    write_bytes(dir / "photo.jpg", with_segment(jpeg_of(big.get()), exif_app1(1)));
    auto normaliser = normaliser_in(dir / "cache");
    CHECK(read_text(dir / "cache" / ".gitignore").find('*') != std::string::npos);

    auto first = normaliser.prepare(MediaRole::Image, dir / "photo.jpg", "media/photo.jpg");
    REQUIRE(first);
    CHECK(first->outcome == MediaOutcome::Normalised);
    REQUIRE(first->objects.size() == 1);
    CHECK(first->objects[0].path == "media/photo.jpg");
    CHECK(first->objects[0].type == "image/jpeg");
    auto second = normaliser.prepare(MediaRole::Image, dir / "photo.jpg", "media/photo.jpg");
    REQUIRE(second);
    CHECK(second->outcome == MediaOutcome::Reused);
    CHECK(second->objects[0].hash == first->objects[0].hash);

    // A damaged entry (a flipped byte in the cached picture) is made again, not used.
    fs::path cached = second->objects[0].file;
    std::string bytes = read_text(cached);
    bytes[bytes.size() / 2] ^= 0x40;
    write_bytes(cached, bytes);
    auto repaired = normaliser.prepare(MediaRole::Image, dir / "photo.jpg", "media/photo.jpg");
    REQUIRE(repaired);
    CHECK(repaired->outcome == MediaOutcome::Normalised);
    CHECK(repaired->objects[0].hash == first->objects[0].hash);

    // An entry whose record was never written (a build killed mid-way) is not used either.
    fs::remove(repaired->objects[0].file.parent_path() / "entry.json");
    auto again = normaliser.prepare(MediaRole::Image, dir / "photo.jpg", "media/photo.jpg");
    REQUIRE(again);
    CHECK(again->outcome == MediaOutcome::Normalised);

    // A changed source is normalised again.
    auto other = draw(2400, 1600, [](int x, int y) { return gradient(y, x); });
    write_bytes(dir / "photo.jpg", jpeg_of(other.get()));
    auto changed = normaliser.prepare(MediaRole::Image, dir / "photo.jpg", "media/photo.jpg");
    REQUIRE(changed);
    CHECK(changed->outcome == MediaOutcome::Normalised);
    CHECK(changed->objects[0].hash != first->objects[0].hash);

    // Maps too: the second time every tile comes from the cache.
    write_bytes(dir / "map.png", png_of(draw(600, 300, gradient).get()));
    auto map = normaliser.prepare(MediaRole::Map, dir / "map.png", "maps/gate");
    REQUIRE(map);
    CHECK(map->outcome == MediaOutcome::Normalised);
    CHECK(map->object_path == "maps/gate/map.json");
    CHECK(map->objects.size() == 6 + 2 + 1 + 1); // 3x2 tiles, 2x1, 1, and the index
    auto map_again = normaliser.prepare(MediaRole::Map, dir / "map.png", "maps/gate");
    REQUIRE(map_again);
    CHECK(map_again->outcome == MediaOutcome::Reused);
    CHECK(map_again->objects.size() == map->objects.size());
}

TEST_CASE("hostile pictures are refused with the file named and nothing read out of bounds", "[normalise]") {
    TempDir dir;
    std::string jpeg = with_segment(jpeg_of(draw(320, 240, gradient).get()), exif_app1(6));
    write_bytes(dir / "cut.jpg", jpeg.substr(0, jpeg.size() / 2));
    auto normaliser = normaliser_in(dir / "cache");
    auto cut = normaliser.prepare(MediaRole::Image, dir / "cut.jpg", "media/cut.jpg");
    REQUIRE_FALSE(cut);
    CHECK_THAT(cut.error().message, Catch::Contains("cut.jpg"));
    CHECK_THAT(cut.error().message, Catch::Contains("cut short"));
    // Every prefix and every single-byte corruption of a photo with EXIF parses or fails cleanly
    // (AddressSanitizer watches the reads in the sanitizer build).
    for (std::size_t n = 0; n < jpeg.size(); n += 7)
        (void)read_image_metadata(jpeg.substr(0, n));
    for (std::size_t i = 0; i < 400 && i < jpeg.size(); ++i) {
        std::string bad = jpeg;
        bad[i] = static_cast<char>(bad[i] ^ 0xFF);
        (void)read_image_metadata(bad);
        (void)strip_image_metadata(bad);
    }
    std::string png = with_chunk(png_of(draw(64, 64, gradient).get()), png_chunk("eXIf", exif_app1(3).substr(10)));
    auto png_meta = read_image_metadata(png);
    REQUIRE(png_meta);
    CHECK(png_meta->orientation == 3);
    for (std::size_t n = 0; n < png.size(); n += 3)
        (void)strip_image_metadata(png.substr(0, n));
    CHECK_FALSE(read_image_metadata("GIF89a"));
    CHECK(exif_orientation(std::string("MM\0\x2A\xFF\xFF\xFF\xFF", 8)) == 1);
}
