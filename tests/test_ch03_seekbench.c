/* Chapter 3, end to end: run build/bin/seekbench as a reader would, on small
 * files, and check what the chapter claims: every variant agrees with a
 * checksum computed here, the counts follow the pattern's formula, the CSV is
 * exactly as documented, --cold empties the cache, and bad input is refused.
 * Nothing here looks at a time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "run.h"
#include "tmp.h"

#define expect_error(status, prefix, ...) \
    expect_run_error(status, prefix, NULL, "seekbench", __VA_ARGS__)

static const char *const names[] = {"lseek_only", "lseek_read", "pread",     "stdio",
                                    "mmap",       "mmap_populate", "memory_4k", "memory"};
enum { NAMES = sizeof names / sizeof names[0] };

/* The checksum as the chapter defines it, written again from the prose:
 * steps at 32i + 64 and 32i + 32 for i = 0 .. (size - 96) / 32, each step's
 * K bytes weighted 1..K and summed, then folded in with the FNV-1a prime. */
static uint64_t reference_checksum(const unsigned char *d, size_t size, unsigned k)
{
    uint64_t sum = 0;
    size_t iterations = (size - 96) / 32 + 1;
    for (size_t i = 0; i < iterations; i++) {
        size_t at[2] = {32 * i + 64, 32 * i + 32};
        for (int j = 0; j < 2; j++) {
            uint32_t step = 0;
            for (unsigned b = 0; b < k; b++)
                step += (uint32_t)d[at[j] + b] * (b + 1);
            sum = (sum ^ step) * 0x100000001b3u;
        }
    }
    return sum;
}

/* Pseudo-random input made by the test helpers, never by the program under test. */
static const char *make_file(void **state, const char *name, size_t size)
{
    return tmp_random_file(*state, name, size);
}

/* One CSV row, split into its eight fields. */
struct row {
    char variant[32];
    double median, min, max;
    unsigned long syscalls;
    long minflt, majflt;
    char checksum[32];
};

/* Parse `--csv` output: the exact header, then one row per variant. */
static size_t parse_csv(const char *out, struct row *rows, size_t max)
{
    const char *header = "variant,median_ms,min_ms,max_ms,syscalls,minflt,majflt,checksum\n";
    assert_true(strncmp(out, header, strlen(header)) == 0);
    const char *p = out + strlen(header);
    size_t n = 0;
    while (*p != '\0') {
        assert_true(n < max);
        struct row *r = &rows[n++];
        int used = 0;
        assert_int_equal(sscanf(p, "%31[^,],%lf,%lf,%lf,%lu,%ld,%ld,%31[^\n]\n%n", r->variant,
                                &r->median, &r->min, &r->max, &r->syscalls, &r->minflt,
                                &r->majflt, r->checksum, &used),
                         8);
        assert_true(used > 0);
        p += used;
    }
    return n;
}

/* A variant's row, found by name. */
static const struct row *row(const struct row *rows, size_t n, const char *variant)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].variant, variant) == 0)
            return &rows[i];
    fail_msg("no row for %s", variant);
    return NULL;
}

static size_t run_csv(const char *path, const char *size, const char *k, struct row *rows)
{
    struct run_result r;
    assert_int_equal(run(&r, NULL, "seekbench", "--csv", "--runs", "1", "--size", size,
                         "--bytes", k, path, NULL), 0);
    assert_exit(&r, 0);
    size_t n = parse_csv(r.out, rows, NAMES + 1);
    run_free(&r);
    return n;
}

static void csv_has_the_exact_header_and_one_row_per_variant(void **state)
{
    const char *path = make_file(state, "f", 4096);
    struct row rows[NAMES + 1];
    assert_int_equal(run_csv(path, "4096", "32", rows), NAMES);
    for (size_t i = 0; i < NAMES; i++) {
        assert_string_equal(rows[i].variant, names[i]);
        assert_true(rows[i].min <= rows[i].median && rows[i].median <= rows[i].max);
    }
}

/* Every variant that reads data prints the checksum computed above, for
 * several K and sizes, including the smallest size the pattern allows. */
