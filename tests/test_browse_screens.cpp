// What travellers browse and touch: the catalog of pages open now, QR codes, touch targets of at least
// 9 mm on every screen of every profile, what each button does, every script without a missing glyph or
// text overflowing its box, pictures never stretched, and golden images of each screen.
#include "app/loaded_pack.hpp"
#include "interaction/catalog.hpp"
#include "render/screens/browse_painter.hpp"
#include "render/screens/qr_code.hpp"
#include "render/screens/shapes.hpp"
#include "render/theme.hpp"
#include "support.hpp"

#include <SDL_image.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cmath>
#include <cstdio>
#include <thread>

using namespace kiosk;
using namespace test_support;

namespace {

const char* const kDemoCategories[] = {"welcome", "entry-exit", "hours",      "emergency",
                                       "tourism", "investment", "friendship", "maps"};

// The demo project as the repository has it, and a copy whose categories name the icons under
// media/icons/, each built into a signed pack once for all tests in this file.
struct DemoPacks {
    TempDir dir;
    SecretKey key = generate_key();
    TrustedKeys keys;
    std::optional<LoadedPack> plain, icons;
    DemoPacks() {
        keys.add(key.public_key());
        build_source(source_dir() / "assets" / "demo", key, dir / "demo.kpack", 1);
        auto project = dir / "demo-icons";
        fs::copy(source_dir() / "assets" / "demo", project, fs::copy_options::recursive);
        auto toml = read_text(project / "project.toml");
        for (const char* id : kDemoCategories) {
            std::string from = std::string("id = \"") + id + "\"\n[category.label]";
            auto at = toml.find(from);
            REQUIRE(at != std::string::npos);
            toml.replace(at, from.size(),
                         std::string("id = \"") + id + "\"\nicon = \"media/icons/" + id + ".svg\"\n[category.label]");
        }
        write_text(project / "project.toml", toml);
        build_source(project, key, dir / "icons.kpack", 1);
        auto p = load_from_file(dir / "demo.kpack", keys);
        auto i = load_from_file(dir / "icons.kpack", keys);
        REQUIRE(p.ok());
        REQUIRE(i.ok());
        plain.emplace(std::move(p.value()));
        icons.emplace(std::move(i.value()));
    }
};

DemoPacks& demo() {
    static DemoPacks d;
    return d;
}

// Objects held in memory, for content made by a test.
struct MemoryObjects final : ObjectSource {
    Manifest m;
    std::map<std::string, std::string, std::less<>> files;
    const Manifest& manifest() const override { return m; }
    Result<std::string> read(std::string_view path) const override {
        auto it = files.find(path);
        if (it == files.end())
            return make_error(ErrorCode::NotFound, std::string(path) + " is not here");
        return it->second;
    }
};

// A picture with a sun, hills and a frame, so that a stretched or cut copy would show.
std::string make_png(int w, int h, SDL_Color sky) {
    SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888));
    for (int y = 0; y < h; ++y) {
        auto* row = reinterpret_cast<Uint32*>(static_cast<Uint8*>(s->pixels) + y * s->pitch);
        for (int x = 0; x < w; ++x) {
            double dx = x - w * 0.7, dy = y - h * 0.3;
            bool sun = dx * dx + dy * dy < (h * 0.12) * (h * 0.12);
            bool hill = y > h * (0.62 + 0.12 * std::sin(x * 6.28 / w * 1.5));
            bool frame = x < w / 40 || y < w / 40 || x >= w - w / 40 || y >= h - w / 40;
            Uint32 c = frame  ? 0xFFFFFFFFu
                       : sun  ? 0xFFFFD24Au
                       : hill ? 0xFF2E7D32u
                              : 0xFF000000u | sky.r << 16 | sky.g << 8 | std::min(255, sky.b + y * 60 / h);
            row[x] = c;
        }
    }
    TempDir tmp;
    auto file = tmp / "p.png";
    IMG_SavePNG(s.get(), file.c_str());
    return read_text(file);
}

LocalizedText words(std::initializer_list<std::pair<const std::string, std::string>> list) {
    return LocalizedText(list);
}

