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

int widest(const TextBlock& block) {
    int w = 0;
    for (const auto& line : block.lines)
        w = std::max(w, line.width);
    return w;
}

} // namespace

TextAlone fit_text_alone(TextEngine& text, std::string_view title, std::string_view body, TextStyle title_style,
                         TextStyle body_style, SDL_Rect box, int min_px, int max_px) {
    float ratio = static_cast<float>(title_style.px) / static_cast<float>(std::max(1, body_style.px));
    max_px = std::max(1, max_px);
    min_px = std::clamp(min_px, 1, max_px);
    auto title_px = [&](int px) { return std::max(1, static_cast<int>(std::lround(px * ratio))); };
    auto gap = [&](int px) { return body.empty() ? 0 : px * 4 / 5; };
    auto attempt = [&](int px) {
        TextAlone t;
        int width = std::max(1, std::min(box.w, px * kTextAloneMeasure));
        title_style.px = title_px(px);
        body_style.px = px;
        t.title = text.layout(title, title_style, width);
        t.body = body.empty() ? nullptr : text.layout(body, body_style, width);
        t.body_px = px;
        t.rule_y = t.title->height + gap(px) / 3;
        t.body_y = t.title->height + gap(px);
        t.column = {box.x, box.y, width, t.body_y + (t.body ? t.body->height : 0)};
        return t;
    };
    auto fits = [&](const TextAlone& t) { return t.column.h <= box.h; };
    TextAlone best = attempt(max_px);
    if (!fits(best)) {
        TextAlone smallest = attempt(min_px);
        if (fits(smallest)) {
            // The largest size that fits, between the smallest (which does) and the largest (which does not).
            best = smallest;
            int lo = min_px, hi = max_px;
            while (hi - lo > 1) {
                int mid = (lo + hi) / 2;
                TextAlone t = attempt(mid);
                if (fits(t)) {
                    best = t;
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
        } else {
            // Too long even at the smallest size: shrunk and cut as any text box (and reported by the caller).
            title_style.px = title_px(min_px);
            best.title = text.fit(title, title_style, std::max(1, box.w), box.h * 2 / 5, min_px);
            best.rule_y = best.title->height + gap(min_px) / 3;
            best.body_y = best.title->height + gap(min_px);
            body_style.px = min_px;
            best.body = body.empty() ? nullptr
                                     : text.fit(body, body_style, std::max(1, box.w),
                                                std::max(1, box.h - best.body_y), min_px);
            best.body_px = min_px;
            best.column = {box.x, box.y, box.w, best.body_y + (best.body ? best.body->height : 0)};
        }
    }
    // Short lines sit in the middle of the box rather than against its left edge.
    int used = std::max(widest(*best.title), best.body ? widest(*best.body) : 0);
    best.column.x = box.x + std::max(0, (box.w - used) / 2);
    best.column.w = std::min(best.column.w, std::max(used, 1));
    return best;
}

bool SlidePainter::text_only(const Slide& slide) {
    return slide.image.empty() && slide.video.empty() && slide.map.empty() && slide.gallery.empty();
}

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
    if (path.empty() || m_pictures == Pictures::Placeholder || m_images.count(key) || m_failed_images.count(path) || m_pending.count(key))
        return;
    m_pending.emplace(key, std::async(std::launch::async, [&objects = m_objects, path, w, h] {
                          return load_fitted(objects, path, w, h);
                      }));
}

void SlidePainter::note_overflow(const TextBlock& block, std::string_view text, const TextStyle& style,
                                 const Slide& slide, const std::string& lang, const char* field) {
    auto name = slide.id + "/" + lang + "/" + field;
    if (m_name_checks == NameChecks::On) {
        // At the size and width the text was finally laid out at, as the screen shows it.
        TextStyle shown = style;
        shown.px = block.px;
        auto& found = m_name_splits[name];
        for (auto& split : m_text.name_splits(text, shown, block.width))
            if (std::none_of(found.begin(), found.end(), [&](const NameSplit& f) {
                    return f.name == split.name && f.before == split.before;
                }))
                found.push_back(std::move(split));
    }
    for (char32_t c : block.missing) {
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
        if (m_missing.insert(name + " " + code).second)
            log_warn("no font has " + std::string(code) + " in " + name + "; it shows as a box");
    }
    if (block.overflow && m_overflows.insert(name).second)
        log_warn("text does not fit its box and was shortened: " + name);
}

SlidePainter::Header SlidePainter::plan_header(const SlideView& view, int w, int base) {
    Header header;
    int margin = scaled(base, 0.035f);
    header.label_gap = margin / 2;
    // Every language by its native name, the ones on screen highlighted; or, when the name needs the room,
    // only those on screen (touch screens list them all in their strip anyway).
    auto labels_for = [&](bool all) {
        std::vector<std::pair<TextBlockPtr, bool>> labels;
        int width = 0;
        for (const auto& lang : m_content.languages) {
            bool shown = std::find(view.languages.begin(), view.languages.end(), lang) != view.languages.end();
            if (!all && !shown)
                continue;
            TextStyle style{scaled(base, 0.024f), shown ? Weight::Bold : Weight::Regular, lang};
            TextBlockPtr label = m_text.layout(native_language_name(lang), style, w);
            width += (label->lines.empty() ? 0 : label->lines[0].width) + header.label_gap;
            labels.emplace_back(std::move(label), shown);
        }
        return std::make_pair(std::move(labels), width);
    };
    std::string name, key;
    for (const auto& lang : view.languages) {
        auto resolved = m_content.resolve(m_content.name, lang).text;
        if (!resolved.empty() && name.find(resolved) == std::string::npos)
            name += (name.empty() ? "" : "  ·  ") + resolved;
        key += (key.empty() ? "" : "+") + lang;
    }
    int full = scaled(base, 0.030f);
    // Below this the name is no longer read from where travellers stand.
    int floor = std::min(full, std::max(scaled(base, 0.022f), 14));
    TextStyle style{full, Weight::Bold, view.languages.front()};
    auto at = [&](int px, int width) {
        style.px = px;
        return m_text.layout(name, style, std::max(1, width));
    };
    HeaderNote note{HeaderFit::Full, full, full};
    auto [all, all_w] = labels_for(true);
    if (auto block = at(full, w - 3 * margin - all_w); block->lines.size() <= 1) {
        header.name = block;
        header.labels = std::move(all);
    } else {
        auto [shown, shown_w] = labels_for(false);
        header.labels = std::move(shown);
        int room = w - 3 * margin - shown_w;
        for (int px = full; px >= floor && !header.name; --px)
            if (auto block = at(px, room); block->lines.size() <= 1) {
                header.name = block;
                note = {px == full ? HeaderFit::Full : HeaderFit::Shrunk, px, full};
            }
        for (int px = full; px >= floor && !header.name; --px)
            if (auto block = at(px, room); block->lines.size() <= 2) {
                header.name = block;
                note = {HeaderFit::TwoLines, px, full};
            }
        if (!header.name) {
            auto block = at(floor, room);
            const TextLine& second = block->lines[1];
            style.overflow = Overflow::Ellipsis;
            header.name = m_text.fit(name, style, std::max(1, room), second.y + second.height, floor);
            note = {HeaderFit::Cut, floor, full};
        }
    }
    // The header grows to hold two lines rather than let them run onto the red line under it.
    header.height = std::max(scaled(base, 0.085f), header.name->height + 2 * scaled(base, 0.012f));
    m_header_notes[key] = note;
    return header;
}

void SlidePainter::paint_header(const Header& header, int w, int base) {
    int h = header.height;
    m_canvas.fill({0, 0, w, h}, theme::kHeader);
    m_canvas.fill({0, h, w, std::max(3, base / 270)}, theme::kAccent);
    int margin = scaled(base, 0.035f);
    int x = w - margin;
    for (auto it = header.labels.rbegin(); it != header.labels.rend(); ++it) {
        const TextBlock& label = *it->first;
        x -= label.lines.empty() ? 0 : label.lines[0].width;
        paint_text(m_canvas, m_text, label, x, (h - label.height) / 2, it->second ? theme::kGold : theme::kMuted);
        x -= header.label_gap;
    }
    paint_text(m_canvas, m_text, *header.name, margin, (h - header.name->height) / 2, theme::kTitle);
}

SlidePainter::Picture SlidePainter::plan_picture(const Slide& slide, const std::string& lang, SDL_Rect area,
                                                 int base) {
    Picture picture{area, {}};
    auto caption = m_content.resolve(slide.caption, lang).text;
    if (!caption.empty()) {
        TextStyle style{scaled(base, 0.022f), Weight::Regular, lang};
        style.overflow = slide.ellipsis ? Overflow::Ellipsis : Overflow::Report;
        picture.caption = m_text.fit(caption, style, area.w, scaled(base, 0.07f), scaled(base, 0.016f));
        note_overflow(*picture.caption, caption, style, slide, lang, "caption");
        picture.box.h -= picture.caption->height + scaled(base, 0.012f);
    }
    return picture;
}

void SlidePainter::paint_picture(const Slide& slide, const std::string& lang, const Picture& picture,
                                 int base) {
    SDL_Rect area = picture.box;
    SDL_Surface* fitted = slide.image.empty() || m_pictures == Pictures::Placeholder
                              ? nullptr
                              : image(slide.image, area.w, area.h);
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
    auto title_text = m_content.resolve(slide.title, lang).text;
    TextBlockPtr title =
        m_text.fit(title_text, title_style, area.w, area.h * 2 / 5, scaled(base, 0.032f * scale));
    note_overflow(*title, title_text, title_style, slide, lang, "title");
    paint_text(m_canvas, m_text, *title, area.x, area.y, theme::kGold);

    int gap = scaled(base, 0.03f);
    m_canvas.fill({area.x, area.y + title->height + gap / 3, scaled(base, 0.08f), std::max(2, base / 360)},
                  theme::kAccent);
    int body_top = area.y + title->height + gap;
    TextStyle body_style{scaled(base, 0.037f * scale), Weight::Regular, lang};
    body_style.overflow = overflow;
    body_style.line_spacing = 1.15f;
    auto body_text = m_content.resolve(slide.body, lang).text;
    TextBlockPtr body =
        m_text.fit(body_text, body_style, area.w, area.y + area.h - body_top, scaled(base, 0.022f * scale));
    note_overflow(*body, body_text, body_style, slide, lang, "body");
    paint_text(m_canvas, m_text, *body, area.x, body_top, theme::kBody);
}

SlidePainter::AloneSize SlidePainter::paint_text_alone(const Slide& slide, const std::string& lang, SDL_Rect area,
                                                       int base, float scale, int max_px, int centre_h, bool draw) {
    Overflow overflow = slide.ellipsis ? Overflow::Ellipsis : Overflow::Report;
    // The category's name above the title says what the slide is about, as the picture would have.
    TextBlockPtr kicker;
    if (const Category* category = m_content.find_category(slide.category)) {
        auto label = m_content.resolve(category->label, lang).text;
        if (!label.empty()) {
            TextStyle style{scaled(base, 0.03f * scale), Weight::Bold, lang};
            style.overflow = Overflow::Ellipsis;
            kicker = m_text.fit(label, style, area.w, scaled(base, 0.05f * scale), scaled(base, 0.018f));
        }
    }
    int space = scaled(base, 0.018f * scale);
    int kicker_h = kicker ? kicker->height + space : 0;
    TextBlockPtr caption;
    auto caption_text = m_content.resolve(slide.caption, lang).text;
    TextStyle caption_style{scaled(base, 0.026f * scale), Weight::Regular, lang};
    caption_style.overflow = overflow;
    if (!caption_text.empty()) {
        caption = m_text.fit(caption_text, caption_style, area.w, area.h / 5, scaled(base, 0.016f));
    }
    int caption_h = caption ? caption->height + space * 2 : 0;

    TextStyle title_style{scaled(base, 0.058f * scale), Weight::Bold, lang};
    title_style.overflow = overflow;
    title_style.line_spacing = 1.05f;
    TextStyle body_style{scaled(base, 0.037f * scale), Weight::Regular, lang};
    body_style.overflow = overflow;
    body_style.line_spacing = 1.15f;
    SDL_Rect box{area.x, area.y + kicker_h, area.w, std::max(1, area.h - kicker_h - caption_h)};
    auto title_text = m_content.resolve(slide.title, lang).text;
    auto body_text = m_content.resolve(slide.body, lang).text;
    TextAlone t = fit_text_alone(m_text, title_text, body_text, title_style, body_style, box,
                                 std::min(max_px, scaled(base, 0.022f * scale)), max_px);
    int total = kicker_h + t.column.h + caption_h;
    if (!draw)
        return {t.body_px, total};
    note_overflow(*t.title, title_text, title_style, slide, lang, "title");
    if (t.body)
        note_overflow(*t.body, body_text, body_style, slide, lang, "body");
    if (caption)
        note_overflow(*caption, caption_text, caption_style, slide, lang, "caption");

    // The kicker, title, body and caption together, a little above the middle of the area.
    int y = area.y + std::max(0, (area.h - std::max(total, centre_h)) * 2 / 5);
    int x = t.column.x;
    // Blocks as wide as the area start where the column does unless that would push them past its edge.
    auto start = [&](const TextBlock& block) { return std::min(x, area.x + area.w - widest(block)); };
    if (kicker) {
        paint_text(m_canvas, m_text, *kicker, start(*kicker), y, theme::kMuted);
        y += kicker_h;
    }
    paint_text(m_canvas, m_text, *t.title, x, y, theme::kGold);
    m_canvas.fill({x, y + t.rule_y, scaled(base, 0.08f), std::max(2, base / 360)}, theme::kAccent);
    if (t.body)
        paint_text(m_canvas, m_text, *t.body, x, y + t.body_y, theme::kBody);
    if (caption)
        paint_text(m_canvas, m_text, *caption, start(*caption), y + t.column.h + space * 2, theme::kMuted);
    return {t.body_px, total};
}

SlidePainter::SlideGeometry SlidePainter::geometry(const SlideView& view, int w, int h, int header) const {
    int base = std::min(w, h);
    int m = scaled(base, 0.04f);
    // What the language strip and a notice banner cover is never painted under: the body gives way to
    // them, keeping at least a fifth of the screen (on a small screen the text then shrinks to fit).
    int inset = std::clamp(m_bottom_inset, 0, std::max(0, h - header - 2 * m - h / 5));
    SDL_Rect body{m, header + m, w - 2 * m, h - header - 2 * m - inset};
    const std::string& first = view.languages.front();
    bool portrait = h > w;
    // Where everything goes: the image box, one text column per language, a rule between two columns.
    SlideGeometry g;
    SDL_Rect& image_area = g.image;
    auto& columns = g.columns;
    std::optional<SDL_Rect>& rule = g.rule;
    float& scale = g.scale;
    bool alone = view.slide < m_content.slides.size() && text_only(m_content.slides[view.slide]);
    if (alone && view.languages.size() == 1) {
        // Text alone has the whole body: no empty picture box squeezing it.
        columns.push_back({first, body});
        scale = portrait ? 1.2f : 1.0f;
    } else if (alone) {
        if (portrait) {
            int each = (body.h - m) / 2;
            columns.push_back({first, {body.x, body.y, body.w, each}});
            columns.push_back({view.languages[1], {body.x, body.y + each + m, body.w, each}});
            rule = SDL_Rect{body.x, body.y + each + m / 2, body.w, 2};
        } else {
            int each = (body.w - m) / 2;
            columns.push_back({first, {body.x, body.y, each, body.h}});
            columns.push_back({view.languages[1], {body.x + each + m, body.y, each, body.h}});
            rule = SDL_Rect{body.x + each + m / 2 - 1, body.y, 2, body.h};
        }
        scale = 0.9f;
    } else if (view.languages.size() == 1 && portrait) {
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
    const Slide& slide = m_content.slides[view.slide];
    if (text_only(slide))
        return {0, 0, 0, 0};
    int base = std::min(w, h);
    SlideGeometry g = geometry(view, w, h, plan_header(view, w, base).height);
    return plan_picture(slide, view.languages.front(), g.image, base).box;
}

void SlidePainter::paint(const SlideView& view, int w, int h) {
    m_canvas.fill({0, 0, w, h}, theme::kBackground);
    if (view.slide >= m_content.slides.size() || view.languages.empty())
        return;
    const Slide& slide = m_content.slides[view.slide];
    int base = std::min(w, h);
    const std::string& first = view.languages.front();
    Header header = plan_header(view, w, base);
    SlideGeometry g = geometry(view, w, h, header.height);
    paint_header(header, w, base);
    if (g.rule)
        m_canvas.fill(*g.rule, theme::kPanel);
    if (text_only(slide)) {
        // Side by side, both languages take the size the longer one allows, so that neither looks louder.
        // Columns side by side also start at the same height.
        int px = scaled(base, 0.06f * g.scale), tallest = 0;
        for (const auto& column : g.columns)
            px = std::min(px, paint_text_alone(slide, column.lang, column.box, base, g.scale, px, 0, false).px);
        for (const auto& column : g.columns)
            tallest = std::max(tallest,
                               paint_text_alone(slide, column.lang, column.box, base, g.scale, px, 0, false).height);
        bool side_by_side = g.columns.size() > 1 && g.columns[0].box.y == g.columns[1].box.y;
        for (const auto& column : g.columns)
            paint_text_alone(slide, column.lang, column.box, base, g.scale, px, side_by_side ? tallest : 0, true);
        return;
    }

    // The image is decoded and scaled on another thread while the text is laid out and drawn.
    Picture picture = plan_picture(slide, first, g.image, base);
    prefetch(slide.image, picture.box.w, picture.box.h);
    for (const auto& column : g.columns)
        paint_column(slide, column.lang, column.box, base, g.scale);
    paint_picture(slide, first, picture, base);
}

} // namespace kiosk
