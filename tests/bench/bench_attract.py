#!/usr/bin/env python3
"""The attract loop with 1080p photographs: CPU per frame and frames missed during crossfades.

The demo content is copied with every picture replaced by a 1920x1080 photograph-like JPEG (made here with
the ffmpeg CLI) and every slide shortened to 3 s, so a 60 s run has about forty 0.7 s crossfades. The
kiosk plays it fullscreen at 1920x1080 under Xvfb with SDL's software renderer (this machine has no GPU)
and prints its own frame statistics (`--run-for S --stats`): a frame is missed when a present comes more
than half a frame late against 60 fps. Target: no frames missed, 60 fps in crossfades.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import KIOSK, ROOT, TOOL, build, ensure_packages, run_measured  # noqa: E402

SECONDS = int(os.environ.get("SECONDS_OF_LOOP", "60"))


def photo(path, seed):
    """A 1920x1080 JPEG that compresses like a photograph: a fractal with fine noise."""
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"mandelbrot=size=1920x1080:start_scale={2 + seed * 0.37}:end_scale=0.2",
                    "-vf", f"noise=alls={8 + seed}:allf=t,hue=h={seed * 40}", "-frames:v", "1", "-q:v", "3",
                    path], check=True)


def main():
    ensure_packages("xvfb", "ffmpeg", "xauth")
    build()
    work = tempfile.mkdtemp(prefix="bench-attract-")
    project = os.path.join(work, "project")
    shutil.copytree(os.path.join(ROOT, "assets", "demo"), project)
    for i, slide in enumerate(sorted(glob.glob(os.path.join(project, "slides", "*.toml")))):
        text = open(slide, encoding="utf-8").read()
        name = f"media/photo{i}.jpg"
        photo(os.path.join(project, name), i)
        text = re.sub(r'^(image|map|video) = ".*"$', f'image = "{name}"', text, count=1, flags=re.M)
        if 'image = "' not in text:
            text = text.replace("\n[title]", f'\nimage = "{name}"\n\n[title]', 1)
        text = re.sub(r"^duration = \d+$", "duration = 3", text, flags=re.M)
        open(slide, "w", encoding="utf-8").write(text)
    subprocess.run([TOOL, "keygen", "--out", f"{work}/k"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([TOOL, "build", project, "--key", f"{work}/k.key", "-o", f"{work}/photos.kpack"],
                   check=True, stdout=subprocess.DEVNULL)

    xvfb = subprocess.Popen(["Xvfb", ":79", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    env = dict(os.environ, DISPLAY=":79", SDL_AUDIODRIVER="dummy")
    env.pop("SDL_VIDEODRIVER", None)
    try:
        cmd = [KIOSK, "--set", f"store={work}/store", "--set", f"trusted_keys={work}/k.pub",
               "--set", "station=na-meo", "--set", "fullscreen=yes", "--content", f"{work}/photos.kpack",
               "--run-for", str(SECONDS), "--stats"]
        before = os.times()
        wall, peak, output = run_measured(cmd, env=env, sample_s=0.05)
        after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        m = re.search(r"frames (\d+), in crossfades (\d+), missed in crossfades (\d+); draw mean ([\d.]+) ms, "
                      r"max ([\d.]+) ms; CPU ([\d.]+) ms per frame", output)
        if not m:
            raise RuntimeError("no statistics from the kiosk:\n" + output[-2000:])
        frames, fade, missed = int(m[1]), int(m[2]), int(m[3])
        fade_fps = 60.0 * fade / (fade + missed) if fade + missed else 0.0
        print(f"attract loop, {SECONDS} s of 1080p photographs at 1920x1080 (software renderer, Xvfb)")
        print(f"  frames presented       {frames}")
        print(f"  crossfade frames       {fade}, missed {missed} ({fade_fps:.1f} fps in crossfades; target 60)")
        print(f"  draw + present         mean {float(m[4]):.2f} ms, max {float(m[5]):.2f} ms per frame")
        print(f"  CPU                    {float(m[6]):.2f} ms per frame presented; {cpu / SECONDS * 100:.1f}% "
              f"of one core over the run")
        print(f"  peak memory (PSS)      {peak:.1f} MiB")
    finally:
        xvfb.terminate()


if __name__ == "__main__":
    main()
