/* Chapter 5, hostile conditions: mapfail's output failing, and mapfail
 * interrupted in the middle of a run. The book says mapfail exits 1 when its
 * table could not be written, and that an interrupted run leaves neither a
 * scratch directory nor a child behind: each test here proves one of those. */
#define _GNU_SOURCE /* prctl(PR_SET_CHILD_SUBREAPER) */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "hostile.h"
#include "tmp.h"

/* procfake.so shows mapfail another machine's /proc/meminfo and policy. */
#define PROCFAKE "LD_PRELOAD='" PRELOAD_DIR "/procfake.so' "

static void table_into_a_full_disk_fails(void **state)
{
    (void)state;
    struct run_result r;
    run_shell(&r, "mapfail pipe tty > /dev/full");
    assert_one_line_error(&r, 1, "mapfail: stdout: write error: No space left on device");
    run_free(&r);
}

static void table_into_a_closed_stdout_fails(void **state)
{
    (void)state;
    struct run_result r;
    run_shell(&r, "mapfail pipe >&-");
    assert_one_line_error(&r, 1, "mapfail: stdout: write error: ");
    run_free(&r);
}

static void help_list_and_check_into_a_full_disk_fail(void **state)
{
    (void)state;
    struct run_result r;
    run_shell(&r, "mapfail --help > /dev/full");
    assert_one_line_error(&r, 1, "mapfail: stdout: write error: No space left on device");
    run_free(&r);
    run_shell(&r, "mapfail --list > /dev/full");
    assert_one_line_error(&r, 1, "mapfail: stdout: write error: No space left on device");
    run_free(&r);
    run_shell(&r, "mapfail --check /proc/self/exe > /dev/full");
    assert_one_line_error(&r, 1, "mapfail: stdout: write error: No space left on device");
    run_free(&r);
}

/* A closed stderr must not become the probes' scratch file or anything else:
 * the run still works and reports through its exit status. */
static void closed_stdin_and_stderr_change_nothing(void **state)
{
    (void)state;
    struct run_result r;
    run_shell(&r, "mapfail pipe empty <&- 2>&-");
    assert_exit(&r, 0);
    assert_contains(r.out, "\n3 of 3 outcomes as expected\n");
    run_free(&r);
}

/* An unknown option inside a group is named by itself. */
static void an_unknown_option_in_a_group_is_named(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "mapfail", "-lz", NULL);
    assert_one_line_error(&r, 2, "mapfail: -z: unknown option (try --help)");
    run_free(&r);
}

/* --check maps each file and never touches it: a file cut to nothing right
 * after mmap() (shrink.so) changes nothing, and no signal can reach it. */
static void check_survives_a_file_cut_after_mmap(void **state)
{
    const char *f = tmp_file(*state, "data", "twelve bytes", 12);
    struct run_result r;
    run_shell(&r, "MMF_SHRINK_TO=0 LD_PRELOAD=$SHRINK mapfail --check '%s'", f);
    assert_exit(&r, 0);
    assert_contains(r.out, ": mappable, 12 bytes\n");
    run_free(&r);
    struct stat st;
    assert_int_equal(stat(f, &st), 0);
    assert_int_equal(st.st_size, 0); /* the cut did happen */
}

static int entries_in(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Start mapfail on the whole table with TMPDIR=@dir, wait until its scratch
 * directory exists, and send it @sig. Returns mapfail's wait status, or -1 if
 * it finished before the signal could be sent (the caller tries again). */
static int interrupt_mapfail(const char *dir, int sig)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setenv("TMPDIR", dir, 1);
        if (freopen("/dev/null", "w", stdout) == NULL)
            _exit(126);
        execl(BIN_DIR "/mapfail", "mapfail", (char *)NULL);
        _exit(127);
    }
    int status;
    for (;;) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        assert_true(done >= 0);
        if (done == pid)
            return -1; /* it ended before we saw its directory */
        if (entries_in(dir) > 0)
            break;
        nanosleep(&(struct timespec){.tv_nsec = 100000}, NULL);
    }
    assert_int_equal(kill(pid, sig), 0);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

/* Interrupted by SIGINT, SIGTERM or SIGHUP in the middle of its table,
 * mapfail dies of that signal, removes its scratch directory first, and
 * leaves no child running: as a subreaper, this test would inherit any. */