static void every_variant_matches_the_reference_checksum(void **state)
{
    static const struct { size_t size; const char *size_text; unsigned k; } cases[] = {
        {96, "96", 32}, {5000, "5000", 1}, {65536, "64K", 7}, {65536, "64K", 32},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const char *path = make_file(state, "data", cases[c].size);
        size_t size;
        unsigned char *d = read_file(path, &size);
        assert_non_null(d);
        char want[32], k[8];
        snprintf(want, sizeof want, "%016llx",
                 (unsigned long long)reference_checksum(d, size, cases[c].k));
        free(d);
        snprintf(k, sizeof k, "%u", cases[c].k);
        struct row rows[NAMES + 1];
        size_t n = run_csv(path, cases[c].size_text, k, rows);
        for (size_t i = 0; i < n; i++) {
            if (strcmp(rows[i].variant, "lseek_only") == 0)
                assert_string_equal(rows[i].checksum, "-");
            else
                assert_string_equal(rows[i].checksum, want);
        }
    }
}

/* The counts the chapter reasons from: 327,681 iterations for 10 MiB, and a
 * fixed number of calls per step for each system-call variant. */
static void system_calls_follow_the_pattern(void **state)
{
    const char *path = make_file(state, "f", 32 * 1000 + 96);
    unsigned long iterations = 1001;
    struct row rows[NAMES + 1];
    size_t n = run_csv(path, "32096", "32", rows);
    assert_int_equal(n, NAMES);
    assert_int_equal(row(rows, n, "lseek_only")->syscalls, 2 * iterations + 1); /* + the rewind */
    assert_int_equal(row(rows, n, "lseek_read")->syscalls, 4 * iterations);
    assert_int_equal(row(rows, n, "pread")->syscalls, 2 * iterations);
    /* stdio: an lseek per fseeko, plus the reads that refill its buffer */
    assert_true(row(rows, n, "stdio")->syscalls >= 2 * iterations);
    assert_true(row(rows, n, "stdio")->syscalls < 3 * iterations);
    assert_int_equal(row(rows, n, "mmap")->syscalls, 2); /* mmap + munmap */
    assert_int_equal(row(rows, n, "mmap_populate")->syscalls, 2);
    assert_int_equal(row(rows, n, "memory_4k")->syscalls, 0);
    assert_int_equal(row(rows, n, "memory")->syscalls, 0);
    assert_true(row(rows, n, "mmap")->minflt >= 1); /* the mapping was faulted in */
    /* the copies were made before the clock started: no fault in the timed runs */
    assert_int_equal(row(rows, n, "memory_4k")->minflt + row(rows, n, "memory")->minflt, 0);
}

static void table_states_the_pattern(void **state)
{
    struct tmp *t = *state;
    char path[300];
    snprintf(path, sizeof path, "%s/made.out", t->dir);
    struct run_result r;
    /* A missing file is made with --size bytes, and said so on stderr. */
    assert_int_equal(run(&r, NULL, "seekbench", "--runs", "1", "--size", "10M", path, NULL), 0);
    assert_exit(&r, 0);
    assert_contains(r.out, "pattern:  +64, -32 while position <= 10485664: "
                           "327678 iterations, 655356 steps of 32 bytes\n");
    assert_contains(r.out, "cache:    warm\n");
    /* MADV_NOHUGEPAGE: the 4 KiB floor is 4 KiB pages whatever the THP mode */
    assert_contains(r.out, "floor:    memory_4k in 4 KiB pages; memory in ");
    for (size_t i = 0; i < NAMES; i++)
        assert_contains(r.out, names[i]);
    assert_contains(r.err, "created with 10485760 random bytes");
    run_free(&r);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 10485760);
}

static void default_size_gives_the_articles_iterations(void **state)
{
    struct tmp *t = *state;
    char path[300];
    snprintf(path, sizeof path, "%s/default.out", t->dir);
    struct run_result r;
    assert_int_equal(run(&r, NULL, "seekbench", "--runs", "1", "--bytes", "1", path, NULL), 0);
    assert_exit(&r, 0);
    assert_contains(r.out, "327681 iterations, 655362 steps of 1 bytes");
    run_free(&r);
}

static void created_file_is_the_same_every_time(void **state)
{
    const char *a = tmp_path(*state, "a.out");
    const char *b = tmp_path(*state, "b.out");
    struct run_result r;
    run(&r, NULL, "seekbench", "--runs", "1", "--size", "4K", a, NULL);
    assert_exit(&r, 0);
    run_free(&r);
    run(&r, NULL, "seekbench", "--runs", "1", "--size", "4K", b, NULL);
    assert_exit(&r, 0);
    run_free(&r);
    size_t na, nb;
    unsigned char *da = read_file(a, &na), *db = read_file(b, &nb);
    assert_non_null(da);
    assert_non_null(db);
    assert_int_equal(na, 4096);
    assert_int_equal(nb, 4096);
    assert_memory_equal(da, db, na);
    free(da);
    free(db);
}

