/* The floor's buffers: the file's bytes in anonymous memory, in 4 KiB pages
 * or in huge pages, and what pages the kernel really gave. */

/* _GNU_SOURCE: MAP_ANONYMOUS, MAP_POPULATE and madvise() are not POSIX. */
#define _GNU_SOURCE
#include "floor.h"

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
#include <sys/stat.h>
#include <unistd.h>

#define THP_DIR "/sys/kernel/mm/transparent_hugepage/"

/* A small sysfs file's first line, or "" if it cannot be read. */
static void read_line(const char *path, char *buf, size_t n)
{
    buf[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ssize_t got = read_full(fd, buf, n - 1);
    close(fd);
    buf[got > 0 ? got : 0] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
}

const char *thp_mode(void)
{
    char line[128];
    read_line(THP_DIR "enabled", line, sizeof line); /* "always [madvise] never" */
    static const char *const modes[] = {"[always]", "[madvise]", "[never]"};
    static const char *const names[] = {"always", "madvise", "never"};
    for (size_t i = 0; i < 3; i++)
        if (strstr(line, modes[i]) != NULL)
            return names[i];
    return "unavailable";
}

static size_t huge_page_size(void)
{
    char line[64];
    read_line(THP_DIR "hpage_pmd_size", line, sizeof line);
    unsigned long long v = strtoull(line, NULL, 10);
    return v >= 2 * page_size() ? (size_t)v : (size_t)2 << 20; /* x86-64's, if unknown */
}

int smaps_field(const void *addr, const char *field, size_t *kib)
{
    FILE *smaps = fopen("/proc/self/smaps", "re");
    if (smaps == NULL)
        return -1;
    char line[512];
    size_t flen = strlen(field);
    int inside = 0, found = -1;
    uintptr_t a = (uintptr_t)addr;
    while (found != 0 && fgets(line, sizeof line, smaps) != NULL) {
        uintmax_t lo, hi;
        char after;
        /* An entry starts with "lo-hi perms ...", a field line with "Name:". */
        if (sscanf(line, "%jx-%jx%c", &lo, &hi, &after) == 3 && after == ' ')
            inside = a >= lo && a < hi;
        else if (inside && strncmp(line, field, flen) == 0 && line[flen] == ':')
            found = sscanf(line + flen + 1, "%zu", kib) == 1 ? 0 : -1;
    }
    fclose(smaps);
    return found;
}

/* region: huge-buffer */
/* Anonymous memory, huge-page aligned when asked: a huge page must start on
 * its own boundary, so map one huge page more than needed and start inside. */
static int map_buffer(struct floor_buffer *f, size_t size, int huge)
{
    size_t align = huge ? huge_page_size() : page_size();
    size_t length = (size + align - 1) / align * align;
    f->map_length = length + (huge ? align : 0);
    f->map = mmap(NULL, f->map_length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                  -1, 0);
    if (f->map == MAP_FAILED) {
        f->map = NULL;
        return -1;
    }
    uintptr_t start = ((uintptr_t)f->map + align - 1) / align * align;
    f->data = (unsigned char *)start;
    f->huge_page = huge ? align : 0;
#if defined(MADV_HUGEPAGE) && defined(MADV_NOHUGEPAGE)
    /* Where huge pages are off, MADV_HUGEPAGE fails with EINVAL: then the
     * buffer is simply 4 KiB pages, and smaps will say so. */
    madvise(f->data, length, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
#endif
    return 0;
}
/* end region: huge-buffer */

int floor_load(struct floor_buffer *f, int fd, const char *path, uint64_t size, int huge)
{
    memset(f, 0, sizeof *f);
    if (map_buffer(f, (size_t)size, huge) != 0) {
        report("mmap", "%s", strerror(errno));
        return -1;
    }
    ssize_t got = pread_full(fd, f->data, (size_t)size, 0);
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
    if (smaps_field(f->data, "Rss", &f->rss_kib) != 0 ||
        smaps_field(f->data, "AnonHugePages", &f->huge_kib) != 0)
        f->rss_kib = f->huge_kib = 0; /* unknown: no /proc */
    return 0;
}

void floor_release(struct floor_buffer *f)
{
    if (f->map != NULL)
        munmap(f->map, f->map_length);
    memset(f, 0, sizeof *f);
}

size_t floor_page_size(const struct floor_buffer *f)
{
    if (f->rss_kib == 0)
        return 0;
    if (f->huge_kib == 0)
        return page_size();
    return f->huge_kib >= f->rss_kib && f->huge_page != 0 ? f->huge_page : 0;
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
