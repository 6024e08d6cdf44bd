/* MAP_ANONYMOUS is not POSIX. */
#define _DEFAULT_SOURCE
/* Chapter 3, unit tests: seekbench's modules (code/ch03-seeking/lib), through
 * their headers, and their error paths by fault injection. Variants are found
 * by name, never by their place in the table. */
#include "benchfile.h"
#include "cold.h"
#include "floor.h"
#include "guard.h"
#include "measure.h"
#include "pattern.h"
#include "print.h"
#include "variants.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <signal.h>
#include <unistd.h>

#include <cmocka.h>

#include "fault.h"
#include "mapping.h"
#include "median.h"
#include "tmp.h"

/* A bench over a fresh file of @size bytes, as main() would set it up. */
struct setup {
    struct bench b;
    struct floor_buffer small, huge;
};

static void open_bench(void **state, uint64_t size, unsigned k, struct setup *s)
{
    const char *path = tmp_path(*state, "bench.out");
    unlink(path);
    s->b = (struct bench){.path = path, .size = size, .limit = pattern_limit(size), .k = k,
                          .io_fd = -1};
    s->b.fd = open_bench_file(path, size, 0);
    assert_true(s->b.fd >= 0);
    assert_int_equal(floor_load(&s->small, s->b.fd, path, size, 0), 0);
    assert_int_equal(floor_load(&s->huge, s->b.fd, path, size, 1), 0);
    s->b.memory_4k = s->small.mem.data;
    s->b.memory = s->huge.mem.data;
    assert_int_equal(open_helpers(&s->b), 0);
}

static void close_bench(struct setup *s)
{
    close_helpers(&s->b);
    floor_release(&s->small);
    floor_release(&s->huge);
    close(s->b.fd);
}

static void iterations_follow_the_formula(void **state)
{
    (void)state;
    const uint64_t article = (uint64_t)10 * 1024 * 1024 + PATTERN_SLACK; /* the default --size */
    assert_int_equal(pattern_iterations(96), 1);
    assert_int_equal(pattern_iterations(127), 1);
    assert_int_equal(pattern_iterations(128), 2);
    assert_int_equal(pattern_iterations(article), 327681); /* the article's 10 MiB */
    assert_int_equal(pattern_limit(article), 10 * 1024 * 1024);
}

/* The in-memory loop visits exactly the offsets the pattern names, in order. */
static void fold_pattern_visits_each_step_in_order(void **state)
{
    (void)state;
    unsigned char data[96 + 64] = {0};
    /* K = 1: each step folds one byte. Mark the bytes the steps must read. */
    data[64] = 1;  /* iteration 0, forward */
    data[32] = 2;  /* iteration 0, back */
    data[96] = 3;  /* iteration 1, forward */
    data[64] = 1;
    uint64_t want = 0;
    const unsigned char order[] = {1, 2, 3, 1}; /* 64, 32, 96, 64 */
    for (size_t i = 0; i < sizeof order; i++)
        want = (want ^ order[i]) * 0x100000001b3u;
    assert_true(fold_pattern(data, pattern_limit(128), 1) == want);
    /* swapping two steps' bytes changes the checksum */
    data[32] = 3;
    data[96] = 2;
    assert_true(fold_pattern(data, pattern_limit(128), 1) != want);
}

static void every_variant_agrees_with_the_memory_loop(void **state)
{
    struct setup setup;
    struct bench *b = &setup.b;
    open_bench(state, 20000, 13, &setup);
    uint64_t want = fold_pattern(b->memory_4k, b->limit, b->k);
    static const char *const names[] = {"lseek_read",    "pread",     "stdio", "mmap",
                                        "mmap_populate", "memory_4k", "memory"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const struct variant *v = variant_find(names[i]);
        assert_non_null(v);
        assert_true(v->reads_data);
        uint64_t sum = 1;
        assert_int_equal(v->run(b, &sum), 0);
        assert_true(sum == want);
    }
    const struct variant *v = variant_find("lseek_only");
    assert_non_null(v);
    assert_false(v->reads_data);
    uint64_t sum = 1;
    assert_int_equal(v->run(b, &sum), 0);
    assert_null(variant_find("no_such_variant"));
    close_bench(&setup);
}