// A station content in Vietnamese, English, Khmer, Thai and Chinese with every kind of page: a gallery
// with a long text and a QR code, a film, a map, and text alone with a QR code.
struct Synthetic {
    Content content;
    MemoryObjects objects;
    Synthetic() {
        content.channel = "test.synthetic";
        content.languages = {"vi", "en", "km", "th", "zh"};
        content.default_language = "vi";
        content.fallback = {"en", "vi"};
        content.name = words({{"vi", "Cửa khẩu Quốc tế Mộc Bài"},
                              {"en", "Moc Bai International Border Gate"},
                              {"km", "ច្រកទ្វារអន្តរជាតិ ម៉ុកបៃ"},
                              {"th", "ด่านสากลหมอกบ่าย"},
                              {"zh", "木排国际口岸"}});
        content.categories = {
            {"entry", words({{"vi", "Xuất nhập cảnh"}, {"en", "Entry and exit"}, {"km", "ការចេញចូល"},
                             {"th", "การเข้าออกเมือง"}, {"zh", "出入境"}}), ""},
            {"tourism", words({{"vi", "Du lịch"}, {"en", "Tourism"}, {"km", "ទេសចរណ៍"}, {"th", "การท่องเที่ยว"},
                               {"zh", "旅游"}}), "icons/tourism.png"},
            {"films", words({{"vi", "Phim"}, {"en", "Films"}, {"km", "ភាពយន្ត"}, {"th", "ภาพยนตร์"},
                             {"zh", "影片"}}), ""},
            {"maps", words({{"vi", "Bản đồ"}, {"en", "Maps"}, {"km", "ផែនទី"}, {"th", "แผนที่"}, {"zh", "地图"}}),
             ""},
        };
        Slide entry;
        entry.id = "crossing";
        entry.category = "entry";
        entry.link = "https://example.gov.vn/moc-bai/entry-exit?lang=all";
        entry.title = words({{"vi", "Thủ tục xuất nhập cảnh"}, {"en", "Crossing the border"},
                             {"km", "នីតិវិធីឆ្លងដែន"}, {"th", "ขั้นตอนการผ่านแดน"}, {"zh", "出入境手续"}});
        entry.body = words(
            {{"vi", "Xuất trình hộ chiếu còn hạn khi qua cửa khẩu.\n\nHàng hóa và ngoại tệ vượt định mức phải khai "
                    "báo hải quan.\n- Giờ mở cửa: 7:00 – 22:00\n- Đường dây nóng: 113"},
             {"en", "Show a valid passport when you cross.\n\nGoods and foreign currency above the limits must be "
                    "declared to customs.\n- Open 7:00 – 22:00\n- Hotline: 113"},
             {"km", "សូមបង្ហាញលិខិតឆ្លងដែនដែលនៅមានសុពលភាព នៅពេលឆ្លងកាត់ច្រកទ្វារ។\n\nទំនិញ "
                    "និងរូបិយប័ណ្ណបរទេសលើសកំណត់ ត្រូវប្រកាសជូនគយ។\n- ម៉ោងបើក៖ 7:00 – 22:00\n- ទូរស័ព្ទបន្ទាន់៖ 113"},
             {"th", "กรุณาแสดงหนังสือเดินทางที่ยังไม่หมดอายุเมื่อผ่านด่าน\n\nสินค้าและเงินตราต่างประเทศที่เกินกำหนด"
                    "ต้องสำแดงต่อเจ้าหน้าที่ศุลกากร\n- เวลาเปิด 7:00 – 22:00\n- สายด่วน 113"},
             {"zh", "过境时请出示有效护照。\n\n超过规定限额的货物和外币须向海关申报。\n- 开放时间：7:00 – 22:00\n- "
                    "热线：113"}});
        Slide tour;
        tour.id = "tay-ninh";
        tour.category = "tourism";
        tour.image = "photos/mountain.png";
        tour.gallery = {"photos/tall.png", "photos/square.png"};
        tour.link = "https://example.gov.vn/tay-ninh/du-lich";
        tour.title = words({{"vi", "Núi Bà Đen và Tòa Thánh Tây Ninh"}, {"en", "Ba Den Mountain and the Tay Ninh Holy See"},
                            {"km", "ភ្នំបាដិន និងវិហារតៃនិញ"}, {"th", "ภูเขาบ่าเด็นและมหาวิหารเตยนิญ"},
                            {"zh", "黑婆山与西宁圣座"}});
        tour.caption = words({{"vi", "Minh họa: đỉnh núi lúc bình minh"}, {"en", "Illustration: the summit at dawn"},
                              {"km", "រូបភាព៖ កំពូលភ្នំពេលព្រឹកព្រលឹម"}, {"th", "ภาพประกอบ: ยอดเขายามรุ่งอรุณ"},
                              {"zh", "插图：黎明时的山顶"}});
        tour.body = words(
            {{"vi", "Núi Bà Đen cao 986 m, là ngọn núi cao nhất Nam Bộ, cách cửa khẩu khoảng 60 km. Cáp treo đưa du "
                    "khách lên đỉnh núi trong mười lăm phút.\n\nTòa Thánh Cao Đài Tây Ninh, xây dựng từ năm 1933, "
                    "mở cửa đón khách tham quan hằng ngày. Xin ăn mặc lịch sự và giữ trật tự trong giờ hành lễ."},
             {"en", "Ba Den Mountain, 986 m high, is the tallest peak of southern Viet Nam, about 60 km from the "
                    "gate. A cable car takes visitors to the top in fifteen minutes.\n\nThe Cao Dai Holy See of Tay "
                    "Ninh, built from 1933, welcomes visitors every day. Please dress modestly and keep quiet during "
                    "ceremonies."},
             {"km", "ភ្នំបាដិនមានកម្ពស់ ៩៨៦ ម៉ែត្រ ជាភ្នំខ្ពស់ជាងគេនៅភាគខាងត្បូងប្រទេសវៀតណាម "
                    "ចម្ងាយប្រមាណ ៦០ គីឡូម៉ែត្រពីច្រកទ្វារ។ ខ្សែកាប្រព័ន្ធ នាំភ្ញៀវឡើងដល់កំពូលភ្នំក្នុងរយៈពេលដប់ប្រាំនាទី។\n\n"
                    "វិហារកាវដាយតៃនិញ ដែលសាងសង់តាំងពីឆ្នាំ ១៩៣៣ ស្វាគមន៍ភ្ញៀវទេសចររៀងរាល់ថ្ងៃ។ "
                    "សូមស្លៀកពាក់សមរម្យ និងរក្សាភាពស្ងប់ស្ងាត់ក្នុងពេលពិធី។"},
             {"th", "ภูเขาบ่าเด็นสูง 986 เมตร เป็นภูเขาที่สูงที่สุดในภาคใต้ของเวียดนาม อยู่ห่างจากด่านประมาณ 60 "
                    "กิโลเมตร กระเช้าลอยฟ้าพานักท่องเที่ยวขึ้นถึงยอดเขาภายในสิบห้านาที\n\nมหาวิหารกาวไดเตยนิญ "
                    "สร้างตั้งแต่ปี 1933 เปิดต้อนรับนักท่องเที่ยวทุกวัน กรุณาแต่งกายสุภาพและรักษาความสงบระหว่างพิธี"},
             {"zh", "黑婆山海拔986米，是越南南部最高的山峰，距口岸约60公里。游客乘缆车十五分钟即可登顶。\n\n"
                    "西宁高台教圣座始建于1933年，每天向游客开放。参观时请衣着得体，仪式期间请保持安静。"}});
        Slide film;
        film.id = "film";
        film.category = "films";
        film.video = "films/welcome.mp4";
        film.image = "photos/poster.png";
        film.title = words({{"vi", "Phim giới thiệu Tây Ninh"}, {"en", "A film about Tay Ninh"},
                            {"km", "ភាពយន្តអំពីខេត្តតៃនិញ"}, {"th", "ภาพยนตร์แนะนำจังหวัดเตยนิญ"},
                            {"zh", "西宁省介绍影片"}});
        film.body = words({{"vi", "Ba phút về con người và cảnh sắc Tây Ninh."},
                           {"en", "Three minutes of the people and landscapes of Tay Ninh."},
                           {"km", "បីនាទីអំពីប្រជាជន និងទេសភាពខេត្តតៃនិញ។"},
                           {"th", "สามนาทีกับผู้คนและทิวทัศน์ของจังหวัดเตยนิญ"},
                           {"zh", "三分钟了解西宁省的人民与风光。"}});
        Slide map;
        map.id = "map";
        map.category = "maps";
        map.map = "maps/region/index.json";
        map.title = words({{"vi", "Bản đồ khu vực"}, {"en", "Map of the area"}, {"km", "ផែនទីតំបន់"},
                           {"th", "แผนที่บริเวณ"}, {"zh", "区域地图"}});
        map.body = words({{"vi", "Chụm hai ngón tay để phóng to."}, {"en", "Pinch to zoom in."},
                          {"km", "ច្បិចម្រាមដៃពីរដើម្បីពង្រីក។"}, {"th", "ใช้สองนิ้วเพื่อขยาย"}, {"zh", "双指缩放地图。"}});
        content.slides = {entry, tour, film, map};
        objects.files["photos/mountain.png"] = make_png(1600, 900, {70, 130, 200, 255});
        objects.files["photos/tall.png"] = make_png(600, 900, {200, 120, 80, 255});
        objects.files["photos/square.png"] = make_png(700, 700, {90, 90, 160, 255});
        objects.files["photos/poster.png"] = make_png(1280, 720, {40, 40, 60, 255});
        objects.files["icons/tourism.png"] = make_png(256, 256, {38, 166, 154, 255});
    }
};

