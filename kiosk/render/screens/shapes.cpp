// Coverage from signed distances: 0.5 - d clamped to 0..1 gives a one-pixel soft edge at any size.
#include "render/screens/shapes.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace kiosk {

namespace {

struct Vec {
    float x = 0, y = 0;
};
Vec operator-(Vec a, Vec b) {
    return {a.x - b.x, a.y - b.y};
}
float dot(Vec a, Vec b) {
    return a.x * b.x + a.y * b.y;
}
float length(Vec a) {
    return std::sqrt(dot(a, a));
}

// Blends colour at coverage a (0..255) into an opaque ARGB8888 pixel.
inline Uint32 mix(Uint32 p, SDL_Color c, unsigned a) {
    auto m = [a](unsigned fg, unsigned bg) { return (fg * a + bg * (255 - a) + 127) / 255; };
    return 0xFF000000u | m(c.r, (p >> 16) & 0xFF) << 16 | m(c.g, (p >> 8) & 0xFF) << 8 | m(c.b, p & 0xFF);
}

// Calls coverage(x + 0.5, y + 0.5) for every pixel of the clipped box and blends the colour by it.
template <class Coverage>
void shade(Canvas& canvas, SDL_Rect box, SDL_Color color, Coverage coverage) {
    SDL_Surface* s = canvas.surface();
    int x0 = std::max(0, box.x), y0 = std::max(0, box.y);
    int x1 = std::min(s->w, box.x + box.w), y1 = std::min(s->h, box.y + box.h);
    for (int y = y0; y < y1; ++y) {
        auto* row = reinterpret_cast<Uint32*>(static_cast<Uint8*>(s->pixels) +
                                              static_cast<std::ptrdiff_t>(y) * s->pitch);
        for (int x = x0; x < x1; ++x) {
            float c = coverage(x + 0.5f, y + 0.5f);
            if (c <= 0.0f)
                continue;
            unsigned a = c >= 1.0f ? 255u : static_cast<unsigned>(c * 255.0f + 0.5f);
            row[x] = a == 255 ? mix(0, color, 255) : mix(row[x], color, a);
        }
    }
}

float coverage_of(float distance) {
    return std::clamp(0.5f - distance, 0.0f, 1.0f);
}

// Signed distance from p to a rounded box centred at c with half sizes h and corner radius r.
float round_box_distance(Vec p, Vec c, Vec h, float r) {
    Vec q{std::abs(p.x - c.x) - h.x + r, std::abs(p.y - c.y) - h.y + r};
    Vec outside{std::max(q.x, 0.0f), std::max(q.y, 0.0f)};
    return length(outside) + std::min(std::max(q.x, q.y), 0.0f) - r;
}

float segment_distance(Vec p, Vec a, Vec b) {
    Vec pa = p - a, ba = b - a;
    float t = std::clamp(dot(pa, ba) / std::max(dot(ba, ba), 1e-6f), 0.0f, 1.0f);
    return length({pa.x - ba.x * t, pa.y - ba.y * t});
}

// Signed distance to a filled triangle (negative inside).
float triangle_distance(Vec p, Vec a, Vec b, Vec c) {
    float d = std::min({segment_distance(p, a, b), segment_distance(p, b, c), segment_distance(p, c, a)});
    auto side = [](Vec p, Vec a, Vec b) { return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x); };
    float s1 = side(p, a, b), s2 = side(p, b, c), s3 = side(p, c, a);
    bool inside = (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
    return inside ? -d : d;
}

// An icon as the union of simple parts in a unit square (0..1, y down), strokes of a width in units.
struct Part {
    enum Kind { Stroke, Ring, Ellipse, Disc, Triangle } kind;
    Vec a, b, c; // Stroke: a-b; Ring/Disc/Ellipse: centre a, radii b; Triangle: a b c
    float width = 0.09f;
};

float part_distance(const Part& part, Vec p) {
    switch (part.kind) {
    case Part::Stroke:
        return segment_distance(p, part.a, part.b) - part.width / 2;
    case Part::Ring:
        return std::abs(length(p - part.a) - part.b.x) - part.width / 2;
    case Part::Ellipse: {
        // An approximate distance to an ellipse's outline: exact enough for thin strokes.
        Vec d{(p.x - part.a.x) / part.b.x, (p.y - part.a.y) / part.b.y};
        float k = length(d);
        Vec grad{d.x / (part.b.x * std::max(k, 1e-4f)), d.y / (part.b.y * std::max(k, 1e-4f))};
        return std::abs((k - 1.0f) / std::max(length(grad), 1e-4f)) - part.width / 2;
    }
    case Part::Disc:
        return length(p - part.a) - part.b.x;
    case Part::Triangle:
        return triangle_distance(p, part.a, part.b, part.c);
    }
    return 1e9f;
}

std::vector<Part> icon_parts(Icon icon) {
    constexpr float w = 0.085f;
    switch (icon) {
    case Icon::Home:
        return {{Part::Stroke, {0.12f, 0.50f}, {0.50f, 0.15f}, {}, w},
                {Part::Stroke, {0.50f, 0.15f}, {0.88f, 0.50f}, {}, w},
                {Part::Stroke, {0.24f, 0.42f}, {0.24f, 0.86f}, {}, w},
                {Part::Stroke, {0.76f, 0.42f}, {0.76f, 0.86f}, {}, w},
                {Part::Stroke, {0.24f, 0.86f}, {0.76f, 0.86f}, {}, w},
                {Part::Stroke, {0.43f, 0.86f}, {0.43f, 0.62f}, {}, w},
                {Part::Stroke, {0.43f, 0.62f}, {0.57f, 0.62f}, {}, w},
                {Part::Stroke, {0.57f, 0.62f}, {0.57f, 0.86f}, {}, w}};
    case Icon::Back:
        return {{Part::Stroke, {0.16f, 0.50f}, {0.86f, 0.50f}, {}, w},
                {Part::Stroke, {0.16f, 0.50f}, {0.44f, 0.22f}, {}, w},
                {Part::Stroke, {0.16f, 0.50f}, {0.44f, 0.78f}, {}, w}};
    case Icon::Globe:
        return {{Part::Ring, {0.5f, 0.5f}, {0.38f, 0}, {}, w},
                {Part::Ellipse, {0.5f, 0.5f}, {0.16f, 0.38f}, {}, w * 0.8f},
                {Part::Stroke, {0.12f, 0.5f}, {0.88f, 0.5f}, {}, w * 0.8f},
                {Part::Stroke, {0.21f, 0.30f}, {0.79f, 0.30f}, {}, w * 0.7f},
                {Part::Stroke, {0.21f, 0.70f}, {0.79f, 0.70f}, {}, w * 0.7f}};
    case Icon::ChevronLeft:
        return {{Part::Stroke, {0.62f, 0.18f}, {0.32f, 0.50f}, {}, w * 1.3f},
                {Part::Stroke, {0.32f, 0.50f}, {0.62f, 0.82f}, {}, w * 1.3f}};
    case Icon::ChevronRight:
        return {{Part::Stroke, {0.38f, 0.18f}, {0.68f, 0.50f}, {}, w * 1.3f},
                {Part::Stroke, {0.68f, 0.50f}, {0.38f, 0.82f}, {}, w * 1.3f}};
    case Icon::Play:
        return {{Part::Ring, {0.5f, 0.5f}, {0.42f, 0}, {}, w * 0.8f},
                {Part::Triangle, {0.40f, 0.30f}, {0.40f, 0.70f}, {0.72f, 0.50f}}};
    case Icon::MapPin:
        return {{Part::Ring, {0.5f, 0.38f}, {0.24f, 0}, {}, w},
                {Part::Disc, {0.5f, 0.38f}, {0.07f, 0}},
                {Part::Stroke, {0.30f, 0.52f}, {0.5f, 0.88f}, {}, w},
                {Part::Stroke, {0.70f, 0.52f}, {0.5f, 0.88f}, {}, w}};
    case Icon::Picture:
        return {{Part::Stroke, {0.12f, 0.22f}, {0.88f, 0.22f}, {}, w * 0.8f},
                {Part::Stroke, {0.88f, 0.22f}, {0.88f, 0.78f}, {}, w * 0.8f},
                {Part::Stroke, {0.88f, 0.78f}, {0.12f, 0.78f}, {}, w * 0.8f},
                {Part::Stroke, {0.12f, 0.78f}, {0.12f, 0.22f}, {}, w * 0.8f},
                {Part::Triangle, {0.20f, 0.70f}, {0.42f, 0.40f}, {0.62f, 0.70f}},
                {Part::Triangle, {0.50f, 0.70f}, {0.64f, 0.52f}, {0.80f, 0.70f}},
                {Part::Disc, {0.68f, 0.36f}, {0.06f, 0}}};
    case Icon::Touch:
        return {{Part::Ring, {0.5f, 0.5f}, {0.16f, 0}, {}, w},
                {Part::Ring, {0.5f, 0.5f}, {0.34f, 0}, {}, w * 0.6f},
                {Part::Disc, {0.5f, 0.5f}, {0.07f, 0}}};
    }
    return {};
}

} // namespace

