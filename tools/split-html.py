#!/usr/bin/env python3
"""split-html.py WHOLE.html OUTDIR: the book as one page per chapter.

WHOLE.html is pandoc's standalone HTML of the whole book, made with
--section-divs (not self-contained). Each top-level <section> becomes a page:
the preface, with the title and the full contents, is index.html; every
chapter and the back matter get NAME.html after the section's id. Every page
carries a search box, the contents (folded), and previous/next links above and
below. Links to anchors on other pages are rewritten, and every local image is
copied into OUTDIR/img/, so the directory works offline from the file system.
Search runs in the browser over search.js, an index this script writes.
"""
import html
import json
import os
import re
import shutil
import sys

SECTION = re.compile(r"<section\b[^>]*>|</section>")


def top_sections(body):
    """[(id, title, html)] for each top-level <section> of body."""
    out, depth, start = [], 0, None
    for m in SECTION.finditer(body):
        if m.group(0).startswith("</"):
            depth -= 1
            if depth == 0:
                chunk = body[start:m.end()]
                ident = re.search(r'\bid="([^"]+)"', chunk).group(1)
                h1 = re.search(r"<h1\b[^>]*>(.*?)</h1>", chunk, re.S)
                out.append((ident, h1.group(1) if h1 else ident, chunk))
        else:
            if depth == 0:
                start = m.start()
            depth += 1
    return out


