/* mapcat: map a file and write it to standard output. Chapter 1 shows it
 * whole, before any helper, so that every system call is in sight. */
/* region: mapcat */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char *subject, const char *reason)
{
    fprintf(stderr, "mapcat: %s: %s\n", subject, reason);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: mapcat FILE\n");
        return 2;
    }
    const char *path = argv[1];
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return fail(path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0
        || (off_t)(size_t)st.st_size != st.st_size) {
        close(fd);
        return fail(path, "not a regular file with bytes in it");
    }
    size_t size = (size_t)st.st_size;
    char *data = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
    int mmap_error = errno;
    close(fd); /* the mapping keeps its own reference to the file */
    if (data == MAP_FAILED)
        return fail(path, strerror(mmap_error));
    for (size_t done = 0; done < size;) {
        ssize_t n = write(STDOUT_FILENO, data + done, size - done);
        if (n < 0) {
            int write_error = errno; /* EFAULT: a page of the mapping is gone */
            munmap(data, size);
            if (write_error == EFAULT)
                return fail(path, "cannot read the mapping (has the file shrunk?)");
            return fail("stdout", strerror(write_error));
        }
        done += (size_t)n;
    }
    if (munmap(data, size) != 0)
        return fail(path, strerror(errno));
    return 0;
}
/* end region: mapcat */
