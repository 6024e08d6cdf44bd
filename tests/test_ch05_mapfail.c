/* Chapter 5, end to end: run build/bin/mapfail as a reader would and check
 * the table, the exit status and the usage errors. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "run.h"
#include "tmp.h"

/* Every row of the full table, in order. */
static const char *const rows[] = {
    "pipe", "tty", "special/devnull", "special/proc-self", "special/proc-cpuinfo", "directory",
    "empty/length-0", "empty/touch", "unaligned-offset", "write-on-readonly/shared",
    "write-on-readonly/private", "address-space/rlimit", "address-space/sparse",
    "commit/private", "commit/noreserve", "truncated/touch", "truncated/guarded",
    "past-end/mapping", "past-end/page-tail", "past-end/whole-page", "past-end/grown",
};
enum { ROWS = sizeof rows / sizeof rows[0] };

/* The table line of @label, copied into @line; fails the test if absent. */
static void find_row(const char *out, const char *label, char *line, size_t size)
{
    size_t n = strlen(label);
    for (const char *p = out; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p ? p + 1 : p) {
        if (strncmp(p, label, n) == 0 && p[n] == ' ') {
            size_t len = strcspn(p, "\n");
            snprintf(line, size, "%.*s", (int)len, p);
            return;
        }
    }
    fail_msg("no row for %s in:\n%s", label, out);
}

static int ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

static void full_table_matches_every_case_and_exits_0(void **state)
{
    (void)state;
    /* valgrind manages the address space itself and refuses the big
     * sparse mapping, so the full table cannot match under it. */
    if (run_is_wrapped())
        skip();
    struct run_result r;
    assert_int_equal(run(&r, NULL, "mapfail", NULL), 0);
    assert_exit(&r, 0);
    assert_int_equal(r.err_len, 0);
    assert_true(strncmp(r.out, "CASE ", 5) == 0);
    for (size_t i = 0; i < ROWS; i++) {
        char line[256];
        find_row(r.out, rows[i], line, sizeof line);
        if (!ends_with(line, " ok"))
            fail_msg("row does not end in ok: %s", line);
    }
    assert_null(strstr(r.out, "MISMATCH"));
    assert_contains(r.out, "\n21 of 21 outcomes as expected\n");
    run_free(&r);
}

/* Each row shows the four things the chapter promises, errno name and message. */
static void rows_show_tried_expected_observed_and_lesson(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "mapfail", "pipe", "truncated", NULL);
    assert_exit(&r, 0);
    char line[256];
    find_row(r.out, "pipe", line, sizeof line);
    assert_contains(line, " ENODEV ");
    assert_contains(line, "ENODEV (No such device)");
    find_row(r.out, "truncated/touch", line, sizeof line);
    assert_contains(line, "SIGBUS (Bus error)");
    find_row(r.out, "truncated/guarded", line, sizeof line);
    assert_contains(line, "EFAULT (Bad address)");
    assert_contains(r.out, "  tried:  mmap() the read end of a pipe\n");
    assert_contains(r.out, "  lesson: a pipe is a stream, with no pages to map: read() it\n");
    assert_contains(r.out, "\n3 of 3 outcomes as expected\n");
    run_free(&r);
}

static void a_case_name_runs_only_its_rows(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "mapfail", "empty", NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "\nempty/length-0 ");
    assert_contains(r.out, "\nempty/touch ");
    assert_null(strstr(r.out, "\npipe "));
    assert_contains(r.out, "\n2 of 2 outcomes as expected\n");
    run_free(&r);
    run(&r, NULL, "mapfail", "past-end/page-tail", NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "success: byte ");
    assert_null(strstr(r.out, "past-end/mapping"));
    assert_contains(r.out, "\n1 of 1 outcomes as expected\n");
    run_free(&r);
}

static void list_names_every_case_once(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "mapfail", "--list", NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "pipe\ntty\nspecial\ndirectory\nempty\nunaligned-offset\n"
                               "write-on-readonly\naddress-space\ncommit\ntruncated\npast-end\n");
    assert_int_equal(r.err_len, 0);
    run_free(&r);
}

