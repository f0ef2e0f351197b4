#!/usr/bin/env python3
"""Telemetry: what recording costs the kiosk, and how big the file grows.

1. Cost per recorded event on the calling thread (the render thread on a kiosk), mean and p99, and the
   writer thread's CPU per event (process CPU minus the calling thread's), three ways: RECORD_EVENTS play
   events recorded back to back (burst: the writer takes whatever has queued), in 64-event batches each
   flushed (batch: one full batch per transaction), and SINGLE_EVENTS events each flushed alone (single:
   a quiet kiosk, where every event waits out flush_interval on its own, so one transaction per event).
   The peer is what a straightforward implementation does: one INSERT per event on the calling thread in
   autocommit mode with synchronous=FULL, in SQLite's default rollback journal and in WAL mode, over
   NAIVE_EVENTS events. All write the same columns and index.
2. The file for a busy station: the attract loop changes every 10 s for 18 h (6480 plays), 400 touch
   sessions of 5 page views, 5 errors a day, an install a month, a clock jump every 10 days; one day, and
   YEAR_DAYS days (365) of real timestamps recorded through the module with retention running daily.
   BOUND_DAYS (0: skipped) runs longer to show the size bound (max_bytes, 256 MiB) holding.
   For the year file it also times the start-up check (quick_check and retention, on the writer thread)
   and an export to a USB-ready copy (VACUUM INTO + fsync).
The files are made under BENCH_DIR (/tmp) and removed afterwards unless KEEP=1; TELEMETRY_BENCH_BIN=path
skips the build and uses that telemetry_bench.
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from common import BUILD, ROOT, sh  # noqa: E402

RECORD_EVENTS = int(os.environ.get("RECORD_EVENTS", "100000"))
NAIVE_EVENTS = int(os.environ.get("NAIVE_EVENTS", "2000"))
SINGLE_EVENTS = int(os.environ.get("SINGLE_EVENTS", "2000"))
YEAR_DAYS = int(os.environ.get("YEAR_DAYS", "365"))
BOUND_DAYS = int(os.environ.get("BOUND_DAYS", "0"))
BENCH = os.path.join(BUILD, "tests", "bench", "telemetry_bench")


def build():
    """Builds only the benchmark program (the rest of the project is not needed)."""
    sh("cmake", "-S", ROOT, "-B", BUILD, "-DCMAKE_BUILD_TYPE=Release", "-DKIOSK_TESTS=OFF", "-DKIOSK_BENCH=ON",
       stdout=subprocess.DEVNULL)
    sh("cmake", "--build", BUILD, "-j", str(os.cpu_count() or 2), "--target", "telemetry_bench",
       stdout=subprocess.DEVNULL)


def run(*args):
    env = dict(os.environ, TZ="Asia/Ho_Chi_Minh")
    out = subprocess.run([BENCH, *map(str, args)], check=True, capture_output=True, text=True, env=env).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def mib(b):
    return f"{int(b) / 1048576:.1f} MiB"


def main():
    if not os.environ.get("TELEMETRY_BENCH_BIN"):
        build()
    else:
        global BENCH
        BENCH = os.environ["TELEMETRY_BENCH_BIN"]
    work = tempfile.mkdtemp(prefix="bench-telemetry-", dir=os.environ.get("BENCH_DIR", "/tmp"))
    try:
        report(work)
    finally:
        if not os.environ.get("KEEP"):
            shutil.rmtree(work, ignore_errors=True)


def report(work):
    f = {}
    f.update(run("record", work, RECORD_EVENTS, "burst"))
    f.update(run("record", work, RECORD_EVENTS, "batch"))
    f.update(run("record", work, SINGLE_EVENTS, "single"))
    f.update(run("naive", work, NAIVE_EVENTS, "journal"))
    f.update(run("naive", work, NAIVE_EVENTS, "wal"))
    f.update(run("size", work, 1, "day"))
    f.update(run("size", work, YEAR_DAYS, "year"))
    if BOUND_DAYS:
        f.update(run("size", work, BOUND_DAYS, "bound"))

    print(f"\nRecording a play event ({work}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"{'':46} {'caller mean':>12} {'caller p99':>11} {'writer CPU':>11} {'events/txn':>10}")
    for mode, label in (("burst", "record(), back to back"), ("batch", "record(), 64-event batches"),
                        ("single", "record(), one event per transaction")):
        per_txn = int(f[f"{mode}.events"]) / max(1, int(f[f"{mode}.transactions"]))
        print(f"{label:46} {f[mode + '.record_mean_ns'] + ' ns':>12} {f[mode + '.record_p99_ns'] + ' ns':>11} "
              f"{f[mode + '.writer_cpu_us_per_event'] + ' us':>11} {per_txn:>10.0f}")
    for journal, label in (("journal", "naive INSERT, autocommit, FULL, rollback"),
                           ("wal", "naive INSERT, autocommit, FULL, WAL")):
        mean_us = float(f[f"naive_{journal}.record_mean_ns"]) / 1000
        p99_us = float(f[f"naive_{journal}.record_p99_ns"]) / 1000
        print(f"{label:46} {mean_us:>9.0f} us {p99_us:>8.0f} us {f[f'naive_{journal}.cpu_us_per_event'] + ' us':>11} "
              f"{1:>10}")
    print("  (the naive peer's CPU is all on the calling thread; ours is on the writer thread)")

    print("\nFile size for a busy station (6480 plays, 400 sessions x 5 page views, errors, installs per day)")
    print(f"  one day:            {mib(f['day.bytes'])} ({int(f['day.bytes']) // 1024} KiB, {f['day.rows']} rows)")
    year_events = int(f['year.events'])
    print(f"  {f['year.days']} days:           {mib(f['year.bytes'])} ({f['year.rows']} rows of {year_events} recorded, "
          f"{int(f['year.bytes']) / max(1, int(f['year.rows'])):.0f} B/row; max_bytes {mib(f['year.max_bytes'])}; "
          f"oldest play kept from day {f['year.oldest_play_day']}); recorded in {f['year.record_wall_s']} s")
    print(f"  start-up check of that file (writer thread): {f['year.start_check_s']} s; "
          f"export to USB copy: {f['year.export_s']} s, {mib(f['year.export_bytes'])}")
    if BOUND_DAYS:
        print(f"  {f['bound.days']} days:           {mib(f['bound.bytes'])} ({f['bound.rows']} rows; "
              f"oldest play kept from day {f['bound.oldest_play_day']})")


if __name__ == "__main__":
    main()
