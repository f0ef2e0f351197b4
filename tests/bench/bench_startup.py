#!/usr/bin/env python3
"""Cold start to first presented frame and peak memory: the kiosk against a Chromium kiosk page.

Both show the same demo slide (welcome, Vietnamese, 1920x1080) under the same Xvfb display: the kiosk
as a fullscreen SDL2 window, Chromium as a headless screenshot of the slide as an HTML page with the same
image, fonts and text. Each is started as a fresh process N times; the median wall time from exec until the
process reports its frame done (kiosk: "first frame presented" after its first SDL_RenderPresent;
Chromium: "written to file" once the screenshot is saved) and the peak memory (sum of the
proportional set size over the whole process tree, sampled every 3 ms, in separate runs so that sampling
does not slow the timed ones) are reported.
"""
import html
import os
import subprocess
import sys
import tempfile
import time
import tomllib

sys.path.insert(0, os.path.dirname(__file__))
from common import KIOSK, ROOT, TOOL, build, ensure_packages, median, run_measured, run_timed  # noqa: E402

RUNS = int(os.environ.get("RUNS", "20"))


def slide_html(workdir):
    demo = os.path.join(ROOT, "assets", "demo")
    with open(os.path.join(demo, "project.toml"), "rb") as f:
        project = tomllib.load(f)
    with open(os.path.join(demo, "slides", "01-welcome.toml"), "rb") as f:
        slide = tomllib.load(f)
    fonts = "/usr/share/fonts/truetype/noto"
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in slide["body"]["vi"].split("\n\n"))
    page = f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@font-face {{ font-family: K; src: url(file://{fonts}/NotoSans-Regular.ttf); }}
@font-face {{ font-family: K; font-weight: bold; src: url(file://{fonts}/NotoSans-Bold.ttf); }}
html, body {{ margin: 0; width: 1920px; height: 1080px; background: #0e2a47; font-family: K; color: #e2eaf3; overflow: hidden; }}
header {{ height: 92px; background: #091d33; border-bottom: 4px solid #da251d; display: flex; align-items: center;
  padding: 0 43px; font-weight: bold; font-size: 32px; color: white; }}
main {{ display: flex; padding: 43px; gap: 43px; }}
img {{ width: 1020px; height: 860px; object-fit: cover; }}
h1 {{ color: #ffcd00; font-size: 62px; margin: 0 0 30px; }}
p {{ font-size: 40px; line-height: 1.4; margin: 0 0 20px; }}
</style></head><body><header>{html.escape(project["name"]["vi"])}</header><main>
<img src="file://{demo}/{slide["image"]}"><div><h1>{html.escape(slide["title"]["vi"])}</h1>{paragraphs}</div></main></body></html>"""
    path = os.path.join(workdir, "slide.html")
    with open(path, "w") as f:
        f.write(page)
    return path


def main():
    ensure_packages("xvfb", "chromium", "xauth")
    build()
    work = tempfile.mkdtemp(prefix="bench-startup-")
    subprocess.run([TOOL, "keygen", "--out", f"{work}/k"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([TOOL, "build", f"{ROOT}/assets/demo", "--key", f"{work}/k.key", "-o", f"{work}/demo.kpack"],
                   check=True, stdout=subprocess.DEVNULL)
    page = slide_html(work)

    xvfb = subprocess.Popen(["Xvfb", ":77", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    env = dict(os.environ, DISPLAY=":77")
    env.pop("SDL_VIDEODRIVER", None)
    try:
        kiosk_cmd = [KIOSK, "--set", f"store={work}/store", "--set", f"trusted_keys={work}/k.pub",
                     "--set", "station=na-meo", "--set", "fullscreen=yes", "--content", f"{work}/demo.kpack",
                     "--exit-after-first-frame"]
        chrome_cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update", "--disable-sync",
                      "--hide-scrollbars", "--allow-file-access-from-files", "--window-size=1920,1080",
                      f"--user-data-dir={work}/chrome-profile", f"--screenshot={work}/chrome.png", f"file://{page}"]
        markers = {"kiosk": "first frame presented", "chromium": "written to file"}
        commands = {"kiosk": kiosk_cmd, "chromium": chrome_cmd}
        for cmd in commands.values():
            run_measured(cmd, env=env)  # one warm-up run so both read fonts and binaries from page cache
        # Timed runs alternate between the two, so that any drift of the machine touches both alike; memory
        # is sampled in separate runs, as sampling /proc every 3 ms takes a core of this 2-core machine.
        walls = {name: [] for name in commands}
        for _ in range(RUNS):
            for name, cmd in commands.items():
                time.sleep(0.3)  # let the last run's processes finish exiting
                walls[name].append(run_timed(cmd, markers[name], env=env))
        results = {}
        for name, cmd in commands.items():
            peaks = [run_measured(cmd, env=env)[1] for _ in range(max(3, RUNS // 4))]
            results[name] = (median(walls[name]) * 1000, max(peaks))
        k, c = results["kiosk"], results["chromium"]
        print(f"{'':10} {'start to frame (median of %d)' % RUNS:>30} {'peak memory (PSS)':>20}")
        for name, (ms, mib) in results.items():
            print(f"{name:10} {ms:27.0f} ms {mib:17.1f} MiB")
        print(f"kiosk is {c[0] / k[0]:.1f}x faster to its first frame and uses {k[1] / c[1] * 100:.1f}% of "
              f"Chromium's memory")
    finally:
        xvfb.terminate()


if __name__ == "__main__":
    main()
