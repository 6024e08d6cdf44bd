/* Anonymous buffers in huge pages or out of them, and what smaps says they got. */

/* _GNU_SOURCE: MAP_ANONYMOUS and madvise() are not POSIX. */
#define _GNU_SOURCE
#include "hugebuf.h"

#include "fileio.h"
#include "mapping.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

size_t huge_page_size(void)
{
    char line[64];
    read_line(THP_DIR "hpage_pmd_size", line, sizeof line);
    unsigned long long v = strtoull(line, NULL, 10);
    return v >= 2 * page_size() ? (size_t)v : (size_t)2 << 20; /* x86-64's, if unknown */
}

/* region: huge-buffer */
/* A huge page must start on its own boundary: map one huge page more than
 * needed, keep the part that starts on a boundary and unmap the rest. */
int huge_buffer_alloc(struct huge_buffer *b, size_t size, int huge)
{
    *b = (struct huge_buffer){NULL, 0, 0, 0};
    size_t align = huge ? huge_page_size() : page_size();
    size_t length = (size + align - 1) / align * align;
    size_t extra = huge ? align : 0;
    unsigned char *raw = mmap(NULL, length + extra, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        return -1;
    unsigned char *data = (unsigned char *)(((uintptr_t)raw + align - 1) / align * align);
    size_t before = (size_t)(data - raw), after = extra - before;
    if (before > 0)
        munmap(raw, before);
    if (after > 0)
        munmap(data + length, after);
#if defined(MADV_HUGEPAGE) && defined(MADV_NOHUGEPAGE)
    /* A request, not a promise: where the THP setting is "never",
     * MADV_HUGEPAGE still succeeds and the buffer is simply 4 KiB pages, as
     * smaps will say (it fails, with EINVAL, only on a kernel built without
     * transparent huge pages). MADV_NOHUGEPAGE keeps them out even where
     * they are the default. */
    madvise(data, length, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
#endif
    *b = (struct huge_buffer){data, size, length, huge ? align : 0};
    return 0;
}
/* end region: huge-buffer */

void huge_buffer_free(struct huge_buffer *b)
{
    if (b->data != NULL)
        munmap(b->data, b->length);
    *b = (struct huge_buffer){NULL, 0, 0, 0};
}

/* region: smaps */
/* /proc/self/smaps lists each mapping as a header line "start-end perms ..."
 * followed by its counters, one "Name: N kB" line each; AnonHugePages is
 * how much of it is in huge pages. */
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
        if (sscanf(line, "%jx-%jx%c", &lo, &hi, &after) == 3 && after == ' ')
            inside = a >= lo && a < hi;
        else if (inside && strncmp(line, field, flen) == 0 && line[flen] == ':')
            found = sscanf(line + flen + 1, "%zu", kib) == 1 ? 0 : -1;
    }
    fclose(smaps);
    return found;
}

long long huge_buffer_huge_bytes(const struct huge_buffer *b)
{
    size_t kib;
    return smaps_field(b->data, "AnonHugePages", &kib) == 0 ? (long long)kib * 1024 : -1;
}
/* end region: smaps */
