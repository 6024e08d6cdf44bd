/* Exercise 1.2: rfind, the last occurrence (reference solution). */
#include "file_rfind.h"
#include "mapping.h"

#include <string.h>

long long file_rfind(const char *path, const char *needle)
{
    struct mapped_file mf;
    const char *why;
    if (map_file_readonly(path, &mf, &why) != 0)
        return -2;
    size_t length = strlen(needle);
    long long found = -1;
    if (length > 0 && length <= mf.size) {
        /* Count down with an offset one past the candidate, so it never wraps. */
        for (size_t at = mf.size - length + 1; at > 0; at--) {
            if (memcmp(mf.data + at - 1, needle, length) == 0) {
                found = (long long)(at - 1);
                break;
            }
        }
    }
    unmap_file(&mf);
    return found;
}
