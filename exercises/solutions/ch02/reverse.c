/* Exercise 2.1: Reverse a range in place (reference solution). */
#include "reverse.h"

#include "mapping.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/mman.h>
#include <unistd.h>

/* Close without losing the errno of the failure that brought us here. */
static int fail_closing(int fd, int err)
{
    close(fd);
    errno = err;
    return -1;
}

int reverse_range(const char *path, uint64_t start, uint64_t end)
{
    if (start >= end) {
        errno = EINVAL;
        return -1;
    }
    int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t size;
    const char *why;
    if (check_mappable(fd, &size, &why) != 0)
        return fail_closing(fd, errno);
    if (end > size) /* start < end, so start is inside too */
        return fail_closing(fd, EINVAL);
    unsigned char *data = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (data == MAP_FAILED)
        return fail_closing(fd, errno);
    for (size_t i = (size_t)start, j = (size_t)end - 1; i < j; i++, j--) {
        unsigned char c = data[i];
        data[i] = data[j];
        data[j] = c;
    }
    int rc = msync(data, size, MS_SYNC);
    int err = errno;
    if (munmap(data, size) != 0 && rc == 0) {
        rc = -1;
        err = errno;
    }
    if (rc != 0)
        return fail_closing(fd, err);
    close(fd);
    return 0;
}
