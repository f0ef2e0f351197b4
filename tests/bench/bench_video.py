#!/usr/bin/env python3
"""Video playback against ffplay, the reference SDL2 + FFmpeg player, in the same run.

A 60 s 1080p30 H.264 clip with AAC sound (made here with the ffmpeg CLI) is played to its end under Xvfb
by `kiosk --play-media` and by `ffplay -autoexit`, each fullscreen at 1920x1080 with SDL's dummy audio
driver. Reported: CPU time (user + system, from the kernel's accounting of the process), frames dropped
(the kiosk's own count; ffplay's from its status line), and peak memory (proportional set size).
"""
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import KIOSK, build, cpu_seconds, ensure_packages, run_measured  # noqa: E402

SECONDS = int(os.environ.get("SECONDS_OF_VIDEO", "60"))


def main():
    ensure_packages("xvfb", "ffmpeg", "xauth")
    build()
    work = tempfile.mkdtemp(prefix="bench-video-")
    clip = os.path.join(work, "clip.mp4")
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=size=1920x1080:rate=30:duration={SECONDS}", "-f", "lavfi", "-i",
                    f"sine=frequency=440:duration={SECONDS}", "-c:v", "libx264", "-preset", "veryfast", "-b:v",
                    "6M", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", clip], check=True)
    xvfb = subprocess.Popen(["Xvfb", ":78", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    env = dict(os.environ, DISPLAY=":78", SDL_AUDIODRIVER="dummy")
    env.pop("SDL_VIDEODRIVER", None)
    try:
        kiosk = [KIOSK, "--set", "fullscreen=yes", "--play-media", clip, "--stats"]
        ffplay = ["ffplay", "-autoexit", "-fs", "-loglevel", "info", "-stats", clip]
        results = {}
        # ffplay as it runs by default (its SDL renderer: OpenGL, here Mesa's llvmpipe), and with SDL's
        # software renderer, which is what the kiosk picks on a machine without a GPU.
        runs = (("kiosk", kiosk, env), ("ffplay", ffplay, env),
                ("ffplay-sw", ffplay, dict(env, SDL_RENDER_DRIVER="software")))
        for name, cmd, run_env in runs:
            cpu, wall, out = cpu_seconds(cmd, run_env)
            _, peak, _ = run_measured(cmd, env=run_env)
            if name == "kiosk":
                m = re.search(r"presented (\d+), dropped (\d+)", out)
                shown, dropped = int(m.group(1)), int(m.group(2))
                sync = re.search(r"sync error mean ([\d.]+) ms, max ([\d.]+) ms", out)
                extra = f"A/V sync mean {sync.group(1)} ms, max {sync.group(2)} ms" if sync else ""
            else:
                drops = re.findall(r"fd=\s*(\d+)", out)
                dropped = int(drops[-1]) if drops else -1
                shown, extra = None, ""
            results[name] = (cpu, wall, dropped, peak, shown, extra)
        print(f"{SECONDS} s of 1080p30 H.264 + AAC, fullscreen 1920x1080 under Xvfb (no GPU)")
        print(f"{'':10} {'CPU time':>10} {'wall':>8} {'dropped':>8} {'peak PSS':>10}")
        for name, (cpu, wall, dropped, peak, shown, extra) in results.items():
            print(f"{name:10} {cpu:9.1f}s {wall:7.1f}s {dropped:8} {peak:8.1f} MiB  {extra}")
    finally:
        xvfb.terminate()


if __name__ == "__main__":
    main()