Synthetic& synthetic() {
    static Synthetic s;
    return s;
}

LocalTime some_time() {
    return LocalTime::from_minute(*parse_local_datetime("2026-05-04T10:00")); // a Monday morning
}

BrowseState at(Screen screen, const std::string& lang, std::size_t category = 0, std::size_t page = 0,
               std::size_t picture = 0) {
    BrowseState s;
    s.screen = screen;
    s.language = lang;
    s.category = category;
    s.page = page;
    s.picture = picture;
    return s;
}

// What a painter needs for one content, and its catalog.
struct Station {
    BrowseSources sources;
    Catalog catalog;
    Station(const Content& content, const ObjectSource& objects) {
        sources.contents = {&content};
        sources.objects = {&objects};
        catalog = make_catalog(sources.contents, some_time());
    }
};

Station& demo_station() {
    static Station s(demo().icons->content, *demo().icons->objects);
    return s;
}
Station& plain_station() {
    static Station s(demo().plain->content, *demo().plain->objects);
    return s;
}
Station& synthetic_station() {
    static Station s(synthetic().content, synthetic().objects);
    return s;
}

const DisplayProfile kLandscape{"landscape", 1920, 1080, true};
const DisplayProfile kPortrait{"portrait", 1080, 1920, true};

// Every screen a traveller can reach in a language: the picker, Home, each category and each page with
// its pictures.
std::vector<BrowseState> every_screen(const Catalog& catalog, const std::string& lang) {
    std::vector<BrowseState> states{at(Screen::Languages, ""), at(Screen::Languages, lang), at(Screen::Home, lang)};
    for (std::size_t c = 0; c < catalog.categories.size(); ++c) {
        states.push_back(at(Screen::Category, lang, c));
        for (std::size_t p = 0; p < catalog.categories[c].pages.size(); ++p)
            for (std::size_t picture : {0, 1, 2})
                states.push_back(at(Screen::Page, lang, c, p, picture));
    }
    return states;
}

const HitTarget* tap(const std::vector<HitTarget>& targets, int x, int y) {
    for (const auto& t : targets)
        if (t.box.contains(x, y))
            return &t;
    return nullptr;
}

std::vector<HitTarget> of_kind(const std::vector<HitTarget>& targets, Command::Kind kind) {
    std::vector<HitTarget> out;
    for (const auto& t : targets)
        if (t.command.kind == kind)
            out.push_back(t);
    std::stable_sort(out.begin(), out.end(), [](const HitTarget& a, const HitTarget& b) {
        return a.box.y != b.box.y ? a.box.y < b.box.y : a.box.x < b.box.x;
    });
    return out;
}

std::string joined(const std::set<std::string>& names) {
    std::string out;
    for (const auto& n : names)
        out += n + " ";
    return out;
}

Canvas make_canvas(int w, int h) {
    auto canvas = Canvas::create(w, h);
    REQUIRE(canvas.ok());
    return std::move(canvas.value());
}

// Paints a screen with its pictures in place, as the app shows it once they have arrived.
std::vector<HitTarget> paint_settled(BrowsePainter& painter, Canvas& canvas, const BrowseState& state,
                                     const Catalog& catalog) {
    painter.paint(canvas, state, catalog, canvas.width(), canvas.height());
    painter.finish_pictures();
    return painter.paint(canvas, state, catalog, canvas.width(), canvas.height());
}

void save_and_compare(const Canvas& canvas, const std::string& name) {
    auto out = demo().dir / ("screens-" + name + ".png");
    REQUIRE(canvas.save_png(out).ok());
    compare_with_golden("screens-" + name, out);
}

void blit_overlay(Canvas& screen, const Canvas& overlay, Box at) {
    SDL_Rect dst{at.x, at.y, at.w, at.h};
    SDL_BlitSurface(overlay.surface(), nullptr, screen.surface(), &dst);
}

} // namespace

