#!/usr/bin/env bash
# Quick start: builds everything, makes a demo signing key, builds the Na Mèo demo pack, installs it into
# a local store through the verified-install path, and plays it in a window. Without a display it renders
# every slide in every language and profile to PNG files instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/platform/dev/packages.sh"
ensure_packages $KIOSK_BUILD_PACKAGES

build="$root/build/release"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_TESTS=OFF >/dev/null
cmake --build "$build" --target kiosk content-tool -j"$(nproc)"

demo="$root/build/demo"
mkdir -p "$demo"
tool="$build/content-tool/content-tool"
kiosk="$build/kiosk/kiosk"
# A key made on this machine for the demo only; a real office keeps its key offline.
[ -f "$demo/demo.key" ] || "$tool" keygen --out "$demo/demo"
"$tool" build "$root/assets/demo" --key "$demo/demo.key" -o "$demo/na-meo.kpack"
cat > "$demo/kiosk.conf" <<CONF
# Demo station: Na Mèo international border gate.
store = $demo/store
trusted_keys = $demo/demo.pub
station = na-meo
station_name = Cửa khẩu Quốc tế Na Mèo
profile = ${KIOSK_PROFILE:-landscape}
fullscreen = ${KIOSK_FULLSCREEN:-no}
CONF
"$kiosk" --config "$demo/kiosk.conf" --install "$demo/na-meo.kpack"

# SDL's offscreen and dummy drivers draw nowhere a person can see: those get the PNG screenshots too.
case "${SDL_VIDEODRIVER:-}" in offscreen|dummy) visible="" ;; "") visible="${DISPLAY:-}${WAYLAND_DISPLAY:-}" ;; *) visible=yes ;; esac
if [ -n "$visible" ]; then
    echo "Playing the demo in a window (Esc or Q closes it; fullscreen=yes in $demo/kiosk.conf for a station)."
    exec "$kiosk" --config "$demo/kiosk.conf" "$@"
fi

echo "No display found: rendering every slide to PNG instead."
shots="$demo/screens"
rm -rf "$shots" && mkdir -p "$shots"
slides=$(sed -n 's/^id *= *"\(.*\)".*/\1/p' "$root"/assets/demo/slides/*.toml)
for profile in landscape portrait led-wall; do
    for slide in $slides; do
        for lang in vi en lo; do
            [ "$profile" = led-wall ] && [ "$lang" = vi ] && continue
            "$kiosk" --config "$demo/kiosk.conf" --profile "$profile" --slide "$slide" --lang "$lang" \
                --screenshot "$shots/$profile-$slide-$lang.png"
        done
    done
done
# The real player loop too, on SDL's offscreen driver, to show it runs end to end.
SDL_VIDEODRIVER=offscreen "$kiosk" --config "$demo/kiosk.conf" --run-for 3
echo "Wrote $(ls "$shots" | wc -l) screenshots to $shots"
