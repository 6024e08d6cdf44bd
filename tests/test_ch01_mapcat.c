/* Chapter 1, end to end: mapcat, the first program, copies a file to stdout
 * through a mapping and refuses, in one line, whatever it cannot map. */
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

#include "run.h"
#include "tmp.h"

/* Binary bytes, NULs included, across three pages and a bit. */
static void copies_the_file_byte_for_byte(void **state)
{
    size_t n = 3 * (size_t)sysconf(_SC_PAGESIZE) + 5;
    const char *path = tmp_random_file(*state, "random.bin", n);
    size_t size;
    unsigned char *bytes = read_file(path, &size);
    assert_int_equal(size, n);
    struct run_result r;
    assert_int_equal(run(&r, NULL, "mapcat", path, NULL), 0);
    assert_exit(&r, 0);
    assert_int_equal(r.out_len, n);
    assert_memory_equal(r.out, bytes, n);
    assert_int_equal(r.err_len, 0);
    run_free(&r);
    free(bytes);
}

static void a_one_line_file(void **state)
{
    const char *path = tmp_file(*state, "hello.txt", "hello\n", 6);
    struct run_result r;
    assert_int_equal(run(&r, NULL, "mapcat", path, NULL), 0);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "hello\n");
    assert_int_equal(r.err_len, 0);
    run_free(&r);
}

static void what_cannot_be_mapped_is_refused(void **state)
{
    struct tmp *t = *state;
    char prefix[700];
    const char *empty = tmp_file(t, "empty", "", 0);
    snprintf(prefix, sizeof prefix, "mapcat: %s: not a regular file with bytes in it", empty);
    expect_run_error(1, prefix, NULL, "mapcat", empty, NULL);

    snprintf(prefix, sizeof prefix, "mapcat: %s: not a regular file with bytes in it", t->dir);
    expect_run_error(1, prefix, NULL, "mapcat", t->dir, NULL);

    /* stdin is a pipe with data in it: still not a file to map */
    expect_run_error(1, "mapcat: /dev/stdin: not a regular file with bytes in it", "data\n",
                     "mapcat", "/dev/stdin", NULL);

    const char *absent = tmp_path(t, "absent");
    snprintf(prefix, sizeof prefix, "mapcat: %s: No such file or directory", absent);
    expect_run_error(1, prefix, NULL, "mapcat", absent, NULL);
}

static void a_named_pipe_does_not_hang(void **state)
{
    const char *fifo = tmp_path(*state, "fifo");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    char prefix[700];
    snprintf(prefix, sizeof prefix, "mapcat: %s: not a regular file with bytes in it", fifo);
    expect_run_error(1, prefix, NULL, "mapcat", fifo, NULL);
}

static void usage_is_status_2(void **state)
{
    (void)state;
    expect_run_error(2, "usage: mapcat FILE", NULL, "mapcat", NULL);
    expect_run_error(2, "usage: mapcat FILE", NULL, "mapcat", "a", "b", NULL);
}

/* A failed write is a failure: /dev/full refuses every byte with ENOSPC. */
static void a_full_stdout_is_status_1(void **state)
{
    const char *path = tmp_file(*state, "hello.txt", "hello\n", 6);
    struct run_result r;
    assert_int_equal(run(&r, NULL, "/bin/sh", "-c", "exec \"$0\" \"$1\" > /dev/full",
                         BIN_DIR "/mapcat", path, NULL), 0);
    assert_one_line_error(&r, 1, "mapcat: stdout: No space left on device");
    run_free(&r);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        T(copies_the_file_byte_for_byte),
        T(a_one_line_file),
        T(what_cannot_be_mapped_is_refused),
        T(a_named_pipe_does_not_hang),
        T(usage_is_status_2),
        T(a_full_stdout_is_status_1),
    };
#undef T
    return cmocka_run_group_tests_name("ch01 mapcat, end to end", tests, NULL, NULL);
}
