#!/usr/bin/env python3
"""Pack verification and verify-and-install throughput against b2sum over the same bytes.

Builds a pack of about 325 MB (the demo content plus incompressible photo-sized images), then times, each
warm in the page cache, median of several runs:
- `b2sum -l 256` of the pack file (the peer: hashing alone, nothing written);
- `content-tool verify` (signature, manifest, BLAKE2b-256 of every object);
- `kiosk --install` into a fresh store: verify, copy every object while hashing it, make it durable
  (sync) and switch the pack in, as the station does from a stick. The whole command, process start
  included; and the same less the time `kiosk --install` takes for the 2 MB demo pack (start-up, opening
  telemetry), which is the throughput on the bytes themselves.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import KIOSK, ROOT, TOOL, build, median, photo_project  # noqa: E402

RUNS = int(os.environ.get("RUNS", "5"))
IMAGES = int(os.environ.get("IMAGES", "12"))


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
    photo_project(src, IMAGES)
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
    small = f"{work}/small.kpack"
    subprocess.run([TOOL, "build", os.path.join(ROOT, "assets", "demo"), "--key", f"{work}/k.key", "-o", small],
                   check=True, stdout=subprocess.DEVNULL)

    def install_time(which, i):
        store = f"{work}/store-{i}"
        shutil.rmtree(store, ignore_errors=True)
        t = time.perf_counter()
        subprocess.run([KIOSK, "--set", f"store={store}", "--set", f"trusted_keys={work}/k.pub", "--set",
                        "station=na-meo", "--set", f"telemetry={work}/telemetry-{i}.sqlite", "--install", which],
                       check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t

    install_time(pack, 0)
    installs, starts, b2sums = [], [], []
    for i in range(RUNS):  # interleaved, so that a busy moment of the machine falls on both alike
        b2sums.append(timed(b2sum, 1))
        installs.append(install_time(pack, i))
        starts.append(install_time(small, i))
    t_b2sum = min(t_b2sum, median(b2sums))
    t_install, t_start = median(installs), median(starts)
    mb = size / 1e6
    print(f"pack: {mb:.0f} MB, {IMAGES + 10} objects; warm page cache; median of {RUNS}")
    print(f"b2sum -l 256                {mb / t_b2sum:8.0f} MB/s  (the peer)")
    print(f"content-tool verify         {mb / t_verify:8.0f} MB/s  {t_b2sum / t_verify * 100:4.0f}% of b2sum")
    print(f"kiosk --install, whole      {mb / t_install:8.0f} MB/s  {t_b2sum / t_install * 100:4.0f}% of b2sum"
          f"  (verify + copy + sync into a fresh store; {t_install:.2f} s)")
    print(f"kiosk --install, the bytes  {mb / (t_install - t_start):8.0f} MB/s  "
          f"{t_b2sum / (t_install - t_start) * 100:4.0f}% of b2sum  (less {t_start:.2f} s for a 2 MB pack)")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