/* measure() counts the calls a variant made and the faults it took. */
static void measure_counts_calls_and_faults(void **state)
{
    struct setup setup;
    struct bench *b = &setup.b;
    open_bench(state, 1 << 20, 32, &setup);
    struct sample s;
    fault_clear();
    assert_int_equal(measure(b, variant_find("pread"), &s), 0);
    assert_int_equal(s.syscalls, 2 * pattern_iterations(b->size));
    /* the count is the truth: every pread() made, less the two of /proc/self/io
     * with which measure() asks, outside the timing, what storage supplied */
    assert_int_equal(fault_calls("pread"), s.syscalls + (b->io_fd >= 0 ? 2 : 0));
    assert_int_equal(measure(b, variant_find("mmap"), &s), 0);
    assert_int_equal(s.syscalls, 2);
    /* 256 pages: fault-around maps 16 at a time, a large folio more, so
     * the count says only that the mapping was faulted in, not how often */
    assert_true(s.minflt + s.majflt >= 1);
    assert_true(s.minflt + s.majflt <= 256 + 16);
    close_bench(&setup);
}

/* stdio's calls happen inside the C library, where seekbench cannot count
 * them: it counts one lseek() per fseeko() and asks the kernel for the reads.
 * Here a child runs the stdio variant under ptrace, and every lseek() and
 * read() it makes is counted from outside, to check both halves. */
static int traced_stdio_run(struct bench *b, unsigned long *lseeks, unsigned long *reads,
                            unsigned long *reported)
{
    int out[2];
    assert_int_equal(pipe(out), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(out[0]);
        if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0)
            _exit(3);
        raise(SIGSTOP);
        /* /proc/self/io was opened by the parent, and would count its reads */
        if (b->io_fd >= 0)
            close(b->io_fd);
        b->io_fd = open("/proc/self/io", O_RDONLY | O_CLOEXEC);
        struct sample s;
        int rc = measure(b, variant_find("stdio"), &s);
        ssize_t put = write(out[1], &s.syscalls, sizeof s.syscalls);
        _exit(rc == 0 && put == (ssize_t)sizeof s.syscalls ? 0 : 1);
    }
    close(out[1]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (WIFEXITED(status)) { /* ptrace refused here (a seccomp or Yama policy) */
        close(out[0]);
        return -1;
    }
    assert_int_equal(ptrace(PTRACE_SETOPTIONS, pid, NULL,
                            (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)), 0);
    *lseeks = *reads = 0;
    int deliver = 0;
    for (;;) {
        assert_int_equal(ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)deliver), 0);
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (WIFEXITED(status) || WIFSIGNALED(status))
            break;
        deliver = 0;
        if (WSTOPSIG(status) != (SIGTRAP | 0x80)) {
            deliver = WSTOPSIG(status); /* a signal for the child, not a system call */
            continue;
        }
        struct __ptrace_syscall_info info;
        assert_true(ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof info, &info) > 0);
        if (info.op == PTRACE_SYSCALL_INFO_ENTRY && info.entry.nr == SYS_lseek)
            ++*lseeks;
        else if (info.op == PTRACE_SYSCALL_INFO_ENTRY && info.entry.nr == SYS_read)
            ++*reads;
    }
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(read(out[0], reported, sizeof *reported), (ssize_t)sizeof *reported);
    close(out[0]);
    return 0;
}

static void stdio_makes_one_lseek_per_step_and_the_count_is_true(void **state)
{
    struct setup setup;
    struct bench *b = &setup.b;
    open_bench(state, 64 * 1024 + PATTERN_SLACK, 32, &setup);
    unsigned long lseeks, reads, reported;
    if (traced_stdio_run(b, &lseeks, &reads, &reported) != 0) {
        close_bench(&setup);
        skip();
    }
    uint64_t steps = 2 * pattern_iterations(b->size);
    print_message("stdio: %lu lseek, %lu read for %llu steps; seekbench counted %lu\n", lseeks,
                  reads, (unsigned long long)steps, reported);
    assert_int_equal(lseeks, steps); /* glibc's fseeko(): one lseek() every time */
    assert_true(reads > 0 && reads < steps / 8); /* the buffer saves most reads */
    assert_int_equal(reported, lseeks + reads); /* what the table prints is what happened */
    close_bench(&setup);
}

static void eviction_leaves_no_page_resident(void **state)
{
    struct setup setup;
    struct bench *b = &setup.b;
    open_bench(state, 256 * 1024, 32, &setup);
    assert_true(resident_pages(b->fd, b->size) > 0); /* floor_load just read it */
    if (evict(b->fd) != 0)
        skip(); /* this file system refused: the program says so (next test) */
    assert_int_equal(resident_pages(b->fd, b->size), 0);
    /* and prepare_cold() finds it so */
    struct cold_report c = {.refused = 0};
    prepare_cold(b->fd, b->size, &c);
    assert_true(cold_achieved(&c));
    assert_int_equal(c.unknown_runs, 0); /* we own the file: mincore can be trusted */
    close_bench(&setup);
}

