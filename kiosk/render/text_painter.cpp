// Each glyph's coverage blended in the text colour onto the canvas, at its pen position on the baseline.
#include "render/text_painter.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {

namespace {

void blend_glyph(SDL_Surface* dst, const GlyphImage& g, int left, int top, SDL_Color color) {
    if (g.width <= 0 || g.height <= 0)
        return;
    int x0 = std::max(0, left), y0 = std::max(0, top);
    int x1 = std::min(dst->w, left + g.width), y1 = std::min(dst->h, top + g.height);
    // Canvases are ARGB8888 and opaque.
    for (int y = y0; y < y1; ++y) {
        auto* row = reinterpret_cast<Uint32*>(static_cast<Uint8*>(dst->pixels) +
                                              static_cast<std::ptrdiff_t>(y) * dst->pitch);
        const std::uint8_t* cov = g.coverage.data() + static_cast<std::ptrdiff_t>(y - top) * g.width - left;
        for (int x = x0; x < x1; ++x) {
            unsigned a = cov[x];
            if (a == 0)
                continue;
            Uint32 p = row[x];
            auto mix = [a](unsigned fg, unsigned bg) { return (fg * a + bg * (255 - a) + 127) / 255; };
            row[x] = 0xFF000000u | mix(color.r, (p >> 16) & 0xFF) << 16 | mix(color.g, (p >> 8) & 0xFF) << 8 |
                     mix(color.b, p & 0xFF);
        }
    }
}

} // namespace

void paint_text(Canvas& canvas, TextEngine& text, const TextBlock& block, int x, int y, SDL_Color color) {
    SDL_Surface* surface = canvas.surface();
    for (const auto& line : block.lines) {
        int baseline = y + line.y + line.ascent;
        for (const auto& run : line.runs) {
            for (const auto& g : run.glyphs) {
                const GlyphImage& image = text.glyph(*run.face, g.id);
                int pen_x = static_cast<int>(std::lround(x + run.x + g.x));
                int pen_y = static_cast<int>(std::lround(baseline + g.y));
                blend_glyph(surface, image, pen_x + image.left, pen_y - image.top, color);
            }
        }
    }
}

} // namespace kiosk
