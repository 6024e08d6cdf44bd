/* Exercise 6.2: Follow a growing file
 * Hint 1: The file grows between calls, and the mapping you made last time may be too short, or may move: what should you remember between calls, a pointer or a number?
 * Hint 2: Keep the offset of the next new byte; on each call fstat() the file and, if it grew, map (or mremap()) it again to its new size. Map nothing while the file is empty.
 * Hint 3: Hand back the bytes from your offset to the new size, then set the offset to the new size; the bytes before it were handed back already.
 *
 * Write follow_poll(), the heart of a `tail -f` that reads through a mapping:
 *   - fstat() the file; if its size is what was already handed back, set
 *     *out to NULL and return 0 (an empty file maps nothing: mmap() refuses
 *     a length of 0);
 *   - if the size is beyond what is mapped, make the mapping cover it: the
 *     first time mmap() (PROT_READ, MAP_SHARED), later mremap() with
 *     MREMAP_MAYMOVE (needs _GNU_SOURCE at the top of this file) or
 *     munmap() and mmap() again;
 *   - point *out at the first new byte, move f->next past the last one, and
 *     return how many there are.
 * follow_open() and follow_close() are done.
 */
#include "follow.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

void follow_open(struct follower *f, int fd)
{
    memset(f, 0, sizeof *f);
    f->fd = fd;
}

ssize_t follow_poll(struct follower *f, const unsigned char **out)
{
    *out = NULL;
    (void)f;
    /* TODO: fstat(), extend the mapping if the file grew, hand back the new bytes. */
    errno = ENOSYS;
    return -1;
}

void follow_close(struct follower *f)
{
    if (f->data != NULL)
        munmap((void *)f->data, f->length);
    memset(f, 0, sizeof *f);
    f->fd = -1;
}
