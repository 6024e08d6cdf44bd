/* Probes: address space, and the memory a mapping promises. */

/* _GNU_SOURCE: MAP_NORESERVE. */
#define _GNU_SOURCE
#include "mapping.h"
#include "overcommit.h"
#include "probes.h"
#include "scratch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

/* The address space this process uses now, from /proc/self/statm (pages). */
static int address_space_used(size_t *bytes)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL)
        return -1;
    unsigned long pages = 0;
    int ok = fscanf(f, "%lu", &pages) == 1;
    fclose(f);
    if (!ok) {
        errno = EIO;
        return -1;
    }
    *bytes = (size_t)pages * page_size();
    return 0;
}

/* region: probe-rlimit */
/* Leave room for 64 MiB more, then ask for 256 MiB. Counting from what is
 * already used keeps the experiment honest under AddressSanitizer too, which
 * reserves terabytes of address space for its shadow memory at start-up. */
struct outcome probe_rlimit(const char *dir)
{
    const size_t room = (size_t)64 << 20, want = (size_t)256 << 20;
    size_t used;
    if (address_space_used(&used) != 0)
        return broken("/proc/self/statm", errno);
    struct rlimit limit = {.rlim_cur = used + room, .rlim_max = used + room};
    if (setrlimit(RLIMIT_AS, &limit) != 0)
        return broken("setrlimit", errno);
    int fd = scratch_file(dir, NULL, 0, (off_t)want, O_RDONLY);
    if (fd < 0)
        return broken("scratch file", errno);
    struct outcome o = map_readonly(fd, want, 0);
    close(fd);
    return o;
}
/* end region: probe-rlimit */

/* The probes' big sparse file, larger than RAM and swap together (see
 * overcommit.h), or why it cannot be had. */
static int big_file(const char *dir, uint64_t *size, uint64_t *ram, struct outcome *why)
{
    struct memory_facts m;
    if (memory_facts_read(&m) != 0) {
        *why = broken("/proc/meminfo", errno);
        return -1;
    }
    *size = big_file_size(&m);
    *ram = m.ram;
    if (*size == 0) {
        *why = broken("no room to ask for more than RAM + swap", 0);
        return -1;
    }
    if (*size > SIZE_MAX) {
        *why = failed(EOVERFLOW); /* a 32-bit size_t cannot even say it */
        return -1;
    }
    int fd = scratch_file(dir, NULL, 0, (off_t)*size, O_RDONLY);
    if (fd < 0) {
        int saved = errno;
        char step[64];
        snprintf(step, sizeof step, "ftruncate to %llu TiB", (unsigned long long)(*size >> 40));
        *why = broken(step, saved);
    }
    return fd;
}

/* region: probe-sparse */
/* A file larger than RAM and swap, all hole: on a 64-bit system the mapping
 * costs address space, which is plentiful, and no memory until a page is touched. */
struct outcome probe_sparse(const char *dir)
{
    struct outcome o;
    uint64_t size, ram;
    int fd = big_file(dir, &size, &ram, &o);
    if (fd < 0)
        return o;
    unsigned char *p = mmap(NULL, (size_t)size, PROT_READ, MAP_SHARED, fd, 0);
    int saved = errno;
    close(fd);
    if (p == MAP_FAILED)
        return failed(saved);
    unsigned sum = touch(p) + touch(p + size - 1);
    munmap(p, (size_t)size);
    char seen[64];
    snprintf(seen, sizeof seen, "%llu GiB mapped, RAM %llu GiB%s",
             (unsigned long long)(size >> 30), (unsigned long long)(ram >> 30),
             sum == 0 ? "" : ", NOT zeros");
    return sum == 0 ? success(seen) : broken(seen, 0);
}
/* end region: probe-sparse */

/* region: probe-commit */
/* The same file, writable and private: every page of it may become a
 * private copy, so the kernel counts the whole length as memory it has
 * promised. Its default policy refuses one promise larger than RAM and swap
 * together; MAP_NORESERVE asks it not to count (see overcommit.h). */
static struct outcome map_private_big_file(const char *dir, int extra_flags)
{
    struct outcome o;
    uint64_t size, ram;
    int fd = big_file(dir, &size, &ram, &o);
    if (fd < 0)
        return o;
    unsigned char *p = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | extra_flags, fd, 0);
    int saved = errno;
    close(fd);
    if (p == MAP_FAILED)
        return failed(saved);
    p[0] = 1; /* one page copied: memory is spent only now */
    munmap(p, (size_t)size);
    char seen[64];
    snprintf(seen, sizeof seen, "%llu TiB mapped, 1 page copied",
             (unsigned long long)(size >> 40));
    return success(seen);
}
/* end region: probe-commit */

struct outcome probe_private_commit(const char *dir)
{
    return map_private_big_file(dir, 0);
}

struct outcome probe_private_noreserve(const char *dir)
{
    return map_private_big_file(dir, MAP_NORESERVE);
}
