"""The article's mmap program, written again from its description.

Map the whole file read-only, then seek +64 and "process", seek -32 and
"process", until the position passes 10 MiB. Processing is a no-op, as in the
article. A seek on an mmap object only moves a number inside the object: no
system call.

usage: python3 mmap_process.py [FILE [LIMIT]]
Prints the iterations and the milliseconds the loop took (open to close).
"""
import mmap
import sys
import time

# region: mmap-loop
def seek_and_process(path, limit):
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
        position = 0
        while position <= limit:
            m.seek(64, 1)            # 1 is os.SEEK_CUR
            pass                     # "process the data"
            m.seek(-32, 1)
            pass
            position = m.tell()      # mmap.seek() returns None before Python 3.13
    return position
# end region: mmap-loop


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "build/data/test.out"
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 10 * 1024 * 1024
    start = time.perf_counter()
    position = seek_and_process(path, limit)
    ms = (time.perf_counter() - start) * 1000
    print(f"mmap_process.py: {position // 32} iterations in {ms:.3f} ms")


if __name__ == "__main__":
    main()