void fill_round_rect(Canvas& canvas, SDL_Rect rect, int radius, SDL_Color color) {
    if (rect.w <= 0 || rect.h <= 0)
        return;
    int r = std::clamp(radius, 0, std::min(rect.w, rect.h) / 2);
    Uint32 value = SDL_MapRGBA(canvas.surface()->format, color.r, color.g, color.b, 255);
    // The middle band and the two side bands are plain fills; only the corners need coverage.
    SDL_Rect middle{rect.x, rect.y + r, rect.w, rect.h - 2 * r};
    SDL_FillRect(canvas.surface(), &middle, value);
    SDL_Rect top{rect.x + r, rect.y, rect.w - 2 * r, r};
    SDL_Rect bottom{rect.x + r, rect.y + rect.h - r, rect.w - 2 * r, r};
    SDL_FillRect(canvas.surface(), &top, value);
    SDL_FillRect(canvas.surface(), &bottom, value);
    if (r == 0)
        return;
    Vec c{rect.x + rect.w / 2.0f, rect.y + rect.h / 2.0f}, h{rect.w / 2.0f, rect.h / 2.0f};
    auto corner = [&](int x, int y) {
        shade(canvas, {x, y, r, r}, color, [&](float px, float py) {
            return coverage_of(round_box_distance({px, py}, c, h, float(r)));
        });
    };
    corner(rect.x, rect.y);
    corner(rect.x + rect.w - r, rect.y);
    corner(rect.x, rect.y + rect.h - r);
    corner(rect.x + rect.w - r, rect.y + rect.h - r);
}

