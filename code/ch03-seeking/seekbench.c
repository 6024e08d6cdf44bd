/* seekbench: the article's seek-and-process benchmark in C, run seven ways
 * over the same file, timed, counted and cross-checked. */

/* _GNU_SOURCE: MAP_POPULATE, mincore() and fopencookie() are not POSIX. */
#define _GNU_SOURCE
#include "parse.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mapping.h"

/* region: pattern-constants */
/* The article's pattern: seek +64 and process, seek -32 and process, until
 * the position passes the end of the region. Each step processes K bytes. */
enum { STEP_FORWARD = 64, STEP_BACK = 32, MAX_BYTES = 32 };
/* end region: pattern-constants */
#define PATTERN_SLACK ((uint64_t)STEP_FORWARD + MAX_BYTES)
#define DEFAULT_SIZE ((uint64_t)10 * 1024 * 1024 + PATTERN_SLACK)
#define MAX_SIZE ((uint64_t)1 << 30)
#define DEFAULT_FILE "build/data/test.out"
#define DEFAULT_RUNS 11
#define MAX_RUNS 1000

/* Everything a variant needs, and what it counts while it runs. */
struct bench {
    int fd;                      /* the file, open read-only for every variant */
    uint64_t size;               /* bytes the pattern covers */
    off_t limit;                 /* the loop runs while the position is <= limit */
    unsigned k;                  /* bytes processed per step */
    const unsigned char *memory; /* the file read into memory, for `memory` */
    unsigned long syscalls;      /* system calls made by the current run */
    FILE *stream;                /* a stdio stream on the file, for `stdio` */
    int io_fd;                   /* /proc/self/io, or -1: the kernel's count of reads */
};

/* What one run of one variant produced. */
struct sample {
    double ms;
    unsigned long syscalls;
    long minflt, majflt;
    uint64_t checksum;
};

/* region: fold */
/* "Process the data": fold K bytes into the checksum. The weights make the
 * checksum depend on every byte and on the order of the steps, so a variant
 * that reads the wrong bytes, or skips a step, cannot agree by accident. */
static inline uint32_t weigh(const unsigned char *bytes, unsigned k)
{
    uint32_t step = 0; /* 32 * 255 * 32 cannot overflow it */
    for (unsigned i = 0; i < k; i++)
        step += (uint32_t)bytes[i] * (i + 1);
    return step;
}

static inline uint64_t fold(uint64_t sum, const unsigned char *bytes, unsigned k)
{
    /* With K fixed at the default, the loop's length is known when compiling
     * and it becomes a few vector instructions: the work stays small beside
     * the access it is there to keep honest. */
    uint32_t step = k == 32 ? weigh(bytes, 32) : weigh(bytes, k);
    return (sum ^ step) * 0x100000001b3u; /* the FNV-1a prime */
}
/* end region: fold */

/* The pattern's size: how many iterations for a region of @size bytes. */
static off_t pattern_limit(uint64_t size)
{
    return (off_t)(size - PATTERN_SLACK);
}

static uint64_t pattern_iterations(uint64_t size)
{
    return (uint64_t)pattern_limit(size) / (STEP_FORWARD - STEP_BACK) + 1;
}

/* region: in-memory-loop */
/* The loop every in-memory variant runs: the same as the file versions,
 * with a pointer instead of a file position. */
static uint64_t fold_pattern(const unsigned char *data, off_t limit, unsigned k)
{
    uint64_t sum = 0;
    off_t pos = 0;
    while (pos <= limit) {
        pos += STEP_FORWARD;
        sum = fold(sum, data + pos, k);
        pos -= STEP_BACK;
        sum = fold(sum, data + pos, k);
    }
    return sum;
}
/* end region: in-memory-loop */

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
/* stdio makes its system calls out of our sight, so we ask the kernel: the
 * syscr line of /proc/self/io counts this process's read calls. */
static long kernel_read_calls(int io_fd)
{
    char text[512];
    ssize_t n = io_fd < 0 ? -1 : pread(io_fd, text, sizeof text - 1, 0);
    if (n <= 0)
        return -1;
    text[n] = '\0';
    const char *line = strstr(text, "syscr: ");
    return line == NULL ? -1 : strtol(line + 7, NULL, 10);
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
    long reads_before = kernel_read_calls(b->io_fd);
    int rc = read_pattern(b, fread_at, sum);
    long reads_after = kernel_read_calls(b->io_fd);
    if (reads_before >= 0 && reads_after > reads_before)
        b->syscalls += (unsigned long)(reads_after - reads_before - 1);
    return rc;
}
/* end region: stdio */

