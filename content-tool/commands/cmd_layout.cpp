// content-tool layout: the kiosk's own text engine on text from standard input, one output line per
// line it makes, so an editor can see why a text wraps as it does.
#include "commands/arguments.hpp"
#include "commands/commands.hpp"
#include "platform/linux/files.hpp"
#include "text/text_engine.hpp"

#include <charconv>
#include <cstdio>
#include <iostream>
#include <iterator>

namespace content_tool {

namespace {

std::optional<int> number(const std::optional<std::string>& text, int lo, int hi) {
    if (!text)
        return std::nullopt;
    int v = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || end != text->data() + text->size() || v < lo || v > hi)
        return std::nullopt;
    return v;
}

} // namespace

int cmd_layout(const Args& args) {
    auto parsed =
        parse_args(args, {"--lang", "--width", "--size", "--font", "--fonts-dir", "--cjk-fonts-dir"},
                   {"--bold", "--plain"});
    auto width = number(parsed.value("--width"), 8, 20000);
    auto size = number(parsed.value("--size"), 4, 1000);
    auto lang = parsed.value("--lang");
    if (!parsed.error.empty() || !parsed.positional.empty() || !width || !size || !lang)
        return usage_error(
            "usage: content-tool layout --lang CODE --width PX --size PX [--font FILE] [--bold] "
            "[--plain] < text\n(--size is the font size in pixels; --plain ignores markup)");
    kiosk::FontPaths paths;
    if (auto dir = parsed.value("--fonts-dir"))
        paths.noto_dir = *dir;
    if (auto dir = parsed.value("--cjk-fonts-dir"))
        paths.cjk_dir = *dir;
    auto engine = kiosk::TextEngine::open(paths);
    if (!engine) {
        std::fprintf(stderr, "content-tool: %s\n", engine.error().message.c_str());
        return kExitFailed;
    }
    if (auto font = parsed.value("--font")) {
        auto bytes = kiosk::platform::read_file(*font, 64ull << 20);
        auto file = bytes ? kiosk::FontLibrary::from_bytes(*font, std::move(bytes.value()))
                          : kiosk::Result<std::shared_ptr<const kiosk::FontFile>>(bytes.error());
        if (!file) {
            std::fprintf(stderr, "content-tool: %s\n", file.error().message.c_str());
            return kExitFailed;
        }
        engine->set_content_fonts({*file});
    }
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    kiosk::TextStyle style;
    style.px = *size;
    style.lang = *lang;
    style.weight = parsed.switches.count("--bold") ? kiosk::Weight::Bold : kiosk::Weight::Regular;
    style.markup = parsed.switches.count("--plain") ? kiosk::Markup::Off : kiosk::Markup::On;
    auto block = engine->layout(text, style, *width);
    int last_bottom = 0;
    for (const auto& line : block->lines) {
        if (line.y > last_bottom) // a paragraph gap
            std::printf("\n");
        std::printf("%s\n", line.text().c_str());
        last_bottom = line.y + line.height;
    }
    for (char32_t c : block->missing)
        std::fprintf(stderr, "content-tool: no font has U+%04X\n", static_cast<unsigned>(c));
    return block->missing.empty() ? kExitOk : kExitFailed;
}

} // namespace content_tool
