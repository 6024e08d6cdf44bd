/* The variants: each scans the whole file once and folds every byte. */

/* _GNU_SOURCE: MAP_POPULATE and madvise() are Linux extensions. */
#define _GNU_SOURCE
#include "variants.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fileio.h"
#include "fold.h"
#include "guard.h"
#include "mapping.h"
#include "report.h"

/* A failed call inside a run: say which, once, and fail the run. */
static int run_failed(const struct scan *s, const char *call, int err)
{
    report(s->path, "%s: %s", call, strerror(err));
    return -1;
}

/* region: read-loop */
/* The classic loop: rewind, then read() buffer after buffer until read()
 * returns 0 at the end of the file. Every byte is copied from the page cache
 * into our buffer, which stays in the CPU's cache because it is reused. */
static int run_read(const struct variant *v, const struct scan *s, struct scan_result *out)
{
    uint64_t sum = 0, done = 0;
    unsigned long calls = 1;
    if (lseek(s->fd, 0, SEEK_SET) != 0)
        return run_failed(s, "lseek", errno);
    for (;;) {
        calls++;
        ssize_t got = read(s->fd, s->buffers, v->buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return run_failed(s, "read", errno);
        if (got == 0)
            break;
        /* Only the last piece of a file may be a partial word (fold.h). */
        if ((size_t)got % 8 != 0 && done + (uint64_t)got != s->size)
            break;
        sum += fold(s->buffers, (size_t)got, done);
        done += (uint64_t)got;
    }
    if (done != s->size) {
        report(s->path, "read %llu bytes of %llu: the file changed during the scan",
               (unsigned long long)done, (unsigned long long)s->size);
        return -1;
    }
    *out = (struct scan_result){sum, calls, s->size};
    return 0;
}
/* end region: read-loop */

/* One thread's share of the file: [start, start + length). */
struct slice {
    const struct scan *scan;
    const unsigned char *base; /* the mapping or buffer, for the in-memory scans */
    unsigned char *buffer;     /* this thread's buffer, for pread */
    size_t chunk;              /* pread size */
    uint64_t start, length;
    uint64_t sum;
    unsigned long calls;
    int err;                   /* errno of a failure, 0 if none */
    const char *failed;        /* the call that failed */
    size_t fault_at;           /* where a SIGBUS hit, as an offset into the file */
};

static void fold_slice(void *arg)
{
    struct slice *sl = arg;
    sl->sum = fold(sl->base + sl->start, (size_t)sl->length, sl->start);
}

/* region: mapped-slice */
/* Fold one slice of a mapping, with SIGBUS (the file shrank under us)
 * turned into an error instead of the end of the process. */
static void *scan_mapped_slice(void *arg)
{
    struct slice *sl = arg;
    if (guard_run(sl->base + sl->start, (size_t)sl->length, fold_slice, sl) != 0) {
        sl->err = errno;
        sl->failed = "SIGBUS";
        sl->fault_at = (size_t)sl->start + guard_fault_offset();
    }
    return NULL;
}
/* end region: mapped-slice */

static void *scan_memory_slice(void *arg)
{
    fold_slice(arg);
    return NULL;
}

/* region: pread-slice */
/* pread() takes the offset as an argument, so threads need not share a
 * file position: each reads its own slice, chunk by chunk. */
static void *scan_pread_slice(void *arg)
{
    struct slice *sl = arg;
    uint64_t done = 0;
    sl->sum = 0;
    while (done < sl->length) {
        size_t want = sl->length - done < sl->chunk ? (size_t)(sl->length - done) : sl->chunk;
        sl->calls++;
        ssize_t got = pread(sl->scan->fd, sl->buffer, want, (off_t)(sl->start + done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0 || (size_t)got != want) {
            /* A short pread inside the file: it shrank. */
            sl->err = got < 0 ? errno : EIO;
            sl->failed = got < 0 ? "pread" : "short read";
            return NULL;
        }
        sl->sum += fold(sl->buffer, want, sl->start + done);
        done += want;
    }
    return NULL;
}
/* end region: pread-slice */

/* region: split */
/* Split the file among the threads in page-aligned slices (so that no two
 * threads fault on the same page), run @p work on each, join them all, and
 * add up their sums. One thread runs in the caller, with no thread started. */
static int split(const struct scan *s, const unsigned char *base, size_t chunk,
                 void *(*work)(void *), struct scan_result *out)
{
    struct slice slices[SCAN_MAX_THREADS];
    pthread_t ids[SCAN_MAX_THREADS];
    size_t page = page_size();
    uint64_t per = (s->size + s->threads - 1) / s->threads;
    per = (per + page - 1) / page * page;
    unsigned n = 0, started = 0;
    for (uint64_t at = 0; at < s->size && n < s->threads; at += per, n++) {
        uint64_t len = s->size - at < per ? s->size - at : per;
        slices[n] = (struct slice){s, base, s->buffers + (size_t)n * SCAN_MAX_BUFFER, chunk,
                                   at, len, 0, 0, 0, NULL, 0};
    }
    int rc = 0;
    if (n == 1) {
        work(&slices[0]);
        started = 1;
    } else {
        for (; started < n; started++) {
            int err = pthread_create(&ids[started], NULL, work, &slices[started]);
            if (err != 0) {
                rc = run_failed(s, "pthread_create", err);
                break;
            }
        }
        for (unsigned i = 0; i < started; i++)
            pthread_join(ids[i], NULL);
    }
    uint64_t sum = 0;
    unsigned long calls = 0;
    for (unsigned i = 0; i < started; i++) {
        sum += slices[i].sum;
        calls += slices[i].calls;
        if (rc == 0 && slices[i].err == EFAULT && strcmp(slices[i].failed, "SIGBUS") == 0) {
            report(s->path, "the file shrank while mapped: SIGBUS at byte %zu",
                   slices[i].fault_at);
            rc = -1;
        } else if (rc == 0 && slices[i].err != 0) {
            rc = strcmp(slices[i].failed, "short read") == 0
                     ? (report(s->path, "short read: the file changed during the scan"), -1)
                     : run_failed(s, slices[i].failed, slices[i].err);
        }
    }
    *out = (struct scan_result){sum, calls, s->size};
    return rc;
}
/* end region: split */

static int run_pread(const struct variant *v, const struct scan *s, struct scan_result *out)
{
    return split(s, NULL, v->buffer, scan_pread_slice, out);
}

/* region: mapped */
/* Map, fold, unmap: the run pays for the mapping, every page fault and the
 * unmapping, which is the whole cost of scanning through mmap. */
static int run_mapped(const struct scan *s, int flags, int advice, struct scan_result *out)
{
    unsigned long calls = 1;
    unsigned char *data = mmap(NULL, (size_t)s->size, PROT_READ, MAP_SHARED | flags, s->fd, 0);
    if (data == MAP_FAILED)
        return run_failed(s, "mmap", errno);
    if (advice != MADV_NORMAL) {
        calls++;
        if (madvise(data, (size_t)s->size, advice) != 0) {
            int err = errno;
            munmap(data, (size_t)s->size);
            return run_failed(s, "madvise", err);
        }
    }
    int rc = split(s, data, 0, scan_mapped_slice, out);
    calls++;
    if (munmap(data, (size_t)s->size) != 0 && rc == 0)
        rc = run_failed(s, "munmap", errno);
    out->syscalls = calls;
    return rc;
}
/* end region: mapped */

static int run_mmap(const struct variant *v, const struct scan *s, struct scan_result *out)
{
    (void)v;
    return run_mapped(s, 0, MADV_NORMAL, out);
}

/* region: hints */
/* MADV_SEQUENTIAL: read ahead aggressively, and drop pages behind us sooner.
 * MAP_POPULATE: fault every page in during mmap() itself, so that the loop
 * takes no page faults at all. */
static int run_mmap_sequential(const struct variant *v, const struct scan *s,
                               struct scan_result *out)
{
    (void)v;
    return run_mapped(s, 0, MADV_SEQUENTIAL, out);
}

static int run_mmap_populate(const struct variant *v, const struct scan *s,
                             struct scan_result *out)
{
    (void)v;
    return run_mapped(s, MAP_POPULATE, MADV_NORMAL, out);
}
/* end region: hints */

/* region: yardsticks */
/* The floor: the same fold over the file's bytes already in memory. */
static int run_memory(const struct variant *v, const struct scan *s, struct scan_result *out)
{
    (void)v;
    return split(s, s->memory.data, 0, scan_memory_slice, out);
}

/* The floor on small pages: the same fold over a copy that refused huge
 * pages, to show what the TLB costs a loop over 4 KiB pages. */
static int run_memory_4k(const struct variant *v, const struct scan *s, struct scan_result *out)
{
    (void)v;
    return split(s, s->small.data, 0, scan_memory_slice, out);
}

/* The limit: how fast this machine copies memory that is in no cache. */
static int run_memcpy(const struct variant *v, const struct scan *s, struct scan_result *out)
{
    (void)v;
    memcpy(s->copy_dst, s->copy_src, s->limit_size);
    *out = (struct scan_result){0, 0, s->limit_size};
    return 0;
}
/* end region: yardsticks */

/* region: variants */
static const struct variant variants[] = {
    /* name             buffer     threaded reads_file checksum run */
    {"read_4k",         4 << 10,   0, 1, 1, run_read},
    {"read_16k",        16 << 10,  0, 1, 1, run_read},
    {"read_64k",        64 << 10,  0, 1, 1, run_read},
    {"read_256k",       256 << 10, 0, 1, 1, run_read},
    {"read_1m",         1 << 20,   0, 1, 1, run_read},
    {"pread_1m",        1 << 20,   1, 1, 1, run_pread},
    {"mmap",            0,         1, 1, 1, run_mmap},
    {"mmap_sequential", 0,         1, 1, 1, run_mmap_sequential},
    {"mmap_populate",   0,         1, 1, 1, run_mmap_populate},
    {"memory",          0,         1, 0, 1, run_memory},
    {"memory_4k",       0,         1, 0, 1, run_memory_4k},
    {"memcpy",          0,         0, 0, 0, run_memcpy},
};
/* end region: variants */

size_t variant_count(void)
{
    return sizeof variants / sizeof variants[0];
}

const struct variant *variant_at(size_t i)
{
    return &variants[i];
}

const struct variant *variant_by_name(const char *name)
{
    for (size_t i = 0; i < variant_count(); i++)
        if (strcmp(variants[i].name, name) == 0)
            return &variants[i];
    return NULL;
}

static void nothing(void *arg)
{
    (void)arg;
}

/* region: small-pages */
/* memory_4k's buffer: the file's bytes once more, in a mapping that refuses
 * huge pages (MADV_NOHUGEPAGE), whatever transparent_hugepage/enabled says. */
static int small_pages_copy(struct scan *s)
{
    if (huge_buffer_alloc(&s->small, (size_t)s->size, 0) != 0)
        return -1;
    memcpy(s->small.data, s->memory.data, (size_t)s->size);
    return 0;
}
/* end region: small-pages */

int scan_setup(struct scan *s, const char *path)
{
    s->path = path;
    s->buffers = NULL;
    s->memory = (struct huge_buffer){NULL, 0, 0, 0};
    s->small = (struct huge_buffer){NULL, 0, 0, 0};
    s->copy_src = s->copy_dst = NULL;
    s->limit_size = limit_buffer_size();
    if (s->threads < 1 || s->threads > SCAN_MAX_THREADS) {
        report(path, "%u threads: 1 to %d are possible", s->threads, SCAN_MAX_THREADS);
        return -1;
    }
    /* The guard installs its SIGBUS handler on first use; that must happen
     * in one thread, so do it here, before any thread starts. */
    if (guard_run(s, 0, nothing, NULL) != 0)
        return run_failed(s, "sigaction", errno);
    /* Page-aligned buffers, as the page cache's pages are. */
    void *p = NULL;
    int err = posix_memalign(&p, page_size(), (size_t)s->threads * SCAN_MAX_BUFFER);
    if (err != 0)
        return run_failed(s, "posix_memalign", err);
    s->buffers = p;
    if (huge_buffer_alloc(&s->memory, (size_t)s->size, 1) != 0)
        return run_failed(s, "mmap", errno);
    ssize_t got = pread_full(s->fd, s->memory.data, (size_t)s->size, 0);
    if (got < 0)
        return run_failed(s, "pread", errno);
    if ((uint64_t)got != s->size) {
        report(path, "short read: the file changed during the setup");
        return -1;
    }
    if (small_pages_copy(s) != 0)
        return run_failed(s, "mmap", errno);
    s->copy_src = malloc(s->limit_size);
    s->copy_dst = malloc(s->limit_size);
    if (s->copy_src == NULL || s->copy_dst == NULL)
        return run_failed(s, "malloc", errno);
    /* Touch both now, so that the timed copies take no page faults. */
    memset(s->copy_src, 0x5a, s->limit_size);
    memset(s->copy_dst, 0, s->limit_size);
    return 0;
}

void scan_teardown(struct scan *s)
{
    free(s->buffers);
    free(s->copy_src);
    free(s->copy_dst);
    huge_buffer_free(&s->memory);
    huge_buffer_free(&s->small);
    s->buffers = s->copy_src = s->copy_dst = NULL;
}

uint64_t scan_reference(const struct scan *s)
{
    return fold(s->memory.data, (size_t)s->size, 0);
}
