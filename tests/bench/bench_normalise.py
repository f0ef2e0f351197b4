#!/usr/bin/env python3
"""Media preparation in `content-tool build` against the tools an office would otherwise script.

Makes 100 photo-like 4000x3000 JPEGs and 5 ten-second 1080p films (3 H.264, 2 HEVC) with ffmpeg, then
times, in the same run:

- `content-tool build` of a project of the photos, cold (empty media cache) and warm (cache full), and
  of a project of the films, cold and warm;
- ImageMagick `convert -resize 1920x1080> -quality 88 -strip` over the photos, one at a time and two at a time;
- the ffmpeg CLI transcoding the films the kiosk profile does not take (HEVC) to H.264/AAC MP4.

Not run in CI. TOOL=path/to/content-tool skips building the benchmark tree (e.g. build/rel's).
PHOTOS and FILMS change the counts.
"""
import concurrent.futures
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402

PHOTOS = int(os.environ.get("PHOTOS", "100"))
FILMS = int(os.environ.get("FILMS", "5"))
HEVC_FILMS = 2


def quiet(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def make_photos(folder):
    # One large picture of colour gradients with film grain (smooth areas and fine detail, as in
    # photographs); each photo is a different 4000x3000 window of it, so no two are alike.
    base = os.path.join(folder, "base.png")
    quiet(["ffmpeg", "-y", "-f", "lavfi", "-i", "gradients=s=5000x4000:n=6:r=1,noise=alls=14:allf=t", "-frames:v", "1",
           base])
    quiet(["ffmpeg", "-y", "-loop", "1", "-framerate", "1", "-i", base, "-vf", "crop=4000:3000:x='mod(n*37,1000)':y='mod(n*23,1000)'",
           "-r", "1", "-frames:v", str(PHOTOS), "-q:v", "3", os.path.join(folder, "photo-%03d.jpg")])
    os.remove(base)
    return sorted(glob.glob(os.path.join(folder, "photo-*.jpg")))


def make_films(folder):
    films = []
    for i in range(FILMS):
        hevc = i < HEVC_FILMS
        path = os.path.join(folder, f"film-{i}.mp4")
        codec = ["-c:v", "libx265", "-tag:v", "hvc1"] if hevc else ["-c:v", "libx264"]
        quiet(["ffmpeg", "-y", "-f", "lavfi", "-i", f"testsrc2=s=1920x1080:r=30:d=10,hue=h={i * 40}",
               "-f", "lavfi", "-i", "sine=frequency=440:d=10", *codec, "-preset", "veryfast", "-pix_fmt", "yuv420p",
               "-c:a", "aac", "-shortest", path])
        films.append((path, hevc))
    return films


def project(folder, files, kind):
    """A content project whose slides show each file (photos as images, films as videos)."""
    src = os.path.join(folder, f"project-{kind}")
    os.makedirs(os.path.join(src, "slides"))
    os.makedirs(os.path.join(src, "media"))
    with open(os.path.join(src, "project.toml"), "w") as f:
        f.write('channel = "bench"\nstations = ["*"]\nlanguages = ["vi"]\ndefault_language = "vi"\n'
                '[name]\nvi = "Bench"\n')
    for i, path in enumerate(files):
        name = os.path.basename(path)
        os.link(path, os.path.join(src, "media", name))
        key = "image" if kind == "photos" else "video"
        with open(os.path.join(src, "slides", f"{i:03d}.toml"), "w") as f:
            f.write(f'id = "s{i:03d}"\nduration = 5\n{key} = "media/{name}"\n[title]\nvi = "{i}"\n')
    return src


def build_pack(tool, src, key, out):
    result = subprocess.run([tool, "build", src, "--key", key, "-o", out, "--version", "1"], check=True,
                            capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if line.startswith("media:")][0]


def imagemagick(photos, out_dir, workers):
    def one(path):
        quiet(["convert", path, "-resize", "1920x1080>", "-quality", "88", "-strip", os.path.join(out_dir, os.path.basename(path))])

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, photos))


def ffmpeg_films(films, out_dir):
    for path, hevc in films:
        if hevc:  # the films the kiosk profile does not take as they are
            quiet(["ffmpeg", "-y", "-i", path, "-c:v", "libx264", "-preset", "veryfast", "-crf", "21", "-profile:v", "high", "-pix_fmt",
                   "yuv420p", "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart",
                   os.path.join(out_dir, os.path.basename(path))])


def main():
    common.ensure_packages("ffmpeg", "imagemagick")
    tool = os.environ.get("TOOL")
    if not tool:
        common.build()
        tool = common.TOOL
    work = tempfile.mkdtemp(prefix="bench-normalise-")
    try:
        media = os.path.join(work, "media")
        os.makedirs(media)
        print(f"Making {PHOTOS} photos and {FILMS} films in {work} ...", file=sys.stderr)
        photos = make_photos(media)
        films = make_films(media)
        quiet([tool, "keygen", "--out", os.path.join(work, "k")])
        key = os.path.join(work, "k.key")
        rows = []

        photo_src = project(work, photos, "photos")
        summary = {}
        t = timed(lambda: summary.setdefault("cold", build_pack(tool, photo_src, key, os.path.join(work, "p1.kpack"))))
        rows.append((f"content-tool build, {PHOTOS} photos, cold cache", t, summary["cold"]))
        t = timed(lambda: summary.setdefault("warm", build_pack(tool, photo_src, key, os.path.join(work, "p2.kpack"))))
        rows.append((f"content-tool build, {PHOTOS} photos, warm cache", t, summary["warm"]))
        for workers in (1, 2):
            out = os.path.join(work, f"magick-{workers}")
            os.makedirs(out)
            t = timed(lambda: imagemagick(photos, out, workers))
            rows.append((f"ImageMagick convert -resize 1920x1080> -quality 88 -strip, {workers} at a time", t, ""))

        if films:
            film_src = project(work, [path for path, _ in films], "films")
            t = timed(lambda: summary.setdefault("fcold", build_pack(tool, film_src, key, os.path.join(work, "f1.kpack"))))
            rows.append((f"content-tool build, {FILMS} films, cold cache", t, summary["fcold"]))
            t = timed(lambda: summary.setdefault("fwarm", build_pack(tool, film_src, key, os.path.join(work, "f2.kpack"))))
            rows.append((f"content-tool build, {FILMS} films, warm cache", t, summary["fwarm"]))
            out = os.path.join(work, "ffmpeg")
            os.makedirs(out)
            t = timed(lambda: ffmpeg_films(films, out))
            rows.append((f"ffmpeg CLI, the {min(HEVC_FILMS, FILMS)} HEVC films to H.264/AAC", t, ""))

        print(f"\n| | wall time | content-tool's summary |\n|---|---|---|")
        for name, seconds, note in rows:
            print(f"| {name} | {seconds:.1f} s | {note} |")
        sizes = [os.path.getsize(p) for p in glob.glob(os.path.join(work, "magick-1", "*.jpg"))]
        print(f"\nImageMagick output: {sum(sizes) / 1e6:.1f} MB; content-tool pack: "
              f"{os.path.getsize(os.path.join(work, 'p1.kpack')) / 1e6:.1f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
