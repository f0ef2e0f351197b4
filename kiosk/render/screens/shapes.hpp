// Smooth shapes for the touch screens: rounded panels, discs and simple line icons, anti-aliased by
// their distance to each pixel's centre, painted on a canvas with plain CPU operations.
#pragma once

#include "render/canvas.hpp"

#include <SDL.h>
#include <cstdint>
#include <vector>

namespace kiosk {

// An opaque rectangle with rounded corners (radius in pixels, clamped to half the short side).
void fill_round_rect(Canvas& canvas, SDL_Rect rect, int radius, SDL_Color color);
// A rounded rectangle's outline of the given width, drawn inside rect.
void stroke_round_rect(Canvas& canvas, SDL_Rect rect, int radius, int width, SDL_Color color);
void fill_circle(Canvas& canvas, float cx, float cy, float radius, SDL_Color color);
// A ring of the given width centred on radius.
void stroke_circle(Canvas& canvas, float cx, float cy, float radius, float width, SDL_Color color);
// A colour blended over what is painted already, at alpha 0..255 (a dimming veil, a shadow).
void veil(Canvas& canvas, SDL_Rect rect, SDL_Color color, int alpha);

// Line icons drawn in the middle square of a box, in one colour.
enum class Icon {
    Home,         // a house
    Back,         // an arrow pointing left
    Globe,        // the language button
    ChevronLeft,  // previous page or picture
    ChevronRight, // next page or picture
    Play,         // a film
    MapPin,       // a map
    Picture,      // a picture that is still being read
    Touch,        // a fingertip: touch to start
};
void draw_icon(Canvas& canvas, Icon icon, SDL_Rect box, SDL_Color color);

// An icon's coverage at one size, made once and blended as often as it is drawn.
struct IconMask {
    int side = 0;
    std::vector<std::uint8_t> coverage; // side x side
};
IconMask make_icon_mask(Icon icon, int side);
// Draws a mask in the middle square of box.
void draw_icon_mask(Canvas& canvas, const IconMask& mask, SDL_Rect box, SDL_Color color);

} // namespace kiosk
