/* Chapter 1, end to end: run build/bin/mapview as a user would and check its
 * exit status, stdout and stderr. */
#define _GNU_SOURCE /* posix_openpt, ptsname */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "run.h"
#include "tmp.h"

static const char text[] = "Hello, mmap world!\n";

static const char *sample(void **state)
{
    return tmp_file(*state, "hello.txt", text, sizeof text - 1);
}

static void summary_reports_size_page_and_zero_tail(void **state)
{
    struct run_result r;
    assert_int_equal(run(&r, NULL, "mapview", sample(state), NULL), 0);
    assert_exit(&r, 0);
    assert_contains(r.out, "size:  19 bytes\n");
    char line[128];
    long page = sysconf(_SC_PAGESIZE);
    snprintf(line, sizeof line, "page:  %ld bytes\n", page);
    assert_contains(r.out, line);
    snprintf(line, sizeof line, "pages: 1 mapped (%ld bytes)\n", page);
    assert_contains(r.out, line);
    snprintf(line, sizeof line, "tail:  %ld bytes past the end of the file, all zero\n", page - 19);
    assert_contains(r.out, line);
    assert_int_equal(r.err_len, 0);
    run_free(&r);
}

static void pages_round_up_past_a_page_boundary(void **state)
{
    long page = sysconf(_SC_PAGESIZE);
    size_t n = (size_t)page + 1;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, 'x', n);
    const char *path = tmp_path(*state, "big.bin");
    assert_int_equal(write_file(path, big, n), 0);
    free(big);
    struct run_result r;
    run(&r, NULL, "mapview", path, NULL);
    assert_exit(&r, 0);
    char line[128];
    snprintf(line, sizeof line, "pages: 2 mapped (%ld bytes)\n", 2 * page);
    assert_contains(r.out, line);
    run_free(&r);
}

static void index_slice_and_find_answer_in_order(void **state)
{
    struct run_result r;
    run(&r, NULL, "mapview", "-i", "0", "-i", "-2", "-s", "7:11", "-f", "world", "-f", "zz",
        sample(state), NULL);
    assert_exit(&r, 0);
    const char *expected = "[0] = 72 \"H\"\n"
                           "[-2] = 33 \"!\"\n"
                           "[7:11] = \"mmap\"\n"
                           "find(\"world\") = 12\n"
                           "find(\"zz\") = -1 (not found)\n";
    assert_non_null(strstr(r.out, expected));
    run_free(&r);
}

static void long_options_work_too(void **state)
{
    struct run_result r;
    run(&r, NULL, "mapview", "--index=-1", "--slice", "0:5", "--find", "Hello", sample(state),
        NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "[-1] = 10 \"\\n\"\n");
    assert_contains(r.out, "[0:5] = \"Hello\"\n");
    assert_contains(r.out, "find(\"Hello\") = 0\n");
    run_free(&r);
}

static void whole_file_slice_and_empty_slice(void **state)
{
    struct run_result r;
    run(&r, NULL, "mapview", "-s", "0:19", "-s", "19:19", sample(state), NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "[0:19] = \"Hello, mmap world!\\n\"\n");
    assert_contains(r.out, "[19:19] = \"\"\n");
    run_free(&r);
}

static void help_goes_to_stdout_with_status_0(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "mapview", "--help", NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "usage: mapview [-i INDEX] [-s START:END] [-f NEEDLE] FILE");
    assert_int_equal(r.err_len, 0);
    run_free(&r);
}

/* Each bad input: one line on stderr, nothing on stdout, the right status. */
#define expect_error(status, prefix, input, ...) \
    expect_run_error(status, prefix, input, "mapview", __VA_ARGS__)

static void missing_file_fails(void **state)
{
    const char *path = tmp_path(*state, "absent");
    char prefix[600];
    snprintf(prefix, sizeof prefix, "mapview: %s: No such file or directory", path);
    expect_error(1, prefix, NULL, path, NULL);
}

static void unreadable_file_fails(void **state)
{
    if (geteuid() == 0) {
        /* root reads every file; the same path is tested by fault injection
         * in test_ch01_helpers.c. Use a path through a regular file instead. */
        char path[600];
        snprintf(path, sizeof path, "%s/x", sample(state));
        char prefix[700];
        snprintf(prefix, sizeof prefix, "mapview: %s: Not a directory", path);
        expect_error(1, prefix, NULL, path, NULL);
        return;
    }
    const char *path = sample(state);
    assert_int_equal(chmod(path, 0), 0);
    char prefix[600];
    snprintf(prefix, sizeof prefix, "mapview: %s: Permission denied", path);
    expect_error(1, prefix, NULL, path, NULL);
}

static void special_files_are_refused(void **state)
{
    expect_error(1, "mapview: /dev/null: cannot map a character device", NULL, "/dev/null", NULL);
    expect_error(1, "mapview: /proc/self/status: cannot map a /proc file", NULL,
                 "/proc/self/status", NULL);
    struct tmp *t = *state;
    char prefix[400];
    snprintf(prefix, sizeof prefix, "mapview: %s: cannot map a directory", t->dir);
    expect_error(1, prefix, NULL, t->dir, NULL);
    /* stdin is a pipe carrying data: still not mappable */
    expect_error(1, "mapview: /dev/stdin: cannot map a pipe", "some data\n", "/dev/stdin", NULL);
}

static void named_pipe_is_refused_without_hanging(void **state)
{
    const char *path = tmp_path(*state, "fifo");
    assert_int_equal(mkfifo(path, 0600), 0);
    char prefix[600];
    snprintf(prefix, sizeof prefix, "mapview: %s: cannot map a pipe", path);
    expect_error(1, prefix, NULL, path, NULL);
}

