#include "apply.h"

#include "bytes.h"
#include "fileio.h"
#include "mapping.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* region: open-checked */
/* Open, check the file is mappable and the edit fits, all before any
 * mapping exists. A shared mapping that may be written needs a descriptor
 * open for writing; a private one writes only its own copies, so reading
 * is enough. Returns the descriptor, kept open for the read-back. */
int open_checked(const struct edit *e, size_t *size)
{
    int flags = (e->private_map ? O_RDONLY : O_RDWR) | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
    int fd = open(e->path, flags);
    if (fd < 0) {
        report_errno(e->path, errno);
        return -1;
    }
    const char *why;
    if (check_mappable(fd, size, &why) != 0) {
        report(e->path, "%s", why);
        close(fd);
        return -1;
    }
    if (check_fits(e, *size) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}
/* end region: open-checked */

static void show(const char *label, const unsigned char *bytes, struct window w, const char *note)
{
    printf("%-8s [%zu:%zu] = ", label, w.start, w.end);
    print_escaped(stdout, bytes, w.end - w.start);
    printf("%s\n", note);
}

/* region: edit */
/* Map the whole file, assign TEXT at OFFSET, flush, unmap. Keeps a copy of
 * the window as it was, in @before, for the read-back to compare against. */
static int edit_through_mapping(int fd, size_t size, const struct edit *e, struct window w,
                                unsigned char *before)
{
    int flags = e->private_map ? MAP_PRIVATE : MAP_SHARED;
    unsigned char *data = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, fd, 0);
    if (data == MAP_FAILED) {
        report(e->path, "mmap: %s", strerror(errno));
        return -1;
    }
    memcpy(before, data + w.start, w.end - w.start);
    show("before:", before, w, "");

    memcpy(data + e->offset, e->text, e->length); /* obj[1:4] = 'abc' */
    show("mapping:", data + w.start, w, "");

    int status = 0;
    if (!e->sync) {
        printf("msync:   skipped (--no-sync)\n");
    } else if (msync(data, size, MS_SYNC) != 0) {
        report(e->path, "msync: %s", strerror(errno));
        status = -1;
    } else {
        printf("msync:   MS_SYNC returned 0%s\n",
               e->private_map ? " (a private mapping has nothing to write back)" : "");
    }
    if (munmap(data, size) != 0) {
        report(e->path, "munmap: %s", strerror(errno));
        status = -1;
    }
    return status;
}
/* end region: edit */

/* region: read-back */
/* Read the window back from the file with pread(), not through a mapping,
 * and check it holds what the mapping's kind promises: the edit for
 * MAP_SHARED, the old bytes for MAP_PRIVATE. */
static int read_back(int fd, const struct edit *e, struct window w, const unsigned char *before)
{
    size_t n = w.end - w.start;
    unsigned char *expected = malloc(n);
    unsigned char *file = malloc(n);
    int status = -1;
    if (expected == NULL || file == NULL) {
        report("malloc", "%s", strerror(errno));
    } else {
        memcpy(expected, before, n);
        if (!e->private_map)
            memcpy(expected + (e->offset - w.start), e->text, e->length);
        ssize_t got = pread_full(fd, file, n, (off_t)w.start);
        if (got < 0) {
            report(e->path, "pread: %s", strerror(errno));
        } else if ((size_t)got != n) {
            report(e->path, "pread: the file shrank while it was being edited");
        } else {
            show("file:", file, w, " (read with pread after munmap)");
            if (memcmp(file, expected, n) != 0) {
                report(e->path, "the file does not hold what the mapping promised");
            } else {
                printf("result:  %s\n", e->private_map ? "the file is unchanged"
                                                       : "the file holds the edit");
                status = 0;
            }
        }
    }
    free(expected);
    free(file);
    return status;
}
/* end region: read-back */

static void describe(const struct edit *e, size_t size)
{
    printf("file:    %s, %zu bytes, mapped %s with PROT_READ|PROT_WRITE\n", e->path, size,
           e->private_map ? "MAP_PRIVATE" : "MAP_SHARED");
    printf("edit:    %zu byte%s at offset %" PRIu64 ": ", e->length, e->length == 1 ? "" : "s",
           e->offset);
    print_escaped(stdout, e->text, e->length);
    putchar('\n');
}

int apply_edit(const struct edit *e)
{
    size_t size;
    int fd = open_checked(e, &size);
    if (fd < 0)
        return EXIT_FAIL;
    struct window w = window_around(e, size);
    unsigned char *before = malloc(w.end - w.start);
    if (before == NULL) {
        report("malloc", "%s", strerror(errno));
        close(fd);
        return EXIT_FAIL;
    }
    describe(e, size);
    int status = EXIT_FAIL;
    if (edit_through_mapping(fd, size, e, w, before) == 0 && read_back(fd, e, w, before) == 0)
        status = EXIT_OK;
    free(before);
    if (close(fd) != 0) {
        report(e->path, "close: %s", strerror(errno));
        status = EXIT_FAIL;
    }
    return status;
}
