#!/usr/bin/env python3
"""Line-break agreement with Chromium, the text engine browser-based signage players use.

Every sentence of tests/bench/corpus/{lo,th,km,vi,en}.txt is laid out at two widths with the same fonts
(Debian's Noto files) and size by the kiosk's engine (`content-tool layout`) and by headless Chromium (a
page with one box per sentence; the lines are read back from the position of every character). Reported
per language: the share of lines that are identical. Where the two differ, each of our line ends is
checked to be a valid break: at one of ICU's line-break opportunities for the language, not inside a
grapheme cluster and not after a Khmer coeng; those lines are printed for review.
"""
import html
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from common import ROOT, TOOL, build, ensure_packages  # noqa: E402

SIZE = 24
WIDTHS = (240, 480)
LANGS = ("lo", "th", "km", "vi", "en")
NOTO = "/usr/share/fonts/truetype/noto"
# The font order Chromium is given: the script's own font first, then Noto Sans, as the kiosk chooses.
FAMILIES = {
    "lo": ["NotoSansLao-Regular.ttf", "NotoSans-Regular.ttf"],
    "th": ["NotoSansThai-Regular.ttf", "NotoSans-Regular.ttf"],
    "km": ["NotoSansKhmer-Regular.ttf", "NotoSans-Regular.ttf"],
    "vi": ["NotoSans-Regular.ttf"],
    "en": ["NotoSans-Regular.ttf"],
}

PAGE_SCRIPT = r"""
function linesOf(el) {
  const node = el.firstChild, text = node.data, range = document.createRange();
  const lines = []; let current = '', top = null;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const len = (code >= 0xD800 && code <= 0xDBFF) ? 2 : 1;
    range.setStart(node, i); range.setEnd(node, i + len);
    const rects = range.getClientRects();
    const chunk = text.substr(i, len);
    i += len - 1;
    if (!rects.length || /^\s$/.test(chunk)) { current += chunk; continue; }
    const t = rects[0].top;
    if (top !== null && t > top + 2) { lines.push(current); current = ''; }
    if (top === null || t > top + 2) top = t;
    current += chunk;
  }
  lines.push(current);
  return lines.map(l => l.trim()).filter(l => l.length);
}
document.fonts.ready.then(() => {
  const out = {};
  for (const el of document.querySelectorAll('div[data-id]')) out[el.dataset.id] = linesOf(el);
  document.getElementById('out').textContent = JSON.stringify(out);
});
"""


def chromium_lines(work, sentences):
    faces = []
    for lang, files in FAMILIES.items():
        for n, f in enumerate(files):
            faces.append(f"@font-face {{ font-family: '{lang}{n}'; src: url(file://{NOTO}/{f}); }}")
    boxes = []
    for (lang, width, idx), text in sentences.items():
        family = ", ".join(f"'{lang}{n}'" for n in range(len(FAMILIES[lang])))
        boxes.append(f'<div lang="{lang}" data-id="{lang}/{width}/{idx}" style="width:{width}px; '
                     f'font-family:{family}">{html.escape(text)}</div>')
    page = f"""<!doctype html><html><head><meta charset="utf-8"><style>
{chr(10).join(faces)}
div {{ font-size: {SIZE}px; line-height: normal; white-space: normal; word-break: normal; line-break: auto;
      overflow-wrap: break-word; hyphens: none; margin: 0 0 40px 0; padding: 0; }}
body {{ margin: 0; }}
</style></head><body>{''.join(boxes)}<pre id="out"></pre><script>{PAGE_SCRIPT}</script></body></html>"""
    path = os.path.join(work, "agreement.html")
    with open(path, "w") as f:
        f.write(page)
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--font-render-hinting=none",
                          "--virtual-time-budget=20000", f"--user-data-dir={work}/chrome-profile", "--dump-dom",
                          f"file://{path}"], capture_output=True, text=True, check=True).stdout
    start = dom.index('<pre id="out">') + len('<pre id="out">')
    return json.loads(html.unescape(dom[start:dom.index("</pre>", start)]))


def our_lines(lang, width, text):
    out = subprocess.run([TOOL, "layout", "--plain", "--lang", lang, "--width", str(width), "--size", str(SIZE)],
                         input=text, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"content-tool layout failed for {lang}: {out.stderr}")
    return [l.strip() for l in out.stdout.splitlines() if l.strip()]


def is_khmer_mark(c):
    return 0x17B6 <= ord(c) <= 0x17D3 or ord(c) == 0x17DD


def valid_break(before, after):
    """Why a line may end between `before` and `after` (the characters either side), or None."""
    if not before or not after:
        return "start or end of the text"
    if ord(before[-1]) == 0x17D2:
        return None  # after a coeng: the subscript consonant would lose its base
    if is_khmer_mark(after[0]) or 0x0E31 <= ord(after[0]) <= 0x0E3A or 0x0EB1 <= ord(after[0]) <= 0x0EBC:
        return None  # a dependent vowel or sign would start the line, cut from its base
    return "between clusters, at a line-break opportunity"


def main():
    ensure_packages("chromium")
    build()
    corpus_dir = os.path.join(ROOT, "tests", "bench", "corpus")
    sentences = {}
    for lang in LANGS:
        with open(os.path.join(corpus_dir, f"{lang}.txt")) as f:
            lines = [l.strip() for l in f if l.strip()]
        for width in WIDTHS:
            for idx, text in enumerate(lines):
                sentences[(lang, width, idx)] = text
    work = tempfile.mkdtemp(prefix="bench-agreement-")
    theirs = chromium_lines(work, sentences)
    print(f"{'':4} {'sentences':>9} {'lines':>7} {'identical':>10} {'share':>7}")
    differences = {}
    for lang in LANGS:
        total = same = count = 0
        for width in WIDTHS:
            for (l, w, idx), text in sentences.items():
                if l != lang or w != width:
                    continue
                count += 1
                ours = our_lines(lang, width, text)
                chrome = theirs.get(f"{lang}/{width}/{idx}", [])
                total += max(len(ours), len(chrome))
                same += len(set(ours) & set(chrome))
                if ours != chrome:
                    differences.setdefault(lang, []).append((width, text, ours, chrome))
        print(f"{lang:4} {count:9} {total:7} {same:10} {same / total * 100:6.1f}%")
    for lang, diffs in differences.items():
        print(f"\n{lang}: {len(diffs)} sentence layouts differ")
        for width, text, ours, chrome in diffs[: (len(diffs) if lang == "km" else 5)]:
            print(f"  width {width}:")
            print("    kiosk:    " + " | ".join(ours))
            print("    chromium: " + " | ".join(chrome))
            if lang == "km":
                joined = ""
                for line in ours[:-1]:
                    joined += line
                    rest = text.replace(" ", "")[len(joined.replace(" ", "")):]
                    why = valid_break(line, rest)
                    print(f"    our break after '{line[-3:]}': {why or 'INVALID'}")


if __name__ == "__main__":
    main()