TEST_CASE("the catalog holds the categories with pages open now in content order", "[screens][catalog]") {
    Content own;
    own.channel = "own";
    own.languages = {"vi", "en"};
    own.categories = {{"a", {}, ""}, {"b", {}, ""}, {"c", {}, ""}, {"d", {}, ""}};
    auto slide = [](std::string id, std::string category) {
        Slide s;
        s.id = std::move(id);
        s.category = std::move(category);
        return s;
    };
    Slide loop_only = slide("loop-only", "a");
    loop_only.showing = Showing::Attract;
    Slide later = slide("later", "b");
    later.times.from = *parse_local_datetime("2026-06-01");
    Slide weekend = slide("weekend", "b");
    weekend.times.weekdays = 0x60; // Saturday and Sunday
    Slide mornings = slide("mornings", "c");
    mornings.times.times = {*parse_daily_window("08:00-12:00")};
    Slide nights = slide("nights", "c");
    nights.times.times = {*parse_daily_window("22:00-06:00")};
    nights.times.weekdays = 0x40; // Sunday nights, into Monday morning
    Slide browse = slide("browse", "d");
    browse.showing = Showing::Browse;
    Slide campaign = slide("campaign", "d");
    own.slides = {slide("a1", "a"), loop_only, later, weekend, mornings, nights, browse, campaign, slide("a2", "a")};
    Playlist week;
    week.id = "week";
    week.slides = {"campaign"};
    week.times.until = *parse_local_datetime("2026-05-01");
    own.playlists = {week};

    auto monday_10 = LocalTime::from_minute(*parse_local_datetime("2026-05-04T10:00"));
    Catalog catalog = make_catalog({&own}, monday_10);
    CHECK(catalog.languages == std::vector<std::string>{"vi", "en"});
    REQUIRE(catalog.categories.size() == 3); // b has nothing open on a Monday in May
    CHECK(catalog.categories[0].id == "a");
    CHECK(catalog.categories[0].pages == std::vector<SlideRef>{{0, 0}, {0, 8}});
    CHECK(catalog.categories[1].id == "c");
    CHECK(catalog.categories[1].pages == std::vector<SlideRef>{{0, 4}});
    CHECK(catalog.categories[2].id == "d");
    CHECK(catalog.categories[2].pages == std::vector<SlideRef>{{0, 6}}); // the campaign's week is over
    CHECK(catalog.find("c") == 1);
    CHECK(catalog.find("b") == SIZE_MAX);

    // Sunday night's window still holds at 02:00 on Monday, and not on Tuesday.
    auto monday_2 = LocalTime::from_minute(*parse_local_datetime("2026-05-04T02:00"));
    auto tuesday_2 = LocalTime::from_minute(*parse_local_datetime("2026-05-05T02:00"));
    CHECK(make_catalog({&own}, monday_2).categories[1].pages == std::vector<SlideRef>{{0, 5}});
    CHECK(make_catalog({&own}, tuesday_2).find("c") == SIZE_MAX);
    auto saturday = LocalTime::from_minute(*parse_local_datetime("2026-05-09T15:00"));
    CHECK(make_catalog({&own}, saturday).categories[1].pages == std::vector<SlideRef>{{0, 3}});
    CHECK(make_catalog({}, monday_10).categories.empty());
}

TEST_CASE("merged channels add their categories only when a merge rule lets travellers browse them",
          "[screens][catalog]") {
    Content own, national, other;
    own.channel = "province";
    own.languages = {"vi", "en", "lo"};
    own.categories = {{"rules", {}, ""}};
    own.slides = {Slide{.id = "r", .category = "rules"}};
    national.channel = "national";
    national.categories = {{"asean", {}, ""}, {"empty", {}, ""}};
    national.slides = {Slide{.id = "n", .category = "asean"}};
    other.channel = "other";
    other.categories = {{"other", {}, ""}};
    other.slides = {Slide{.id = "o", .category = "other"}};
    own.merge = {{"national", 3, true}, {"other", 0, false}};
    auto catalog = make_catalog({&own, &national, &other}, some_time());
    REQUIRE(catalog.categories.size() == 2);
    CHECK(catalog.categories[1].id == "asean");
    CHECK(catalog.categories[1].source == 1);
    CHECK(catalog.categories[1].pages == std::vector<SlideRef>{{1, 0}});
    CHECK(catalog.languages == own.languages);
    own.merge = {};
    CHECK(make_catalog({&own, &national, &other}, some_time()).categories.size() == 1);
}

TEST_CASE("the demo's catalog has every category with its pages", "[screens][catalog]") {
    const Catalog& catalog = plain_station().catalog;
    REQUIRE(catalog.categories.size() == 8);
    for (std::size_t i = 0; i < 8; ++i)
        CHECK(catalog.categories[i].id == kDemoCategories[i]);
    CHECK(catalog.categories[4].pages.size() == 2); // Thanh Hoa tourism and the Ho citadel
    CHECK(catalog.languages == std::vector<std::string>{"vi", "en", "lo"});
}

TEST_CASE("QR codes have their three finder patterns and whole-pixel modules", "[screens][qr]") {
    auto text = GENERATE(as<std::string>{}, "https://thanhhoa.gov.vn/na-meo",
                         "https://example.gov.vn/" + std::string(977, 'a'));
    int max_side = GENERATE(200, 333, 600);
    auto qr = make_qr(text, max_side);
    INFO(text.size() << " bytes in " << max_side << " px");
    if (!qr) {
        // Only a long address in a small square may fail, and it says why.
        CHECK(text.size() > 500);
        CHECK(max_side < 200 + 1);
        CHECK(qr.error().code == ErrorCode::TooLarge);
        CHECK(qr.error().message.find("shorter web address") != std::string::npos);
        return;
    }
    SDL_Surface* s = qr->get();
    REQUIRE(s->w == s->h);
    CHECK(s->w <= max_side);
    auto dark = [&](int x, int y) {
        return (static_cast<const Uint32*>(s->pixels)[y * s->pitch / 4 + x] & 0xFFFFFF) == 0;
    };
    // The first dark pixel on the diagonal is the top-left finder's corner, four modules in.
    int corner = 0;
    while (corner < s->w && !dark(corner, corner))
        ++corner;
    REQUIRE(corner % kQrQuietModules == 0);
    int module = corner / kQrQuietModules;
    REQUIRE(module >= 1);
    REQUIRE(s->w % module == 0);
    int modules = s->w / module - 2 * kQrQuietModules;
    CHECK((modules - 17) % 4 == 0); // a QR code is 17 + 4 x version modules wide
    // Every pixel of a module has its colour, and the quiet zone is white.
    for (int y = 0; y < s->h; ++y)
        for (int x = 0; x < s->w; ++x) {
            int mx = x / module, my = y / module;
            if (dark(x, y) != dark(mx * module, my * module))
                FAIL("module " << mx << "," << my << " is not whole");
            if (mx < kQrQuietModules || my < kQrQuietModules || mx >= modules + kQrQuietModules ||
                my >= modules + kQrQuietModules)
                REQUIRE_FALSE(dark(x, y));
        }
    auto finder_at = [&](int mx, int my) {
        for (int j = 0; j < 7; ++j)
            for (int i = 0; i < 7; ++i) {
                bool ring = i == 0 || j == 0 || i == 6 || j == 6;
                bool centre = i >= 2 && i <= 4 && j >= 2 && j <= 4;
                int px = (kQrQuietModules + mx + i) * module + module / 2;
                int py = (kQrQuietModules + my + j) * module + module / 2;
                if (dark(px, py) != (ring || centre))
                    return false;
            }
        return true;
    };
    CHECK(finder_at(0, 0));
    CHECK(finder_at(modules - 7, 0));
    CHECK(finder_at(0, modules - 7));
    CHECK_FALSE(finder_at(modules - 7, modules - 7));
}

