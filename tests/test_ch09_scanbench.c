/* Chapter 9, end to end: run build/bin/scanbench as a reader would, on small
 * files, and check what the chapter claims: every variant folds the same
 * checksum as the one computed here, the system calls follow the buffer
 * sizes, threads change nothing but the threads, the CSV is exactly as
 * documented, --cold says what it achieved, and bad and hostile input ends
 * in one line. Nothing here looks at a time. */
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

#include "blockdev.h"
#include "fold_reference.h"
#include "hostile.h"
#include "run.h"
#include "tmp.h"

static const char *const names[] = {"read_4k", "read_16k", "read_64k", "read_256k",
                                    "read_1m", "pread_1m", "mmap", "mmap_sequential",
                                    "mmap_populate", "memory", "memory_4k", "memcpy"};
enum { NAMES = sizeof names / sizeof names[0] };

struct row {
    char variant[32];
    unsigned long buffer, threads, size;
    double median, min, max;
    unsigned long syscalls;
    long minflt, majflt;
    char checksum[32];
};

static size_t parse_csv(const char *out, struct row *rows, size_t max)
{
    const char *header = "variant,buffer,threads,size,median_gbps,min_gbps,max_gbps,"
                         "syscalls,minflt,majflt,checksum\n";
    assert_true(strncmp(out, header, strlen(header)) == 0);
    const char *p = out + strlen(header);
    size_t n = 0;
    while (*p != '\0') {
        assert_true(n < max);
        struct row *r = &rows[n++];
        int used = 0;
        assert_int_equal(sscanf(p, "%31[^,],%lu,%lu,%lu,%lf,%lf,%lf,%lu,%ld,%ld,%31[^\n]\n%n",
                                r->variant, &r->buffer, &r->threads, &r->size, &r->median,
                                &r->min, &r->max, &r->syscalls, &r->minflt, &r->majflt,
                                r->checksum, &used),
                         11);
        assert_true(used > 0);
        p += used;
    }
    return n;
}

static void run_csv(const char *path, const char *threads, struct row *rows)
{
    struct run_result r;
    assert_int_equal(run(&r, NULL, "scanbench", "--csv", "--runs", "1", "--threads", threads,
                         path, NULL), 0);
    assert_exit(&r, 0);
    assert_string_equal(r.err, "");
    assert_int_equal(parse_csv(r.out, rows, NAMES + 1), NAMES);
    run_free(&r);
}

static void want_checksum(const char *path, char *want, size_t n)
{
    size_t size;
    unsigned char *d = read_file(path, &size);
    assert_non_null(d);
    snprintf(want, n, "%016llx", (unsigned long long)fold_reference(d, size));
    free(d);
}

/* Every variant, in the documented order, with the checksum computed here;
 * sizes that are not multiples of 8 or of a page, and one over 1 MiB. */
static void every_variant_matches_the_reference_checksum(void **state)
{
    static const size_t sizes[] = {1, 4096, 100003, (1u << 20) + 4100};
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        const char *path = tmp_random_file(*state, "data", sizes[c]);
        char want[32];
        want_checksum(path, want, sizeof want);
        struct row rows[NAMES + 1];
        run_csv(path, "1", rows);
        for (size_t i = 0; i < NAMES; i++) {
            assert_string_equal(rows[i].variant, names[i]);
            assert_int_equal(rows[i].size, sizes[c]);
            assert_true(rows[i].min <= rows[i].median && rows[i].median <= rows[i].max);
            if (strcmp(names[i], "memcpy") == 0)
                assert_string_equal(rows[i].checksum, "-");
            else
                assert_string_equal(rows[i].checksum, want);
        }
        unlink(path);
    }
}

/* The counts the chapter reasons from: a read variant makes one lseek,
 * ceil(size / buffer) reads with data and one that returns 0; pread makes
 * ceil(size / 1 MiB); a mapping makes mmap + munmap (+ madvise). */
