/* The hostile-conditions helpers themselves: each stages what it promises,
 * shown on a program that is not ours (Python's mmap), so that a chapter's
 * hostile test failing means the chapter's program, not the staging. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hostile.h"
#include "tmp.h"

/* Read byte 5000 of an 8 KiB file through Python's mmap. */
#define PY_READ \
    "python3 -c 'import mmap,sys; f=open(sys.argv[1],\"rb\"); " \
    "m=mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ); print(m[5000])'"

static void shell_runs_with_our_programs_on_path(void **state)
{
    (void)state;
    struct run_result r;
    assert_int_equal(run_shell(&r, "command -v mapview; echo oops >&2; exit 3"), 0);
    assert_exit(&r, 3);
    assert_contains(r.out, BIN_DIR "/mapview");
    assert_string_equal(r.err, "oops\n");
    run_free(&r);
}

/* Without the preload, byte 5000 reads; with it, the file is cut to 0 bytes
 * right after mmap(), and the same read is a SIGBUS. */
static void shrink_truncates_right_after_mmap(void **state)
{
    const char *path = tmp_random_file(*state, "eight-k", 8192);
    struct run_result r;
    assert_int_equal(run_shell(&r, PY_READ " '%s'", path), 0);
    assert_exit(&r, 0);
    run_free(&r);
    assert_int_equal(run_shell(&r, "LD_PRELOAD=\"$SHRINK\" MMF_SHRINK_TO=0 " PY_READ " '%s'; "
                                   "echo status=$?", path), 0);
    assert_contains(r.out, "status=135"); /* 128 + SIGBUS (7) */
    run_free(&r);
}

/* A store into a hole of a sparse file on a full tmpfs raises SIGBUS: there
 * is no page to give it, and no system call to return ENOSPC. */
static void a_full_tmpfs_turns_a_store_into_a_hole_into_sigbus(void **state)
{
    (void)state;
    SKIP_WITHOUT_SMALL_TMPFS();
    struct run_result r;
    assert_int_equal(run_in_small_tmpfs(&r, "64k",
        "truncate -s 1M \"$FS/sparse\"; cat /dev/zero > \"$FS/fill\" 2>/dev/null; "
        "python3 -c 'import mmap,sys; f=open(sys.argv[1],\"r+b\"); "
        "m=mmap.mmap(f.fileno(), 0); m[500000]=1' \"$FS/sparse\"; echo status=$?"), 0);
    assert_exit(&r, 0);
    assert_contains(r.out, "status=135");
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shell_runs_with_our_programs_on_path),
        cmocka_unit_test_setup_teardown(shrink_truncates_right_after_mmap, tmp_setup, tmp_teardown),
        cmocka_unit_test(a_full_tmpfs_turns_a_store_into_a_hole_into_sigbus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