TEST_CASE("QR codes refuse what cannot be shown with a clear reason", "[screens][qr]") {
    CHECK_FALSE(make_qr("", 300).ok());
    auto small = make_qr("https://thanhhoa.gov.vn/na-meo", 20);
    REQUIRE_FALSE(small.ok());
    CHECK(small.error().message.find("does not fit 20 pixels") != std::string::npos);
    auto huge = make_qr(std::string(4000, 'x'), 2000);
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.error().code == ErrorCode::TooLarge);
    // The longest link content-tool accepts fits the page's QR square on both touch profiles.
    auto longest = make_qr("https://example.gov.vn/" + std::string(977, 'a'), 205);
    CHECK(longest.ok());
}

TEST_CASE("screen metrics turn millimetres into pixels for the panel's size", "[screens]") {
    auto landscape = ScreenMetrics::of(1920, 1080, 43);
    CHECK(landscape.px_per_mm == Approx(2.017).epsilon(0.01));
    CHECK(landscape.min_target_px() == 19);
    CHECK(ScreenMetrics::of(1080, 1920, 43).min_target_px() == 19);
    CHECK(ScreenMetrics::of(1080, 1920, 32).min_target_px() == 25);
    CHECK(ScreenMetrics::of(3840, 2160, 55).min_target_px() == 29);
    CHECK(ScreenMetrics::of(1920, 1080, 0).min_target_px() == 19); // no diagonal configured: 43"
}

TEST_CASE("every button on every screen is at least 9 mm on both sides", "[screens][targets]") {
    auto profile = GENERATE(kLandscape, kPortrait);
    float inches = GENERATE(32.0f, 43.0f, 55.0f, 86.0f);
    auto which = GENERATE(0, 1);
    Station& station = which == 0 ? demo_station() : synthetic_station();
    const std::string lang = which == 0 ? "lo" : "km";
    BrowsePainter painter(shared_text_engine(), station.sources, profile, inches);
    auto canvas = make_canvas(profile.width, profile.height);
    int min = ScreenMetrics::of(profile.width, profile.height, inches).min_target_px();
    INFO(profile.name << " at " << inches << "\" needs " << min << " px");
    auto check = [&](const std::vector<HitTarget>& targets, const std::string& what) {
        INFO(what);
        for (const auto& t : targets) {
            INFO("command " << static_cast<int>(t.command.kind) << " at " << t.box.x << "," << t.box.y << " " << t.box.w << "x"
                                              << t.box.h);
            CHECK(t.box.w >= min);
            CHECK(t.box.h >= min);
            CHECK(t.box.x >= 0);
            CHECK(t.box.y >= 0);
            CHECK(t.box.x + t.box.w <= profile.width);
            CHECK(t.box.y + t.box.h <= profile.height);
        }
        // No two buttons share a pixel: a tap means one thing.
        for (std::size_t i = 0; i < targets.size(); ++i)
            for (std::size_t j = i + 1; j < targets.size(); ++j) {
                const Box &a = targets[i].box, &b = targets[j].box;
                bool apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
                CHECK(apart);
            }
    };
    for (const auto& state : every_screen(station.catalog, lang)) {
        auto targets = painter.paint(canvas, state, station.catalog, profile.width, profile.height);
        CHECK(targets.size() >= 3);
        check(targets, "screen " + std::to_string(static_cast<int>(state.screen)) + " " + std::to_string(state.category) + "/" +
                           std::to_string(state.page));
    }
    Box strip = painter.language_strip_box(station.catalog, profile.width, profile.height);
    auto strip_canvas = make_canvas(strip.w, strip.h);
    auto strip_targets = painter.paint_language_strip(strip_canvas, station.catalog, profile.width, profile.height);
    CHECK(strip_targets.size() == station.catalog.languages.size());
    check(strip_targets, "language strip");
}

TEST_CASE("each button does what it shows", "[screens][targets]") {
    Station& station = demo_station();
    const Catalog& catalog = station.catalog;
    auto profile = GENERATE(kLandscape, kPortrait);
    int w = profile.width, h = profile.height;
    BrowsePainter painter(shared_text_engine(), station.sources, profile);
    auto canvas = make_canvas(w, h);
    INFO(profile.name);

    SECTION("the language picker lists the station's languages in order") {
        auto targets = painter.paint(canvas, at(Screen::Languages, ""), catalog, w, h);
        auto choices = of_kind(targets, Command::Kind::ChooseLanguage);
        REQUIRE(choices.size() == 3);
        CHECK(choices[0].command.text == "vi");
        CHECK(choices[1].command.text == "en");
        CHECK(choices[2].command.text == "lo");
    }
    SECTION("the bar's buttons are in the same place on every screen") {
        std::optional<std::vector<Box>> first;
        for (const auto& state : every_screen(catalog, "en")) {
            auto targets = painter.paint(canvas, state, catalog, w, h);
            std::vector<Box> bar;
            for (auto kind : {Command::Kind::Home, Command::Kind::Back, Command::Kind::ChangeLanguage}) {
                auto found = of_kind(targets, kind);
                REQUIRE(found.size() == 1);
                bar.push_back(found[0].box);
            }
            if (!first)
                first = bar;
            CHECK(bar == *first);
        }
        // Home at the top left, the language at the top right.
        auto targets = painter.paint(canvas, at(Screen::Page, "en", 1), catalog, w, h);
        const auto& home = (*first)[0];
        REQUIRE(tap(targets, home.x + 2, home.y + 2));
        CHECK(tap(targets, home.x + 2, home.y + 2)->command.kind == Command::Kind::Home);
        CHECK(home.x < w / 4);
        CHECK((*first)[2].x > w / 2);
    }
    SECTION("tapping the second tile opens the second category") {
        auto targets = painter.paint(canvas, at(Screen::Home, "vi"), catalog, w, h);
        auto tiles = of_kind(targets, Command::Kind::OpenCategory);
        REQUIRE(tiles.size() == catalog.categories.size());
        for (std::size_t i = 0; i < tiles.size(); ++i)
            CHECK(tiles[i].command.index == i); // in reading order
        const Box& second = tiles[1].box;
        const HitTarget* hit = tap(targets, second.x + second.w / 2, second.y + second.h / 2);
        REQUIRE(hit);
        CHECK(hit->command == Command{Command::Kind::OpenCategory, 1});
    }
    SECTION("a category lists its pages and a page leads to the next") {
        std::size_t tourism = catalog.find("tourism");
        auto targets = painter.paint(canvas, at(Screen::Category, "lo", tourism), catalog, w, h);
        auto pages = of_kind(targets, Command::Kind::OpenPage);
        REQUIRE(pages.size() == 2);
        CHECK(pages[0].command.index == 0);
        CHECK(pages[1].command.index == 1);
        auto first = painter.paint(canvas, at(Screen::Page, "lo", tourism, 0), catalog, w, h);
        CHECK(of_kind(first, Command::Kind::NextPage).size() == 1);
        CHECK(of_kind(first, Command::Kind::PreviousPage).empty());
        auto second = painter.paint(canvas, at(Screen::Page, "lo", tourism, 1), catalog, w, h);
        CHECK(of_kind(second, Command::Kind::NextPage).empty());
        CHECK(of_kind(second, Command::Kind::PreviousPage).size() == 1);
        auto single = painter.paint(canvas, at(Screen::Page, "lo", catalog.find("hours")), catalog, w, h);
        CHECK(of_kind(single, Command::Kind::NextPage).empty());
        CHECK(of_kind(single, Command::Kind::PreviousPage).empty());
    }
    SECTION("the map page tells the app where the zoomable map goes") {
        auto state = at(Screen::Page, "en", catalog.find("maps"));
        Box map = painter.media_box(state, catalog, w, h);
        CHECK(map.w > w / 3);
        CHECK(map.h > h / 5);
        CHECK(painter.media_box(at(Screen::Page, "en", catalog.find("hours")), catalog, w, h) == Box{});
        CHECK(painter.media_box(at(Screen::Home, "en"), catalog, w, h) == Box{});
    }
}