void stroke_round_rect(Canvas& canvas, SDL_Rect rect, int radius, int width, SDL_Color color) {
    if (rect.w <= 0 || rect.h <= 0 || width <= 0)
        return;
    int r = std::clamp(radius, 0, std::min(rect.w, rect.h) / 2);
    width = std::min(width, std::min(rect.w, rect.h) / 2);
    Vec c{rect.x + rect.w / 2.0f, rect.y + rect.h / 2.0f}, h{rect.w / 2.0f, rect.h / 2.0f};
    Vec hi{h.x - width, h.y - width};
    float ri = std::max(0.0f, static_cast<float>(r - width));
    auto ring = [&](float px, float py) {
        float outer = round_box_distance({px, py}, c, h, float(r));
        float inner = round_box_distance({px, py}, c, hi, ri);
        return coverage_of(std::max(outer, -inner));
    };
    // The straight sides are plain fills a whole number of pixels wide; only the corners need coverage.
    int corner = std::max(r, width);
    Uint32 value = SDL_MapRGBA(canvas.surface()->format, color.r, color.g, color.b, 255);
    SDL_Rect sides[] = {{rect.x + corner, rect.y, rect.w - 2 * corner, width},
                        {rect.x + corner, rect.y + rect.h - width, rect.w - 2 * corner, width},
                        {rect.x, rect.y + corner, width, rect.h - 2 * corner},
                        {rect.x + rect.w - width, rect.y + corner, width, rect.h - 2 * corner}};
    for (const auto& side : sides)
        if (side.w > 0 && side.h > 0)
            SDL_FillRect(canvas.surface(), &side, value);
    shade(canvas, {rect.x, rect.y, corner, corner}, color, ring);
    shade(canvas, {rect.x + rect.w - corner, rect.y, corner, corner}, color, ring);
    shade(canvas, {rect.x, rect.y + rect.h - corner, corner, corner}, color, ring);
    shade(canvas, {rect.x + rect.w - corner, rect.y + rect.h - corner, corner, corner}, color, ring);
}

