/* seekbench's variants: the article's seek pattern over one file, eight ways. */

/* _GNU_SOURCE: MAP_POPULATE is not POSIX. */
#define _GNU_SOURCE
#include "variants.h"

#include "guard.h"
#include "pattern.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* A failed call inside a run: say which, once, and fail the run. */
static int run_failed(const char *call)
{
    report(call, "%s", strerror(errno));
    return -1;
}

/* read() and pread() may return less than asked only at the end of the file:
 * the file has shrunk under us, and the benchmark is void. */
static int check_full(ssize_t got, unsigned k, const char *call)
{
    if (got < 0)
        return run_failed(call);
    if ((size_t)got != k) {
        report(call, "short read: the file changed during the benchmark");
        return -1;
    }
    return 0;
}

/* region: lseek-only */
/* The article's "normal" program to the letter: two seeks, no data. */
static int run_lseek_only(struct bench *b, uint64_t *sum)
{
    b->syscalls++;
    off_t pos = lseek(b->fd, 0, SEEK_SET);
    while (pos >= 0 && pos <= b->limit) {
        b->syscalls += 2;
        if (lseek(b->fd, STEP_FORWARD, SEEK_CUR) < 0)
            return run_failed("lseek");
        pos = lseek(b->fd, -STEP_BACK, SEEK_CUR);
    }
    *sum = 0;
    return pos < 0 ? run_failed("lseek") : 0;
}
/* end region: lseek-only */

/* region: read-pattern */
/* The pattern, for every variant that reads through a call: read_step()
 * fetches the K bytes at a position into buf, however it likes. */
typedef int (*step_reader)(struct bench *b, off_t pos, unsigned char *buf);

static int read_pattern(struct bench *b, step_reader read_step, uint64_t *sum)
{
    unsigned char buf[MAX_BYTES];
    uint64_t s = 0;
    for (off_t pos = 0; pos <= b->limit; pos += STEP_FORWARD - STEP_BACK) {
        if (read_step(b, pos + STEP_FORWARD, buf) != 0)
            return -1;
        s = fold(s, buf, b->k);
        if (read_step(b, pos + STEP_FORWARD - STEP_BACK, buf) != 0)
            return -1;
        s = fold(s, buf, b->k);
    }
    *sum = s;
    return 0;
}
/* end region: read-pattern */

/* region: lseek-read */
/* Seek, then read K bytes: two system calls per step. read() moves the
 * file position too, so each seek is absolute. */
static int read_at(struct bench *b, off_t pos, unsigned char *buf)
{
    b->syscalls += 2;
    if (lseek(b->fd, pos, SEEK_SET) < 0)
        return run_failed("lseek");
    return check_full(read(b->fd, buf, b->k), b->k, "read");
}

static int run_lseek_read(struct bench *b, uint64_t *sum)
{
    return read_pattern(b, read_at, sum);
}
/* end region: lseek-read */

/* region: pread */
/* pread() takes the position as an argument: one system call per step. */
static int pread_at(struct bench *b, off_t pos, unsigned char *buf)
{
    b->syscalls++;
    return check_full(pread(b->fd, buf, b->k, pos), b->k, "pread");
}

static int run_pread(struct bench *b, uint64_t *sum)
{
    return read_pattern(b, pread_at, sum);
}
/* end region: pread */

/* region: kernel-reads */
/* stdio makes its system calls out of our sight, so we ask the kernel:
 * /proc/self/io counts this process's read calls (syscr) and the bytes it
 * made the kernel fetch from a storage device (read_bytes). */
long kernel_io_count(int io_fd, const char *field)
{
    char text[512];
    ssize_t n = io_fd < 0 ? -1 : pread(io_fd, text, sizeof text - 1, 0);
    if (n <= 0)
        return -1;
    text[n] = '\0';
    size_t len = strlen(field);
    for (const char *line = text; line != NULL; line = strchr(line + 1, '\n')) {
        line += *line == '\n';
        if (strncmp(line, field, len) == 0 && line[len] == ':')
            return strtol(line + len + 1, NULL, 10);
    }
    return -1;
}
/* end region: kernel-reads */

/* region: stdio */
/* glibc's fseeko() makes exactly one lseek() per call, even when the target
 * is inside its buffer: it re-syncs the descriptor's offset. */
static int fread_at(struct bench *b, off_t pos, unsigned char *buf)
{
    b->syscalls++;
    if (fseeko(b->stream, pos, SEEK_SET) != 0)
        return run_failed("fseeko");
    if (fread(buf, 1, b->k, b->stream) != b->k) {
        report("fread", "%s", ferror(b->stream) ? "read error" : "short read: the file changed");
        return -1;
    }
    return 0;
}

/* fseeko + fread on a stream opened once, before the runs. The reads that
 * refill its buffer we learn from the kernel, minus the one read of
 * /proc/self/io that asking costs. */