static void refused_eviction_is_reported(void **state)
{
    struct setup setup;
    struct bench *b = &setup.b;
    open_bench(state, 4096, 32, &setup);
    struct cold_report c = {.refused = 0};
    fault_clear();
    fault_inject("posix_fadvise", EPERM, 0);
    prepare_cold(b->fd, b->size, &c);
    assert_int_equal(c.refused, 1);
    assert_int_equal(c.errnum, EPERM);
    fault_inject("fsync", EIO, 0);
    prepare_cold(b->fd, b->size, &c);
    assert_int_equal(c.refused, 2);
    assert_int_equal(c.errnum, EIO);
    fault_inject("mincore", ENOMEM, 0);
    prepare_cold(b->fd, b->size, &c);
    assert_int_equal(c.refused, 3);
    fault_clear();
    close_bench(&setup);
}

static void a_wrong_checksum_fails_the_run(void **state)
{
    (void)state;
    enum { RUNS = 2 };
    struct sample samples[VARIANT_MAX * RUNS];
    memset(samples, 0, sizeof samples);
    for (size_t i = 0; i < VARIANT_MAX * RUNS; i++)
        samples[i].checksum = 42;
    assert_int_equal(check_checksums(samples, RUNS, 42), 0);
    /* lseek_only reads nothing: its checksum is ignored */
    samples[variant_index(variant_find("lseek_only")) * RUNS].checksum = 7;
    assert_int_equal(check_checksums(samples, RUNS, 42), 0);
    samples[variant_index(variant_find("pread")) * RUNS + 1].checksum = 43; /* second run */
    assert_int_equal(check_checksums(samples, RUNS, 42), -1);
}

/* A file that shrinks under the benchmark is an error, never a crash. */
static void short_reads_and_failed_calls_fail_the_run(void **state)
{
    struct setup setup;
    struct bench *b = &setup.b;
    open_bench(state, 8192, 32, &setup);
    uint64_t sum;
    fault_clear();
    fault_inject("pread", EIO, 3);
    assert_int_equal(variant_find("pread")->run(b, &sum), -1);
    fault_inject("mmap", ENOMEM, 0);
    assert_int_equal(variant_find("mmap")->run(b, &sum), -1);
    fault_inject("munmap", EINVAL, 0);
    assert_int_equal(variant_find("mmap")->run(b, &sum), -1);
    fault_clear();
    b->size = 16384; /* pretend the file were longer than it is */
    b->limit = pattern_limit(b->size);
    assert_int_equal(variant_find("pread")->run(b, &sum), -1);
    assert_int_equal(variant_find("lseek_read")->run(b, &sum), -1);
    assert_int_equal(variant_find("stdio")->run(b, &sum), -1);
    /* Mapped, the same lie means loads past the end of the file: SIGBUS,
     * which the guard turns into an error instead of the end of the process. */
    unsigned long caught = guarded_faults();
    assert_int_equal(variant_find("mmap")->run(b, &sum), -1);
    assert_int_equal(guarded_faults(), caught + 1);
    assert_int_equal(guard_fault_offset(), 8192); /* the first byte past the end */
    assert_int_equal(variant_find("mmap_populate")->run(b, &sum), -1);
    assert_int_equal(guarded_faults(), caught + 2);
    close_bench(&setup);
}

/* The 4 KiB floor is 4 KiB pages even where huge pages are the default
 * (MADV_NOHUGEPAGE); the huge one starts on a huge-page boundary, and what
 * it reports is what smaps says of it. Both hold the file's bytes. */
