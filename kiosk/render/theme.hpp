// The station's visual theme: colours and proportions shared by every screen.
#pragma once

#include <SDL.h>

namespace kiosk::theme {

constexpr SDL_Color kBackground{14, 42, 71, 255};
constexpr SDL_Color kHeader{9, 29, 51, 255};
constexpr SDL_Color kAccent{218, 37, 29, 255}; // the red of the national flag
constexpr SDL_Color kGold{255, 205, 0, 255};   // the star
constexpr SDL_Color kTitle{255, 255, 255, 255};
constexpr SDL_Color kBody{226, 234, 243, 255};
constexpr SDL_Color kMuted{150, 172, 196, 255};
constexpr SDL_Color kPanel{22, 56, 92, 255};

} // namespace kiosk::theme
