/* Grades exercise 1.2: file_rfind(), the last occurrence in a mapped file. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "want.h"

#include "fault.h"
#include "file_rfind.h"
#include "tmp.h"

static long long rfind_in(void **state, const char *text, const char *needle)
{
    const char *path = tmp_path(*state, "f.txt");
    want_eq(write_file(path, text, strlen(text)), 0);
    return file_rfind(path, needle);
}

static void finds_the_last_occurrence(void **state)
{
    want_eq(rfind_in(state, "abcabcabc", "abc"), 6);
    want_eq(rfind_in(state, "abcabcabx", "abc"), 3);
    want_eq(rfind_in(state, "abcabcabx", "x"), 8);
    want_eq(rfind_in(state, "abcdef", "abcdef"), 0);
    want_eq(rfind_in(state, "aaaa", "aaa"), 1);
}

static void absent_needles_give_minus_one(void **state)
{
    want_eq(rfind_in(state, "abcabc", "abd"), -1);
    want_eq(rfind_in(state, "abc", "abcd"), -1);
    want_eq(rfind_in(state, "abc", ""), -1);
}

static void match_at_offset_zero_only(void **state)
{
    want_eq(rfind_in(state, "needle and hay", "needle"), 0);
}

static void finds_across_a_page_boundary(void **state)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t n = 3 * page;
    char *text = malloc(n + 1);
    want_true(text != NULL, "out of memory");
    memset(text, '.', n);
    text[n] = '\0';
    memcpy(text + page - 2, "mmap", 4);     /* straddles the first boundary */
    memcpy(text + 2 * page - 3, "mmap", 4); /* and the second */
    want_eq(rfind_in(state, text, "mmap"), (long long)(2 * page - 3));
    free(text);
}

static void unmappable_file_gives_minus_two(void **state)
{
    errno = 0;
    want_eq(file_rfind(tmp_path(*state, "absent"), "x"), -2);
    want_errno(ENOENT);
    const char *path = tmp_path(*state, "f.txt");
    want_eq(write_file(path, "abc", 3), 0);
    fault_clear();
    want_eq(file_rfind(path, "b"), 1);
    want_calls("munmap", 1); /* every mapping is given back */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(finds_the_last_occurrence, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(absent_needles_give_minus_one, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(match_at_offset_zero_only, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(finds_across_a_page_boundary, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(unmappable_file_gives_minus_two, tmp_setup, tmp_teardown),
    };
    return run_exercise_tests("exercise 1.2: rfind", tests);
}
