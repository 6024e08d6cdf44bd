/* Probes: address space, and the memory a mapping promises. */

/* _GNU_SOURCE: MAP_NORESERVE and _SC_PHYS_PAGES. */
#define _GNU_SOURCE
#include "mapping.h"
#include "probes.h"
#include "scratch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#define TIB ((uint64_t)1 << 40)

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

/* A 1 TiB file, all hole, or why it cannot be had. */
static int terabyte_file(const char *dir, int oflags, struct outcome *why)
{
    if (TIB > SIZE_MAX) {
        *why = failed(EOVERFLOW); /* a 32-bit size_t cannot even say it */
        return -1;
    }
    int fd = scratch_file(dir, NULL, 0, (off_t)TIB, oflags);
    if (fd < 0)
        *why = broken("ftruncate to 1 TiB", errno);
    return fd;
}

static uint64_t ram_bytes(void)
{
    return (uint64_t)sysconf(_SC_PHYS_PAGES) * page_size();
}

/* region: probe-sparse */
/* A file far larger than RAM, all hole: on a 64-bit system the mapping costs
 * address space, which is plentiful, and no memory until a page is touched. */
struct outcome probe_sparse(const char *dir)
{
    struct outcome o;
    int fd = terabyte_file(dir, O_RDONLY, &o);
    if (fd < 0)
        return o;
    unsigned char *p = mmap(NULL, (size_t)TIB, PROT_READ, MAP_SHARED, fd, 0);
    int saved = errno;
    close(fd);
    if (p == MAP_FAILED)
        return failed(saved);
    unsigned sum = touch(p) + touch(p + TIB - 1);
    munmap(p, (size_t)TIB);
    char seen[64];
    snprintf(seen, sizeof seen, "%llu GiB mapped, RAM %llu GiB%s",
             (unsigned long long)(TIB >> 30), (unsigned long long)(ram_bytes() >> 30),
             sum == 0 ? "" : ", NOT zeros");
    return sum == 0 ? success(seen) : broken(seen, 0);
}
/* end region: probe-sparse */

int overcommit_mode(void)
{
    FILE *f = fopen("/proc/sys/vm/overcommit_memory", "r");
    int mode = -1;
    if (f != NULL) {
        if (fscanf(f, "%d", &mode) != 1)
            mode = -1;
        fclose(f);
    }
    return mode;
}

/* region: probe-commit */
/* The same terabyte, writable and private: every page of it may become a
 * private copy, so the kernel counts the whole length as memory it has
 * promised. Its default policy refuses one promise larger than RAM and swap
 * together; MAP_NORESERVE asks it not to count. */
static struct outcome map_private_terabyte(const char *dir, int extra_flags)
{
    struct outcome o;
    int fd = terabyte_file(dir, O_RDONLY, &o);
    if (fd < 0)
        return o;
    unsigned char *p = mmap(NULL, (size_t)TIB, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | extra_flags, fd, 0);
    int saved = errno;
    close(fd);
    if (p == MAP_FAILED)
        return failed(saved);
    p[0] = 1; /* one page copied: memory is spent only now */
    munmap(p, (size_t)TIB);
    return success("1 TiB mapped, 1 page copied");
}
/* end region: probe-commit */

struct outcome probe_private_commit(const char *dir)
{
    if (overcommit_mode() == 1)
        return broken("vm.overcommit_memory is 1: nothing is counted", 0);
    return map_private_terabyte(dir, 0);
}

struct outcome probe_private_noreserve(const char *dir)
{
    if (overcommit_mode() == 2)
        return broken("vm.overcommit_memory is 2: MAP_NORESERVE is ignored", 0);
    return map_private_terabyte(dir, MAP_NORESERVE);
}
