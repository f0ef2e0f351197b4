"""Shared helpers for the benchmarks: building the project, peak-memory sampling, Debian packages."""
import os
import shutil
import statistics
import subprocess
import sys
import struct
import threading
import time
import zlib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# BENCH_BUILD=DIR measures the programs of an existing build instead (already configured; only the two
# programs are brought up to date), e.g. build/test-release, whose flags are -O2 as in the release.
BUILD = os.environ.get("BENCH_BUILD") or os.path.join(ROOT, "build", "bench")
KIOSK = os.path.join(BUILD, "kiosk", "kiosk")
TOOL = os.path.join(BUILD, "content-tool", "content-tool")


def sh(*args, **kw):
    return subprocess.run(list(args), check=True, **kw)


def ensure_packages(*pkgs):
    missing = [p for p in pkgs if subprocess.run(["dpkg-query", "-W", "-f=${Status}", p], capture_output=True,
                                                 text=True).stdout.find("install ok installed") < 0]
    if missing:
        print("Installing", " ".join(missing), file=sys.stderr)
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        sh(*sudo, "apt-get", "update", "-qq")
        sh(*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing,
           env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def build():
    if os.environ.get("BENCH_BUILD"):
        sh("cmake", "--build", BUILD, "-j", str(os.cpu_count() or 2), "--target", "kiosk", "content-tool",
           stdout=subprocess.DEVNULL)
        return
    sh("cmake", "-S", ROOT, "-B", BUILD, "-DCMAKE_BUILD_TYPE=Release", "-DKIOSK_TESTS=OFF", "-DKIOSK_BENCH=ON", stdout=subprocess.DEVNULL)
    sh("cmake", "--build", BUILD, "-j", str(os.cpu_count() or 2), stdout=subprocess.DEVNULL)


def tree_rss_kib(pid):
    """Resident memory of a process and all its descendants, in KiB (proportional set size when available)."""
    total = 0
    pids = [pid]
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            pass
    seen = set()
    while pids:
        p = pids.pop()
        if p in seen:
            continue
        seen.add(p)
        pids.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def run_timed(cmd, marker, env=None):
    """Runs cmd with nothing else measuring it; returns wall seconds from exec until it prints a line
    containing marker (the moment its frame is done), or until it exits when it never does."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seen, lines = None, []
    for line in proc.stdout:
        lines.append(line)
        if seen is None and marker in line:
            seen = time.perf_counter() - start
    proc.wait()
    if proc.returncode != 0 or seen is None:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}) or never printed '{marker}': {''.join(lines)[-2000:]}")
    return seen


def run_measured(cmd, env=None, sample_s=0.003):
    """Runs cmd; returns (wall seconds, peak PSS of its process tree in MiB, completed process output).
    The sampling thread costs CPU, so wall times from here are not for comparison: use run_timed."""
    peak = [0]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kib(proc.pid))
            time.sleep(sample_s)

    t = threading.Thread(target=sample)
    t.start()
    out, _ = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    t.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {out[-2000:]}")
    return wall, peak[0] / 1024.0, out


def median(values):
    return statistics.median(values)


def cpu_seconds(cmd, env=None):
    """Runs cmd; returns (CPU seconds of the process and its children, wall seconds, output)."""
    start = time.perf_counter()
    before = os.times()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    after = os.times()
    wall = time.perf_counter() - start
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {proc.stderr[-2000:]}")
    return cpu, wall, proc.stdout + proc.stderr


def noise_png(path, width, height):
    """An incompressible RGB PNG (stored blocks): the worst case for a pack's size and a sync's bytes."""
    raw = b"".join(b"\x00" + os.urandom(width * 3) for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b""))


def photo_project(src, images):
    """The demo content copied to src with `images` incompressible 3000x3000 photos, each on a slide, and a
    screen as large as the photos, so that content-tool build keeps them at their size (it shrinks
    pictures larger than every display profile)."""
    shutil.copytree(os.path.join(ROOT, "assets", "demo"), src, ignore=shutil.ignore_patterns(".media-cache"))
    with open(os.path.join(src, "project.toml"), "a", encoding="utf-8") as f:
        f.write('\n[[profile]]\nname = "bench-large"\nwidth = 3000\nheight = 3000\ntouch = false\nlayout = "single"\n')
    for i in range(images):
        noise_png(os.path.join(src, "media", f"photo-{i:02d}.png"), 3000, 3000)
        with open(os.path.join(src, "slides", f"50-photo-{i:02d}.toml"), "w") as f:
            f.write(f'id = "photo-{i:02d}"\ncategory = "tourism"\nduration = 8\nimage = "media/photo-{i:02d}.png"\n'
                    f'[title]\nvi = "Ảnh {i}"\nen = "Photo {i}"\nlo = "ຮູບ {i}"\n')