static void floors_hold_the_file_in_the_pages_they_report(void **state)
{
    struct setup setup;
    open_bench(state, (4u << 20) + 96, 32, &setup);
    size_t n;
    unsigned char *want = read_file(tmp_path(*state, "bench.out"), &n);
    assert_non_null(want);
    assert_memory_equal(setup.small.mem.data, want, n);
    assert_memory_equal(setup.huge.mem.data, want, n);
    free(want);
    size_t rss;
    if (smaps_field(setup.small.mem.data, "Rss", &rss) != 0)
        skip(); /* no /proc/self/smaps: the sizes are reported as unknown */
    assert_true(setup.small.rss_kib * 1024 >= n); /* every byte was written, so resident */
    assert_int_equal(setup.small.huge_kib, 0);
    assert_int_equal(floor_page_size(&setup.small), page_size());
    assert_int_equal((uintptr_t)setup.huge.mem.data % setup.huge.mem.page, 0);
    size_t huge_kib;
    assert_int_equal(smaps_field(setup.huge.mem.data, "AnonHugePages", &huge_kib), 0);
    assert_int_equal(huge_kib, setup.huge.huge_kib);
    size_t page = floor_page_size(&setup.huge);
    if (huge_kib == 0)
        assert_int_equal(page, page_size());
    else if (huge_kib >= setup.huge.rss_kib)
        assert_int_equal(page, setup.huge.mem.page);
    else
        assert_int_equal(page, 0); /* a mixture */
    if (strcmp(thp_mode(), "never") == 0 || strcmp(thp_mode(), "unavailable") == 0)
        assert_int_equal(huge_kib, 0);
    close_bench(&setup);
}

static void smaps_reads_the_entry_that_holds_the_address(void **state)
{
    (void)state;
    /* 16 writable pages between two inaccessible ones, so that the kernel
     * cannot merge their entry with a neighbour's */
    size_t len = 16 * page_size();
    unsigned char *whole = mmap(NULL, len + 2 * page_size(), PROT_NONE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(whole != MAP_FAILED);
    unsigned char *p = whole + page_size();
    assert_int_equal(mprotect(p, len, PROT_READ | PROT_WRITE), 0);
    size_t kib;
    if (smaps_field(p, "Size", &kib) != 0) {
        munmap(whole, len + 2 * page_size());
        skip();
    }
    assert_int_equal(kib * 1024, len);
    memset(p, 1, 3 * page_size()); /* three pages touched: three resident */
    assert_int_equal(smaps_field(p + len - 1, "Rss", &kib), 0);
    assert_int_equal(kib * 1024, 3 * page_size());
    assert_int_equal(smaps_field(p, "NoSuchField", &kib), -1);
    munmap(whole, len + 2 * page_size());
    assert_int_equal(smaps_field(p, "Size", &kib), -1); /* no entry holds it now */
}

/* The table's ratio columns feed the book's values: never an exponent. */
static void ratios_are_written_without_exponents(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(ratio_text(buf, sizeof buf, 1740.2), "1740");
    assert_string_equal(ratio_text(buf, sizeof buf, 100), "100");
    assert_string_equal(ratio_text(buf, sizeof buf, 83.26), "83.3");
    assert_string_equal(ratio_text(buf, sizeof buf, 1), "1");
    assert_string_equal(ratio_text(buf, sizeof buf, 0.0123), "0.0123");
    assert_string_equal(ratio_text(buf, sizeof buf, 0.0000123), "0.000012");
}

static void medians_of_odd_and_even_counts(void **state)
{
    (void)state;
    double odd[] = {5, 1, 3};
    assert_true(median(odd, 3) == 3);
    double even[] = {4, 1, 3, 2};
    assert_true(median(even, 4) == 2.5);
    struct sample s[3] = {
        {.ms = 3, .syscalls = 4, .minflt = 10, .storage_kib = 8, .checksum = 1},
        {.ms = 1, .syscalls = 4, .minflt = 30, .majflt = 1, .storage_kib = -1, .checksum = 1},
        {.ms = 2, .syscalls = 4, .minflt = 20, .storage_kib = 4, .checksum = 1},
    };
    struct summary sum;
    summarize(s, 3, &sum);
    assert_true(sum.median == 2 && sum.min == 1 && sum.max == 3);
    assert_int_equal(sum.minflt, 20);
    assert_int_equal(sum.majflt, 0);
    assert_int_equal(sum.storage_kib, 4);
    assert_int_equal(sum.syscalls, 4);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        T(iterations_follow_the_formula),
        T(fold_pattern_visits_each_step_in_order),
        T(every_variant_agrees_with_the_memory_loop),
        T(measure_counts_calls_and_faults),
        T(stdio_makes_one_lseek_per_step_and_the_count_is_true),
        T(eviction_leaves_no_page_resident),
        T(refused_eviction_is_reported),
        T(a_wrong_checksum_fails_the_run),
        T(short_reads_and_failed_calls_fail_the_run),
        T(medians_of_odd_and_even_counts),
        T(ratios_are_written_without_exponents),
        T(floors_hold_the_file_in_the_pages_they_report),
        T(smaps_reads_the_entry_that_holds_the_address),
    };
    return cmocka_run_group_tests_name("ch03 seekbench, units", tests, NULL, NULL);
}