static void system_calls_follow_the_buffer_sizes(void **state)
{
    size_t size = 300000;
    const char *path = tmp_random_file(*state, "f", size);
    struct row rows[NAMES + 1];
    run_csv(path, "1", rows);
    for (size_t i = 0; i < NAMES; i++) {
        const struct row *r = &rows[i];
        if (strncmp(r->variant, "read_", 5) == 0) {
            assert_int_equal(r->syscalls, (size + r->buffer - 1) / r->buffer + 2);
            assert_int_equal(r->minflt, 0); /* read() copies: no page of ours faults */
        }
    }
    assert_int_equal(rows[0].buffer, 4096);
    assert_int_equal(rows[0].syscalls, 74 + 2);
    assert_int_equal(rows[4].syscalls, 1 + 2);
    assert_int_equal(rows[5].syscalls, 1);  /* pread_1m */
    assert_int_equal(rows[6].syscalls, 2);  /* mmap */
    assert_int_equal(rows[7].syscalls, 3);  /* mmap_sequential: + madvise */
    assert_int_equal(rows[8].syscalls, 2);  /* mmap_populate */
    assert_int_equal(rows[9].syscalls, 0);  /* memory */
    assert_int_equal(rows[10].syscalls, 0); /* memory_4k */
    /* Faults are sane: at least one to map the file, never more than its pages;
     * a file the test just wrote is in the page cache, so none is major. */
    size_t pages = (size + 4095) / 4096;
    assert_true(rows[6].minflt >= 1 && (size_t)rows[6].minflt <= pages);
    assert_int_equal(rows[6].majflt, 0);
    assert_true((size_t)rows[8].minflt <= pages);
}

/* Threads split the file for pread, the mappings and both memory floors: the checksum is
 * the same, only the threads column changes, and pread's calls add up. */
static void threads_give_the_same_checksum(void **state)
{
    size_t size = (3u << 20) + 12345;
    const char *path = tmp_random_file(*state, "t", size);
    char want[32];
    want_checksum(path, want, sizeof want);
    static const char *const counts[] = {"2", "3", "5"};
    for (size_t c = 0; c < 3; c++) {
        struct row rows[NAMES + 1];
        run_csv(path, counts[c], rows);
        for (size_t i = 0; i < NAMES; i++) {
            int threaded = strcmp(names[i], "pread_1m") == 0 || strncmp(names[i], "mmap", 4) == 0 ||
                           strncmp(names[i], "memory", 6) == 0;
            assert_int_equal(rows[i].threads, threaded ? strtoul(counts[c], NULL, 10) : 1);
            if (strcmp(names[i], "memcpy") != 0)
                assert_string_equal(rows[i].checksum, want);
        }
        /* each thread's slice is at most 2 MiB here: 1 or 2 preads each */
        assert_true(rows[5].syscalls >= 4 && rows[5].syscalls <= 2 * strtoul(counts[c], NULL, 10));
    }
}

static void table_names_every_variant_and_the_pages(void **state)
{
    const char *path = tmp_random_file(*state, "f", 65536);
    struct run_result r;
    assert_int_equal(run(&r, NULL, "scanbench", "--runs", "1", path, NULL), 0);
    assert_exit(&r, 0);
    assert_contains(r.out, "(65536 bytes)\n");
    assert_contains(r.out, "cache:    warm\n");
    assert_contains(r.out, "memory:   ");
    assert_contains(r.out, "limit:    memcpy of ");
    for (size_t i = 0; i < NAMES; i++)
        assert_contains(r.out, names[i]);
    run_free(&r);
}

/* A missing FILE is created with --size bytes, under directories made for it:
 * the default build/data/ch09/scan.dat, relative to where it runs. */
static void default_file_is_created_with_its_directories(void **state)
{
    struct tmp *t = *state;
    struct run_result r;
    assert_int_equal(run_shell(&r, "cd '%s' && scanbench --runs 1 --size 64K --csv > /dev/null",
                               t->dir), 0);
    assert_exit(&r, 0);
    run_free(&r);
    struct stat st;
    assert_int_equal(stat(tmp_path(t, "build/data/ch09/scan.dat"), &st), 0);
    assert_int_equal(st.st_size, 65536);
}

