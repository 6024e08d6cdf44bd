#!/usr/bin/env python3
"""check-diagrams.py: every diagram in diagrams/*.dot is drawn in every edition.

For each diagrams/NAME.dot, build/diagrams/NAME.svg must appear, with alt
text, in build/book/book.html (embedded), build/book/book.epub (as a file of
the EPUB), the multi-page edition build/book/html/ (as a file beside the
pages), and build/book/book.pdf (every line of the diagram's text is in the
PDF's text). Prints one line per edition with its count, then exits 1 if any
diagram is missing anywhere.
"""
import base64
import glob
import html
import os
import re
import subprocess
import sys
import zipfile

BOOK = "build/book"


def squash(s):
    return re.sub(r"\s+", "", html.unescape(s))


def imgs(page):
    """(src, alt) of every <img> in an HTML page."""
    for tag in re.findall(r"<img\b[^>]*>", page):
        src = re.search(r'\bsrc="([^"]*)"', tag)
        alt = re.search(r'\balt="([^"]*)"', tag)
        yield (src.group(1) if src else ""), (alt.group(1) if alt else "")


def main():
    names = sorted(os.path.basename(p)[:-4] for p in glob.glob("diagrams/*.dot"))
    svgs = {}
    for name in names:
        path = "build/diagrams/%s.svg" % name
        if not os.path.exists(path):
            print("check-diagrams: %s: not drawn (make diagrams)" % path)
            return 1
        svgs[name] = open(path, "rb").read()
    found = {}

    # The single page: each diagram embedded as a data: URI, byte for byte.
    page = open(BOOK + "/book.html", encoding="utf-8").read()
    seen = set()
    for src, alt in imgs(page):
        if src.startswith("data:image/svg+xml;base64,") and alt.strip():
            data = base64.b64decode(src.split(",", 1)[1])
            seen |= {n for n, svg in svgs.items() if svg == data}
    found["book.html"] = seen

    # The EPUB: each diagram a file of the book, shown by some page with alt text.
    seen = set()
    with zipfile.ZipFile(BOOK + "/book.epub") as z:
        files = {n: z.read(n) for n in z.namelist()}
    for name, data in files.items():
        if not name.endswith(".xhtml"):
            continue
        for src, alt in imgs(data.decode("utf-8")):
            target = os.path.normpath(os.path.join(os.path.dirname(name), src))
            if alt.strip() and target in files:
                seen |= {n for n, svg in svgs.items() if svg == files[target]}
    found["book.epub"] = seen

    # The multi-page edition: files beside the pages.
    seen = set()
    for path in glob.glob(BOOK + "/html/*.html"):
        for src, alt in imgs(open(path, encoding="utf-8").read()):
            target = os.path.join(os.path.dirname(path), src)
            if alt.strip() and os.path.exists(target):
                data = open(target, "rb").read()
                seen |= {n for n, svg in svgs.items() if svg == data}
    found["html/"] = seen

    # The PDF: the diagram's own text, line by line, in the order drawn.
    text = squash(subprocess.run(["pdftotext", "-raw", BOOK + "/book.pdf", "-"],
                                 capture_output=True, text=True, check=True).stdout)
    seen = set()
    for name, svg in svgs.items():
        lines = [squash(re.sub(r"<[^>]+>", "", t))
                 for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg.decode("utf-8"), re.S)]
        lines = [l for l in lines if l]
        if lines and all(l in text for l in lines):
            seen.add(name)
    found["book.pdf"] = seen

    bad = 0
    for edition, seen in found.items():
        print("check-diagrams: %s: %d of %d diagrams" % (edition, len(seen), len(names)))
        for name in names:
            if name not in seen:
                print("check-diagrams: %s: diagram %s is missing" % (edition, name))
                bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
