/* Grades exercise 1.1: count_lines() through a mapping, never read(). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "want.h"

#include "count_lines.h"
#include "fault.h"
#include "tmp.h"

static long count_in(void **state, const char *text, size_t n)
{
    const char *path = tmp_path(*state, "f.txt");
    want_eq(write_file(path, text, n), 0);
    fault_clear();
    long lines = count_lines(path);
    want_calls("read", 0); /* through the mapping only */
    return lines;
}

static void counts_newlines_like_wc(void **state)
{
    want_eq(count_in(state, "one\ntwo\nthree\n", 14), 3);
    want_eq(count_in(state, "no newline at the end\nhere", 26), 1);
    want_eq(count_in(state, "\n\n\n", 3), 3);
    want_eq(count_in(state, "x", 1), 0);
}

static void empty_file_has_no_lines(void **state)
{
    errno = 0;
    want_eq(count_in(state, "", 0), 0);
}

static void counts_across_many_pages(void **state)
{
    size_t n = 300000;
    char *text = malloc(n);
    want_true(text != NULL, "out of memory");
    for (size_t i = 0; i < n; i++)
        text[i] = i % 7 == 6 ? '\n' : 'a';
    want_eq(count_in(state, text, n), (long)(n / 7));
    free(text);
}

static void failures_return_minus_one_with_errno(void **state)
{
    errno = 0;
    want_eq(count_lines(tmp_path(*state, "absent")), -1);
    want_errno(ENOENT);
    struct tmp *t = *state;
    errno = 0;
    want_eq(count_lines(t->dir), -1);
    want_errno(EISDIR);
}

static void unmaps_what_it_maps(void **state)
{
    const char *path = tmp_path(*state, "f.txt");
    want_eq(write_file(path, "a\nb\n", 4), 0);
    fault_clear();
    want_eq(count_lines(path), 2);
    want_calls("mmap", 1);
    want_calls("munmap", 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(counts_newlines_like_wc, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(empty_file_has_no_lines, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(counts_across_many_pages, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(failures_return_minus_one_with_errno, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(unmaps_what_it_maps, tmp_setup, tmp_teardown),
    };
    return run_exercise_tests("exercise 1.1: count lines", tests);
}
