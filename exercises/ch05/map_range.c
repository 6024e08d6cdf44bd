/* Exercise 5.1: Map any byte range
 * Hint 1: mmap() wants an offset that is a multiple of the page size: map from the page boundary at or below offset.
 * Hint 2: slack = offset % page; map slack + length bytes from offset - slack, and return data = base + slack. Check the range against st_size first, without overflow: offset > size or length > size - offset.
 * Hint 3: Refuse a negative offset or length 0 (EINVAL) before anything else, and a non-regular file (ENODEV) after fstat(). Keep base and base_length for munmap().
 *
 * mmap() refuses an offset that is not a multiple of the page size (EINVAL),
 * and a range past the end of the file maps but raises SIGBUS when read.
 * Write map_range() so that neither can happen:
 *   - refuse a negative offset or a length of 0 (EINVAL);
 *   - fstat() the descriptor: refuse anything but a regular file (ENODEV),
 *     and a range that runs past st_size (ERANGE);
 *   - map from the page boundary at or below offset, long enough to cover
 *     the range, and point rm->data at the first byte asked for;
 *   - keep what munmap() needs in rm->base and rm->base_length.
 * Then write unmap_range().
 */
#include "map_range.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int map_range(int fd, off_t offset, size_t length, struct range_map *rm)
{
    memset(rm, 0, sizeof *rm);
    (void)fd;
    (void)offset;
    (void)length;
    /* TODO: check the arguments and the file, then mmap() the covering pages. */
    errno = ENOSYS;
    return -1;
}

int unmap_range(struct range_map *rm)
{
    /* TODO: munmap() what map_range() mapped, then zero *rm. */
    memset(rm, 0, sizeof *rm);
    return 0;
}