/* --cold either finds no page resident before each run, or says it could not
 * and fails: a table labelled cold that was not cold is not a success. */
static void cold_empties_the_page_cache_or_says_so(void **state)
{
    const char *path = make_file(state, "cold", 65536);
    struct run_result r;
    run(&r, NULL, "seekbench", "--cold", "--runs", "1", "--size", "64K", path, NULL);
    if (strstr(r.out, "(mincore: 0 pages resident)") != NULL) {
        assert_exit(&r, 0);
        assert_int_equal(r.err_len, 0);
        /* what kind of cold: the major faults and the bytes read from storage */
        assert_contains(r.out, "\nsource:   per run, mmap: ");
        assert_contains(r.out, "KiB read from storage; pread: ");
    } else {
        assert_exit(&r, 1);
        assert_contains(r.out, "cache:    cold requested, but");
        assert_contains(r.err, "--cold: the page cache could not be emptied");
    }
    run_free(&r);
}

/* tmpfs keeps its pages in memory: POSIX_FADV_DONTNEED returns 0 and drops
 * nothing. The run must say so, and exit 1. */
static void cold_on_a_file_that_cannot_be_evicted_fails(void **state)
{
    (void)state;
    char dir[] = "/dev/shm/mmf-ch03-XXXXXX";
    if (mkdtemp(dir) == NULL)
        skip(); /* no /dev/shm here */
    char path[64];
    snprintf(path, sizeof path, "%s/f", dir);
    struct run_result r;
    run(&r, NULL, "seekbench", "--cold", "--runs", "1", "--size", "64K", path, NULL);
    unlink(path);
    rmdir(dir);
    assert_exit(&r, 1);
    assert_contains(r.out, "cache:    cold requested, but");
    assert_contains(r.err, "--cold: the page cache could not be emptied before every run\n");
    run_free(&r);
}
 
/* mincore() says every page is resident to a user who neither owns a file
 * nor may write it. --cold must then say "unknown", not count lies. */
static void cold_residency_of_someone_elses_file_is_unknown(void **state)
{
    (void)state;
    struct stat st;
    if (stat("/etc/passwd", &st) != 0 || st.st_size < 96)
        skip();
    struct run_result r;
    if (geteuid() == 0) /* root owns everything: become nobody */
        run(&r, NULL, "/bin/sh", "-c",
            "command -v setpriv > /dev/null || exit 77; exec setpriv --reuid=65534"
            " --regid=65534 --clear-groups \"$0\" --cold --runs 1 --size 96 /etc/passwd",
            BIN_DIR "/seekbench", NULL);
    else if (st.st_uid != geteuid() && access("/etc/passwd", W_OK) != 0)
        run(&r, NULL, "seekbench", "--cold", "--runs", "1", "--size", "96", "/etc/passwd", NULL);
    else
        skip();
    if (r.exited && r.status == 77) {
        run_free(&r);
        skip(); /* no setpriv */
    }
    assert_exit(&r, 0);
    assert_contains(r.out, "cache:    cold: evicted before every run; pages resident: unknown\n");
    assert_true(strstr(r.out, "started with pages resident") == NULL);
    assert_int_equal(r.err_len, 0);
    run_free(&r);
}

/* With no FILE, the default build/data/test.out is made, directory and all,
 * even where build/ does not exist yet. */
static void the_default_file_is_made_where_no_build_directory_exists(void **state)
{
    struct tmp *t = *state;
    struct run_result r;
    run(&r, NULL, "/bin/sh", "-c", "cd \"$0\" && exec \"$1\" --size 4K --runs 1", t->dir,
        BIN_DIR "/seekbench", NULL);
    assert_exit(&r, 0);
    assert_contains(r.err, "build/data/test.out: created with 4096 random bytes");
    run_free(&r);
    struct stat st;
    assert_int_equal(stat(tmp_path(t, "build/data/test.out"), &st), 0);
    assert_int_equal(st.st_size, 4096);
}

/* A sysfs file is regular and has a size, but not that many bytes to read. */
static void a_sysfs_file_is_named_for_what_it_is(void **state)
{
    (void)state;
    static const char *const candidates[] = {"/sys/power/state",
                                             "/sys/kernel/mm/transparent_hugepage/enabled"};
    const char *path = NULL;
    struct stat st;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0] && path == NULL; i++)
        if (stat(candidates[i], &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 1024)
            path = candidates[i];
    if (path == NULL)
        skip(); /* no sysfs here */
    char prefix[200];
    snprintf(prefix, sizeof prefix, "seekbench: %s: its size is %lld bytes, but reading it ended",
             path, (long long)st.st_size);
    expect_error(1, prefix, "--size", "1K", "--runs", "1", path, NULL);
}

