/* Exercise 1.2: rfind, the last occurrence
 * Hint: start at offset size - strlen(needle) and step down to 0; stop before you compute an offset below 0, because size_t never goes negative.
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
