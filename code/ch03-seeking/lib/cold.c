/* Evicting the benchmark's file from the page cache, and checking it left. */
#include "cold.h"

#include "mapping.h"
#include "residency.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* region: evict */
/* How many of the file's pages are in the page cache: map it (which reads
 * nothing) and ask mincore(). -1 if the question cannot be asked. */
long resident_pages(int fd, uint64_t size)
{
    void *p = mmap(NULL, (size_t)size, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        return -1;
    size_t resident;
    int rc = count_resident(p, (size_t)size, &resident);
    int err = errno;
    munmap(p, (size_t)size);
    errno = err;
    return rc == 0 ? (long)resident : -1;
}

/* Drop the file from the page cache: write back anything dirty (fsync), then
 * tell the kernel we will not need the pages (POSIX_FADV_DONTNEED). */
int evict(int fd)
{
    if (fsync(fd) != 0)
        return -1;
    int err = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    if (err != 0) {
        errno = err; /* posix_fadvise() returns its error instead of setting errno */
        return -1;
    }
    return 0;
}
/* end region: evict */

/* region: cold-check */
/* Evict, then count what is left, unless mincore() would lie: to a process
 * that neither owns the file nor may write it, it reports every page
 * resident (a guard against learning what others read). Then the count is
 * not known, and the report says so rather than "resident". */
void prepare_cold(int fd, uint64_t size, struct cold_report *c)
{
    long left = -1;
    if (evict(fd) == 0) {
        if (residency_known(fd) != 1) {
            c->unknown_runs++;
            return;
        }
        left = resident_pages(fd, size);
    }
    if (left < 0) {
        c->refused++;
        c->errnum = errno;
    } else if (left > 0) {
        c->dirty_runs++;
        if (left > c->most_resident)
            c->most_resident = left;
    }
}
/* end region: cold-check */

int cold_achieved(const struct cold_report *c)
{
    return c->refused == 0 && c->dirty_runs == 0;
}

int in_virtual_machine(void)
{
    /* x86 sets the "hypervisor" CPU flag in a guest. */
    FILE *f = fopen("/proc/cpuinfo", "re");
    if (f == NULL)
        return -1;
    char line[4096];
    int found = -1;
    while (found != 1 && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "flags", 5) != 0)
            continue;
        found = strstr(line, " hypervisor") != NULL ? 1 : 0;
    }
    fclose(f);
    return found;
}
