#!/usr/bin/env bash
# Runs the whole test suite: a release build, then the same tests built with AddressSanitizer and
# UndefinedBehaviorSanitizer. Installs any missing Debian packages first.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/platform/dev/packages.sh"
ensure_packages $KIOSK_BUILD_PACKAGES $KIOSK_TEST_PACKAGES

jobs=$(nproc)
for variant in release asan; do
    build="$root/build/test-$variant"
    flags="-DCMAKE_BUILD_TYPE=RelWithDebInfo"
    [ "$variant" = asan ] && flags="-DCMAKE_BUILD_TYPE=Debug -DKIOSK_SANITIZE=ON"
    echo "=== $variant build ==="
    cmake -S "$root" -B "$build" $flags >/dev/null
    cmake --build "$build" -j"$jobs"
    echo "=== $variant tests ==="
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir "$build" -j"$jobs" --output-on-failure --timeout 600
done
echo "All tests passed."
