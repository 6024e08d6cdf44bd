#!/usr/bin/env python3
"""other-machines.py OUT DEST SEED: copy the captured outputs in OUT to DEST,
with every number in every measured values file scaled as if a different
machine had measured it.

Readers' machines differ from the author's by five times or more, in any
direction and not all together: system calls ten times dearer, a disk faster
than the page cache, memory slower than the mapping. Each measured KEY=VALUE
is multiplied by its own factor between 1/10 and 10, drawn from SEED (a 0 or
a 1 is taken for a yes-or-no answer and drawn as 0 or 1), so
`make book-check` can build the book against several such machines and fail
where a .choose sentence has no wording for what one of them measured.
"""
import os
import random
import re
import shutil
import sys

FACTORS = [0.1, 0.2, 0.5, 0.8, 1.0, 1.25, 2.0, 5.0, 10.0]


def measured_values(out):
    """Yield the values files each chapter's demo marked as measured."""
    for chapter in sorted(os.listdir(out)):
        listing = os.path.join(out, chapter, ".measured")
        if not os.path.isfile(listing):
            continue
        with open(listing) as f:
            for name in f.read().split():
                if name.endswith(".values"):
                    yield os.path.join(chapter, name)


def main():
    out, dest, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(seed)
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(out, dest)
    for rel in measured_values(out):
        path = os.path.join(dest, rel)
        lines = []
        with open(path) as f:
            for line in f:
                m = re.match(r"^([^=]+)=(-?[0-9]+(?:\.[0-9]+)?)$", line.rstrip("\n"))
                if m and m.group(2) in ("0", "1"):
                    # A yes-or-no answer (on tmpfs? huge pages given?): another
                    # machine may answer either way.
                    line = "%s=%d\n" % (m.group(1), rng.choice((0, 1)))
                elif m:
                    scaled = float(m.group(2)) * rng.choice(FACTORS)
                    line = "%s=%.6g\n" % (m.group(1), scaled)
                lines.append(line)
        with open(path, "w") as f:
            f.writelines(lines)


if __name__ == "__main__":
    main()
