#!/usr/bin/env python3
"""Film normalisation against the ffmpeg CLI with the same settings, in the same run.

Two films made here with the ffmpeg CLI: a 1080p30 HEVC phone-style film with AAC sound (transcoded to
the kiosk profile) and a 1080p30 H.264 film with its MP4 index at the end (only copied into a faststart
MP4). Each is normalised by the content tool's libav* transcoder (bench_normalise_video) and by the
ffmpeg CLI with the equivalent command. Reported: wall and CPU time, output size, and for transcodes the
SSIM of the output against the source (1.0 is identical).

BENCH_NORMALISE_BIN=path skips the build and uses that bench_normalise_video; SECONDS_OF_VIDEO sets the
length (default 20).
"""
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from common import BUILD, build, cpu_seconds, ensure_packages  # noqa: E402

SECONDS = int(os.environ.get("SECONDS_OF_VIDEO", "20"))


def make(path, *args):
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"testsrc2=size=1920x1080:rate=30:duration={SECONDS}", "-f", "lavfi", "-i",
                    f"sine=frequency=440:duration={SECONDS}", *args, path], check=True)


def ssim(output, source):
    out = subprocess.run(["ffmpeg", "-hide_banner", "-i", output, "-i", source, "-lavfi", "ssim", "-f", "null", "-"],
                         capture_output=True, text=True).stderr
    m = re.search(r"All:([\d.]+)", out)
    return float(m.group(1)) if m else float("nan")


def main():
    ensure_packages("ffmpeg")
    tool = os.environ.get("BENCH_NORMALISE_BIN")
    if not tool:
        build()
        tool = os.path.join(BUILD, "tests", "bench", "bench_normalise_video")
    work = tempfile.mkdtemp(prefix="bench-normalise-")
    hevc = os.path.join(work, "phone-hevc.mp4")
    make(hevc, "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=none", "-pix_fmt", "yuv420p",
         "-c:a", "aac")
    late_index = os.path.join(work, "index-at-end.mp4")
    make(late_index, "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac")

    x264 = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "21", "-profile:v", "high", "-level", "4.1", "-g", "60",
            "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2", "-movflags", "+faststart"]
    cases = (
        ("HEVC -> H.264", hevc, x264, True),
        ("faststart copy", late_index, ["-c", "copy", "-movflags", "+faststart"], False),
    )
    print(f"{SECONDS} s of 1080p30 with AAC sound, {os.cpu_count()} CPUs")
    print(f"{'':16} {'':12} {'CPU time':>9} {'wall':>8} {'size':>10} {'SSIM':>7}")
    for name, source, cli_args, compare in cases:
        ours = os.path.join(work, "ours.mp4")
        cli = os.path.join(work, "cli.mp4")
        runs = (("content-tool", [tool, source, ours]),
                ("ffmpeg CLI", ["ffmpeg", "-loglevel", "error", "-y", "-i", source, *cli_args, cli]))
        for who, cmd in runs:
            cpu, wall, _ = cpu_seconds(cmd)
            out = ours if who == "content-tool" else cli
            quality = f"{ssim(out, source):7.4f}" if compare else f"{'-':>7}"
            print(f"{name:16} {who:12} {cpu:8.1f}s {wall:7.1f}s {os.path.getsize(out) / 1e6:8.2f}MB {quality}")


if __name__ == "__main__":
    main()