static void unknown_case_is_a_usage_error(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "mapfail", "pipe", "socket", NULL);
    assert_one_line_error(&r, 2, "mapfail: socket: unknown case (try --list)");
    run_free(&r);
    run(&r, NULL, "mapfail", "empty/nothing", NULL);
    assert_one_line_error(&r, 2, "mapfail: empty/nothing: unknown case");
    run_free(&r);
    /* --list does not hide a bad name either */
    run(&r, NULL, "mapfail", "--list", "pip", NULL);
    assert_one_line_error(&r, 2, "mapfail: pip: unknown case");
    run_free(&r);
}

static void unknown_option_is_a_usage_error(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "mapfail", "--verbose", NULL);
    assert_one_line_error(&r, 2, "mapfail: --verbose: unknown option (try --help)");
    run_free(&r);
}

static void help_goes_to_stdout_with_status_0(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "mapfail", "-h", NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "usage: mapfail [--list] [CASE...]\n");
    assert_int_equal(r.err_len, 0);
    run_free(&r);
}

/* --check: the safe mapper's answer for the same inputs the probes use. */
static void check_says_why_each_file_cannot_be_mapped(void **state)
{
    const char *sample = tmp_path(*state, "sample.txt");
    assert_int_equal(write_file(sample, "nineteen bytes long", 19), 0);
    const char *empty = tmp_path(*state, "empty");
    assert_int_equal(write_file(empty, "", 0), 0);
    struct run_result r;
    run(&r, "piped data\n", "mapfail", "--check", "/dev/stdin", sample, "/dev/null", empty,
        NULL);
    assert_exit(&r, 1);
    char line[600];
    snprintf(line, sizeof line, "%s: mappable, 19 bytes\n", sample);
    assert_string_equal(r.out, line);
    snprintf(line, sizeof line,
             "mapfail: /dev/stdin: cannot map a pipe: only regular files can be mapped\n"
             "mapfail: /dev/null: cannot map a character device: only regular files can be mapped\n"
             "mapfail: %s: file is empty: there is nothing to map\n", empty);
    assert_string_equal(r.err, line);
    run_free(&r);
    run(&r, NULL, "mapfail", "-c", sample, NULL);
    assert_exit(&r, 0);
    run_free(&r);
}

static void check_needs_files_and_no_list(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "mapfail", "--check", NULL);
    assert_one_line_error(&r, 2, "mapfail: --check: needs a FILE (try --help)");
    run_free(&r);
    run(&r, NULL, "mapfail", "--check", "--list", "/dev/null", NULL);
    assert_one_line_error(&r, 2, "mapfail: --check: cannot be combined with --list");
    run_free(&r);
}

/* Probes unlink their files at once, so not even a child killed by SIGBUS
 * leaves anything in $TMPDIR. */
static void nothing_is_left_behind(void **state)
{
    /* valgrind manages the address space itself and refuses the big
     * sparse mapping, so the full table cannot match under it. */
    if (run_is_wrapped())
        skip();
    struct tmp *t = *state;
    assert_int_equal(setenv("TMPDIR", t->dir, 1), 0);
    struct run_result r;
    run(&r, NULL, "mapfail", NULL);
    unsetenv("TMPDIR");
    assert_exit(&r, 0);
    run_free(&r);
    DIR *d = opendir(t->dir);
    assert_non_null(d);
    struct dirent *e;
    int entries = 0;
    while ((e = readdir(d)) != NULL)
        entries += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    assert_int_equal(entries, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_table_matches_every_case_and_exits_0),
        cmocka_unit_test(rows_show_tried_expected_observed_and_lesson),
        cmocka_unit_test(a_case_name_runs_only_its_rows),
        cmocka_unit_test(list_names_every_case_once),
        cmocka_unit_test(unknown_case_is_a_usage_error),
        cmocka_unit_test(unknown_option_is_a_usage_error),
        cmocka_unit_test(help_goes_to_stdout_with_status_0),
        cmocka_unit_test_setup_teardown(nothing_is_left_behind, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(check_says_why_each_file_cannot_be_mapped, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test(check_needs_files_and_no_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
