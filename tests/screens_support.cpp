// Fixtures of the touch screens' tests: the demo packs, content in five scripts, and small helpers.
#include "screens_support.hpp"

#include <SDL_image.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

using namespace kiosk;
using namespace test_support;

namespace screens_support {

const char* const kDemoCategories[8] = {"welcome", "entry-exit", "hours",      "emergency",
                                        "tourism", "investment", "friendship", "maps"};

// The demo project as the repository has it (its categories name the icons under media/icons/), and a
// copy without the icons, each built into a signed pack once for all the screens tests.
DemoPacks::DemoPacks() {
    keys.add(key.public_key());
    build_source(source_dir() / "assets" / "demo", key, dir / "icons.kpack", 1);
    auto project = dir / "demo-plain";
    fs::copy(source_dir() / "assets" / "demo", project, fs::copy_options::recursive);
    auto toml = read_text(project / "project.toml");
    for (const char* id : kDemoCategories) {
        std::string line = std::string("icon = \"media/icons/") + id + ".svg\"\n";
        auto at = toml.find(line);
        REQUIRE(at != std::string::npos);
        toml.erase(at, line.size());
    }
    write_text(project / "project.toml", toml);
    build_source(project, key, dir / "demo.kpack", 1);
    auto p = load_from_file(dir / "demo.kpack", keys);
    auto i = load_from_file(dir / "icons.kpack", keys);
    REQUIRE(p.ok());
    REQUIRE(i.ok());
    plain.emplace(std::move(p.value()));
    icons.emplace(std::move(i.value()));
}

DemoPacks& demo() {
    static DemoPacks d;
    return d;
}

Result<std::string> MemoryObjects::read(std::string_view path) const {
    auto it = files.find(path);
    if (it == files.end())
        return make_error(ErrorCode::NotFound, std::string(path) + " is not here");
    return it->second;
}

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

static LocalizedText words(std::initializer_list<std::pair<const std::string, std::string>> list) {
    return LocalizedText(list);
}

// A station content in Vietnamese, English, Khmer, Thai and Chinese with every kind of page: a gallery
// with a long text and a QR code, a film, a map, and text alone with a QR code.
Synthetic::Synthetic() {
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
        {"entry",
         words({{"vi", "Xuất nhập cảnh"},
                {"en", "Entry and exit"},
                {"km", "ការចេញចូល"},
                {"th", "การเข้าออกเมือง"},
                {"zh", "出入境"}}),
         ""},
        {"tourism",
         words(
             {{"vi", "Du lịch"}, {"en", "Tourism"}, {"km", "ទេសចរណ៍"}, {"th", "การท่องเที่ยว"}, {"zh", "旅游"}}),
         "icons/tourism.png"},
        {"films",
         words({{"vi", "Phim"}, {"en", "Films"}, {"km", "ភាពយន្ត"}, {"th", "ภาพยนตร์"}, {"zh", "影片"}}), ""},
        {"maps", words({{"vi", "Bản đồ"}, {"en", "Maps"}, {"km", "ផែនទី"}, {"th", "แผนที่"}, {"zh", "地图"}}),
         ""},
    };
    Slide entry;
    entry.id = "crossing";
    entry.category = "entry";
    entry.link = "https://example.gov.vn/moc-bai/entry-exit?lang=all";
    entry.title = words({{"vi", "Thủ tục xuất nhập cảnh"},
                         {"en", "Crossing the border"},
                         {"km", "នីតិវិធីឆ្លងដែន"},
                         {"th", "ขั้นตอนการผ่านแดน"},
                         {"zh", "出入境手续"}});
    entry.body = words(
        {{"vi",
          "Xuất trình hộ chiếu còn hạn khi qua cửa khẩu.\n\nHàng hóa và ngoại tệ vượt định mức phải khai "
          "báo hải quan.\n- Giờ mở cửa: 7:00 – 22:00\n- Đường dây nóng: 113"},
         {"en",
          "Show a valid passport when you cross.\n\nGoods and foreign currency above the limits must be "
          "declared to customs.\n- Open 7:00 – 22:00\n- Hotline: 113"},
         {"km", "សូមបង្ហាញលិខិតឆ្លងដែនដែលនៅមានសុពលភាព នៅពេលឆ្លងកាត់ច្រកទ្វារ។\n\nទំនិញ "
                "និងរូបិយប័ណ្ណបរទេសលើសកំណត់ ត្រូវប្រកាសជូនគយ។\n- ម៉ោងបើក៖ 7:00 – 22:00\n- ទូរស័ព្ទបន្ទាន់៖ 113"},
         {"th", "กรุณาแสดงหนังสือเดินทางที่ยังไม่หมดอายุเมื่อผ่านด่าน\n\nสินค้าและเงินตราต่างประเทศที่เกินกำหนด"
                "ต้องสำแดงต่อเจ้าหน้าที่ศุลกากร\n- เวลาเปิด 7:00 – 22:00\n- สายด่วน 113"},
         {"zh",
          "过境时请出示有效护照。\n\n超过规定限额的货物和外币须向海关申报。\n- 开放时间：7:00 – 22:00\n- "
          "热线：113"}});
    Slide tour;
    tour.id = "tay-ninh";
    tour.category = "tourism";
    tour.image = "photos/mountain.png";
    tour.gallery = {"photos/tall.png", "photos/square.png"};
    tour.link = "https://example.gov.vn/tay-ninh/du-lich";
    tour.title = words({{"vi", "Núi Bà Đen và Tòa Thánh Tây Ninh"},
                        {"en", "Ba Den Mountain and the Tay Ninh Holy See"},
                        {"km", "ភ្នំបាដិន និងវិហារតៃនិញ"},
                        {"th", "ภูเขาบ่าเด็นและมหาวิหารเตยนิญ"},
                        {"zh", "黑婆山与西宁圣座"}});
    tour.caption = words({{"vi", "Minh họa: đỉnh núi lúc bình minh"},
                          {"en", "Illustration: the summit at dawn"},
                          {"km", "រូបភាព៖ កំពូលភ្នំពេលព្រឹកព្រលឹម"},
                          {"th", "ภาพประกอบ: ยอดเขายามรุ่งอรุณ"},
                          {"zh", "插图：黎明时的山顶"}});
    tour.body = words(
        {{"vi",
          "Núi Bà Đen cao 986 m, là ngọn núi cao nhất Nam Bộ, cách cửa khẩu khoảng 60 km. Cáp treo đưa "
          "du "
          "khách lên đỉnh núi trong mười lăm phút.\n\nTòa Thánh Cao Đài Tây Ninh, xây dựng từ năm 1933, "
          "mở cửa đón khách tham quan hằng ngày. Xin ăn mặc lịch sự và giữ trật tự trong giờ hành lễ."},
         {"en", "Ba Den Mountain, 986 m high, is the tallest peak of southern Viet Nam, about 60 km from the "
                "gate. A cable car takes visitors to the top in fifteen minutes.\n\nThe Cao Dai Holy See of "
                "Tay "
                "Ninh, built from 1933, welcomes visitors every day. Please dress modestly and keep quiet "
                "during "
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
    film.title = words({{"vi", "Phim giới thiệu Tây Ninh"},
                        {"en", "A film about Tay Ninh"},
                        {"km", "ភាពយន្តអំពីខេត្តតៃនិញ"},
                        {"th", "ภาพยนตร์แนะนำจังหวัดเตยนิญ"},
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
    map.title = words({{"vi", "Bản đồ khu vực"},
                       {"en", "Map of the area"},
                       {"km", "ផែនទីតំបន់"},
                       {"th", "แผนที่บริเวณ"},
                       {"zh", "区域地图"}});
    map.body = words({{"vi", "Chụm hai ngón tay để phóng to."},
                      {"en", "Pinch to zoom in."},
                      {"km", "ច្បិចម្រាមដៃពីរដើម្បីពង្រីក។"},
                      {"th", "ใช้สองนิ้วเพื่อขยาย"},
                      {"zh", "双指缩放地图。"}});
    content.slides = {entry, tour, film, map};
    objects.files["photos/mountain.png"] = make_png(1600, 900, {70, 130, 200, 255});
    objects.files["photos/tall.png"] = make_png(600, 900, {200, 120, 80, 255});
    objects.files["photos/square.png"] = make_png(700, 700, {90, 90, 160, 255});
    objects.files["photos/poster.png"] = make_png(1280, 720, {40, 40, 60, 255});
    objects.files["icons/tourism.png"] = make_png(256, 256, {38, 166, 154, 255});
}

Synthetic& synthetic() {
    static Synthetic s;
    return s;
}

LocalTime some_time() {
    return LocalTime::from_minute(*parse_local_datetime("2026-05-04T10:00")); // a Monday morning
}

BrowseState at(Screen screen, const std::string& lang, std::size_t category, std::size_t page,
               std::size_t picture) {
    BrowseState s;
    s.screen = screen;
    s.language = lang;
    s.category = category;
    s.page = page;
    s.picture = picture;
    return s;
}

// What a painter needs for one content, and its catalog.
Station::Station(const Content& content, const ObjectSource& objects) {
    sources.contents = {&content};
    sources.objects = {&objects};
    catalog = make_catalog(sources.contents, some_time());
}

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

extern const DisplayProfile kLandscape;
const DisplayProfile kLandscape{"landscape", 1920, 1080, true};
extern const DisplayProfile kPortrait;
const DisplayProfile kPortrait{"portrait", 1080, 1920, true};

// Every screen a traveller can reach in a language: the picker, Home, each category and each page with
// its pictures.
std::vector<BrowseState> every_screen(const Catalog& catalog, const std::string& lang) {
    std::vector<BrowseState> states{at(Screen::Languages, ""), at(Screen::Languages, lang),
                                    at(Screen::Home, lang)};
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

} // namespace screens_support
