// Slide layouts: landscape and portrait, one language or two side by side.
#include "render/slide_painter.hpp"

#include "base/log.hpp"
#include "render/image_decode.hpp"
#include "render/text_painter.hpp"
#include "render/theme.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk {

namespace {

constexpr std::size_t kImageCacheEntries = 6;

int scaled(int base, float factor) {
    return std::max(8, static_cast<int>(base * factor));
}

// Reads, decodes and fits an image to a w x h box; runs on a worker thread.
Result<SurfacePtr> load_fitted(const ObjectSource& objects, const std::string& path, int w, int h) {
    auto bytes = TRY(objects.read(path));
    auto decoded = TRY(decode_image(bytes));
    return cover_image(decoded.get(), w, h);
}

std::string image_key(const std::string& path, int w, int h) {
    return path + "@" + std::to_string(w) + "x" + std::to_string(h);
}

} // namespace

SlidePainter::SlidePainter(Canvas& canvas, TextEngine& text, const Content& content,
                           const ObjectSource& objects, const DisplayProfile& profile)
    : m_canvas(canvas), m_text(text), m_content(content), m_objects(objects), m_profile(profile) {}

SDL_Surface* SlidePainter::image(const std::string& path, int w, int h) {
    auto key = image_key(path, w, h);
    if (auto it = m_images.find(key); it != m_images.end())
        return it->second.get();
    if (m_failed_images.count(path))
        return nullptr;
    prefetch(path, w, h);
    auto pending = m_pending.find(key);
    auto fitted = pending->second.get();
    m_pending.erase(pending);
    if (!fitted) {
        log_error("slide image '" + path + "' cannot be shown: " + fitted.error().message);
        m_failed_images.insert(path);
        return nullptr;
    }
    if (m_images.size() >= kImageCacheEntries)
        m_images.clear();
    return m_images.emplace(key, std::move(fitted.value())).first->second.get();
}

void SlidePainter::prefetch(const std::string& path, int w, int h) {
    auto key = image_key(path, w, h);
    if (path.empty() || m_images.count(key) || m_failed_images.count(path) || m_pending.count(key))
        return;
    m_pending.emplace(key, std::async(std::launch::async, [&objects = m_objects, path, w, h] {
                          return load_fitted(objects, path, w, h);
                      }));
}

void SlidePainter::note_overflow(const TextBlock& block, const Slide& slide, const std::string& lang,
                                 const char* field) {
    auto name = slide.id + "/" + lang + "/" + field;
    for (char32_t c : block.missing) {
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
        if (m_missing.insert(name + " " + code).second)
            log_warn("no font has " + std::string(code) + " in " + name + "; it shows as a box");
    }
    if (block.overflow && m_overflows.insert(name).second)
        log_warn("text does not fit its box and was shortened: " + name);
}

void SlidePainter::paint_header(const SlideView& view, int w, int h, int base) {
    m_canvas.fill({0, 0, w, h}, theme::kHeader);
    m_canvas.fill({0, h, w, std::max(3, base / 270)}, theme::kAccent);
    int margin = scaled(base, 0.035f);
    int px = scaled(base, 0.030f);

    // Language indicator on the right: every language by its native name, the ones on screen highlighted.
    int x = w - margin;
    for (auto it = m_content.languages.rbegin(); it != m_content.languages.rend(); ++it) {
        bool shown = std::find(view.languages.begin(), view.languages.end(), *it) != view.languages.end();
        TextStyle style{scaled(base, 0.024f), shown ? Weight::Bold : Weight::Regular, *it};
        TextBlockPtr label = m_text.layout(native_language_name(*it), style, w);
        int lw = label->lines.empty() ? 0 : label->lines[0].width;
        x -= lw;
        paint_text(m_canvas, m_text, *label, x, (h - label->height) / 2,
                   shown ? theme::kGold : theme::kMuted);
        x -= margin / 2;
    }
    int name_width = x - 2 * margin;
    std::string name;
    for (const auto& lang : view.languages) {
        auto resolved = m_content.resolve(m_content.name, lang).text;
        if (!resolved.empty() && name.find(resolved) == std::string::npos)
            name += (name.empty() ? "" : "  ·  ") + resolved;
    }
    TextStyle style{px, Weight::Bold, view.languages.front()};
    TextBlockPtr block = m_text.fit(name, style, name_width, h, scaled(base, 0.018f));
    paint_text(m_canvas, m_text, *block, margin, (h - block->height) / 2, theme::kTitle);
}

SlidePainter::Picture SlidePainter::plan_picture(const Slide& slide, const std::string& lang, SDL_Rect area,
                                                 int base) {
    Picture picture{area, {}};
    auto caption = m_content.resolve(slide.caption, lang).text;
    if (!caption.empty()) {
        TextStyle style{scaled(base, 0.022f), Weight::Regular, lang};
        style.overflow = slide.ellipsis ? Overflow::Ellipsis : Overflow::Report;
        picture.caption = m_text.fit(caption, style, area.w, scaled(base, 0.07f), scaled(base, 0.016f));
        note_overflow(*picture.caption, slide, lang, "caption");
        picture.box.h -= picture.caption->height + scaled(base, 0.012f);
    }
    return picture;
}