TEST_CASE("a gallery swipes by its arrows and a film has a 16:9 place", "[screens][targets]") {
    Station& station = synthetic_station();
    const Catalog& catalog = station.catalog;
    auto profile = GENERATE(kLandscape, kPortrait);
    int w = profile.width, h = profile.height;
    BrowsePainter painter(shared_text_engine(), station.sources, profile);
    auto canvas = make_canvas(w, h);
    auto gallery_page = at(Screen::Page, "th", catalog.find("tourism"));
    auto targets = painter.paint(canvas, gallery_page, catalog, w, h);
    auto previous = of_kind(targets, Command::Kind::PreviousPicture);
    auto next = of_kind(targets, Command::Kind::NextPicture);
    REQUIRE(previous.size() == 1);
    REQUIRE(next.size() == 1);
    Box gallery = painter.gallery_box(gallery_page, catalog, w, h);
    CHECK(gallery.contains(previous[0].box.x, previous[0].box.y));
    CHECK(gallery.contains(next[0].box.x + next[0].box.w - 1, next[0].box.y));
    CHECK(previous[0].box.x < next[0].box.x);
    CHECK(page_pictures(synthetic().content.slides[1]).size() == 3);

    auto film_page = at(Screen::Page, "zh", catalog.find("films"));
    Box film = painter.media_box(film_page, catalog, w, h);
    CHECK(std::abs(film.w * 9 - film.h * 16) <= 16);
    CHECK(film.w > w / 3);
    CHECK(painter.gallery_box(film_page, catalog, w, h) == Box{});

    // The still-there panel keeps the whole screen alive.
    Box panel = painter.still_there_box(w, h);
    auto panel_canvas = make_canvas(panel.w, panel.h);
    auto still = painter.paint_still_there(panel_canvas, "zh", 7, w, h);
    REQUIRE(still.size() == 1);
    CHECK(still[0].box == Box{0, 0, w, h});
    CHECK(still[0].command.kind == Command::Kind::Touch);
}

TEST_CASE("the language strip goes straight to Home in each language", "[screens][targets]") {
    Station& station = demo_station();
    auto profile = GENERATE(kLandscape, kPortrait);
    BrowsePainter painter(shared_text_engine(), station.sources, profile);
    Box box = painter.language_strip_box(station.catalog, profile.width, profile.height);
    CHECK(box.y + box.h == profile.height);
    CHECK(box.h < profile.height / 4);
    auto canvas = make_canvas(box.w, box.h);
    auto targets = painter.paint_language_strip(canvas, station.catalog, profile.width, profile.height, 2);
    auto choices = of_kind(targets, Command::Kind::ChooseLanguage);
    REQUIRE(choices.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(choices[i].command.text == station.catalog.languages[i]);
        CHECK(box.contains(choices[i].box.x, choices[i].box.y));
    }
    // A banner along the bottom lifts the strip above it.
    Box banner = painter.notice_box(NoticeMode::Banner, profile.width, profile.height);
    painter.set_bottom_inset(banner.h);
    CHECK(painter.language_strip_box(station.catalog, profile.width, profile.height).y + box.h == banner.y);
}

TEST_CASE("every screen of the demo and of five scripts renders without a missing glyph or overflow",
          "[screens][text]") {
    auto profile = GENERATE(kLandscape, kPortrait);
    auto which = GENERATE(0, 1, 2);
    Station& station = which == 0 ? demo_station() : which == 1 ? plain_station() : synthetic_station();
    BrowsePainter painter(shared_text_engine(), station.sources, profile);
    auto canvas = make_canvas(profile.width, profile.height);
    for (const auto& lang : station.catalog.languages) {
        for (const auto& state : every_screen(station.catalog, lang))
            painter.paint(canvas, state, station.catalog, profile.width, profile.height);
        Box strip = painter.language_strip_box(station.catalog, profile.width, profile.height);
        auto strip_canvas = make_canvas(strip.w, strip.h);
        for (std::size_t hint = 0; hint < station.catalog.languages.size(); ++hint)
            painter.paint_language_strip(strip_canvas, station.catalog, profile.width, profile.height, hint);
        Box still = painter.still_there_box(profile.width, profile.height);
        auto still_canvas = make_canvas(still.w, still.h);
        painter.paint_still_there(still_canvas, lang, 9, profile.width, profile.height);
    }
    INFO(profile.name << " content " << which);
    CHECK(joined(painter.overflows()) == "");
    CHECK(joined(painter.missing_glyphs()) == "");
}

