/* fallocate() is Linux's, so it needs _GNU_SOURCE. */
#define _GNU_SOURCE
#include "apply.h"

#include "bytes.h"
#include "fileio.h"
#include "guard.h"
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

/* region: reserve */
/* A store into a hole of a sparse file needs a block of the disk, and on a
 * full disk there is none: the kernel can only answer with SIGBUS. Reserving
 * the blocks first turns that into an ordinary ENOSPC before any byte
 * changes. Whole pages of the window (tmpfs needs memory even to read a
 * hole), because the kernel reads and writes whole pages. */
static int reserve(int fd, const struct edit *e, struct window w, size_t size)
{
    size_t page = page_size();
    size_t start = w.start / page * page;
    size_t end = (w.end + page - 1) / page * page;
    if (end > size)
        end = size; /* reserving past the end would make the file longer */
#ifdef __linux__
    /* Not posix_fallocate(): where a file system cannot reserve, glibc's
     * version writes a zero byte into every block instead. */
    if (fallocate(fd, 0, (off_t)start, (off_t)(end - start)) == 0 || errno == EOPNOTSUPP)
        return 0;
#else
    int err = posix_fallocate(fd, (off_t)start, (off_t)(end - start));
    if (err == 0)
        return 0;
    errno = err;
#endif
    report(e->path, "fallocate: %s", strerror(errno));
    return -1;
}
/* end region: reserve */

/* The old bytes go back, one page at a time so that a page now past the
 * end of a shrunken file cannot stop the others, and are flushed again. */
static void undo(unsigned char *data, size_t size, const struct edit *e, struct window w,
                 const unsigned char *before)
{
    size_t page = page_size();
    for (size_t at = (size_t)e->offset, end = at + e->length; at < end;) {
        size_t next = (at / page + 1) * page;
        size_t n = (next < end ? next : end) - at;
        (void)guarded_write(data + at, before + (at - w.start), n);
        at += n;
    }
    if (e->sync && !e->private_map && msync(data, size, MS_SYNC) != 0)
        report(e->path, "msync: %s: the old bytes may not be on the disk", strerror(errno));
}

/* A guarded access failed. */
static int unreachable(const struct edit *e)
{
    report_guard_failure(e->path, "the mapping cannot be touched", errno);
    return -1;
}

/* region: edit */
/* Store TEXT at OFFSET and flush. Every access to the mapping goes through
 * the guard of chapter 5: if the file shrinks meanwhile, the access fails
 * with EFAULT instead of killing the process. A failure after the store
 * puts the old bytes back, so a failed edit leaves the file as it was. */
static int store_and_flush(unsigned char *data, size_t size, const struct edit *e,
                           struct window w, unsigned char *before, unsigned char *after)
{
    size_t n = w.end - w.start;
    if (guarded_read(before, data + w.start, n) != 0)
        return unreachable(e);
    show("before:", before, w, "");

    if (guarded_write(data + e->offset, e->text, e->length) != 0 /* obj[1:4] = 'abc' */
        || guarded_read(after, data + w.start, n) != 0) {
        int err = errno;
        undo(data, size, e, w, before);
        errno = err;
        return unreachable(e);
    }
    show("mapping:", after, w, "");

    if (!e->sync) {
        printf("msync:   skipped (--no-sync)\n");
    } else if (msync(data, size, MS_SYNC) != 0) {
        report(e->path, "msync: %s", strerror(errno));
        undo(data, size, e, w, before);
        return -1;
    } else {
        printf("msync:   MS_SYNC returned 0%s\n",
               e->private_map ? " (a private mapping has nothing to write back)" : "");
    }
    return 0;
}
/* end region: edit */

/* region: map-edit-unmap */
/* Map the whole file, edit, unmap. @before receives the window as it was,
 * for the read-back to compare against; @after is scratch of the same size. */
static int edit_through_mapping(int fd, size_t size, const struct edit *e, struct window w,
                                unsigned char *before, unsigned char *after)
{
    int flags = e->private_map ? MAP_PRIVATE : MAP_SHARED;
    unsigned char *data = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, fd, 0);
    if (data == MAP_FAILED) {
        report(e->path, "mmap: %s", strerror(errno));
        return -1;
    }
    int status = store_and_flush(data, size, e, w, before, after);
    if (munmap(data, size) != 0) {
        report(e->path, "munmap: %s", strerror(errno));
        status = -1;
    }
    return status;
}
/* end region: map-edit-unmap */

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
    size_t n = w.end - w.start;
    unsigned char *before = malloc(2 * n);
    int status = EXIT_FAIL;
    if (before == NULL) {
        report("malloc", "%s", strerror(errno));
    } else if (e->private_map || reserve(fd, e, w, size) == 0) {
        describe(e, size);
        if (edit_through_mapping(fd, size, e, w, before, before + n) == 0
            && read_back(fd, e, w, before) == 0)
            status = EXIT_OK;
    }
    free(before);
    if (close(fd) != 0) {
        report(e->path, "close: %s", strerror(errno));
        status = EXIT_FAIL;
    }
    return status;
}