static void help_goes_to_stdout_with_status_0(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "seekbench", "-h", NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "usage: seekbench [--size BYTES] [--runs N] [--bytes K] [--cold] "
                           "[--csv] [FILE]\n");
    assert_int_equal(r.err_len, 0);
    run_free(&r);
}


static void bad_numbers_are_usage_errors(void **state)
{
    const char *f = make_file(state, "f", 4096);
    expect_error(2, "seekbench: --size: 95: smaller than the pattern needs (at least 96 bytes)",
                 "--size", "95", f, NULL);
    expect_error(2, "seekbench: --size: 0: smaller than the pattern", "--size", "0", f, NULL);
    expect_error(2, "seekbench: --size: 2G: out of range", "--size", "2G", f, NULL);
    expect_error(2, "seekbench: --size: 10Q: not a valid number", "--size", "10Q", f, NULL);
    expect_error(2, "seekbench: --size: -5: not a valid number", "--size", "-5", f, NULL);
    expect_error(2, "seekbench: --runs: 0: must be 1 to 1000", "--runs", "0", f, NULL);
    expect_error(2, "seekbench: --runs: -3: must be 1 to 1000", "--runs", "-3", f, NULL);
    expect_error(2, "seekbench: --runs: 1.5: not a valid number", "--runs", "1.5", f, NULL);
    expect_error(2, "seekbench: --runs: 99999999999999999999: number out of range", "--runs",
                 "99999999999999999999", f, NULL);
    expect_error(2, "seekbench: --bytes: 0: must be 1 to 32", "--bytes", "0", f, NULL);
    expect_error(2, "seekbench: --bytes: 33: must be 1 to 32", "--bytes", "33", f, NULL);
    expect_error(2, "seekbench: --bytes: -1: must be 1 to 32", "--bytes", "-1", f, NULL);
    expect_error(2, "seekbench: --bytes: : not a valid number", "--bytes", "", f, NULL);
    expect_error(2, "seekbench: --runs: needs an argument", f, "--runs", NULL);
    expect_error(2, "seekbench: --fast: unknown option", "--fast", f, NULL);
    expect_error(2, "seekbench: -z: unknown option", "-zh", f, NULL); /* -z, not the path */
    expect_error(2, "seekbench: extra: only one FILE is allowed", f, "extra", NULL);
}

static void files_that_cannot_be_benchmarked_fail(void **state)
{
    struct tmp *t = *state;
    char prefix[400];
    snprintf(prefix, sizeof prefix, "seekbench: %s: cannot benchmark a directory", t->dir);
    expect_error(1, prefix, t->dir, NULL);
    expect_error(1, "seekbench: /dev/null: cannot benchmark a character device", "/dev/null",
                 NULL);
    const char *fifo = tmp_path(*state, "fifo");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    snprintf(prefix, sizeof prefix, "seekbench: %s: cannot benchmark a pipe", fifo);
    expect_error(1, prefix, fifo, NULL);
    const char *small = make_file(state, "small", 1000);
    snprintf(prefix, sizeof prefix,
             "seekbench: %s: holds 1000 bytes; the pattern needs 4096 (see --size)", small);
    expect_error(1, prefix, "--size", "4K", small, NULL);
    snprintf(prefix, sizeof prefix, "seekbench: %s/no/such: cannot create: No such file", t->dir);
    char missing[400];
    snprintf(missing, sizeof missing, "%s/no/such", t->dir);
    expect_error(1, prefix, missing, NULL);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        T(csv_has_the_exact_header_and_one_row_per_variant),
        T(every_variant_matches_the_reference_checksum),
        T(system_calls_follow_the_pattern),
        T(table_states_the_pattern),
        T(default_size_gives_the_articles_iterations),
        T(created_file_is_the_same_every_time),
        T(cold_empties_the_page_cache_or_says_so),
        T(cold_on_a_file_that_cannot_be_evicted_fails),
        T(cold_residency_of_someone_elses_file_is_unknown),
        T(the_default_file_is_made_where_no_build_directory_exists),
        T(a_sysfs_file_is_named_for_what_it_is),
        T(help_goes_to_stdout_with_status_0),
        T(bad_numbers_are_usage_errors),
        T(files_that_cannot_be_benchmarked_fail),
    };
    return cmocka_run_group_tests_name("ch03 seekbench, end to end", tests, NULL, NULL);
}
