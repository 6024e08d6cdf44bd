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

#include "count_lines.h"
#include "fault.h"
#include "tmp.h"

static long count_in(void **state, const char *text, size_t n)
{
    const char *path = tmp_path(*state, "f.txt");
    assert_int_equal(write_file(path, text, n), 0);
    fault_clear();
    long lines = count_lines(path);
    assert_int_equal(fault_calls("read"), 0); /* through the mapping only */
    return lines;
}

static void counts_newlines_like_wc(void **state)
{
    assert_int_equal(count_in(state, "one\ntwo\nthree\n", 14), 3);
    assert_int_equal(count_in(state, "no newline at the end\nhere", 26), 1);
    assert_int_equal(count_in(state, "\n\n\n", 3), 3);
    assert_int_equal(count_in(state, "x", 1), 0);
}

static void empty_file_has_no_lines(void **state)
{
    errno = 0;
    assert_int_equal(count_in(state, "", 0), 0);
}

static void counts_across_many_pages(void **state)
{
    size_t n = 300000;
    char *text = malloc(n);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        text[i] = i % 7 == 6 ? '\n' : 'a';
    assert_int_equal(count_in(state, text, n), (long)(n / 7));
    free(text);
}

static void failures_return_minus_one_with_errno(void **state)
{
    errno = 0;
    assert_int_equal(count_lines(tmp_path(*state, "absent")), -1);
    assert_int_equal(errno, ENOENT);
    struct tmp *t = *state;
    errno = 0;
    assert_int_equal(count_lines(t->dir), -1);
    assert_int_equal(errno, EISDIR);
}

static void unmaps_what_it_maps(void **state)
{
    const char *path = tmp_path(*state, "f.txt");
    assert_int_equal(write_file(path, "a\nb\n", 4), 0);
    fault_clear();
    assert_int_equal(count_lines(path), 2);
    assert_int_equal(fault_calls("mmap"), 1);
    assert_int_equal(fault_calls("munmap"), 1);
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
    return cmocka_run_group_tests_name("exercise 1.1: count lines", tests, NULL, NULL);
}
