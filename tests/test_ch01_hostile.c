/* Chapter 1 under hostile conditions: mapcat and mapview with closed standard
 * descriptors, a full standard output, a file cut short right after it is
 * mapped, and a sparse file on a full tmpfs. Each must end in one line on
 * stderr and a status, never in death by a signal or a false success. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "hostile.h"
#include "preload.h"
#include "tmp.h"

/* Three pages and a bit of bytes that are not zero, so a tail or a missing
 * page cannot pass for file content. */
static const char *three_pages(void **state)
{
    return tmp_random_file(*state, "three-pages", 3 * 4096 + 100);
}

/* A sparse 1 MiB file whose last page holds a byte, on a 64 KiB tmpfs then
 * filled up: reading any hole needs a page the tmpfs cannot give. */
#define FULL_TMPFS_SPARSE                                                         \
    "truncate -s 1M \"$FS/sparse\" && printf x | dd of=\"$FS/sparse\" bs=1 "      \
    "seek=1048575 conv=notrunc 2>/dev/null && cat /dev/zero > \"$FS/fill\" 2>/dev/null; "

static const char unreadable[] = "cannot read the mapping: the file shrank, or the kernel could"
                                 " not bring a page in";

/* stdout closed: the summary cannot be written, and mapview must say so. */
static void mapview_with_stdout_closed_fails(void **state)
{
    const char *path = three_pages(state);
    struct run_result r;
    assert_int_equal(run_shell(&r, "mapview '%s' >&-", path), 0);
    assert_one_line_error(&r, 1, "mapview: stdout: write error: Bad file descriptor");
    run_free(&r);
    assert_int_equal(run_shell(&r, "mapview -h >&-"), 0);
    assert_one_line_error(&r, 1, "mapview: stdout: write error: Bad file descriptor");
    run_free(&r);
}

/* stdin and stderr closed: the answer is still right. */
static void mapview_with_stdin_and_stderr_closed_answers(void **state)
{
    const char *path = tmp_file(*state, "hello", "hello\n", 6);
    struct run_result r;
    assert_int_equal(run_shell(&r, "mapview -s 0:5 '%s' <&- 2>&-", path), 0);
    assert_exit(&r, 0);
    assert_contains(r.out, "[0:5] = \"hello\"\n");
    run_free(&r);
}

static void mapview_into_a_full_stdout_fails(void **state)
{
    const char *path = three_pages(state);
    struct run_result r;
    assert_int_equal(run_shell(&r, "mapview -i 0 '%s' > /dev/full", path), 0);
    assert_one_line_error(&r, 1, "mapview: stdout: write error: No space left on device");
    run_free(&r);
    assert_int_equal(run_shell(&r, "mapview --help > /dev/full"), 0);
    assert_one_line_error(&r, 1, "mapview: stdout: write error: No space left on device");
    run_free(&r);
}

/* The file is cut to one page right after mmap(): every page past it is gone. */
static void mapview_survives_a_file_cut_short(void **state)
{
    SKIP_WITHOUT_SHRINK();
    static const char *const requests[] = {"", "-i 9000", "-s 0:9000", "-f zzzzzzzz"};
    for (size_t i = 0; i < sizeof requests / sizeof requests[0]; i++) {
        const char *path = three_pages(state);
        char prefix[600];
        snprintf(prefix, sizeof prefix, "mapview: %s: %s", path, unreadable);
        struct run_result r;
        assert_int_equal(run_shell(&r, "LD_PRELOAD=\"$SHRINK\" MMF_SHRINK_TO=4096 mapview %s '%s'",
                                   requests[i], path), 0);
        assert_one_line_error(&r, 1, prefix);
        run_free(&r);
    }
}

/* Each request on its own reaches a hole: the summary (whose last page holds
 * data) passes, the answer fails in one line. */
static void mapview_survives_a_sparse_file_on_a_full_tmpfs(void **state)
{
    (void)state;
    SKIP_WITHOUT_SMALL_TMPFS();
    static const char *const requests[] = {"-i 100000", "-s 100000:100010", "-f zz"};
    for (size_t i = 0; i < sizeof requests / sizeof requests[0]; i++) {
        struct run_result r;
        assert_int_equal(run_in_small_tmpfs(&r, "64k", FULL_TMPFS_SPARSE
                                            "cd \"$FS\" && mapview %s sparse", requests[i]), 0);
        assert_exit(&r, 1);
        assert_contains(r.out, "size:  1048576 bytes\n");
        char line[300];
        snprintf(line, sizeof line, "mapview: sparse: %s\n", unreadable);
        assert_string_equal(r.err, line);
        run_free(&r);
    }
}

static void mapcat_with_stdout_closed_or_full_fails(void **state)
{
    const char *path = three_pages(state);
    struct run_result r;
    assert_int_equal(run_shell(&r, "mapcat '%s' >&-", path), 0);
    assert_one_line_error(&r, 1, "mapcat: stdout: Bad file descriptor");
    run_free(&r);
    assert_int_equal(run_shell(&r, "mapcat '%s' > /dev/full", path), 0);
    assert_one_line_error(&r, 1, "mapcat: stdout: No space left on device");
    run_free(&r);
}

/* mapcat never touches the mapping itself: write() does, in the kernel, and
 * a page it cannot read is EFAULT, not SIGBUS. */
static void mapcat_survives_a_file_cut_short(void **state)
{
    SKIP_WITHOUT_SHRINK();
    const char *path = three_pages(state);
    char prefix[600];
    snprintf(prefix, sizeof prefix, "mapcat: %s: cannot read the mapping", path);
    struct run_result r;
    assert_int_equal(run_shell(&r, "LD_PRELOAD=\"$SHRINK\" MMF_SHRINK_TO=0 mapcat '%s'", path), 0);
    assert_one_line_error(&r, 1, prefix);
    run_free(&r);
}

static void mapcat_survives_a_sparse_file_on_a_full_tmpfs(void **state)
{
    (void)state;
    SKIP_WITHOUT_SMALL_TMPFS();
    struct run_result r;
    assert_int_equal(run_in_small_tmpfs(&r, "64k", FULL_TMPFS_SPARSE
                                        "cd \"$FS\" && mapcat sparse | wc -c"), 0);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "0\n");
    assert_string_equal(r.err, "mapcat: sparse: cannot read the mapping (has the file shrunk?)\n");
    run_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        T(mapview_with_stdout_closed_fails),
        T(mapview_with_stdin_and_stderr_closed_answers),
        T(mapview_into_a_full_stdout_fails),
        T(mapview_survives_a_file_cut_short),
        T(mapview_survives_a_sparse_file_on_a_full_tmpfs),
        T(mapcat_with_stdout_closed_or_full_fails),
        T(mapcat_survives_a_file_cut_short),
        T(mapcat_survives_a_sparse_file_on_a_full_tmpfs),
    };
#undef T
    return cmocka_run_group_tests_name("ch01 under hostile conditions", tests, NULL, NULL);
}
