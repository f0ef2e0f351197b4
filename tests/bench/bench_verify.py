#!/usr/bin/env python3
"""Pack verification throughput against b2sum over the same bytes.

Builds a pack of about 400 MB (the demo content plus incompressible photo-sized images), then times
`content-tool verify` (signature, manifest, BLAKE2b-256 of every object) and `b2sum -l 256` of the same
pack file, each warm in the page cache, median of several runs, and `kiosk --install` into a fresh store
(verify, copy, fsync) for reference.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

sys.path.insert(0, os.path.dirname(__file__))
from common import KIOSK, ROOT, TOOL, build, median  # noqa: E402

RUNS = int(os.environ.get("RUNS", "5"))
IMAGES = int(os.environ.get("IMAGES", "12"))


def noise_png(path, width, height):
    """An incompressible RGB PNG (stored blocks), the worst case for a pack's size."""
    raw = b"".join(b"\x00" + os.urandom(width * 3) for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b""))


def timed(cmd, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return median(times)


def main():
    build()
    work = tempfile.mkdtemp(prefix="bench-verify-")
    src = os.path.join(work, "src")
    shutil.copytree(os.path.join(ROOT, "assets", "demo"), src)
    # A screen as large as the photos, so that content-tool build keeps them at their size (it shrinks
    # pictures larger than every display profile).
    with open(os.path.join(src, "project.toml"), "a", encoding="utf-8") as f:
        f.write('\n[[profile]]\nname = "bench-large"\nwidth = 3000\nheight = 3000\ntouch = false\nlayout = "single"\n')
    for i in range(IMAGES):
        noise_png(os.path.join(src, "media", f"photo-{i:02d}.png"), 3000, 3000)
        with open(os.path.join(src, "slides", f"50-photo-{i:02d}.toml"), "w") as f:
            f.write(f'id = "photo-{i:02d}"\ncategory = "tourism"\nduration = 8\nimage = "media/photo-{i:02d}.png"\n'
                    f'[title]\nvi = "Ảnh {i}"\nen = "Photo {i}"\nlo = "ຮູບ {i}"\n')
    subprocess.run([TOOL, "keygen", "--out", f"{work}/k"], check=True, stdout=subprocess.DEVNULL)
    pack = f"{work}/big.kpack"
    subprocess.run([TOOL, "build", src, "--key", f"{work}/k.key", "-o", pack], check=True, stdout=subprocess.DEVNULL)
    size = os.path.getsize(pack)

    verify = [TOOL, "verify", pack, "--pubkey", f"{work}/k.pub"]
    b2sum = ["b2sum", "-l", "256", pack]
    timed(verify, 1)
    timed(b2sum, 1)
    t_verify = timed(verify, RUNS)
    t_b2sum = timed(b2sum, RUNS)
    installs = []
    for i in range(3):
        store = f"{work}/store-{i}"
        t = time.perf_counter()
        subprocess.run([KIOSK, "--set", f"store={store}", "--set", f"trusted_keys={work}/k.pub", "--set",
                        "station=na-meo", "--install", pack], check=True, stdout=subprocess.DEVNULL)
        installs.append(time.perf_counter() - t)
    mb = size / 1e6
    print(f"pack: {mb:.0f} MB, {IMAGES + 10} objects; warm page cache; median of {RUNS}")
    print(f"content-tool verify  {mb / t_verify:8.0f} MB/s")
    print(f"b2sum -l 256         {mb / t_b2sum:8.0f} MB/s")
    print(f"kiosk --install      {mb / median(installs):8.0f} MB/s (verify + copy + fsync into a fresh store)")
    print(f"verify is {t_b2sum / t_verify * 100:.0f}% of b2sum's throughput")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