void fill_circle(Canvas& canvas, float cx, float cy, float radius, SDL_Color color) {
    int r = static_cast<int>(std::ceil(radius)) + 1;
    shade(canvas, {static_cast<int>(cx) - r, static_cast<int>(cy) - r, 2 * r + 1, 2 * r + 1}, color,
          [&](float px, float py) {
              return coverage_of(length({px - cx, py - cy}) - radius);
          });
}

void stroke_circle(Canvas& canvas, float cx, float cy, float radius, float width, SDL_Color color) {
    int r = static_cast<int>(std::ceil(radius + width)) + 1;
    shade(canvas, {static_cast<int>(cx) - r, static_cast<int>(cy) - r, 2 * r + 1, 2 * r + 1}, color,
          [&](float px, float py) {
              return coverage_of(std::abs(length({px - cx, py - cy}) - radius) - width / 2);
          });
}

void veil(Canvas& canvas, SDL_Rect rect, SDL_Color color, int alpha) {
    float a = std::clamp(alpha, 0, 255) / 255.0f;
    shade(canvas, rect, color, [a](float, float) { return a; });
}

void draw_icon(Canvas& canvas, Icon icon, SDL_Rect box, SDL_Color color) {
    float side = static_cast<float>(std::min(box.w, box.h));
    if (side < 4)
        return;
    float ox = box.x + (box.w - side) / 2, oy = box.y + (box.h - side) / 2;
    auto parts = icon_parts(icon);
    shade(
        canvas,
        {static_cast<int>(ox), static_cast<int>(oy), static_cast<int>(side) + 1, static_cast<int>(side) + 1},
        color, [&](float px, float py) {
            Vec p{(px - ox) / side, (py - oy) / side};
            float d = 1e9f;
            for (const auto& part : parts)
                d = std::min(d, part_distance(part, p));
            return coverage_of(d * side);
        });
}

IconMask make_icon_mask(Icon icon, int side) {
    IconMask mask{std::max(0, side), {}};
    mask.coverage.assign(static_cast<std::size_t>(mask.side) * mask.side, 0);
    auto parts = icon_parts(icon);
    float s = static_cast<float>(mask.side);
    for (int y = 0; y < mask.side; ++y)
        for (int x = 0; x < mask.side; ++x) {
            Vec p{(x + 0.5f) / s, (y + 0.5f) / s};
            float d = 1e9f;
            for (const auto& part : parts)
                d = std::min(d, part_distance(part, p));
            mask.coverage[static_cast<std::size_t>(y) * mask.side + x] =
                static_cast<std::uint8_t>(coverage_of(d * s) * 255.0f + 0.5f);
        }
    return mask;
}

void draw_icon_mask(Canvas& canvas, const IconMask& mask, SDL_Rect box, SDL_Color color) {
    int ox = box.x + (box.w - mask.side) / 2, oy = box.y + (box.h - mask.side) / 2;
    SDL_Surface* s = canvas.surface();
    int x0 = std::max(0, ox), y0 = std::max(0, oy);
    int x1 = std::min(s->w, ox + mask.side), y1 = std::min(s->h, oy + mask.side);
    for (int y = y0; y < y1; ++y) {
        auto* row = reinterpret_cast<Uint32*>(static_cast<Uint8*>(s->pixels) +
                                              static_cast<std::ptrdiff_t>(y) * s->pitch);
        const std::uint8_t* cov = mask.coverage.data() + static_cast<std::ptrdiff_t>(y - oy) * mask.side - ox;
        for (int x = x0; x < x1; ++x)
            if (unsigned a = cov[x])
                row[x] = mix(row[x], color, a);
    }
}

} // namespace kiosk
