/* Chapter 7's small demonstrations, end to end: the seals refuse ftruncate()
 * with EPERM where an unsealed memfd gives its readers SIGBUS; mprotect()'s
 * read-only and guard pages give SIGSEGV exactly where the chapter says;
 * malloc() gives a large block a private anonymous mapping of its own; the
 * false-sharing measurement runs and refuses bad numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "run.h"

static void sealed_memfd_refuses_shrinking_and_growing(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "sealfd", NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out,
        "an unsealed memfd of 4096 bytes, mapped shared:\n"
        "  ftruncate(fd, 0)                         success\n"
        "  read the first byte (in a child)         SIGBUS (Bus error)\n"
        "a memfd of 4096 bytes, mapped shared, then sealed:\n"
        "  F_ADD_SEALS F_SEAL_SHRINK|F_SEAL_GROW    success\n"
        "  F_GET_SEALS                              shrink grow\n"
        "  ftruncate(fd, 0)                         EPERM (Operation not permitted)\n"
        "  ftruncate(fd, 8192)                      EPERM (Operation not permitted)\n"
        "  read the first byte (in a child)         no signal\n"
        "  F_ADD_SEALS F_SEAL_WRITE                 EBUSY (Device or resource busy)\n");
    if (!run_is_wrapped())
        assert_int_equal(r.err_len, 0);
    run_free(&r);
}

static void protections_fault_where_the_chapter_says(void **state)
{
    (void)state;
    long page = sysconf(_SC_PAGESIZE);
    char last[160];
    snprintf(last, sizeof last,
             "a loop reading on from the first byte: SIGSEGV (Segmentation fault) after %ld "
             "bytes (2 pages)\n", 2 * page);
    struct run_result r;
    run(&r, NULL, "protect", NULL);
    assert_exit(&r, 0);
    assert_contains(r.out,
        "page  maps   access what happened                    expected\n"
        "0     rw-p   read   no signal                        yes\n"
        "0     rw-p   write  no signal                        yes\n"
        "1     r--p   read   no signal                        yes\n"
        "1     r--p   write  SIGSEGV (Segmentation fault)     yes\n"
        "2     ---p   read   SIGSEGV (Segmentation fault)     yes\n"
        "2     ---p   write  SIGSEGV (Segmentation fault)     yes\n");
    assert_contains(r.out, last);
    run_free(&r);
}

/* glibc's malloc(): a block above its mmap threshold (128 KiB to start with)
 * gets a mapping of its own, and free() unmaps it. A sanitizer or valgrind
 * brings its own allocator, so the test is about glibc's alone. */
static void malloc_maps_a_large_block_of_its_own(void **state)
{
    (void)state;
#if defined(__SANITIZE_ADDRESS__)
    skip();
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    skip();
#endif
#endif
    if (run_is_wrapped())
        skip();
    struct run_result r;
    run(&r, NULL, "bigalloc", NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out,
        "malloc(1000)           rw-p  [heap]\n"
        "malloc(1048576)        rw-p  (no name: private anonymous memory, a mapping of its own)\n"
        "after free(large)      no mapping holds it\n");
    run_free(&r);
}

static void false_sharing_measures_both_layouts(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "falseshare", "--iters", "10000", "--runs", "3", NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "2 processes, each adding 1 to its own counter 10000 times, median of "
                           "3 runs\n");
    assert_contains(r.out, "\nsame line          8 bytes ");
    assert_contains(r.out, "\nseparate lines   128 bytes ");
    run_free(&r);
    expect_run_error(2, "falseshare: --iters: 0: must be at least 1", NULL, "falseshare", "-i",
                     "0", NULL);
    expect_run_error(2, "falseshare: --iters: 2x: not a valid number", NULL, "falseshare", "-i",
                     "2x", NULL);
    expect_run_error(2, "falseshare: --runs: 100: number out of range", NULL, "falseshare",
                     "--runs", "100", NULL);
    expect_run_error(2, "falseshare: -q: unknown option", NULL, "falseshare", "-q", NULL);
}

static void the_demonstrations_refuse_arguments_and_have_help(void **state)
{
    (void)state;
    static const char *const programs[] = {"sealfd", "protect", "bigalloc", "falseshare"};
    for (size_t i = 0; i < 4; i++) {
        char prefix[64];
        snprintf(prefix, sizeof prefix, "%s: extra: unexpected argument", programs[i]);
        expect_run_error(2, prefix, NULL, programs[i], "extra", NULL);
        snprintf(prefix, sizeof prefix, "%s: --nope: unknown option", programs[i]);
        expect_run_error(2, prefix, NULL, programs[i], "--nope", NULL);
        struct run_result r;
        run(&r, NULL, programs[i], "--help", NULL);
        assert_exit(&r, 0);
        assert_true(strncmp(r.out, "usage: ", 7) == 0);
        run_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sealed_memfd_refuses_shrinking_and_growing),
        cmocka_unit_test(protections_fault_where_the_chapter_says),
        cmocka_unit_test(malloc_maps_a_large_block_of_its_own),
        cmocka_unit_test(false_sharing_measures_both_layouts),
        cmocka_unit_test(the_demonstrations_refuse_arguments_and_have_help),
    };
    return cmocka_run_group_tests_name("chapter 7: demonstrations", tests, NULL, NULL);
}
