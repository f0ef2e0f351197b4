// Slide layouts: landscape and portrait, one language or two side by side.
#include "render/slide_painter.hpp"

#include "base/log.hpp"
#include "render/image_decode.hpp"
#include "render/text_painter.hpp"
#include "render/theme.hpp"

#include <algorithm>

namespace kiosk {

namespace {

constexpr std::size_t kImageCacheEntries = 6;

int scaled(int base, float factor) {
    return std::max(8, static_cast<int>(base * factor));
}

// The part of an image of size (iw, ih) that fills a box of the given aspect without stretching.
SDL_Rect cover_crop(int iw, int ih, int bw, int bh) {
    double box = static_cast<double>(bw) / bh, img = static_cast<double>(iw) / ih;
    if (img > box) {
        int w = static_cast<int>(ih * box);
        return {(iw - w) / 2, 0, w, ih};
    }
    int h = static_cast<int>(iw / box);
    return {0, (ih - h) / 2, iw, h};
}

} // namespace

void fill_rect(SDL_Renderer* renderer, SDL_Rect rect, SDL_Color color) {
    SDL_SetRenderDrawColor(renderer, color.r, color.g, color.b, color.a);
    SDL_RenderFillRect(renderer, &rect);
}

SlidePainter::SlidePainter(SDL_Renderer* renderer, FontStack& fonts, const Content& content,
                           const ObjectSource& objects, const DisplayProfile& profile)
    : m_renderer(renderer), m_fonts(fonts), m_content(content), m_objects(objects), m_profile(profile) {}

SDL_Texture* SlidePainter::image(const std::string& path) {
    if (auto it = m_images.find(path); it != m_images.end())
        return it->second.get();
    if (m_failed_images.count(path))
        return nullptr;
    auto fail = [&](const std::string& why) -> SDL_Texture* {
        log_error("slide image '" + path + "' cannot be shown: " + why);
        m_failed_images.insert(path);
        return nullptr;
    };
    auto bytes = m_objects.read(path);
    if (!bytes)
        return fail(bytes.error().message);
    auto surface = decode_image(*bytes);
    if (!surface)
        return fail(surface.error().message);
    TexturePtr texture(SDL_CreateTextureFromSurface(m_renderer, surface->get()));
    if (!texture)
        return fail(SDL_GetError());
    if (m_images.size() >= kImageCacheEntries)
        m_images.clear();
    return m_images.emplace(path, std::move(texture)).first->second.get();
}

void SlidePainter::note_overflow(const TextBlock& block, const Slide& slide, const std::string& lang,
                                 const char* field) {
    if (!block.overflow)
        return;
    auto name = slide.id + "/" + lang + "/" + field;
    if (m_overflows.insert(name).second)
        log_warn("text does not fit its box and was shortened: " + name);
}

void SlidePainter::paint_header(const SlideView& view, int w, int h, int base) {
    fill_rect(m_renderer, {0, 0, w, h}, theme::kHeader);
    fill_rect(m_renderer, {0, h, w, std::max(3, base / 270)}, theme::kAccent);
    int margin = scaled(base, 0.035f);
    int px = scaled(base, 0.030f);

    // Language indicator on the right: every language by its native name, the ones on screen highlighted.
    int x = w - margin;
    for (auto it = m_content.languages.rbegin(); it != m_content.languages.rend(); ++it) {
        bool shown = std::find(view.languages.begin(), view.languages.end(), *it) != view.languages.end();
        TextStyle style{scaled(base, 0.024f), shown ? Weight::Bold : Weight::Regular, *it};
        TextBlock label = layout_text(m_fonts, native_language_name(*it), style, w);
        int lw = label.lines.empty() ? 0 : label.lines[0].width;
        x -= lw;
        paint_text(m_renderer, label, x, (h - label.height) / 2, shown ? theme::kGold : theme::kMuted);
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
    TextBlock block = fit_text(m_fonts, name, style, name_width, h, scaled(base, 0.018f));
    paint_text(m_renderer, block, margin, (h - block.height) / 2, theme::kTitle);
}

void SlidePainter::paint_image(const Slide& slide, const std::string& lang, SDL_Rect area, int base) {
    auto caption = m_content.resolve(slide.caption, lang).text;
    TextBlock cap;
    if (!caption.empty()) {
        TextStyle style{scaled(base, 0.022f), Weight::Regular, lang};
        cap = fit_text(m_fonts, caption, style, area.w, scaled(base, 0.07f), scaled(base, 0.016f));
        note_overflow(cap, slide, lang, "caption");
        area.h -= cap.height + scaled(base, 0.012f);
    }
    SDL_Texture* texture = slide.image.empty() ? nullptr : image(slide.image);
    if (texture) {
        int iw = 0, ih = 0;
        SDL_QueryTexture(texture, nullptr, nullptr, &iw, &ih);
        SDL_Rect src = cover_crop(iw, ih, area.w, area.h);
        SDL_RenderCopy(m_renderer, texture, &src, &area);
    } else {
        // No image, or one that cannot be shown: a calm panel with the category label, never a hole.
        fill_rect(m_renderer, area, theme::kPanel);
        for (const auto& cat : m_content.categories) {
            if (cat.id != slide.category)
                continue;
            TextStyle style{scaled(base, 0.05f), Weight::Bold, lang, Align::Center};
            TextBlock label =
                fit_text(m_fonts, m_content.resolve(cat.label, lang).text, style, area.w - 20, area.h, 12);
            paint_text(m_renderer, label, area.x + 10, area.y + (area.h - label.height) / 2, theme::kMuted);
        }
    }
    if (!caption.empty())
        paint_text(m_renderer, cap, area.x, area.y + area.h + scaled(base, 0.012f), theme::kMuted);
}

void SlidePainter::paint_column(const Slide& slide, const std::string& lang, SDL_Rect area, int base,
                                float scale) {
    TextStyle title_style{scaled(base, 0.058f * scale), Weight::Bold, lang};
    title_style.line_spacing = 1.05f;
    TextBlock title = fit_text(m_fonts, m_content.resolve(slide.title, lang).text, title_style, area.w,
                               area.h * 2 / 5, scaled(base, 0.032f * scale));
    note_overflow(title, slide, lang, "title");
    paint_text(m_renderer, title, area.x, area.y, theme::kGold);

    int gap = scaled(base, 0.03f);
    fill_rect(m_renderer,
              {area.x, area.y + title.height + gap / 3, scaled(base, 0.08f), std::max(2, base / 360)},
              theme::kAccent);
    int body_top = area.y + title.height + gap;
    TextStyle body_style{scaled(base, 0.037f * scale), Weight::Regular, lang};
    body_style.line_spacing = 1.15f;
    TextBlock body = fit_text(m_fonts, m_content.resolve(slide.body, lang).text, body_style, area.w,
                              area.y + area.h - body_top, scaled(base, 0.022f * scale));
    note_overflow(body, slide, lang, "body");
    paint_text(m_renderer, body, area.x, body_top, theme::kBody);
}

void SlidePainter::paint(const SlideView& view, int w, int h) {
    fill_rect(m_renderer, {0, 0, w, h}, theme::kBackground);
    if (view.slide >= m_content.slides.size() || view.languages.empty())
        return;
    const Slide& slide = m_content.slides[view.slide];
    int base = std::min(w, h);
    int header = scaled(base, 0.085f);
    paint_header(view, w, header, base);

    int m = scaled(base, 0.04f);
    SDL_Rect body{m, header + m, w - 2 * m, h - header - 2 * m};
    const std::string& first = view.languages.front();
    bool portrait = h > w;
    if (view.languages.size() == 1) {
        if (portrait) {
            int ih = body.h * 2 / 5;
            paint_image(slide, first, {body.x, body.y, body.w, ih}, base);
            // A portrait cabinet is read from closer and has height to spare: larger text.
            paint_column(slide, first, {body.x, body.y + ih + m, body.w, body.h - ih - m}, base, 1.2f);
        } else {
            int iw = body.w * 11 / 20;
            paint_image(slide, first, {body.x, body.y, iw, body.h}, base);
            paint_column(slide, first, {body.x + iw + m, body.y, body.w - iw - m, body.h}, base, 1.0f);
        }
        return;
    }
    // Two languages side by side (landscape) or one above the other (portrait), the image beside them.
    const std::string& second = view.languages[1];
    if (portrait) {
        int ih = body.h * 3 / 10;
        paint_image(slide, first, {body.x, body.y, body.w, ih}, base);
        int top = body.y + ih + m, each = (body.y + body.h - top - m) / 2;
        paint_column(slide, first, {body.x, top, body.w, each}, base, 0.85f);
        fill_rect(m_renderer, {body.x, top + each + m / 2, body.w, 2}, theme::kPanel);
        paint_column(slide, second, {body.x, top + each + m, body.w, each}, base, 0.85f);
    } else {
        int iw = body.w * 7 / 20;
        paint_image(slide, first, {body.x, body.y, iw, body.h}, base);
        int left = body.x + iw + m, each = (body.x + body.w - left - m) / 2;
        paint_column(slide, first, {left, body.y, each, body.h}, base, 0.8f);
        fill_rect(m_renderer, {left + each + m / 2 - 1, body.y, 2, body.h}, theme::kPanel);
        paint_column(slide, second, {left + each + m, body.y, each, body.h}, base, 0.8f);
    }
}

} // namespace kiosk
