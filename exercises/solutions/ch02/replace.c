/* Exercise 2.2: Find and replace, same length (reference solution). */
#include "replace.h"

#include "mapping.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Close without losing the errno of the failure that brought us here. */
static long long fail_closing(int fd, int err)
{
    close(fd);
    errno = err;
    return -1;
}

/* Replace in memory, left to right, never looking at bytes already replaced. */
static long long replace_in(unsigned char *data, size_t size, const char *from,
                            const char *to, size_t n)
{
    long long count = 0;
    size_t i = 0;
    while (size - i >= n) {
        unsigned char *p = memchr(data + i, (unsigned char)from[0], size - i - n + 1);
        if (p == NULL)
            break;
        i = (size_t)(p - data);
        if (memcmp(p, from, n) == 0) {
            memcpy(p, to, n);
            count++;
            i += n;
        } else {
            i++;
        }
    }
    return count;
}

long long replace_all(const char *path, const char *from, const char *to)
{
    size_t n = strlen(from);
    if (n == 0 || strlen(to) != n) {
        errno = EINVAL;
        return -1;
    }
    int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0)
        return fail_closing(fd, errno);
    if (S_ISREG(st.st_mode) && st.st_size == 0) {
        close(fd);
        return 0;
    }
    size_t size;
    const char *why;
    if (check_mappable(fd, &size, &why) != 0)
        return fail_closing(fd, errno);
    unsigned char *data = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (data == MAP_FAILED)
        return fail_closing(fd, errno);
    long long count = replace_in(data, size, from, to, n);
    int err = 0;
    if (count > 0 && msync(data, size, MS_SYNC) != 0)
        err = errno;
    if (munmap(data, size) != 0 && err == 0)
        err = errno;
    if (err != 0)
        return fail_closing(fd, err);
    close(fd);
    return count;
}
