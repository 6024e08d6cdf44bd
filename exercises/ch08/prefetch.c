/* Exercise 8.2: A prefetch window
 * Hint 1: Two madvise() calls, one ahead (MADV_WILLNEED) and one behind (MADV_DONTNEED); first refuse pos >= length and window == 0 with EINVAL.
 * Hint 2: madvise() wants a page-aligned start: round pos down to a page (pos / page * page) and give the length from there to min(pos + window, length).
 * Hint 3: Behind: if pos > window, the whole pages before (pos - window) / page * page; give MADV_DONTNEED from map itself for that many bytes, and skip the call when it is 0.
 *
 * A reader that walks a large file through a mapping wants the pages ahead
 * of it read before it gets there, and has no more use for the pages far
 * behind it. Write prefetch_window(): check the arguments, then
 *   - MADV_WILLNEED from pos rounded down to a page, up to pos + window
 *     (or the end of the mapping, whichever is first);
 *   - MADV_DONTNEED from the start of the mapping up to pos - window rounded
 *     down to a page, when there is at least one whole page there.
 * WILLNEED starts reading at once and returns; DONTNEED on a shared file
 * mapping drops only this process's page table entries: the page cache
 * keeps the pages, so a later touch is a minor fault, not a read.
 */
#define _DEFAULT_SOURCE /* madvise, MADV_WILLNEED, MADV_DONTNEED */
#include "prefetch.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

int prefetch_window(void *map, size_t length, size_t pos, size_t window)
{
    /* TODO: check, then madvise() ahead and behind. */
    (void)map, (void)length, (void)pos, (void)window;
    errno = ENOSYS;
    return -1;
}
