/* Grades exercise 2.1: reverse_range() must change exactly the range, on disk
 * (read back with read(), not a mapping), refuse bad ranges before mapping,
 * and report a failed msync(). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "want.h"

#include "fault.h"
#include "reverse.h"
#include "tmp.h"

static const char *sample(void **state, const char *text)
{
    return tmp_file(*state, "f.txt", text, strlen(text));
}

static void reverses_a_word_and_the_rest_stays(void **state)
{
    const char *p = sample(state, "hello, world\n");
    fault_clear();
    want_eq(reverse_range(p, 0, 5), 0);
    want_file(p, "olleh, world\n", 13);
    want_calls_ge("msync", 1); /* flushed before reporting success */
    want_eq(reverse_range(p, 7, 12), 0); /* odd and even lengths */
    want_file(p, "olleh, dlrow\n", 13);
    want_eq(reverse_range(p, 0, 4), 0);
    want_file(p, "elloh, dlrow\n", 13);
}

static void reverses_the_whole_file_and_single_bytes(void **state)
{
    const char *p = sample(state, "abcdef");
    want_eq(reverse_range(p, 0, 6), 0);
    want_file(p, "fedcba", 6);
    want_eq(reverse_range(p, 5, 6), 0);
    want_file(p, "fedcba", 6);
}

static void reverses_across_a_page_boundary(void **state)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t n = 2 * page;
    char *data = malloc(n), *expected = malloc(n);
    want_true(data != NULL, "out of memory");
    want_true(expected != NULL, "out of memory");
    for (size_t i = 0; i < n; i++)
        data[i] = (char)('a' + i % 26);
    const char *p = tmp_path(*state, "pages");
    want_eq(write_file(p, data, n), 0);
    memcpy(expected, data, n);
    for (size_t i = 0; i < 10; i++)
        expected[page - 5 + i] = data[page + 4 - i];
    want_eq(reverse_range(p, page - 5, page + 5), 0);
    want_file(p, expected, n);
    free(data);
    free(expected);
}

/* Each bad range: -1, EINVAL, nothing mapped, the file as it was. */
static void bad_ranges_are_refused_before_mapping(void **state)
{
    const char *p = sample(state, "abcdef");
    const uint64_t ranges[][2] = {
        {3, 3}, {4, 2}, {0, 7}, {6, 7}, {5, UINT64_MAX}, {UINT64_MAX, UINT64_MAX},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        fault_clear();
        errno = 0;
        want_eq(reverse_range(p, ranges[i][0], ranges[i][1]), -1);
        want_errno(EINVAL);
        want_calls("mmap", 0);
        want_same_calls("open", "close");
        want_file(p, "abcdef", 6);
    }
}

static void files_that_cannot_be_mapped_are_refused(void **state)
{
    struct tmp *t = *state;
    const char *empty = tmp_path(t, "empty");
    want_eq(write_file(empty, "", 0), 0);
    want_eq(reverse_range(empty, 0, 1), -1);
    want_eq(reverse_range("/dev/null", 0, 1), -1);
    want_eq(reverse_range(t->dir, 0, 1), -1);
    errno = 0;
    want_eq(reverse_range(tmp_path(t, "absent"), 0, 1), -1);
    want_errno(ENOENT);
}

static void a_failed_msync_is_reported_and_cleaned_up(void **state)
{
    const char *p = sample(state, "abcdef");
    fault_clear();
    fault_inject("msync", EIO, 0);
    errno = 0;
    want_eq(reverse_range(p, 0, 6), -1);
    want_errno(EIO); /* not overwritten by munmap or close */
    want_calls("munmap", 1);
    want_calls("close", 1);
    fault_clear();
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        T(reverses_a_word_and_the_rest_stays),
        T(reverses_the_whole_file_and_single_bytes),
        T(reverses_across_a_page_boundary),
        T(bad_ranges_are_refused_before_mapping),
        T(files_that_cannot_be_mapped_are_refused),
        T(a_failed_msync_is_reported_and_cleaned_up),
    };
#undef T
    return run_exercise_tests("exercise 2.1: reverse a range in place", tests);
}
