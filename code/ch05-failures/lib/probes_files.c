/* Probes: regular files asked for the wrong thing (length, offset, access). */
#include "probes.h"
#include "scratch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

/* region: probe-empty */
struct outcome probe_empty_length(const char *dir)
{
    int fd = scratch_file(dir, NULL, 0, 0, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    struct outcome o = map_readonly(fd, 0, 0); /* st_size as the length */
    close(fd);
    return o;
}

struct outcome probe_empty_touch(const char *dir)
{
    int fd = scratch_file(dir, NULL, 0, 0, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    unsigned char *p = mmap(NULL, 1, PROT_READ, MAP_SHARED, fd, 0);
    int saved = errno;
    close(fd);
    if (p == MAP_FAILED)
        return failed(saved);
    unsigned char c = touch(p); /* no page of the file exists: SIGBUS */
    munmap(p, 1);
    return no_signal(c);
}
/* end region: probe-empty */

struct outcome probe_unaligned(const char *dir)
{
    static const char text[] = "an offset must be a multiple of the page size\n";
    int fd = scratch_file(dir, text, sizeof text - 1, 8192, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    struct outcome o = map_readonly(fd, 100, 100);
    close(fd);
    return o;
}

/* region: probe-readonly */
struct outcome probe_write_shared(const char *dir)
{
    int fd = scratch_file(dir, "hello\n", 6, 6, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    void *p = mmap(NULL, 6, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int saved = errno;
    close(fd);
    if (p == MAP_FAILED)
        return failed(saved);
    munmap(p, 6);
    return success("mapped writable");
}

struct outcome probe_write_private(const char *dir)
{
    int fd = scratch_file(dir, "hello\n", 6, 6, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    unsigned char *p = mmap(NULL, 6, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
        int saved = errno;
        close(fd);
        return failed(saved);
    }
    p[0] = 'J'; /* copy-on-write: this page is now ours alone */
    char on_disk = 0;
    ssize_t got = pread(fd, &on_disk, 1, 0);
    int saved = errno;
    char seen[64];
    snprintf(seen, sizeof seen, "stored '%c', file still '%c'", p[0], on_disk);
    munmap(p, 6);
    close(fd);
    if (got != 1)
        return broken("pread", got < 0 ? saved : 0);
    if (on_disk != 'h')
        return broken("the store reached the file", 0);
    return success(seen);
}
/* end region: probe-readonly */
