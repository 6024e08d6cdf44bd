/* Chapter 2 under hostile conditions: mapedit with closed standard
 * descriptors, a full standard output, a file cut short right after it is
 * mapped, and a sparse file on a full tmpfs. A refused or failed edit must
 * leave the file as it was, byte for byte and in size. */
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

#include "hostile.h"
#include "preload.h"
#include "tmp.h"

static const char hello[] = "hello world\n";
#define HELLO_LEN (sizeof hello - 1)

static const char *hello_file(void **state)
{
    return tmp_file(*state, "hello", hello, HELLO_LEN);
}

/* The issue's own case: with stderr closed, open() used to return 2, and the
 * refusal was written into the file being edited. */
static void a_refused_edit_with_stderr_closed_leaves_the_file(void **state)
{
    const char *path = hello_file(state);
    struct run_result r;
    assert_int_equal(run_shell(&r, "mapedit '%s' 99 J 2>&-", path), 0);
    assert_exit(&r, 1);
    assert_int_equal(r.out_len, 0);
    run_free(&r);
    assert_file_equals(path, hello, HELLO_LEN);
}

static void a_refused_edit_with_stdout_closed_leaves_the_file(void **state)
{
    const char *path = hello_file(state);
    struct run_result r;
    assert_int_equal(run_shell(&r, "mapedit '%s' 99 J >&-", path), 0);
    assert_one_line_error(&r, 1, "mapedit: 99: offset out of range for a 12-byte file");
    run_free(&r);
    assert_file_equals(path, hello, HELLO_LEN);
}

/* An edit that works but cannot be reported: the file holds exactly the
 * edit (none of mapedit's output), and the status says stdout failed. */
static void an_edit_with_stdout_closed_or_full_fails_to_report(void **state)
{
    static const char *const redirections[] = {">&-", "> /dev/full"};
    static const char *const reasons[] = {"Bad file descriptor", "No space left on device"};
    for (size_t i = 0; i < 2; i++) {
        const char *path = hello_file(state);
        struct run_result r;
        assert_int_equal(run_shell(&r, "mapedit '%s' 0 J %s", path, redirections[i]), 0);
        char prefix[200];
        snprintf(prefix, sizeof prefix, "mapedit: stdout: write error: %s", reasons[i]);
        assert_one_line_error(&r, 1, prefix);
        run_free(&r);
        assert_file_equals(path, "Jello world\n", HELLO_LEN);
    }
    struct run_result r;
    assert_int_equal(run_shell(&r, "mapedit -h > /dev/full"), 0);
    assert_one_line_error(&r, 1, "mapedit: stdout: write error: No space left on device");
    run_free(&r);
}

/* The file is cut to one page right after mmap(): an edit in the second
 * page has nowhere to go. mapedit must say so, not die of SIGBUS, and must
 * not touch what is left of the file. */
static void an_edit_survives_a_file_cut_short(void **state)
{
    SKIP_WITHOUT_SHRINK();
    static const char *const options[] = {"", "-n", "-p"};
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        const char *path = tmp_random_file(*state, "pages", 3 * 4096);
        size_t n;
        unsigned char *before = read_file(path, &n);
        assert_non_null(before);
        struct run_result r;
        assert_int_equal(run_shell(&r, "LD_PRELOAD=\"$SHRINK\" MMF_SHRINK_TO=4096 "
                                       "mapedit %s '%s' 5000 XYZ", options[i], path), 0);
        char prefix[600];
        snprintf(prefix, sizeof prefix, "mapedit: %s: the mapping cannot be touched", path);
        assert_exit(&r, 1);
        assert_non_null(strstr(r.err, prefix));
        assert_non_null(strchr(r.err, '\n'));
        assert_int_equal(strchr(r.err, '\n')[1], '\0');
        run_free(&r);
        assert_file_equals(path, before, 4096); /* the page that is left, as it was */
        free(before);
    }
}

/* A sparse 1 MiB file whose last page holds a byte, on a 64 KiB tmpfs then
 * filled up; the reference copy lives outside, in the test's directory. */
#define FULL_TMPFS_SPARSE                                                         \
    "truncate -s 1M \"$FS/sparse\" && printf x | dd of=\"$FS/sparse\" bs=1 "      \
    "seek=1048575 conv=notrunc 2>/dev/null && cp --sparse=always \"$FS/sparse\" '%s' && " \
    "cat /dev/zero > \"$FS/fill\" 2>/dev/null; cd \"$FS\"; "

/* Shared edits reserve the range first: a full disk is ENOSPC before any
 * byte changes. A private edit needs no disk, but reading the hole needs a
 * page the tmpfs cannot give: one line, and the file as it was. */
static void an_edit_of_a_sparse_file_on_a_full_tmpfs_is_refused(void **state)
{
    SKIP_WITHOUT_SMALL_TMPFS();
    static const struct {
        const char *options, *error;
    } cases[] = {
        {.options = "", .error = "mapedit: sparse: fallocate: No space left on device\n"},
        {.options = "-n", .error = "mapedit: sparse: fallocate: No space left on device\n"},
        {.options = "-p", .error = "mapedit: sparse: the mapping cannot be touched"},
    };
    const char *reference = tmp_path(*state, "reference");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct run_result r;
        assert_int_equal(run_in_small_tmpfs(&r, "64k", FULL_TMPFS_SPARSE
                                            "mapedit %s sparse 100000 HELLO; echo status=$?; "
                                            "cmp sparse '%s' && echo unchanged",
                                            reference, cases[i].options, reference), 0);
        assert_exit(&r, 0);
        assert_contains(r.out, "status=1\n");
        assert_contains(r.out, "unchanged\n");
        assert_non_null(strstr(r.err, cases[i].error));
        assert_int_equal(strchr(r.err, '\n')[1], '\0');
        run_free(&r);
    }
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        T(a_refused_edit_with_stderr_closed_leaves_the_file),
        T(a_refused_edit_with_stdout_closed_leaves_the_file),
        T(an_edit_with_stdout_closed_or_full_fails_to_report),
        T(an_edit_survives_a_file_cut_short),
        T(an_edit_of_a_sparse_file_on_a_full_tmpfs_is_refused),
    };
#undef T
    return cmocka_run_group_tests_name("ch02 under hostile conditions", tests, NULL, NULL);
}
