/* The benchmark's file: created atomically when missing, checked when given. */
#include "benchfile.h"

#include "datafile.h"
#include "mapping.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* region: make-file */
/* The test file: the same pseudo-random bytes on every machine (a fixed
 * seed), so every reader benchmarks the same data and sees the same
 * checksums. It is written under a temporary name and linked into place:
 * an interrupted run leaves no half-made file for the next one to measure,
 * and a file another run made meanwhile (EEXIST) is used, as if it had
 * been there from the start. */
static int create_bench_file(const char *path, uint64_t size, int make_dirs)
{
    if ((make_dirs && make_parent_dirs(path) != 0) ||
        create_random_file(path, size, BENCH_FILE_SEED) != 0) {
        if (errno == EEXIST)
            return 0;
        report(path, "cannot create: %s", strerror(errno));
        return -1;
    }
    fprintf(stderr, "%s: %s: created with %" PRIu64 " random bytes\n", program_name(), path,
            size);
    return 0;
}
/* end region: make-file */

int open_bench_file(const char *path, uint64_t size, int make_dirs)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno != ENOENT) {
            report_errno(path, errno);
            return -1;
        }
        if (create_bench_file(path, size, make_dirs) != 0)
            return -1;
    }
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        report_errno(path, errno);
        return -1;
    }
    int usable = 0;
    if (fstat(fd, &st) != 0)
        report_errno(path, errno);
    else if (!S_ISREG(st.st_mode))
        report(path, "cannot benchmark %s: a regular file is needed", file_kind(st.st_mode));
    else if ((uint64_t)st.st_size < size)
        report(path, "holds %lld bytes; the pattern needs %" PRIu64 " (see --size)",
               (long long)st.st_size, size);
    else
        usable = 1;
    if (!usable) {
        close(fd);
        return -1;
    }
    return fd;
}