/* region: mmap */
/* Map, loop, unmap: the timed run pays for the mapping, every page fault
 * and the unmapping, which is the whole cost of using mmap. */
static int run_mapped(struct bench *b, int extra_flags, uint64_t *sum)
{
    b->syscalls++;
    unsigned char *data = mmap(NULL, (size_t)b->size, PROT_READ, MAP_SHARED | extra_flags,
                               b->fd, 0);
    if (data == MAP_FAILED)
        return run_failed("mmap");
    *sum = fold_pattern(data, b->limit, b->k);
    b->syscalls++;
    if (munmap(data, (size_t)b->size) != 0)
        return run_failed("munmap");
    return 0;
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

static int run_memory(struct bench *b, uint64_t *sum)
{
    *sum = fold_pattern(b->memory, b->limit, b->k);
    return 0;
}

/* region: variants */
struct variant {
    const char *name;
    int reads_data; /* 0 for lseek_only, whose checksum means nothing */
    int (*run)(struct bench *b, uint64_t *sum);
};

static const struct variant variants[] = {
    {"lseek_only", 0, run_lseek_only},
    {"lseek_read", 1, run_lseek_read},
    {"pread", 1, run_pread},
    {"stdio", 1, run_stdio},
    {"mmap", 1, run_mmap},
#ifdef MAP_POPULATE
    {"mmap_populate", 1, run_mmap_populate},
#endif
    {"memory", 1, run_memory},
};
/* end region: variants */
enum { VARIANTS = sizeof variants / sizeof variants[0] };

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* region: measure */
/* One timed run, with the page faults getrusage() saw during it. */
static int measure(struct bench *b, const struct variant *v, struct sample *out)
{
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    b->syscalls = 0;
    double start = now_ms();
    int rc = v->run(b, &out->checksum);
    double end = now_ms();
    getrusage(RUSAGE_SELF, &after);
    out->ms = end - start;
    out->syscalls = b->syscalls;
    out->minflt = after.ru_minflt - before.ru_minflt;
    out->majflt = after.ru_majflt - before.ru_majflt;
    return rc;
}
/* end region: measure */

/* region: evict */
/* How many of the file's pages are in the page cache: map it (which reads
 * nothing) and ask mincore(). -1 if the question cannot be asked. */
static long resident_pages(int fd, uint64_t size)
{
    size_t page = page_size();
    size_t pages = (size_t)((size + page - 1) / page);
    unsigned char *vec = malloc(pages);
    if (vec == NULL)
        return -1;
    long resident = -1;
    void *p = mmap(NULL, (size_t)size, PROT_READ, MAP_SHARED, fd, 0);
    if (p != MAP_FAILED) {
        if (mincore(p, (size_t)size, vec) == 0) {
            resident = 0;
            for (size_t i = 0; i < pages; i++)
                resident += vec[i] & 1;
        }
        munmap(p, (size_t)size);
    }
    free(vec);
    return resident;
}

/* Drop the file from the page cache: write back anything dirty (fsync), then
 * tell the kernel we will not need the pages (POSIX_FADV_DONTNEED). Returns
 * the pages still resident afterwards, or -1 if eviction was refused. */
static long evict(int fd, uint64_t size)
{
    if (fsync(fd) != 0)
        return -1;
    int err = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    if (err != 0) {
        errno = err;
        return -1;
    }
    return resident_pages(fd, size);
}
/* end region: evict */

/* What --cold found before the runs: the worst case is what matters. */
struct cold_report {
    int refused;        /* eviction failed outright this many times */
    int errnum;         /* why, the last time */
    int dirty_runs;     /* runs that started with pages still resident */
    long most_resident; /* the most pages resident before a run */
};

static void prepare_cold(const struct bench *b, struct cold_report *c)
{
    long left = evict(b->fd, b->size);
    if (left < 0) {
        c->refused++;
        c->errnum = errno;
    } else if (left > 0) {
        c->dirty_runs++;
        if (left > c->most_resident)
            c->most_resident = left;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* The median of n values, sorted in place (n >= 1). */
static double median_ms(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static long median_count(long *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_long);
    return v[n / 2];
}

/* A variant's results over all its timed runs. */
struct summary {
    double median, min, max;
    unsigned long syscalls;
    long minflt, majflt;
    uint64_t checksum;
};

static void summarize(const struct sample *s, size_t runs, struct summary *out)
{
    double ms[MAX_RUNS];
    long minflt[MAX_RUNS], majflt[MAX_RUNS];
    for (size_t r = 0; r < runs; r++) {
        ms[r] = s[r].ms;
        minflt[r] = s[r].minflt;
        majflt[r] = s[r].majflt;
    }
    out->median = median_ms(ms, runs);
    out->min = ms[0];
    out->max = ms[runs - 1];
    out->minflt = median_count(minflt, runs);
    out->majflt = median_count(majflt, runs);
    out->syscalls = s[0].syscalls; /* the same in every run */
    out->checksum = s[0].checksum;
}

/* region: interleave */
/* One warm-up round, then `runs` timed rounds. Each round runs every
 * variant once, starting one further along each time, so that a slow
 * moment of the machine is shared out among all the variants. */
static int run_rounds(struct bench *b, unsigned runs, int cold, struct sample *samples,
                      struct cold_report *c)
{
    for (unsigned round = 0; round <= runs; round++) {
        for (unsigned i = 0; i < VARIANTS; i++) {
            unsigned v = (round + i) % VARIANTS;
            struct sample s;
            if (cold)
                prepare_cold(b, c);
            if (measure(b, &variants[v], &s) != 0)
                return -1;
            if (round > 0)
                samples[(size_t)v * runs + round - 1] = s;
        }
    }
    return 0;
}
/* end region: interleave */

/* region: cross-check */
/* Every variant that reads data must agree with the in-memory loop, in every run. */
static int check_checksums(const struct sample *samples, unsigned runs, uint64_t reference)
{
    int rc = 0;
    for (unsigned v = 0; v < VARIANTS; v++) {
        if (!variants[v].reads_data)
            continue;
        for (unsigned r = 0; r < runs; r++) {
            uint64_t got = samples[(size_t)v * runs + r].checksum;
            if (got != reference) {
                report(variants[v].name, "checksum %016" PRIx64 " differs from %016" PRIx64,
                       got, reference);
                rc = -1;
                break;
            }
        }
    }
    return rc;
}
/* end region: cross-check */

static const struct summary *find_summary(const struct summary *all, const char *name)
{
    for (unsigned v = 0; v < VARIANTS; v++)
        if (strcmp(variants[v].name, name) == 0)
            return &all[v];
    return NULL;
}

static void print_checksum(const struct variant *v, uint64_t sum)
{
    if (v->reads_data)
        printf("%016" PRIx64, sum);
    else
        printf("-");
}

static void print_csv(const struct summary *all)
{
    printf("variant,median_ms,min_ms,max_ms,syscalls,minflt,majflt,checksum\n");
    for (unsigned v = 0; v < VARIANTS; v++) {
        const struct summary *s = &all[v];
        printf("%s,%.4f,%.4f,%.4f,%lu,%ld,%ld,", variants[v].name, s->median, s->min, s->max,
               s->syscalls, s->minflt, s->majflt);
        print_checksum(&variants[v], s->checksum);
        putchar('\n');
    }
}

static void print_cold(const struct cold_report *c, unsigned total)
{
    if (c->refused > 0)
        printf("cache:    cold requested, but eviction was refused before %d of %u runs (%s)\n",
               c->refused, total, strerror(c->errnum));
    else if (c->dirty_runs > 0)
        printf("cache:    cold requested, but %d of %u runs started with pages resident"
               " (up to %ld)\n", c->dirty_runs, total, c->most_resident);
    else
        printf("cache:    cold: evicted before each run; mincore saw 0 pages resident\n");
}

static void print_table(const struct bench *b, const char *path, unsigned runs, int cold,
                        const struct cold_report *c, const struct summary *all)
{
    uint64_t iterations = pattern_iterations(b->size);
    printf("file:     %s (%" PRIu64 " bytes)\n", path, b->size);
    printf("pattern:  +%d, -%d while position <= %lld: %" PRIu64 " iterations, %" PRIu64
           " steps of %u bytes\n", STEP_FORWARD, STEP_BACK, (long long)b->limit, iterations,
           2 * iterations, b->k);
    printf("runs:     %u per variant after 1 warm-up, interleaved\n", runs);
    if (cold)
        print_cold(c, (runs + 1) * VARIANTS);
    else
        printf("cache:    warm\n");
    const struct summary *lr = find_summary(all, "lseek_read");
    const struct summary *mm = find_summary(all, "mmap");
    printf("\n%-14s %10s %10s %10s %9s %9s %9s %7s %7s  %s\n", "variant", "median_ms", "min_ms",
           "max_ms", "x_lseek_rd", "x_mmap", "syscalls", "minflt", "majflt", "checksum");
    for (unsigned v = 0; v < VARIANTS; v++) {
        const struct summary *s = &all[v];
        printf("%-14s %10.3f %10.3f %10.3f %10.3g %9.3g %9lu %7ld %7ld  ", variants[v].name,
               s->median, s->min, s->max, s->median / lr->median, s->median / mm->median,
               s->syscalls, s->minflt, s->majflt);
        print_checksum(&variants[v], s->checksum);
        putchar('\n');
    }
}

/* region: make-file */
/* The test file: deterministic "random" bytes (splitmix64), so every machine
 * benchmarks the same data and prints the same checksums. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}
/* end region: make-file */

static int write_all(int fd, const unsigned char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Create @path with @size random bytes; O_EXCL so we never overwrite a file. */
static int create_file(const char *path, uint64_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        report(path, "cannot create: %s", strerror(errno));
        return -1;
    }
    unsigned char buf[1 << 16];
    uint64_t state = 0x5eed, left = size;
    int rc = 0;
    while (rc == 0 && left > 0) {
        size_t n = left < sizeof buf ? (size_t)left : sizeof buf;
        for (size_t i = 0; i < n; i += 8) {
            uint64_t r = splitmix64(&state);
            memcpy(buf + i, &r, n - i < 8 ? n - i : 8);
        }
        rc = write_all(fd, buf, n);
        left -= n;
    }
    if (rc != 0 || close(fd) != 0) {
        report(path, "cannot write: %s", strerror(errno));
        if (rc != 0)
            close(fd);
        unlink(path);
        return -1;
    }
    fprintf(stderr, "%s: %s: created with %" PRIu64 " random bytes\n", program_name(), path,
            size);
    return 0;
}

/* Open the benchmark file, creating it when missing; refuse anything that
 * is not a regular file holding at least the bytes the pattern needs. */
static int open_file(const char *path, uint64_t size)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno != ENOENT) {
            report_errno(path, errno);
            return -1;
        }
        if (create_file(path, size) != 0)
            return -1;
    }
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        report_errno(path, errno);
        return -1;
    }
    int usable = 0;
    if (fstat(fd, &st) != 0)
        report_errno(path, errno);
    else if (!S_ISREG(st.st_mode))
        report(path, "cannot benchmark %s: a regular file is needed", file_kind(st.st_mode));
    else if ((uint64_t)st.st_size < size)
        report(path, "holds %lld bytes; the pattern needs %" PRIu64 " (see --size)",
               (long long)st.st_size, size);
    else
        usable = 1;
    if (!usable) {
        close(fd);
        return -1;
    }
    return fd;
}

