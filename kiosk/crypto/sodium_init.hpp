// Initialises libsodium once before first use (sodium_init is idempotent and thread-safe).
#pragma once

#include <cstdlib>
#include <sodium.h>

namespace kiosk {

inline void ensure_sodium() {
    static const bool ready = [] {
        if (sodium_init() < 0)
            std::abort(); // No safe way to continue without a working RNG and crypto.
        return true;
    }();
    (void)ready;
}

} // namespace kiosk
