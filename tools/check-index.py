#!/usr/bin/env python3
"""check-index.py BOOK.html SOURCE.md...: the index misses nothing.

Finds, independently of tools/index.lua, every call (`name(`), errno name,
signal and flag or constant (an upper-case name with an underscore, such as
MAP_SHARED or _SC_PAGESIZE) written as inline code in the chapters, and every
one of the tutorial's own functions whose definition a C listing shows; then
checks that the index in BOOK.html lists each under the section it is in.
Prints what is missing and exits 1, or exits 0.
"""
import errno
import html
import json
import re
import signal
import subprocess
import sys

ERRNOS = set(errno.errorcode.values())
SIGNALS = {s.name for s in signal.Signals}
CALL = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\(")
WORD = re.compile(r"(?<![\w.])[A-Z_][A-Z0-9_]*\b")


def text(inlines):
    out = []
    for el in inlines:
        t, c = el["t"], el.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak"):
            out.append(" ")
        elif t == "Code":
            out.append(c[1])
        elif isinstance(c, list) and c and isinstance(c[-1], list):
            out.append(text(c[-1]))
    return "".join(out)


def walk(node, found):
    """Yield ('code', text) and ('listing', text) from a pandoc JSON subtree."""
    if isinstance(node, dict):
        if node.get("t") == "Code":
            found.append(("code", node["c"][1]))
            return
        if node.get("t") == "CodeBlock":
            attr, body = node["c"]
            if "c" in attr[1]:
                found.append(("listing", body))
            return
        for v in node.values():
            walk(v, found)
    elif isinstance(node, list):
        for v in node:
            walk(v, found)


def expected(doc, own):
    want = set()
    section = None
    chapter = sub = 0
    for block in doc["blocks"]:
        if block["t"] == "Header":
            level, (ident, classes, _), content = block["c"]
            numbered = "unnumbered" not in classes
            if level == 1 and numbered:
                chapter, sub = chapter + 1, 0
            if level == 2 and numbered:
                sub += 1
            if level <= 2 and ident:
                section = ident
            if ident == "index" or "back-matter" in classes:
                section = None
            continue
        if section is None:
            continue
        found = []
        walk(block, found)
        for kind, body in found:
            if kind == "listing":
                for line in body.splitlines():
                    m = re.match(r"[A-Za-z_][\w \*]*?[ \*]([A-Za-z_]\w*)\(", line)
                    if m and m.group(1) in own and not line.rstrip().endswith(";"):
                        want.add((m.group(1) + "()", section))
                continue
            for name in CALL.findall(body):
                if name != "main" and not name.isupper():
                    want.add((name + "()", section))
            for word in WORD.findall(body):
                if word in ERRNOS or word in SIGNALS or ("_" in word.strip("_") and len(word) > 3):
                    want.add((word, section))
    return want


def indexed(book):
    page = open(book, encoding="utf-8").read()
    start = page.find('id="syscall-index"')
    if start < 0:
        sys.exit("check-index: %s: no index (div#syscall-index)" % book)
    have = set()
    for item in re.findall(r"<li>(.*?)</li>", page[start:], re.S):
        term = re.match(r"\s*(?:<p>)?\s*<code>(.*?)</code>", item)
        if term:
            for target in re.findall(r'href="#([^"]+)"', item):
                have.add((html.unescape(term.group(1)), target))
    return have


def main():
    book, sources = sys.argv[1], sys.argv[2:]
    own = set(subprocess.run(["tools/own-functions.sh"], capture_output=True, text=True,
                             check=True).stdout.split())
    doc = json.loads(subprocess.run(
        ["pandoc", "--from", "markdown", "--lua-filter", "tools/include.lua", "-t", "json"] + sources,
        capture_output=True, text=True, check=True).stdout)
    missing = sorted(expected(doc, own) - indexed(book))
    for term, section in missing:
        print("check-index: %s in #%s is not in the index" % (term, section))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
