// Station name and a bilingual "insert a USB stick" message on the theme background.
#include "render/builtin_screen.hpp"

#include "render/slide_painter.hpp"
#include "render/text_painter.hpp"
#include "render/theme.hpp"

#include <algorithm>

namespace kiosk {

void paint_builtin_screen(Canvas& canvas, TextEngine& text, int w, int h, const std::string& station_name,
                          const std::string& reason) {
    canvas.fill({0, 0, w, h}, theme::kBackground);
    int base = std::min(w, h);
    int band = std::max(4, base / 90);
    canvas.fill({0, 0, w, band}, theme::kAccent);
    canvas.fill({0, h - band, w, band}, theme::kAccent);

    int margin = base / 12;
    int width = w - 2 * margin;
    TextStyle name_style{base / 14, Weight::Bold, "vi", Align::Center};
    name_style.markup = Markup::Off;
    TextBlockPtr name = text.fit(station_name, name_style, width, base / 4, base / 30);
    TextStyle vi_style{base / 24, Weight::Regular, "vi", Align::Center};
    TextBlockPtr vi = text.fit("Chưa có nội dung.\nHãy cắm USB có gói nội dung của Sở.", vi_style, width,
                               base / 5, base / 45);
    TextStyle en_style{base / 28, Weight::Regular, "en", Align::Center};
    TextBlockPtr en =
        text.fit("No content installed.\nInsert a USB stick with a content pack from the provincial office.",
                 en_style, width, base / 5, base / 50);
    int gap = base / 20;
    int total = name->height + gap + vi->height + gap / 2 + en->height;
    int y = std::max(band * 2, (h - total) / 2);
    paint_text(canvas, text, *name, margin, y, theme::kGold);
    y += name->height + gap;
    canvas.fill({w / 2 - base / 16, y - gap / 2 - 1, base / 8, 3}, theme::kAccent);
    paint_text(canvas, text, *vi, margin, y, theme::kTitle);
    y += vi->height + gap / 2;
    paint_text(canvas, text, *en, margin, y, theme::kBody);

    if (!reason.empty()) {
        TextStyle small{std::max(12, base / 60), Weight::Regular, "en", Align::Center};
        small.markup = Markup::Off; // file names and messages, shown as they are
        TextBlockPtr detail = text.fit(reason, small, width, base / 10, 10);
        paint_text(canvas, text, *detail, margin, h - band * 3 - detail->height, theme::kMuted);
    }
}

} // namespace kiosk