/* The `memory` variant's buffer, read with pread() before anything is timed. */
static unsigned char *read_region(int fd, uint64_t size)
{
    unsigned char *buf = malloc((size_t)size);
    if (buf == NULL) {
        report("malloc", "%s", strerror(errno));
        return NULL;
    }
    uint64_t done = 0;
    while (done < size) {
        ssize_t got = pread(fd, buf + done, (size_t)(size - done), (off_t)done);
        if (got <= 0) {
            report("pread", "%s", got < 0 ? strerror(errno) : "the file is shorter than it was");
            free(buf);
            return NULL;
        }
        done += (uint64_t)got;
    }
    return buf;
}

struct options {
    uint64_t size;
    unsigned runs;
    unsigned k;
    int cold, csv;
    const char *path;
};

static void usage(FILE *out)
{
    fprintf(out,
        "usage: %s [--size BYTES] [--runs N] [--bytes K] [--cold] [--csv] [FILE]\n"
        "Run the article's seek pattern (+64, -32, ...) over FILE seven ways and time them.\n"
        "  --size BYTES  bytes the pattern covers; FILE is created with this many\n"
        "                random bytes when missing (default %" PRIu64 ", at least %" PRIu64 ")\n"
        "  --runs N      timed runs per variant, after one warm-up (default %d)\n"
        "  --bytes K     bytes processed per step, 1 to %d (default %d)\n"
        "  --cold        evict FILE from the page cache before every run\n"
        "  --csv         print CSV instead of the table\n"
        "  -h, --help    print this help\n"
        "FILE defaults to %s.\n",
        program_name(), DEFAULT_SIZE, PATTERN_SLACK, DEFAULT_RUNS, MAX_BYTES, MAX_BYTES,
        DEFAULT_FILE);
}

