#!/usr/bin/env python3
"""Layout time for a full page of Lao body text, cold and cached (see bench_text_layout.cpp)."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import BUILD, ROOT, build  # noqa: E402


def main():
    build()
    corpus = os.path.join(ROOT, "tests", "bench", "corpus", "lo.txt")
    subprocess.run([os.path.join(BUILD, "tests", "bench", "bench_text_layout"), corpus], check=True)


if __name__ == "__main__":
    main()