static void terminal_is_refused(void **state)
{
    (void)state;
    char name[128];
    int master = open_pty(name, sizeof name);
    char prefix[200];
    snprintf(prefix, sizeof prefix, "mapview: %s: cannot map a character device", name);
    expect_error(1, prefix, NULL, name, NULL);
    close(master);
}

static void empty_file_gets_a_clear_message(void **state)
{
    const char *path = tmp_path(*state, "empty");
    assert_int_equal(write_file(path, "", 0), 0);
    char prefix[600];
    snprintf(prefix, sizeof prefix, "mapview: %s: file is empty: there is nothing to map", path);
    expect_error(1, prefix, NULL, path, NULL);
}

static void out_of_range_requests_fail(void **state)
{
    const char *path = sample(state);
    expect_error(1, "mapview: 19: index out of range for a 19-byte file", NULL, "-i", "19", path, NULL);
    expect_error(1, "mapview: -20: index out of range", NULL, "-i", "-20", path, NULL);
    expect_error(1, "mapview: 5:20: slice out of range", NULL, "-s", "5:20", path, NULL);
    /* a good request before a bad one must not print half an answer */
    expect_error(1, "mapview: 99: index out of range", NULL, "-i", "0", "-i", "99", path, NULL);
}

static void malformed_arguments_are_usage_errors(void **state)
{
    const char *path = sample(state);
    expect_error(2, "mapview: 5:2: reversed slice", NULL, "-s", "5:2", path, NULL);
    expect_error(2, "mapview: 1x: not a valid number", NULL, "-i", "1x", path, NULL);
    expect_error(2, "mapview: 99999999999999999999: number out of range", NULL, "-i",
                 "99999999999999999999", path, NULL);
    expect_error(2, "mapview: 3: a slice is START:END", NULL, "-s", "3", path, NULL);
    expect_error(2, "mapview: :4: a slice is START:END", NULL, "-s", ":4", path, NULL);
    expect_error(2, "mapview: -1:4: a slice is START:END", NULL, "-s", "-1:4", path, NULL);
    expect_error(2, "mapview: 0:99999999999999999999: number out of range", NULL, "-s",
                 "0:99999999999999999999", path, NULL);
    expect_error(2, "mapview: 1 :2: a slice is START:END", NULL, "-s", "1 :2", path, NULL);
    expect_error(2, "mapview: -f: the needle is empty", NULL, "-f", "", path, NULL);
    expect_error(2, "mapview: -i: needs an argument", NULL, path, "-i", NULL);
    expect_error(2, "mapview: -q: unknown option", NULL, "-q", path, NULL);
    expect_error(2, "mapview: --bogus: unknown option", NULL, "--bogus", path, NULL);
    expect_error(2, "mapview: FILE: missing argument", NULL, NULL);
    expect_error(2, "mapview: extra: only one FILE is allowed", NULL, path, "extra", NULL);
}

/* Echoed text is escaped: a newline in a name cannot split the message. */
static void a_newline_in_a_name_stays_on_one_line(void **state)
{
    (void)state;
    expect_error(1, "mapview: no\\nsuch: No such file or directory", NULL, "no\nsuch", NULL);
}

/* An unknown option inside a group is named by itself, not by the group. */
static void an_unknown_option_in_a_group_is_named(void **state)
{
    expect_error(2, "mapview: -z: unknown option", NULL, "-zi", "3", sample(state), NULL);
}

/* -s reads its numbers exactly as -i does: 32 and more digits included. */
static void a_slice_takes_as_many_digits_as_an_index(void **state)
{
    const char *zeros = "000000000000000000000000000000000000000";
    char index[64], slice[128];
    snprintf(index, sizeof index, "%s7", zeros);
    snprintf(slice, sizeof slice, "%s7:%s11", zeros, zeros);
    struct run_result r;
    assert_int_equal(run(&r, NULL, "mapview", "-i", index, "-s", slice, sample(state), NULL), 0);
    assert_exit(&r, 0);
    char line[300];
    snprintf(line, sizeof line, "[%s] = 109 \"m\"\n[%s] = \"mmap\"\n", index, slice);
    assert_contains(r.out, line);
    run_free(&r);
}

/* A sysfs file claims 4096 bytes and cannot be mapped: a sentence, not ENODEV. */
static void a_sysfs_file_gets_a_sentence(void **state)
{
    (void)state;
    static const char *const candidates[] = {"/sys/kernel/uevent_seqnum", "/sys/power/state",
                                             "/sys/class/net/lo/mtu"};
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        if (access(candidates[i], R_OK) != 0)
            continue;
        char prefix[200];
        snprintf(prefix, sizeof prefix, "mapview: %s: cannot map a sysfs file", candidates[i]);
        expect_error(1, prefix, NULL, candidates[i], NULL);
        return;
    }
    skip();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(summary_reports_size_page_and_zero_tail, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(pages_round_up_past_a_page_boundary, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(index_slice_and_find_answer_in_order, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(long_options_work_too, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(whole_file_slice_and_empty_slice, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(help_goes_to_stdout_with_status_0, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(missing_file_fails, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(unreadable_file_fails, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(special_files_are_refused, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(named_pipe_is_refused_without_hanging, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(terminal_is_refused, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(empty_file_gets_a_clear_message, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(out_of_range_requests_fail, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(malformed_arguments_are_usage_errors, tmp_setup, tmp_teardown),
        cmocka_unit_test(a_newline_in_a_name_stays_on_one_line),
        cmocka_unit_test_setup_teardown(an_unknown_option_in_a_group_is_named, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(a_slice_takes_as_many_digits_as_an_index, tmp_setup, tmp_teardown),
        cmocka_unit_test(a_sysfs_file_gets_a_sentence),
    };
    return cmocka_run_group_tests_name("ch01 mapview, end to end", tests, NULL, NULL);
}