/* A number that must lie in [min, max]; negative input is read, so it can be
 * refused with the range rather than as "not a number". */
static int parse_ranged(const char *option, const char *text, int64_t min, int64_t max,
                        unsigned *out)
{
    int64_t v;
    if (parse_i64(text, INT64_MIN, INT64_MAX, &v) != 0) {
        report(option, "%s: %s", text, parse_error(errno));
        return -1;
    }
    if (v < min || v > max) {
        report(option, "%s: must be %lld to %lld", text, (long long)min, (long long)max);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

static int parse_option(struct options *o, int c, const char *arg)
{
    switch (c) {
    case 's':
        if (parse_bytes(arg, MAX_SIZE, &o->size) != 0) {
            report("--size", "%s: %s", arg, errno == ERANGE ? "out of range (at most 1G)"
                                                            : parse_error(errno));
            return -1;
        }
        if (o->size < PATTERN_SLACK) {
            report("--size", "%s: smaller than the pattern needs (at least %" PRIu64 " bytes)",
                   arg, PATTERN_SLACK);
            return -1;
        }
        return 0;
    case 'r':
        return parse_ranged("--runs", arg, 1, MAX_RUNS, &o->runs);
    case 'k':
        return parse_ranged("--bytes", arg, 1, MAX_BYTES, &o->k);
    case 'c':
        o->cold = 1;
        return 0;
    default:
        o->csv = 1;
        return 0;
    }
}

/* 0 to run, EXIT_OK after --help, EXIT_USAGE on a bad command line. */
static int parse_args(int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {
        {"size", required_argument, NULL, 's'}, {"runs", required_argument, NULL, 'r'},
        {"bytes", required_argument, NULL, 'k'}, {"cold", no_argument, NULL, 'c'},
        {"csv", no_argument, NULL, 'v'},         {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    *o = (struct options){DEFAULT_SIZE, DEFAULT_RUNS, MAX_BYTES, 0, 0, DEFAULT_FILE};
    int c;
    opterr = 0; /* we print our own one-line messages */
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return -1;
        } else if (c == ':') {
            report(argv[optind - 1], "option needs an argument (try --help)");
            return EXIT_USAGE;
        } else if (c == '?') {
            report(argv[optind - 1], "unknown option (try --help)");
            return EXIT_USAGE;
        } else if (parse_option(o, c, optarg) != 0) {
            return EXIT_USAGE;
        }
    }
    if (argc - optind > 1) {
        report(argv[optind + 1], "only one FILE is allowed");
        return EXIT_USAGE;
    }
    if (optind < argc)
        o->path = argv[optind];
    return 0;
}

static int benchmark(const struct options *o, struct bench *b)
{
    struct sample *samples = calloc((size_t)VARIANTS * o->runs, sizeof *samples);
    if (samples == NULL) {
        report("calloc", "%s", strerror(errno));
        return EXIT_FAIL;
    }
    struct cold_report cold = {0, 0, 0, 0};
    int status = EXIT_FAIL;
    if (run_rounds(b, o->runs, o->cold, samples, &cold) == 0 &&
        check_checksums(samples, o->runs, fold_pattern(b->memory, b->limit, b->k)) == 0) {
        struct summary all[VARIANTS];
        for (unsigned v = 0; v < VARIANTS; v++)
            summarize(samples + (size_t)v * o->runs, o->runs, &all[v]);
        if (o->csv)
            print_csv(all);
        else
            print_table(b, o->path, o->runs, o->cold, &cold, all);
        if (o->cold && (cold.refused > 0 || cold.dirty_runs > 0))
            report(o->path, "--cold: the page cache could not be emptied before every run");
        status = EXIT_OK;
    }
    free(samples);
    return status;
}

/* The stdio variant's stream, on a descriptor of its own so that fclose()
 * leaves ours open; and /proc/self/io, to learn how often stdio read. */
static int open_helpers(struct bench *b)
{
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

static void close_helpers(struct bench *b)
{
    if (b->stream != NULL)
        fclose(b->stream);
    if (b->io_fd >= 0)
        close(b->io_fd);
}

int main(int argc, char **argv)
{
    report_init(argv[0]);
    struct options o;
    int rc = parse_args(argc, argv, &o);
    if (rc != 0)
        return rc < 0 ? EXIT_OK : rc;
    struct bench b = {.size = o.size, .limit = pattern_limit(o.size), .k = o.k, .io_fd = -1};
    b.fd = open_file(o.path, o.size);
    if (b.fd < 0)
        return EXIT_FAIL;
    unsigned char *memory = read_region(b.fd, b.size);
    int status = EXIT_FAIL;
    if (memory != NULL && open_helpers(&b) == 0) {
        b.memory = memory;
        status = benchmark(&o, &b);
    }
    close_helpers(&b);
    free(memory);
    if (close(b.fd) != 0 && status == EXIT_OK) {
        report_errno(o.path, errno);
        status = EXIT_FAIL;
    }
    if (fflush(stdout) != 0 && status == EXIT_OK) {
        report("stdout", "%s", strerror(errno));
        status = EXIT_FAIL;
    }
    return status;
}