/* --cold on a file we own: evicted and checked, and the kind of cold said. */
static void cold_says_what_it_achieved(void **state)
{
    const char *path = tmp_random_file(*state, "c", 200000);
    struct run_result r;
    assert_int_equal(run(&r, NULL, "scanbench", "--cold", "--runs", "1", path, NULL), 0);
    assert_exit(&r, 0);
    assert_contains(r.out, "cache:    cold");
    assert_contains(r.out, "cold:     mmap's median run: ");
    /* valgrind reads the start of every file a program maps (looking for
     * debugging information), refilling the cache behind the eviction. */
    if (!run_is_wrapped())
        assert_contains(r.out, "evicted before each of 18 runs"); /* 9 file variants, 2 rounds */
    run_free(&r);
}

/* A file this process neither owns nor may write: mincore() would claim every
 * page resident, so the residency must be "unknown", never "0 pages". */
static void cold_on_a_file_of_someone_else_says_unknown(void **state)
{
    (void)state;
    /* A root-owned file nobody else may write; as root, run as nobody. */
    const char *path = "/usr/lib/os-release";
    const char *as = getuid() == 0 ? "setpriv --reuid 65534 --regid 65534 --clear-groups " : "";
    struct stat st;
    if (stat(path, &st) != 0 || st.st_uid != 0 || (getuid() != 0 && access(path, W_OK) == 0) ||
        (getuid() == 0 && access("/usr/bin/setpriv", X_OK) != 0)) {
        print_message("skipped: needs %s owned by root%s\n", path,
                      getuid() == 0 ? " and setpriv" : "");
        skip();
    }
    struct run_result r;
    assert_int_equal(run_shell(&r, "%sscanbench --cold --runs 1 %s", as, path), 0);
    assert_exit(&r, 0);
    assert_contains(r.out, "residency unknown");
    run_free(&r);
    assert_int_equal(run_shell(&r, "%sscanbench --readahead %s", as, path), 0);
    assert_exit(&r, 0);
    assert_contains(r.out, "unknown pages resident");
    run_free(&r);
}

static void readahead_counts_pages(void **state)
{
    const char *path = tmp_random_file(*state, "ra", 1 << 20);
    struct run_result r;
    assert_int_equal(run(&r, NULL, "scanbench", "--readahead", path, NULL), 0);
    assert_exit(&r, 0);
    assert_contains(r.out, "(1048576 bytes, 256 pages)\n");
    /* The window of the device under the file, as chapter 8's pagecache reads it. */
    long window;
    char want[96];
    if (read_ahead_kib(path, &window) == 0)
        snprintf(want, sizeof want, "device:   read_ahead_kb %ld (%ld pages)\n", window,
                 window * 1024 / sysconf(_SC_PAGESIZE));
    else
        snprintf(want, sizeof want, "device:   read_ahead_kb unknown (no block device under the file)\n");
    assert_contains(r.out, want);
    /* Each probe brings in at least the page it touched, and no more than the file. */
    const char *lines[] = {"first byte touched  ", "MADV_SEQUENTIAL, first byte touched",
                           "read() of the first page"};
    for (size_t i = 0; i < 3; i++) {
        const char *at = strstr(r.out, lines[i]);
        assert_non_null(at);
        unsigned long pages = 0;
        if (run_is_wrapped() && strncmp(at + strlen(lines[i]) + strspn(at + strlen(lines[i]), " "),
                                        "unknown", 7) == 0)
            continue; /* valgrind refilled the cache: see cold_says_what_it_achieved */
        assert_int_equal(sscanf(at + strlen(lines[i]), " %lu pages resident", &pages), 1);
        assert_true(pages >= 1 && pages <= 256);
    }
    run_free(&r);
}

