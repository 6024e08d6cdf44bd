"""The article's "normal" program, written again from its description.

Open the file (in binary mode: Python 3 refuses a relative seek backwards in
a text file), then seek +64 and "process", seek -32 and "process", until the
position passes 10 MiB. Processing is a no-op, as in the article. Every seek
on a file object is an lseek() system call.

usage: python3 normal_process.py [FILE [LIMIT]]
Prints the iterations and the milliseconds the loop took (open to close).
"""
import sys
import time

# region: normal-loop
def seek_and_process(path, limit):
    with open(path, "rb") as f:
        position = 0
        while position <= limit:
            f.seek(64, 1)            # 1 is os.SEEK_CUR
            pass                     # "process the data"
            position = f.seek(-32, 1)
            pass
    return position
# end region: normal-loop


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "build/data/test.out"
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 10 * 1024 * 1024
    start = time.perf_counter()
    position = seek_and_process(path, limit)
    ms = (time.perf_counter() - start) * 1000
    print(f"normal_process.py: {position // 32} iterations in {ms:.3f} ms")


if __name__ == "__main__":
    main()