static void an_interrupted_run_leaves_nothing_behind(void **state)
{
    struct tmp *t = *state;
    assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    int interrupted = 0;
    for (int round = 0; round < 60; round++) {
        int sig = sigs[round % 3];
        int status = interrupt_mapfail(t->dir, sig);
        if (status == -1) {
            assert_int_equal(entries_in(t->dir), 0);
            continue;
        }
        interrupted++;
        if (!WIFSIGNALED(status) || WTERMSIG(status) != sig)
            fail_msg("round %d: mapfail did not die of %s (status %#x)", round,
                     strsignal(sig), status);
        if (entries_in(t->dir) != 0)
            fail_msg("round %d: %s left its scratch directory in %s", round,
                     strsignal(sig), t->dir);
        int orphan_status;
        pid_t orphan = waitpid(-1, &orphan_status, WNOHANG);
        if (orphan != -1 || errno != ECHILD) {
            while (waitpid(-1, &orphan_status, 0) > 0)
                ;
            fail_msg("round %d: %s left a child of mapfail behind", round, strsignal(sig));
        }
    }
    assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 0), 0);
    assert_true(interrupted >= 10);
}

/* The line of the table that starts with @p label, or fail. */
static const char *row_of(const char *out, const char *label)
{
    size_t n = strlen(label);
    for (const char *p = out; p != NULL; p = strchr(p, '\n'), p = p ? p + 1 : p)
        if (strncmp(p, label, n) == 0 && p[n] == ' ')
            return p;
    fail_msg("no row for %s in:\n%s", label, out);
    return NULL;
}

static void assert_row_expects(const char *out, const char *label, const char *expected)
{
    char want[64];
    snprintf(want, sizeof want, "%-26s %-8s ", label, expected);
    const char *row = row_of(out, label);
    if (strncmp(row, want, strlen(want)) != 0)
        fail_msg("expected \"%s\", got \"%.*s\"", want, (int)strcspn(row, "\n"), row);
}

/* On a machine with 2 TiB of RAM, 1 TiB would not outdo it: the big file is
 * the next whole TiB above RAM and swap, and the kernel (which has far less)
 * still gives every row its answer. */
static void the_big_file_outdoes_two_tib_of_ram(void **state)
{
    static const char text[] = "MemTotal:       2147483648 kB\nSwapTotal:       4194304 kB\n"
                               "CommitLimit:    1077936128 kB\n";
    const char *meminfo = tmp_file(*state, "meminfo", text, sizeof text - 1);
    struct run_result r;
    run_shell(&r, "MMF_PROC_MEMINFO='%s' " PROCFAKE "mapfail address-space/sparse commit",
              meminfo);
    assert_exit(&r, 0);
    assert_contains(r.out, "success: 3072 GiB mapped, RAM 2048 GiB ");
    assert_contains(r.out, "\n3 of 3 outcomes as expected\n");
    run_free(&r);
}

/* The commit rows expect what the policy mapfail reads says; a policy the
 * kernel does not really have is then a MISMATCH, never a broken row. */
static void commit_rows_expect_what_the_policy_says(void **state)
{
    static const struct {
        const char *policy, *private_row, *noreserve_row;
    } policies[] = {
        {"0\n", "ENOMEM", "success"},
        {"1\n", "success", "success"},
        {"2\n", "ENOMEM", "ENOMEM"},
    };
    for (size_t i = 0; i < sizeof policies / sizeof policies[0]; i++) {
        const char *mode = tmp_file(*state, "overcommit_memory", policies[i].policy, 2);
        struct run_result r;
        run_shell(&r, "MMF_PROC_OVERCOMMIT='%s' " PROCFAKE "mapfail commit", mode);
        assert_row_expects(r.out, "commit/private", policies[i].private_row);
        assert_row_expects(r.out, "commit/noreserve", policies[i].noreserve_row);
        assert_null(strstr(r.out, "broken"));
        run_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_into_a_full_disk_fails),
        cmocka_unit_test(table_into_a_closed_stdout_fails),
        cmocka_unit_test(help_list_and_check_into_a_full_disk_fail),
        cmocka_unit_test(closed_stdin_and_stderr_change_nothing),
        cmocka_unit_test(an_unknown_option_in_a_group_is_named),
        cmocka_unit_test_setup_teardown(the_big_file_outdoes_two_tib_of_ram, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(commit_rows_expect_what_the_policy_says, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(check_survives_a_file_cut_after_mmap, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(an_interrupted_run_leaves_nothing_behind, tmp_setup,
                                        tmp_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
