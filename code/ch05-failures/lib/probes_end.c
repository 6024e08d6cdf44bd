/* Probes: the end of the file and the end of the mapping. */

/* _DEFAULT_SOURCE: MAP_ANONYMOUS, to reserve address space. */
#define _DEFAULT_SOURCE
#include "guard.h"
#include "mapping.h"
#include "probes.h"
#include "runner.h"
#include "scratch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

/* Three pages of a file, mapped whole, then the file cut to one page. */
static unsigned char *map_then_truncate(const char *dir, size_t page, int *err)
{
    int fd = scratch_file(dir, NULL, 0, (off_t)(3 * page), O_RDWR);
    if (fd < 0) {
        *err = errno;
        return NULL;
    }
    unsigned char *p = mmap(NULL, 3 * page, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED || ftruncate(fd, (off_t)page) != 0) {
        *err = errno;
        if (p != MAP_FAILED)
            munmap(p, 3 * page);
        close(fd);
        return NULL;
    }
    close(fd);
    return p;
}

/* region: probe-truncated */
struct outcome probe_truncated_touch(const char *dir)
{
    size_t page = page_size();
    int err;
    unsigned char *p = map_then_truncate(dir, page, &err);
    if (p == NULL)
        return broken("map, then truncate", err);
    unsigned char c = touch(p + 2 * page); /* the file ends at page 1 now */
    munmap(p, 3 * page);
    return no_signal(c);
}

struct outcome probe_truncated_guarded(const char *dir)
{
    size_t page = page_size();
    int err;
    unsigned char *p = map_then_truncate(dir, page, &err);
    if (p == NULL)
        return broken("map, then truncate", err);
    unsigned char byte;
    int inside = guarded_read(&byte, p, 1);             /* still in the file */
    int inside_errno = errno;
    int outside = guarded_read(&byte, p + 2 * page, 1); /* cut off */
    int outside_errno = errno;
    munmap(p, 3 * page);
    if (inside != 0)
        return broken("guarded read inside the file", inside_errno);
    return outside == 0 ? success("read past the end, no error") : failed(outside_errno);
}
/* end region: probe-truncated */

/* region: probe-past-end */
/* A 100-byte file mapped over one page, with the next page reserved and then
 * released, so that nothing at all is mapped right after ours. */
struct outcome probe_beyond_mapping(const char *dir)
{
    size_t page = page_size();
    int fd = scratch_file(dir, "x", 1, 100, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    unsigned char *area = mmap(NULL, 2 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED) {
        int saved = errno;
        close(fd);
        return broken("reserve", saved);
    }
    unsigned char *p = mmap(area, page, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0);
    int saved = errno;
    close(fd);
    if (p == MAP_FAILED || munmap(area + page, page) != 0)
        return broken("map into the reservation", p == MAP_FAILED ? saved : errno);
    unsigned char c = touch(p + page); /* one byte past the mapping: SIGSEGV */
    munmap(p, page);
    return no_signal(c);
}

struct outcome probe_page_tail(const char *dir)
{
    size_t page = page_size();
    int fd = scratch_file(dir, "x", 1, 100, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    unsigned char *p = mmap(NULL, 100, PROT_READ, MAP_SHARED, fd, 0);
    int saved = errno;
    close(fd);
    if (p == MAP_FAILED)
        return failed(saved);
    unsigned char c = touch(p + page - 1); /* last byte of the page, past EOF */
    munmap(p, 100);
    char seen[64];
    snprintf(seen, sizeof seen, "byte %zu reads %u", page - 1, c);
    return c == 0 ? success(seen) : broken(seen, 0);
}

struct outcome probe_beyond_eof(const char *dir)
{
    size_t page = page_size();
    int fd = scratch_file(dir, "x", 1, 100, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    /* Two pages asked for, one page of file: mmap() does not object. */
    unsigned char *p = mmap(NULL, 2 * page, PROT_READ, MAP_SHARED, fd, 0);
    int saved = errno;
    close(fd);
    if (p == MAP_FAILED)
        return failed(saved);
    unsigned char c = touch(p + page); /* a whole page past EOF: SIGBUS */
    munmap(p, 2 * page);
    return no_signal(c);
}
/* end region: probe-past-end */

/* In a child of the probe: touch the byte at @arg. */
static struct outcome touch_it(void *arg)
{
    return no_signal(touch(arg));
}

/* region: probe-grown */
/* Two pages mapped over a one-page file: page 2 faults in a child, then,
 * once the file has grown, the same page of the same mapping reads. */
struct outcome probe_grown(const char *dir)
{
    size_t page = page_size();
    int fd = scratch_file(dir, "x", 1, (off_t)page, O_RDWR);
    if (fd < 0)
        return broken("scratch file", errno);
    unsigned char *p = mmap(NULL, 2 * page, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        int saved = errno;
        close(fd);
        return failed(saved);
    }
    struct outcome before = run_isolated(touch_it, p + page);
    struct outcome o;
    if (before.kind != OUT_SIGNAL || before.value != SIGBUS) {
        char step[64];
        snprintf(step, sizeof step, "page 2 before growing: %s", outcome_name(&before));
        o = broken(step, 0);
    } else if (ftruncate(fd, (off_t)(2 * page)) != 0) {
        o = broken("ftruncate", errno);
    } else {
        unsigned char c = touch(p + page); /* no remap: the mapping was ready */
        char seen[64];
        snprintf(seen, sizeof seen, "SIGBUS, grown, then read %u", c);
        o = success(seen);
    }
    munmap(p, 2 * page);
    close(fd);
    return o;
}
/* end region: probe-grown */
