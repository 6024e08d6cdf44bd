/* Chapter 3, hostile conditions: seekbench under what chapter 5 teaches. A
 * file truncated while the mmap variant runs, an interrupted creation, and
 * closed or full standard output each end in one line and a status, never a
 * death by SIGBUS or a half-made file. Each of these failed before its fix. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "hostile.h"
#include "run.h"
#include "tmp.h"

/* The file is cut to 4 KiB right after seekbench's second mapping of it: the
 * first is the untimed look at how the kernel maps it (MAP_POPULATE), the
 * second the first mapped variant's run. Its loop then loads past the new end
 * of the file, which is a SIGBUS; the guard makes it one line and status 1. */
static void a_file_truncated_while_mapped_is_an_error_not_a_signal(void **state)
{
    const char *path = tmp_random_file(*state, "shrinks", 65536);
    struct run_result r;
    assert_int_equal(run_shell(&r, "LD_PRELOAD=\"$SHRINK\" MMF_SHRINK_TO=4096 MMF_SHRINK_AT=2 "
                                   "seekbench --runs 1 --size 64K '%s'", path), 0);
    char prefix[400];
    snprintf(prefix, sizeof prefix,
             "seekbench: %s: the file shrank while mapped: reading offset 4096 raised SIGBUS",
             path);
    assert_one_line_error(&r, 1, prefix);
    run_free(&r);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 4096); /* the truncation really happened */
}

/* Interrupted while it makes its data file, seekbench leaves nothing behind:
 * the bytes go to a temporary name that the signal's handler removes. */
static void an_interrupted_creation_leaves_no_file(void **state)
{
    struct tmp *t = *state;
    struct run_result r;
    assert_int_equal(run_shell(&r,
        "cd '%s' || exit 1; seekbench --runs 1 --size 1G big > /dev/null 2>&1 & pid=$!; "
        "i=0; until ls -A | grep -q partial; do "
        "  i=$((i + 1)); [ $i -gt 2000 ] && { echo never-started; kill -9 $pid; exit 1; }; "
        "  sleep 0.005; done; "
        "kill -TERM $pid; wait $pid; echo status=$?; ls -A", t->dir), 0);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "status=143\n"); /* 128 + SIGTERM, and the directory empty */
    run_free(&r);
}

/* Help that cannot be written is a failure, with a message. */
static void help_to_a_full_or_closed_stdout_fails(void **state)
{
    (void)state;
    struct run_result r;
    assert_int_equal(run_shell(&r, "seekbench -h > /dev/full"), 0);
    assert_one_line_error(&r, 1, "seekbench: stdout: write error: No space left on device");
    run_free(&r);
    assert_int_equal(run_shell(&r, "seekbench -h >&-"), 0);
    assert_one_line_error(&r, 1, "seekbench: stdout: write error: Bad file descriptor");
    run_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        T(a_file_truncated_while_mapped_is_an_error_not_a_signal),
        T(an_interrupted_creation_leaves_no_file),
        T(help_to_a_full_or_closed_stdout_fails),
    };
    return cmocka_run_group_tests_name("ch03 seekbench, hostile conditions", tests, NULL, NULL);
}
