#!/usr/bin/env python3
"""svgflat.py SVG...: rewrite gnuplot's SVG charts in place so every renderer draws them.

gnuplot draws each point as a <use> of a shape in <defs>, coloured with
fill='currentColor'. WeasyPrint 57 (the PDF engine) cannot resolve
currentColor and stops. This expands each <use> into a copy of the shape and
replaces currentColor with the colour the element inherits, which is what a
browser would draw. A file that needs nothing is left byte for byte as it was.
"""
import copy
import sys
import xml.etree.ElementTree as ET

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)
HREFS = ("{%s}href" % XLINK, "href")


def expand_use(use, ids):
    """A <g> holding a copy of what <use> points to, placed as <use> places it."""
    ref = next((use.get(h) for h in HREFS if use.get(h)), "")
    target = ids.get(ref[1:]) if ref.startswith("#") else None
    if target is None:
        return None
    g = ET.Element("{%s}g" % SVG)
    for key, value in use.attrib.items():
        if key not in HREFS + ("x", "y", "id"):
            g.set(key, value)
    x, y = use.get("x", "0"), use.get("y", "0")
    if (x, y) != ("0", "0"):
        g.set("transform", (g.get("transform", "") + " translate(%s,%s)" % (x, y)).strip())
    shape = copy.deepcopy(target)
    shape.attrib.pop("id", None)
    g.append(shape)
    return g


def resolve(el, color, ids):
    color = el.get("color", color)
    for attr in ("fill", "stroke"):
        if el.get(attr) == "currentColor":
            el.set(attr, color)
    style = el.get("style")
    if style and "currentColor" in style:
        el.set("style", style.replace("currentColor", color))
    for i, child in enumerate(list(el)):
        if child.tag == "{%s}use" % SVG:
            g = expand_use(child, ids)
            if g is not None:
                el.remove(child)
                el.insert(i, g)
                child = g
        resolve(child, color, ids)


def flatten(path):
    with open(path, "rb") as f:
        original = f.read()
    if b"currentColor" not in original and b"<use" not in original:
        return
    root = ET.fromstring(original)
    # Copies are made from an untouched tree: the shapes in <defs> take the
    # colour of each place they are used, not of <defs>.
    pristine = ET.fromstring(original)
    ids = {el.get("id"): el for el in pristine.iter() if el.get("id")}
    resolve(root, "black", ids)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        flatten(name)