def plain(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def prose(fragment):
    """The text of a fragment without its listings and outputs, for search."""
    return plain(re.sub(r"<pre\b.*?</pre>", " ", fragment, flags=re.S))


def page_name(ident, first):
    if first:
        return "index.html"
    return ("book-" + ident if ident == "index" else ident) + ".html"


def main():
    whole, outdir = sys.argv[1], sys.argv[2]
    text = open(whole, encoding="utf-8").read()
    title = plain(re.search(r"<title>(.*?)</title>", text, re.S).group(1))
    styles = "\n".join(re.findall(r"<style[^>]*>(.*?)</style>", text, re.S))
    lang = re.search(r'<html[^>]*\blang="([^"]+)"', text)
    body = text[text.index("<body>") + 6:text.rindex("</body>")]
    header = re.search(r'<header id="title-block-header">.*?</header>', body, re.S)
    toc = re.search(r'<nav id="TOC" role="doc-toc">(.*?)</nav>', body, re.S).group(1)
    toc = re.sub(r'<h2 id="toc-title">.*?</h2>', "", toc, flags=re.S)  # the summary says it
    sections = top_sections(body)

    pages = [(page_name(ident, i == 0), ident, heading, chunk)
             for i, (ident, heading, chunk) in enumerate(sections)]
    where = {}
    for name, _, _, chunk in pages:
        for ident in re.findall(r'\bid="([^"]+)"', chunk):
            where.setdefault(ident, name)

    def relink(fragment, here):
        def fix(m):
            target = m.group(1)
            page = where.get(target)
            if page is None or page == here:
                return m.group(0)
            return 'href="%s#%s"' % (page, target)
        return re.sub(r'href="#([^"]+)"', fix, fragment)

    os.makedirs(os.path.join(outdir, "img"), exist_ok=True)

    def copy_images(fragment):
        def fix(m):
            src = m.group(1)
            if re.match(r"^[a-z]+:", src) or not os.path.exists(src):
                return m.group(0)
            flat = src.replace("build/", "").replace("/", "-")
            shutil.copyfile(src, os.path.join(outdir, "img", flat))
            return 'src="img/%s"' % flat
        return re.sub(r'src="([^"]+)"', fix, fragment)

    for old in os.listdir(outdir):
        if old.endswith(".html"):
            os.remove(os.path.join(outdir, old))
    with open(os.path.join(outdir, "pandoc.css"), "w", encoding="utf-8") as f:
        f.write(styles)

    search = []
    for i, (name, ident, heading, chunk) in enumerate(pages):
        prev = pages[i - 1] if i > 0 else None
        nxt = pages[i + 1] if i + 1 < len(pages) else None

        def pager(where_):
            left = ('<a rel="prev" href="%s">← %s</a>' % (prev[0], prev[2])) if prev else "<span></span>"
            right = ('<a rel="next" href="%s">%s →</a>' % (nxt[0], nxt[2])) if nxt else "<span></span>"
            return '<nav class="pager pager-%s" aria-label="Chapters">%s%s</nav>' % (where_, left, right)

        contents = relink(toc, name)
        top = ('<header class="site"><a class="home" href="index.html">%s</a>'
               '<form class="search" role="search" onsubmit="return false">'
               '<input type="search" id="search" placeholder="Search the book" aria-label="Search the book">'
               '<ol id="search-results" hidden></ol></form></header>' % html.escape(title))
        details = ('<details class="contents"%s><summary>Contents</summary><nav role="doc-toc">%s</nav></details>'
                   % (" open" if i == 0 else "", contents))
        main_html = copy_images(relink(chunk, name))
        if i == 0:  # the front page: title, then the contents unfolded, then the preface
            main_html = (header.group(0) if header else "") + details + main_html
            details = ""
        page = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{heading} – {title}</title>
<link rel="stylesheet" href="pandoc.css">
<link rel="stylesheet" href="book.css">
<link rel="stylesheet" href="pages.css">
</head>
<body>
{top}
{pager_top}
{details}
<main>
{main}
</main>
{pager_bottom}
<script src="search.js"></script>
</body>
</html>
""".format(lang=lang.group(1) if lang else "en", heading=plain(heading), title=html.escape(title),
           top=top, pager_top=pager("top"), details=details, main=main_html,
           pager_bottom=pager("bottom"))
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            f.write(page)

        # Search entries: the chapter's opening, then each second-level section.
        subs = list(re.finditer(r'<section id="([^"]+)" class="level2[^"]*"[^>]*>\s*<h2[^>]*>(.*?)</h2>(.*?)(?=<section id="[^"]+" class="level2|\Z)',
                                chunk, re.S))
        intro_end = subs[0].start() if subs else len(chunk)
        search.append({"u": name, "t": plain(heading), "x": prose(chunk[:intro_end])[:4000]})
        for m in subs:
            search.append({"u": "%s#%s" % (name, m.group(1)), "t": plain(m.group(2)),
                           "x": prose(m.group(3))[:4000]})

    with open(os.path.join(outdir, "search.js"), "w", encoding="utf-8") as f:
        f.write("// The book's search index and a small search over it (made by tools/split-html.py).\n")
        f.write("var BOOK_SECTIONS = %s;\n" % json.dumps(search, ensure_ascii=False))
        f.write(SEARCH_JS)


SEARCH_JS = r"""
(function () {
  var box = document.getElementById("search");
  var list = document.getElementById("search-results");
  if (!box || !list) return;
  function esc(s) {
    return s.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }
  function snippet(text, word) {
    var at = text.toLowerCase().indexOf(word);
    var start = Math.max(0, at - 50);
    return (start > 0 ? "…" : "") + text.substr(start, 140) + "…";
  }
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    list.innerHTML = "";
    if (words.length === 0 || box.value.trim().length < 2) { list.hidden = true; return; }
    var hits = BOOK_SECTIONS.filter(function (s) {
      var hay = (s.t + " " + s.x).toLowerCase();
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    }).slice(0, 20);
    list.innerHTML = hits.length ? hits.map(function (s) {
      return '<li><a href="' + s.u + '">' + esc(s.t) + "</a><br><small>" +
        esc(snippet(s.x, words[0])) + "</small></li>";
    }).join("") : "<li>No section mentions that.</li>";
    list.hidden = false;
  });
})();
"""

if __name__ == "__main__":
    main()