static void bad_input_is_one_line(void **state)
{
    const char *path = tmp_random_file(*state, "f", 4096);
    const char *empty = tmp_file(*state, "empty", "", 0);
    expect_run_error(2, "scanbench: --runs: 0: must be 1 to 1000", NULL, "scanbench", "--runs",
                     "0", path, NULL);
    expect_run_error(2, "scanbench: --threads: 65: must be 1 to 64", NULL, "scanbench",
                     "--threads", "65", path, NULL);
    expect_run_error(2, "scanbench: --threads: x: not a valid number", NULL, "scanbench",
                     "--threads", "x", path, NULL);
    expect_run_error(2, "scanbench: --size: 0: ", NULL, "scanbench", "--size", "0", path, NULL);
    expect_run_error(2, "scanbench: --size: 5T: ", NULL, "scanbench", "--size", "5T", path, NULL);
    expect_run_error(2, "scanbench: --bogus: unknown option", NULL, "scanbench", "--bogus", NULL);
    expect_run_error(2, "scanbench: --runs: needs an argument", NULL, "scanbench", "--runs",
                     NULL);
    expect_run_error(2, "scanbench: b: only one FILE", NULL, "scanbench", "a", "b", NULL);
    expect_run_error(1, "scanbench: /: cannot scan a directory", NULL, "scanbench", "/", NULL);
    expect_run_error(1, "scanbench: /dev/null: cannot scan a character device", NULL,
                     "scanbench", "/dev/null", NULL);
    char want[300];
    snprintf(want, sizeof want, "scanbench: %s: empty file: nothing to scan", empty);
    expect_run_error(1, want, NULL, "scanbench", empty, NULL);
    snprintf(want, sizeof want, "scanbench: %s: holds 4096 bytes, not the 8192 of --size", path);
    expect_run_error(1, want, NULL, "scanbench", "--size", "8K", path, NULL);
}

static void a_full_or_closed_stdout_is_a_failure(void **state)
{
    const char *path = tmp_random_file(*state, "f", 8192);
    struct run_result r;
    assert_int_equal(run_shell(&r, "scanbench --runs 1 '%s' > /dev/full", path), 0);
    assert_one_line_error(&r, 1, "scanbench: stdout: write error: No space left on device");
    run_free(&r);
    assert_int_equal(run_shell(&r, "scanbench --runs 1 '%s' >&-", path), 0);
    assert_one_line_error(&r, 1, "scanbench: stdout: write error: ");
    run_free(&r);
}

/* The file is truncated to 0 right after the first mapping of it: the scan
 * through the mapping faults, and the guard turns that into one line. */
static void a_file_truncated_while_mapped_is_one_line(void **state)
{
    const char *path = tmp_random_file(*state, "f", 1 << 20);
    struct run_result r;
    assert_int_equal(run_shell(&r, "MMF_SHRINK_TO=0 LD_PRELOAD=$SHRINK scanbench --runs 1 '%s'",
                               path), 0);
    assert_false(r.signaled);
    char want[300];
    snprintf(want, sizeof want, "scanbench: %s: ", path);
    assert_one_line_error(&r, 1, want);
    run_free(&r);
    /* The same, with the threads scanning one mapping. */
    const char *other = tmp_random_file(*state, "g", 1 << 20);
    assert_int_equal(run_shell(&r, "MMF_SHRINK_TO=0 LD_PRELOAD=$SHRINK scanbench --runs 1 "
                                   "--threads 2 '%s'", other), 0);
    assert_false(r.signaled);
    snprintf(want, sizeof want, "scanbench: %s: ", other);
    assert_one_line_error(&r, 1, want);
    run_free(&r);
}

static void help_is_printed(void **state)
{
    (void)state;
    struct run_result r;
    assert_int_equal(run(&r, NULL, "scanbench", "--help", NULL), 0);
    assert_exit(&r, 0);
    assert_contains(r.out, "usage: scanbench");
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(every_variant_matches_the_reference_checksum, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(system_calls_follow_the_buffer_sizes, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(threads_give_the_same_checksum, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(table_names_every_variant_and_the_pages, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(default_file_is_created_with_its_directories, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(cold_says_what_it_achieved, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(cold_on_a_file_of_someone_else_says_unknown, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(readahead_counts_pages, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(bad_input_is_one_line, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(a_full_or_closed_stdout_is_a_failure, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(a_file_truncated_while_mapped_is_one_line, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test(help_is_printed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