void SlidePainter::paint_picture(const Slide& slide, const std::string& lang, const Picture& picture,
                                 int base) {
    SDL_Rect area = picture.box;
    SDL_Surface* fitted = slide.image.empty() ? nullptr : image(slide.image, area.w, area.h);
    if (fitted) {
        m_canvas.blend(fitted, area);
    } else {
        // No image, or one that cannot be shown: a calm panel with the category label, never a hole.
        m_canvas.fill(area, theme::kPanel);
        for (const auto& cat : m_content.categories) {
            if (cat.id != slide.category)
                continue;
            TextStyle style{scaled(base, 0.05f), Weight::Bold, lang, Align::Center};
            TextBlockPtr label =
                m_text.fit(m_content.resolve(cat.label, lang).text, style, area.w - 20, area.h, 12);
            paint_text(m_canvas, m_text, *label, area.x + 10, area.y + (area.h - label->height) / 2,
                       theme::kMuted);
        }
    }
    if (picture.caption && !picture.caption->lines.empty())
        paint_text(m_canvas, m_text, *picture.caption, area.x, area.y + area.h + scaled(base, 0.012f),
                   theme::kMuted);
}

void SlidePainter::paint_column(const Slide& slide, const std::string& lang, SDL_Rect area, int base,
                                float scale) {
    Overflow overflow = slide.ellipsis ? Overflow::Ellipsis : Overflow::Report;
    TextStyle title_style{scaled(base, 0.058f * scale), Weight::Bold, lang};
    title_style.overflow = overflow;
    title_style.line_spacing = 1.05f;
    TextBlockPtr title = m_text.fit(m_content.resolve(slide.title, lang).text, title_style, area.w,
                                    area.h * 2 / 5, scaled(base, 0.032f * scale));
    note_overflow(*title, slide, lang, "title");
    paint_text(m_canvas, m_text, *title, area.x, area.y, theme::kGold);

    int gap = scaled(base, 0.03f);
    m_canvas.fill({area.x, area.y + title->height + gap / 3, scaled(base, 0.08f), std::max(2, base / 360)},
                  theme::kAccent);
    int body_top = area.y + title->height + gap;
    TextStyle body_style{scaled(base, 0.037f * scale), Weight::Regular, lang};
    body_style.overflow = overflow;
    body_style.line_spacing = 1.15f;
    TextBlockPtr body = m_text.fit(m_content.resolve(slide.body, lang).text, body_style, area.w,
                                   area.y + area.h - body_top, scaled(base, 0.022f * scale));
    note_overflow(*body, slide, lang, "body");
    paint_text(m_canvas, m_text, *body, area.x, body_top, theme::kBody);
}

SlidePainter::SlideGeometry SlidePainter::geometry(const SlideView& view, int w, int h) const {
    int base = std::min(w, h);
    int header = scaled(base, 0.085f);
    int m = scaled(base, 0.04f);
    SDL_Rect body{m, header + m, w - 2 * m, h - header - 2 * m - std::min(m_bottom_inset, h / 3)};
    const std::string& first = view.languages.front();
    bool portrait = h > w;
    // Where everything goes: the image box, one text column per language, a rule between two columns.
    SlideGeometry g;
    SDL_Rect& image_area = g.image;
    auto& columns = g.columns;
    std::optional<SDL_Rect>& rule = g.rule;
    float& scale = g.scale;
    if (view.languages.size() == 1 && portrait) {
        int ih = body.h * 2 / 5;
        image_area = {body.x, body.y, body.w, ih};
        columns.push_back({first, {body.x, body.y + ih + m, body.w, body.h - ih - m}});
        scale = 1.2f; // a portrait cabinet is read from closer and has height to spare: larger text
    } else if (view.languages.size() == 1) {
        int iw = body.w * 11 / 20;
        image_area = {body.x, body.y, iw, body.h};
        columns.push_back({first, {body.x + iw + m, body.y, body.w - iw - m, body.h}});
    } else if (portrait) { // two languages one above the other, under the image
        int ih = body.h * 3 / 10;
        image_area = {body.x, body.y, body.w, ih};
        int top = body.y + ih + m, each = (body.y + body.h - top - m) / 2;
        columns.push_back({first, {body.x, top, body.w, each}});
        columns.push_back({view.languages[1], {body.x, top + each + m, body.w, each}});
        rule = SDL_Rect{body.x, top + each + m / 2, body.w, 2};
        scale = 0.85f;
    } else { // two languages side by side, beside the image
        int iw = body.w * 7 / 20;
        image_area = {body.x, body.y, iw, body.h};
        int left = body.x + iw + m, each = (body.x + body.w - left - m) / 2;
        columns.push_back({first, {left, body.y, each, body.h}});
        columns.push_back({view.languages[1], {left + each + m, body.y, each, body.h}});
        rule = SDL_Rect{left + each + m / 2 - 1, body.y, 2, body.h};
        scale = 0.8f;
    }

    return g;
}

SDL_Rect SlidePainter::media_area(const SlideView& view, int w, int h) {
    if (view.slide >= m_content.slides.size() || view.languages.empty())
        return {0, 0, w, h};
    SlideGeometry g = geometry(view, w, h);
    return plan_picture(m_content.slides[view.slide], view.languages.front(), g.image, std::min(w, h)).box;
}

void SlidePainter::paint(const SlideView& view, int w, int h) {
    m_canvas.fill({0, 0, w, h}, theme::kBackground);
    if (view.slide >= m_content.slides.size() || view.languages.empty())
        return;
    const Slide& slide = m_content.slides[view.slide];
    int base = std::min(w, h);
    int header = scaled(base, 0.085f);
    const std::string& first = view.languages.front();
    SlideGeometry g = geometry(view, w, h);

    // The image is decoded and scaled on another thread while the text is laid out and drawn.
    Picture picture = plan_picture(slide, first, g.image, base);
    prefetch(slide.image, picture.box.w, picture.box.h);
    paint_header(view, w, header, base);
    for (const auto& column : g.columns)
        paint_column(slide, column.lang, column.box, base, g.scale);
    if (g.rule)
        m_canvas.fill(*g.rule, theme::kPanel);
    paint_picture(slide, first, picture, base);
}

} // namespace kiosk
