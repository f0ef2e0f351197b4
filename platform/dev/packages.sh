# Debian 12 packages the project needs, and a function that installs whichever are missing.
# Sourced by run-demo.sh and run-tests.sh.

KIOSK_BUILD_PACKAGES="cmake make g++ pkg-config libsdl2-dev libharfbuzz-dev libfreetype-dev libsdl2-image-dev libsodium-dev
  libicu-dev libtomlplusplus-dev libqrencode-dev libsqlite3-dev libcurl4-openssl-dev nlohmann-json3-dev fonts-noto-core fonts-noto-cjk
  libavformat-dev libavcodec-dev libavfilter-dev libavutil-dev libswscale-dev libswresample-dev"
KIOSK_TEST_PACKAGES="catch2 ffmpeg nginx-light curl rsync"

ensure_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing missing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