TEST_CASE("pictures keep their shape in every box", "[screens][pictures]") {
    auto profile = GENERATE(kLandscape, kPortrait);
    auto which = GENERATE(0, 1);
    Station& station = which == 0 ? demo_station() : synthetic_station();
    BrowsePainter painter(shared_text_engine(), station.sources, profile);
    auto canvas = make_canvas(profile.width, profile.height);
    std::size_t drawn = 0;
    for (const auto& state : every_screen(station.catalog, "en")) {
        paint_settled(painter, canvas, state, station.catalog);
        for (const auto& p : painter.drawn_pictures()) {
            INFO(p.path << " region " << p.region.w << "x" << p.region.h << " in " << p.box.w << "x" << p.box.h);
            // The box's height is the region's shape at the box's width, to a pixel.
            double expected_h = static_cast<double>(p.box.w) * p.region.h / p.region.w;
            double expected_w = static_cast<double>(p.box.h) * p.region.w / p.region.h;
            CHECK((std::abs(expected_h - p.box.h) <= 1.0 || std::abs(expected_w - p.box.w) <= 1.0));
            CHECK(p.box.x >= 0);
            CHECK(p.box.x + p.box.w <= profile.width);
            ++drawn;
        }
    }
    CHECK(drawn > 5);
}

TEST_CASE("a picture is never waited for: the screen shows at once and again when it arrives", "[screens]") {
    Station& station = synthetic_station();
    BrowsePainter painter(shared_text_engine(), station.sources, kPortrait);
    auto canvas = make_canvas(1080, 1920);
    auto page = at(Screen::Page, "vi", station.catalog.find("tourism"));
    painter.paint(canvas, page, station.catalog, 1080, 1920);
    CHECK(painter.drawn_pictures().empty());
    bool ready = false;
    for (int i = 0; i < 500 && !ready; ++i) {
        ready = painter.needs_repaint();
        if (!ready)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(ready);
    painter.paint(canvas, page, station.catalog, 1080, 1920);
    CHECK(painter.drawn_pictures().size() == 1);
    CHECK_FALSE(painter.needs_repaint());

    // Prefetching from Home reads the pages' pictures ahead, so they show on their first paint.
    auto home = at(Screen::Home, "vi");
    for (int i = 0; i < 100; ++i)
        painter.prefetch(home, station.catalog, 1080, 1920);
    painter.finish_pictures();
    painter.paint(canvas, at(Screen::Page, "vi", station.catalog.find("films")), station.catalog, 1080, 1920);
    CHECK(painter.drawn_pictures().size() == 1);
}

TEST_CASE("golden images of the touch screens", "[screens][golden]") {
    struct Shot {
        const char* name;
        int which; // 0 demo with icons, 1 demo as it is, 2 five scripts
        BrowseState state;
    };
    auto& d = demo_station().catalog;
    auto& s = synthetic_station().catalog;
    std::vector<Shot> shots = {
        {"languages", 0, at(Screen::Languages, "")},
        {"home-vi", 0, at(Screen::Home, "vi")},
        {"home-en", 0, at(Screen::Home, "en")},
        {"home-lo", 0, at(Screen::Home, "lo")},
        {"home-plain-en", 1, at(Screen::Home, "en")},
        {"category-tourism-en", 0, at(Screen::Category, "en", d.find("tourism"))},
        {"category-tourism-lo", 0, at(Screen::Category, "lo", d.find("tourism"))},
        {"page-entry-exit-vi", 0, at(Screen::Page, "vi", d.find("entry-exit"))},
        {"page-entry-exit-en", 0, at(Screen::Page, "en", d.find("entry-exit"))},
        {"page-entry-exit-lo", 0, at(Screen::Page, "lo", d.find("entry-exit"))},
        {"page-tourism-2-lo", 0, at(Screen::Page, "lo", d.find("tourism"), 1)},
        {"page-map-en", 0, at(Screen::Page, "en", d.find("maps"))},
        {"home-km", 2, at(Screen::Home, "km")},
        {"home-zh", 2, at(Screen::Home, "zh")},
        {"page-gallery-th", 2, at(Screen::Page, "th", s.find("tourism"), 0, 1)},
        {"page-gallery-km", 2, at(Screen::Page, "km", s.find("tourism"), 0, 0)},
        {"page-film-zh", 2, at(Screen::Page, "zh", s.find("films"))},
        {"page-text-km", 2, at(Screen::Page, "km", s.find("entry"))},
        {"page-text-th", 2, at(Screen::Page, "th", s.find("entry"))},
    };
    for (const auto& profile : {kPortrait, kLandscape}) {
        // Golden images are half the profile's size, which keeps them small; the layout is the same.
        int w = profile.width / 2, h = profile.height / 2;
        std::string suffix = profile.portrait() ? "-portrait" : "-landscape";
        BrowsePainter demo_painter(shared_text_engine(), demo_station().sources, profile);
        BrowsePainter plain_painter(shared_text_engine(), plain_station().sources, profile);
        BrowsePainter synthetic_painter(shared_text_engine(), synthetic_station().sources, profile);
        auto canvas = make_canvas(w, h);
        for (const auto& shot : shots) {
            BrowsePainter& painter = shot.which == 0 ? demo_painter : shot.which == 1 ? plain_painter : synthetic_painter;
            Station& station = shot.which == 0 ? demo_station() : shot.which == 1 ? plain_station() : synthetic_station();
            INFO(shot.name << suffix);
            paint_settled(painter, canvas, shot.state, station.catalog);
            save_and_compare(canvas, shot.name + suffix);
        }

        // The attract loop with its language strip (a plain background stands for the slide).
        {
            canvas.fill({0, 0, w, h}, theme::kBackground);
            Box box = demo_painter.language_strip_box(d, w, h);
            auto strip = make_canvas(box.w, box.h);
            demo_painter.paint_language_strip(strip, d, w, h, 2);
            blit_overlay(canvas, strip, box);
            save_and_compare(canvas, "attract-strip" + suffix);
        }
        // Eight languages in the picker and the strip.
        {
            Content eight = synthetic().content;
            eight.languages = {"vi", "en", "lo", "km", "th", "zh", "fr", "ru"};
            Station station(eight, synthetic().objects);
            BrowsePainter painter(shared_text_engine(), station.sources, profile);
            painter.paint(canvas, at(Screen::Languages, "km"), station.catalog, w, h);
            save_and_compare(canvas, "languages-eight" + suffix);
            canvas.fill({0, 0, w, h}, theme::kBackground);
            Box box = painter.language_strip_box(station.catalog, w, h);
            auto strip = make_canvas(box.w, box.h);
            painter.paint_language_strip(strip, station.catalog, w, h, 3);
            blit_overlay(canvas, strip, box);
            save_and_compare(canvas, "attract-strip-eight" + suffix);
        }
        // "Still there?" over a dimmed page.
        {
            paint_settled(synthetic_painter, canvas, at(Screen::Page, "km", s.find("entry")), s);
            veil(canvas, {0, 0, w, h}, theme::kHeader, 170);
            Box box = synthetic_painter.still_there_box(w, h);
            auto panel = make_canvas(box.w, box.h);
            synthetic_painter.paint_still_there(panel, "km", 8, w, h);
            blit_overlay(canvas, panel, box);
            save_and_compare(canvas, "still-there-km" + suffix);
        }
        // An urgent notice as a banner under Home, and taking over the screen.
        {
            Box box = demo_painter.notice_box(NoticeMode::Banner, w, h);
            demo_painter.set_bottom_inset(box.h);
            paint_settled(demo_painter, canvas, at(Screen::Home, "lo"), d);
            demo_painter.set_bottom_inset(0);
            auto banner = make_canvas(box.w, box.h);
            demo_painter.paint_notice(banner, NoticeMode::Banner,
                                      "ດ່ານປິດຊົ່ວຄາວ ຍ້ອນດິນເຈື່ອນ ຢູ່ທາງຫຼວງ 217. ກະລຸນາ ລໍຖ້າ ຄຳແນະນຳ ຈາກເຈົ້າໜ້າທີ່.",
                                      "ແຈ້ງການ ດ່ວນ", "lo", w, h);
            blit_overlay(canvas, banner, box);
            save_and_compare(canvas, "notice-banner-lo" + suffix);
            auto full = make_canvas(w, h);
            demo_painter.paint_notice(full, NoticeMode::Takeover,
                                      "Cửa khẩu tạm dừng làm thủ tục từ 14:00 đến 16:00 do sạt lở đất trên Quốc lộ "
                                      "217. Xin quý khách chờ hướng dẫn của cán bộ biên phòng.",
                                      "Thông báo khẩn", "vi", w, h);
            save_and_compare(full, "notice-takeover-vi" + suffix);
        }
    }
}

TEST_CASE("painting a screen on warm caches takes a few milliseconds", "[screens][timing]") {
    struct Case {
        const char* name;
        Station* station;
        BrowseState state;
    };
    auto& d = demo_station();
    auto& s = synthetic_station();
    std::vector<Case> cases = {
        {"languages", &d, at(Screen::Languages, "")},
        {"home (lo, 8 icon tiles)", &d, at(Screen::Home, "lo")},
        {"category (lo)", &d, at(Screen::Category, "lo", d.catalog.find("tourism"))},
        {"page entry-exit (lo)", &d, at(Screen::Page, "lo", d.catalog.find("entry-exit"))},
        {"page gallery + QR (th)", &s, at(Screen::Page, "th", s.catalog.find("tourism"))},
        {"page text + QR (km)", &s, at(Screen::Page, "km", s.catalog.find("entry"))},
    };
    std::printf("\nBrowse screens at 1080x1920 (portrait), milliseconds per paint:\n");
    for (const auto& c : cases) {
        BrowsePainter painter(shared_text_engine(), c.station->sources, kPortrait);
        auto canvas = make_canvas(1080, 1920);
        auto t0 = std::chrono::steady_clock::now();
        painter.paint(canvas, c.state, c.station->catalog, 1080, 1920);
        double first = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        painter.finish_pictures();
        std::vector<double> times;
        for (int i = 0; i < 30; ++i) {
            auto start = std::chrono::steady_clock::now();
            painter.paint(canvas, c.state, c.station->catalog, 1080, 1920);
            times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        std::sort(times.begin(), times.end());
        std::printf("  %-26s first %6.2f   warm median %5.2f   max %5.2f\n", c.name, first, times[times.size() / 2],
                    times.back());
    }
    BrowsePainter painter(shared_text_engine(), d.sources, kPortrait);
    Box box = painter.language_strip_box(d.catalog, 1080, 1920);
    auto strip = make_canvas(box.w, box.h);
    painter.paint_language_strip(strip, d.catalog, 1080, 1920, 0);
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 30; ++i)
        painter.paint_language_strip(strip, d.catalog, 1080, 1920, static_cast<std::size_t>(i));
    std::printf("  %-26s warm mean %5.2f\n", "language strip",
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / 30);
    SUCCEED();
}

// Not run by default: writes every screen at full size into $KIOSK_SCREENS_OUT (or /tmp/kiosk-screens)
// for a person to look at.
TEST_CASE("full-size screenshots of the touch screens for review", "[.][screens][screenshots]") {
    const char* env = std::getenv("KIOSK_SCREENS_OUT");
    fs::path out = env ? env : "/tmp/kiosk-screens";
    fs::create_directories(out);
    for (const auto& profile : {kPortrait, kLandscape}) {
        int w = profile.width, h = profile.height;
        auto canvas = make_canvas(w, h);
        for (int which : {0, 2}) {
            Station& station = which == 0 ? demo_station() : synthetic_station();
            BrowsePainter painter(shared_text_engine(), station.sources, profile);
            for (const auto& lang : station.catalog.languages)
                for (const auto& state : every_screen(station.catalog, lang)) {
                    if (state.picture > 0 || (state.screen == Screen::Languages && !state.language.empty()))
                        continue;
                    paint_settled(painter, canvas, state, station.catalog);
                    std::string name = profile.name + "-" + (which == 0 ? "demo" : "scripts") + "-" +
                                       std::to_string(static_cast<int>(state.screen)) + "-" + lang + "-c" +
                                       std::to_string(state.category) + "p" + std::to_string(state.page) + ".png";
                    REQUIRE(canvas.save_png(out / name).ok());
                }
        }
    }
}
