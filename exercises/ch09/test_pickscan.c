/* Grades exercise 9.1: sums right on both sides of the threshold, the way
 * chosen by size, an empty file read, a directory refused. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "pickscan.h"
#include "tmp.h"
#include "want.h"

static uint64_t byte_sum(const char *path)
{
    size_t n;
    unsigned char *d = read_file(path, &n);
    want_true(d != NULL, "the test could not read back %s", path);
    uint64_t s = 0;
    for (size_t i = 0; i < n; i++)
        s += d[i];
    free(d);
    return s;
}

static void small_files_are_read_and_large_ones_mapped(void **state)
{
    static const size_t sizes[] = {1, 4095, 16383, 16384, 100000};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        const char *path = tmp_random_file(*state, "f", sizes[i]);
        uint64_t sum = 0;
        enum scan_way way = SCAN_NONE;
        want_eq(scan_file(path, 16384, &sum, &way), 0);
        want_true(sum == byte_sum(path), "a file of %zu bytes: the sum is %llu, expected %llu",
                  sizes[i], (unsigned long long)sum, (unsigned long long)byte_sum(path));
        want_true(way == (sizes[i] < 16384 ? SCAN_READ : SCAN_MMAP),
                  "a file of %zu bytes with a threshold of 16384 should be %s", sizes[i],
                  sizes[i] < 16384 ? "read (SCAN_READ)" : "mapped (SCAN_MMAP)");
    }
}

static void an_empty_file_is_read_whatever_the_threshold(void **state)
{
    const char *path = tmp_file(*state, "empty", "", 0);
    uint64_t sum = 99;
    enum scan_way way = SCAN_NONE;
    want_eq(scan_file(path, 0, &sum, &way), 0);
    want_true(sum == 0, "an empty file sums to 0, not %llu", (unsigned long long)sum);
    want_true(way == SCAN_READ, "an empty file cannot be mapped: it must be read (SCAN_READ)");
}

static void a_directory_is_refused(void **state)
{
    struct tmp *t = *state;
    uint64_t sum;
    enum scan_way way = SCAN_READ;
    errno = 0;
    want_eq(scan_file(t->dir, 16384, &sum, &way), -1);
    want_errno(EISDIR);
    want_true(way == SCAN_NONE, "a refused file was read by no way: *way should be SCAN_NONE");
    want_eq(scan_file(tmp_path(t, "missing"), 16384, &sum, &way), -1);
    want_errno(ENOENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(small_files_are_read_and_large_ones_mapped, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(an_empty_file_is_read_whatever_the_threshold, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(a_directory_is_refused, tmp_setup, tmp_teardown),
    };
    return run_exercise_tests("exercise 9.1: Read or map, by size", tests);
}