static int run_stdio(struct bench *b, uint64_t *sum)
{
    long reads_before = kernel_io_count(b->io_fd, "syscr");
    int rc = read_pattern(b, fread_at, sum);
    long reads_after = kernel_io_count(b->io_fd, "syscr");
    if (reads_before >= 0 && reads_after > reads_before)
        b->syscalls += (unsigned long)(reads_after - reads_before - 1);
    return rc;
}
/* end region: stdio */

/* region: mmap */
/* The loop over the mapping, as guard_run() calls it. */
struct mapped_loop {
    const unsigned char *data;
    off_t limit;
    unsigned k;
    uint64_t sum;
};

static void fold_mapped(void *arg)
{
    struct mapped_loop *m = arg;
    m->sum = fold_pattern(m->data, m->limit, m->k);
}

/* Map, loop, unmap: the timed run pays for the mapping, every page fault
 * and the unmapping, which is the whole cost of using mmap. If another
 * process truncates the file meanwhile, a load past its new end raises
 * SIGBUS; the guard turns that into an error instead of a dead process. */
static int run_mapped(struct bench *b, int extra_flags, uint64_t *sum)
{
    b->syscalls++;
    unsigned char *data = mmap(NULL, (size_t)b->size, PROT_READ, MAP_SHARED | extra_flags,
                               b->fd, 0);
    if (data == MAP_FAILED)
        return run_failed("mmap");
    struct mapped_loop m = {.data = data, .limit = b->limit, .k = b->k};
    int rc = guard_run(data, (size_t)b->size, fold_mapped, &m);
    if (rc != 0 && errno == EFAULT)
        report(b->path, "the file shrank while mapped: reading offset %zu raised SIGBUS",
               guard_fault_offset());
    else if (rc != 0)
        run_failed("sigaction");
    *sum = m.sum;
    b->syscalls++;
    if (munmap(data, (size_t)b->size) != 0 && rc == 0)
        return run_failed("munmap");
    return rc;
}

static int run_mmap(struct bench *b, uint64_t *sum)
{
    return run_mapped(b, 0, sum);
}
/* end region: mmap */

#ifdef MAP_POPULATE
/* region: populate */
/* MAP_POPULATE asks mmap() to map every page before it returns: one long
 * system call instead of a page fault per group of pages. */
static int run_mmap_populate(struct bench *b, uint64_t *sum)
{
    return run_mapped(b, MAP_POPULATE, sum);
}
/* end region: populate */
#endif

/* region: memory */
/* The floor: the same loop over a copy made before the clock started, once
 * in 4 KiB pages and once in huge pages where the system allows them. */
static int run_memory_4k(struct bench *b, uint64_t *sum)
{
    *sum = fold_pattern(b->memory_4k, b->limit, b->k);
    return 0;
}

static int run_memory(struct bench *b, uint64_t *sum)
{
    *sum = fold_pattern(b->memory, b->limit, b->k);
    return 0;
}
/* end region: memory */

/* region: variants */
const struct variant variants[] = {
    {"lseek_only", 0, run_lseek_only},
    {"lseek_read", 1, run_lseek_read},
    {"pread", 1, run_pread},
    {"stdio", 1, run_stdio},
    {"mmap", 1, run_mmap},
#ifdef MAP_POPULATE
    {"mmap_populate", 1, run_mmap_populate},
#endif
    {"memory_4k", 1, run_memory_4k},
    {"memory", 1, run_memory},
};
/* end region: variants */
const unsigned variant_count = sizeof variants / sizeof variants[0];
_Static_assert(sizeof variants / sizeof variants[0] <= VARIANT_MAX, "VARIANT_MAX is too small");

const struct variant *variant_find(const char *name)
{
    for (unsigned v = 0; v < variant_count; v++)
        if (strcmp(variants[v].name, name) == 0)
            return &variants[v];
    return NULL;
}

unsigned variant_index(const struct variant *v)
{
    return (unsigned)(v - variants);
}

static void nothing(void *arg)
{
    (void)arg;
}

int open_helpers(struct bench *b)
{
    /* Install the SIGBUS guard now, so that its one sigaction() is not
     * counted (or timed) in the first mapped run. */
    if (guard_run(NULL, 0, nothing, NULL) != 0) {
        report("sigaction", "%s", strerror(errno));
        return -1;
    }
    b->io_fd = open("/proc/self/io", O_RDONLY | O_CLOEXEC); /* -1 is fine: reads uncounted */
    int fd = dup(b->fd);
    b->stream = fd < 0 ? NULL : fdopen(fd, "r");
    if (b->stream == NULL) {
        report("fdopen", "%s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return 0;
}

void close_helpers(struct bench *b)
{
    if (b->stream != NULL)
        fclose(b->stream);
    b->stream = NULL;
    if (b->io_fd >= 0)
        close(b->io_fd);
    b->io_fd = -1;
    guard_release(); /* SIGBUS goes back where it went before open_helpers() */
}
