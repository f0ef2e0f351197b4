#!/usr/bin/env python3
"""Touch-to-screen latency: from a touch's event to the present of the frame that answers it.

The demo pack plays fullscreen on a portrait cabinet (1080x1920) under Xvfb with SDL's software renderer
(this machine has no GPU). xdotool clicks through a traveller's path again and again - the Lao button of
the attract loop's strip, then Home and a category tile in turn - and the kiosk measures, for every click
that changed the screen, the time from SDL's event to the end of SDL_RenderPresent of the frame showing
the new screen (`--run-for S --stats`). Target: the next frame, i.e. within one 60 Hz frame (16.7 ms).
"""
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import KIOSK, ROOT, TOOL, build, ensure_packages, run_measured  # noqa: E402

SECONDS = int(os.environ.get("SECONDS_OF_TOUCHES", "40"))
FRAME_MS = 1000.0 / 60.0
# Portrait 1080x1920: the Lao button of the strip, the Home button, two category tiles (entry and exit,
# opening hours), each a category of one page that opens at once.
LAO, HOME, TILES = (900, 1850), (160, 55), [(800, 500), (270, 870)]


def clicker(env, stop):
    def click(x, y):
        subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], env=env, check=False)
    time.sleep(3.0)  # the pack loads and the first frame is shown
    click(*LAO)
    n = 0
    while not stop.is_set():
        time.sleep(0.7)
        click(*TILES[n % len(TILES)])
        time.sleep(0.7)
        click(*HOME)
        n += 1


def main():
    ensure_packages("xvfb", "xdotool", "xauth")
    build()
    work = tempfile.mkdtemp(prefix="bench-touch-")
    subprocess.run([TOOL, "keygen", "--out", f"{work}/k"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([TOOL, "build", os.path.join(ROOT, "assets", "demo"), "--key", f"{work}/k.key", "-o",
                    f"{work}/demo.kpack"], check=True, stdout=subprocess.DEVNULL)
    xvfb = subprocess.Popen(["Xvfb", ":78", "-screen", "0", "1080x1920x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    env = dict(os.environ, DISPLAY=":78", SDL_AUDIODRIVER="dummy")
    env.pop("SDL_VIDEODRIVER", None)
    stop = threading.Event()
    thread = threading.Thread(target=clicker, args=(env, stop), daemon=True)
    try:
        cmd = [KIOSK, "--set", f"store={work}/store", "--set", f"trusted_keys={work}/k.pub",
               "--set", f"telemetry={work}/telemetry.sqlite", "--set", "station=na-meo",
               "--set", "fullscreen=yes", "--profile", "portrait", "--content", f"{work}/demo.kpack",
               "--run-for", str(SECONDS), "--stats"]
        thread.start()
        wall, peak, output = run_measured(cmd, env=env, sample_s=0.05)
        stop.set()
        m = re.search(r"touches answered (\d+), touch-to-screen mean ([\d.]+) ms, p95 ([\d.]+) ms, max ([\d.]+) ms",
                      output)
        frames = re.search(r"draw mean ([\d.]+) ms, max ([\d.]+) ms; CPU ([\d.]+) ms per frame", output)
        if not m:
            raise RuntimeError("no touch statistics from the kiosk:\n" + output[-2000:])
        n, mean, p95, worst = int(m[1]), float(m[2]), float(m[3]), float(m[4])
        print(f"touch-to-screen latency, portrait 1080x1920, software renderer under Xvfb, {SECONDS} s")
        print(f"  touches answered       {n} (each changed the screen: strip -> Home -> page -> Home ...)")
        print(f"  latency                mean {mean:.1f} ms, p95 {p95:.1f} ms, max {worst:.1f} ms")
        print(f"  one 60 Hz frame        {FRAME_MS:.1f} ms (target: the answer on the next frame)")
        verdict = "met" if p95 <= FRAME_MS else "not met"
        print(f"  next frame at p95      {verdict}")
        if frames:
            print(f"  draw + present         mean {float(frames[1]):.2f} ms, max {float(frames[2]):.2f} ms")
        print(f"  peak memory (PSS)      {peak:.1f} MiB")
    finally:
        stop.set()
        xvfb.terminate()


if __name__ == "__main__":
    main()
