/* The floor's buffers: the file's bytes in anonymous memory (hugebuf.h), in
 * 4 KiB pages or in huge pages, and what pages the kernel really gave. */

/* _GNU_SOURCE: MAP_POPULATE is not POSIX. */
#define _GNU_SOURCE
#include "floor.h"

#include "fileio.h"
#include "mapping.h"
#include "report.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int floor_load(struct floor_buffer *f, int fd, const char *path, uint64_t size, int huge)
{
    memset(f, 0, sizeof *f);
    if (huge_buffer_alloc(&f->mem, (size_t)size, huge) != 0) {
        report("mmap", "%s", strerror(errno));
        return -1;
    }
    ssize_t got = pread_full(fd, f->mem.data, (size_t)size, 0);
    struct stat st;
    if (got < 0) {
        report_errno(path, errno);
    } else if ((uint64_t)got != size && fstat(fd, &st) == 0) {
        report(path, "its size is %lld bytes, but reading it ended after %zd: it shrank,"
               " or it is a /proc or sysfs file, whose size is not its content",
               (long long)st.st_size, got);
    } else if ((uint64_t)got != size) {
        report_errno(path, errno);
    }
    if (got < 0 || (uint64_t)got != size) {
        floor_release(f);
        return -1;
    }
    if (smaps_field(f->mem.data, "Rss", &f->rss_kib) != 0 ||
        smaps_field(f->mem.data, "AnonHugePages", &f->huge_kib) != 0)
        f->rss_kib = f->huge_kib = 0; /* unknown: no /proc */
    return 0;
}

void floor_release(struct floor_buffer *f)
{
    huge_buffer_free(&f->mem);
    memset(f, 0, sizeof *f);
}

size_t floor_page_size(const struct floor_buffer *f)
{
    if (f->rss_kib == 0)
        return 0;
    if (f->huge_kib == 0)
        return page_size();
    return f->huge_kib >= f->rss_kib && f->mem.page != 0 ? f->mem.page : 0;
}

int mapping_pages(int fd, uint64_t size, size_t *rss_kib, size_t *pmd_kib)
{
#ifdef MAP_POPULATE
    /* MAP_POPULATE faults every page in from the kernel's side: no load of
     * ours can meet a truncated file here. */
    void *p = mmap(NULL, (size_t)size, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED)
        return -1;
    int rc = smaps_field(p, "Rss", rss_kib) == 0 && smaps_field(p, "FilePmdMapped", pmd_kib) == 0
                 ? 0 : -1;
    munmap(p, (size_t)size);
    return rc;
#else
    (void)fd, (void)size, (void)rss_kib, (void)pmd_kib;
    return -1;
#endif
}
