/* Exercise 1.2: rfind, the last occurrence
 * Hint 1: The last possible match starts at size - strlen(needle): search from there downwards.
 * Hint 2: A size_t never goes below 0, so a loop `for (i = size - len; i >= 0; i--)` never ends. Count with an index one past the candidate: for (at = size - len + 1; at > 0; at--) compares at data + at - 1.
 * Hint 3: Refuse an empty needle or one longer than the file before the loop (both give -1), return -2 when map_file_readonly() fails, and unmap on every other path.
 *
 * Python's mmap object has rfind(): the offset of the LAST occurrence of a
 * byte string, or -1. Write file_rfind(): map the file read-only with
 * map_file_readonly(), search backwards from the end, unmap, and return the
 * offset. A needle longer than the file, or an empty needle, gives -1. A file
 * that cannot be mapped gives -2 with errno set.
 */
#include "file_rfind.h"
#include "mapping.h"

#include <string.h>

long long file_rfind(const char *path, const char *needle)
{
    (void)path;
    (void)needle;
    /* TODO: map the file; on failure return -2. */
    /* TODO: compare the needle at each offset from the last possible one down to 0. */
    /* TODO: unmap the file before returning. */
    return -1;
}
