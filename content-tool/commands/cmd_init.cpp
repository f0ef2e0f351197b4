// content-tool init DIR: writes a small working content project to start from.
#include "commands/commands.hpp"
#include "platform/linux/files.hpp"

#include <cstdio>
#include <filesystem>

namespace content_tool {

namespace {

namespace fs = std::filesystem;

constexpr const char* kProject = R"sample(# Content project: one channel of slides for one or more stations.
# Check it with:  content-tool check .
# Build it with:  content-tool build . --key office.key -o content.kpack

channel = "vn.example.province"      # lowercase letters, digits, '.', '-' and '_'
stations = ["station-1"]             # station ids this content is for, or ["*"] for every station
languages = ["vi", "en", "lo"]       # shown in this order
default_language = "vi"
fallback = ["en", "vi"]              # tried in order when a slide lacks a translation

[name]
vi = "Trạm thông tin đối ngoại"
en = "Foreign information station"
lo = "ສະຖານີຂໍ້ມູນຂ່າວສານຕ່າງປະເທດ"

[[category]]
id = "welcome"
[category.label]
vi = "Chào mừng"
en = "Welcome"
lo = "ຍິນດີຕ້ອນຮັບ"

[[category]]
id = "hours"
[category.label]
vi = "Giờ làm việc"
en = "Opening hours"
lo = "ເວລາເຮັດວຽກ"

[[profile]]
name = "landscape"
width = 1920
height = 1080
touch = true
layout = "single"       # one language at a time

[[profile]]
name = "led-wall"
width = 1536
height = 768
touch = false
layout = "dual"         # the default language beside each other language in turn
)sample";

constexpr const char* kWelcome = R"sample(# The first slide travellers see.
id = "welcome"
category = "welcome"
duration = 10            # seconds each language is shown
image = "media/welcome.svg"

[title]
vi = "Chào mừng quý khách"
en = "Welcome"
lo = "ຍິນດີຕ້ອນຮັບ"

[body]
vi = """
Chào mừng quý khách đến Việt Nam.

Chạm vào màn hình để xem thông tin bằng ngôn ngữ của bạn."""
en = """
Welcome to Viet Nam.

Touch the screen to read information in your language."""
lo = """
ຍິນດີຕ້ອນຮັບສູ່ ປະເທດຫວຽດນາມ.

ແຕະໜ້າຈໍ ເພື່ອອ່ານຂໍ້ມູນ ເປັນພາສາຂອງທ່ານ."""

[caption]
vi = "Ảnh minh họa"
en = "Illustration"
lo = "ຮູບປະກອບ"
)sample";

constexpr const char* kHours = R"sample(# Opening hours of the gate.
id = "hours"
category = "hours"
duration = 8

[title]
vi = "Giờ làm việc"
en = "Opening hours"
lo = "ເວລາເຮັດວຽກ"

[body]
vi = "Hằng ngày: 7:00 - 18:00 (giờ Việt Nam, UTC+7)."
en = "Daily: 7:00 - 18:00 (Viet Nam time, UTC+7)."
lo = "ທຸກວັນ: 7:00 - 18:00 (ເວລາຫວຽດນາມ, UTC+7)."
)sample";

constexpr const char* kImage =
    R"sample(<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000" viewBox="0 0 1600 1000">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#7fb8e6"/>
      <stop offset="1" stop-color="#e8f3fb"/>
    </linearGradient>
  </defs>
  <rect width="1600" height="1000" fill="url(#sky)"/>
  <path d="M0 640 L260 420 L480 600 L760 360 L1040 610 L1300 430 L1600 620 L1600 1000 L0 1000 Z" fill="#2f6b3f"/>
  <path d="M0 760 L400 640 L800 740 L1200 620 L1600 730 L1600 1000 L0 1000 Z" fill="#3f8a4f"/>
  <rect x="620" y="560" width="360" height="220" fill="#f4efe3"/>
  <path d="M590 570 L800 450 L1010 570 Z" fill="#c0392b"/>
  <rect x="760" y="650" width="80" height="130" fill="#8a5a3b"/>
  <circle cx="1330" cy="200" r="70" fill="#ffd54a"/>
</svg>
)sample";

} // namespace

int cmd_init(const Args& args) {
    if (args.size() != 1)
        return usage_error("usage: content-tool init DIR");
    fs::path dir = args[0];
    std::error_code ec;
    if (fs::exists(dir / "project.toml", ec)) {
        std::fprintf(stderr, "content-tool: %s already holds a project.toml; nothing was written\n",
                     dir.c_str());
        return kExitFailed;
    }
    fs::create_directories(dir / "slides", ec);
    fs::create_directories(dir / "media", ec);
    if (ec) {
        std::fprintf(stderr, "content-tool: cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
        return kExitFailed;
    }
    for (auto [name, text] : {std::pair{"project.toml", kProject},
                              {"slides/01-welcome.toml", kWelcome},
                              {"slides/02-hours.toml", kHours},
                              {"media/welcome.svg", kImage}}) {
        auto written = kiosk::platform::write_file_atomic(dir / name, text);
        if (!written) {
            std::fprintf(stderr, "content-tool: %s\n", written.error().message.c_str());
            return kExitFailed;
        }
    }
    std::printf("Wrote a sample content project to %s.\nNext: content-tool check %s\n", dir.c_str(),
                dir.c_str());
    return kExitOk;
}

} // namespace content_tool
