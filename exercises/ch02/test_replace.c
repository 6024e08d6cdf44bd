/* Grades exercise 2.2: replace_all() must replace every non-overlapping
 * occurrence on disk (read back with read()), refuse a change of length before
 * opening the file, flush only when it changed something, and report a failed
 * msync(). */
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
#include "replace.h"
#include "tmp.h"

static const char *sample(void **state, const char *text)
{
    return tmp_file(*state, "f.txt", text, strlen(text));
}

static void replaces_every_occurrence(void **state)
{
    const char *p = sample(state, "the cat sat on the mat\n");
    fault_clear();
    want_eq(replace_all(p, "at", "og"), 3);
    want_file(p, "the cog sog on the mog\n", 23);
    want_calls_ge("msync", 1);
    want_eq(replace_all(p, "the", "THE"), 2);
    want_file(p, "THE cog sog on THE mog\n", 23);
    want_eq(replace_all(p, "\n", "!"), 1); /* the very last byte */
    want_file(p, "THE cog sog on THE mog!", 23);
}

static void occurrences_do_not_overlap(void **state)
{
    const char *p = sample(state, "aaa");
    want_eq(replace_all(p, "aa", "ba"), 1);
    want_file(p, "baa", 3);
    p = sample(state, "aaaa");
    want_eq(replace_all(p, "aa", "bb"), 2);
    want_file(p, "bbbb", 4);
    p = sample(state, "abab");
    want_eq(replace_all(p, "bab", "xyz"), 1);
    want_file(p, "axyz", 4);
}

static void finds_a_match_across_a_page_boundary(void **state)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t n = 2 * page;
    char *data = malloc(n);
    want_true(data != NULL, "out of memory");
    memset(data, '.', n);
    memcpy(data + page - 3, "NEEDLE", 6);
    memcpy(data + n - 6, "NEEDLE", 6);
    const char *p = tmp_path(*state, "pages");
    want_eq(write_file(p, data, n), 0);
    want_eq(replace_all(p, "NEEDLE", "thread"), 2);
    memcpy(data + page - 3, "thread", 6);
    memcpy(data + n - 6, "thread", 6);
    want_file(p, data, n);
    free(data);
}

/* Nothing replaced: the file is as it was, and there was nothing to flush. */
static void no_match_changes_and_flushes_nothing(void **state)
{
    const char *p = sample(state, "the cat sat\n");
    fault_clear();
    want_eq(replace_all(p, "dog", "cow"), 0);
    want_eq(replace_all(p, "the cat sat on", "THE CAT SAT ON"), 0); /* longer than the file */
    want_calls("msync", 0);
    want_file(p, "the cat sat\n", 12);
}

static void an_empty_file_has_nothing_to_replace(void **state)
{
    const char *p = sample(state, "");
    fault_clear();
    want_eq(replace_all(p, "a", "b"), 0);
    want_calls("mmap", 0);
    want_same_calls("open", "close");
}

static void a_change_of_length_is_refused_before_opening(void **state)
{
    const char *p = sample(state, "the cat sat\n");
    const char *cases[][2] = {{"cat", "lion"}, {"cat", "ox"}, {"", ""}, {"", "x"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fault_clear();
        errno = 0;
        want_eq(replace_all(p, cases[i][0], cases[i][1]), -1);
        want_errno(EINVAL);
        want_calls("open", 0);
    }
    want_file(p, "the cat sat\n", 12);
}

static void files_that_cannot_be_mapped_are_refused(void **state)
{
    struct tmp *t = *state;
    want_eq(replace_all("/dev/null", "a", "b"), -1);
    want_eq(replace_all(t->dir, "a", "b"), -1);
    errno = 0;
    want_eq(replace_all(tmp_path(t, "absent"), "a", "b"), -1);
    want_errno(ENOENT);
}

static void a_failed_msync_is_reported_and_cleaned_up(void **state)
{
    const char *p = sample(state, "the cat sat\n");
    fault_clear();
    fault_inject("msync", EIO, 0);
    errno = 0;
    want_eq(replace_all(p, "cat", "dog"), -1);
    want_errno(EIO); /* not overwritten by munmap or close */
    want_calls("munmap", 1);
    want_calls("close", 1);
    fault_clear();
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        T(replaces_every_occurrence),
        T(occurrences_do_not_overlap),
        T(finds_a_match_across_a_page_boundary),
        T(no_match_changes_and_flushes_nothing),
        T(an_empty_file_has_nothing_to_replace),
        T(a_change_of_length_is_refused_before_opening),
        T(files_that_cannot_be_mapped_are_refused),
        T(a_failed_msync_is_reported_and_cleaned_up),
    };
#undef T
    return run_exercise_tests("exercise 2.2: find and replace, same length", tests);
}
