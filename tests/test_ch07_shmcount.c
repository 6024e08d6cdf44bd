/* Chapter 7, end to end: run build/bin/shmcount as a user would and check
 * what the chapter claims: atomic and mutex count every increment with every
 * backing, none never counts more than it should, a holder killed inside the
 * mutex is repaired, each backing shows in /proc/PID/maps as the chapter
 * says, nothing is left in /dev/shm or in the process table, and every bad
 * input is refused in one line. */
#define _GNU_SOURCE /* prctl(PR_SET_CHILD_SUBREAPER) */
#include <errno.h>
#include <glob.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "hostile.h"
#include "run.h"

#define HEADER "sync,backing,procs,iters,expected,count,lost,ns_per_increment\n"

struct row {
    char sync[8], backing[8];
    unsigned procs;
    uint64_t iters, expected, count, lost;
    double ns;
};

/* The exact header, then rows; returns how many. */
static size_t parse_csv(const char *out, struct row *rows, size_t max)
{
    assert_true(strncmp(out, HEADER, strlen(HEADER)) == 0);
    const char *line = out + strlen(HEADER);
    size_t n = 0;
    while (*line != '\0') {
        assert_true(n < max);
        struct row *r = &rows[n++];
        int used = 0;
        assert_int_equal(sscanf(line, "%7[a-z],%7[a-z],%u,%" SCNu64 ",%" SCNu64 ",%" SCNu64
                                      ",%" SCNu64 ",%lf%n",
                                r->sync, r->backing, &r->procs, &r->iters, &r->expected,
                                &r->count, &r->lost, &r->ns, &used),
                         8);
        assert_int_equal(line[used], '\n');
        line += used + 1;
    }
    return n;
}

/* What the chapter promises of every row: the sums add up, and only `none`
 * may lose updates. */
static void check_row(const struct row *r, const char *sync, const char *backing, unsigned procs,
                      uint64_t iters)
{
    assert_string_equal(r->sync, sync);
    assert_string_equal(r->backing, backing);
    assert_int_equal(r->procs, procs);
    assert_int_equal(r->iters, iters);
    assert_int_equal(r->expected, procs * iters);
    assert_true(r->count <= r->expected);
    assert_int_equal(r->lost, r->expected - r->count);
    if (strcmp(sync, "none") != 0)
        assert_int_equal(r->count, r->expected);
    assert_true(r->ns > 0);
}

static void every_mode_with_every_backing(void **state)
{
    (void)state;
    static const char *const backings[] = {"anon", "memfd", "shm"};
    static const char *const modes[] = {"none", "atomic", "mutex"};
    for (size_t b = 0; b < 3; b++) {
        struct run_result r;
        run(&r, NULL, "shmcount", "--procs", "3", "--iters", "20000", "--runs", "3",
            "--backing", backings[b], "--csv", NULL);
        assert_exit(&r, 0);
        assert_int_equal(r.err_len, 0);
        struct row rows[4];
        assert_int_equal(parse_csv(r.out, rows, 4), 3);
        for (size_t m = 0; m < 3; m++)
            check_row(&rows[m], modes[m], backings[b], 3, 20000);
        run_free(&r);
    }
}

/* One process has nobody to collide with: even `none` counts everything. */
static void one_process_loses_nothing_even_unsynchronised(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "shmcount", "-p", "1", "-i", "100000", "-r", "2", "-s", "none", "-c", NULL);
    assert_exit(&r, 0);
    struct row row;
    assert_int_equal(parse_csv(r.out, &row, 1), 1);
    check_row(&row, "none", "anon", 1, 100000);
    assert_int_equal(row.count, 100000);
    run_free(&r);
}

static void a_single_mode_prints_one_row_and_the_table_its_counts(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "shmcount", "--sync", "none", "--procs", "2", "--iters", "1000", "--runs", "3",
        NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "2 processes x 1000 increments, anon backing, median of 3 runs\n");
    assert_contains(r.out, "\nnone ");
    assert_contains(r.out, "        none, count after each run: ");
    assert_null(strstr(r.out, "atomic"));
    assert_null(strstr(r.out, "mutex"));
    run_free(&r);
}

/* Worker 0 dies holding the lock halfway, in each of 2 runs: the next locker
 * gets EOWNERDEAD and repairs it, the others finish, and the count is
 * exactly what the living made plus the dead worker's first half. */
static void a_holder_killed_inside_the_mutex_is_repaired(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "shmcount", "--sync", "mutex", "--kill-holder", "--procs", "3", "--iters",
        "10001", "--runs", "2", NULL);
    assert_exit(&r, 0);
    assert_int_equal(r.err_len, 0);
    /* expected 30003; worker 0 made 5000 of its 10001 */
    assert_contains(r.out, "\nmutex          30003        25002         5001 ");
    assert_contains(r.out, "EOWNERDEAD was seen and repaired 2 times; "
                           "it never made its last 5001 increments\n");
    run_free(&r);
}

static void maps_line(const char *backing, const char *path)
{
    struct run_result r;
    run(&r, NULL, "shmcount", "--maps", "--backing", backing, "--sync", "atomic", "--iters", "1",
        "--runs", "1", NULL);
    assert_exit(&r, 0);
    assert_true(strncmp(r.out, "mapping: ", 9) == 0);
    const char *end = strchr(r.out, '\n');
    assert_non_null(end);
    char line[512];
    snprintf(line, sizeof line, "%.*s", (int)(end - r.out), r.out);
    assert_contains(line, " rw-s 00000000 ");
    assert_contains(line, path);
    run_free(&r);
}

/* Each backing, as /proc/PID/maps names it: the chapter shows these lines. */
static void each_backing_shows_in_proc_maps(void **state)
{
    (void)state;
    maps_line("anon", " /dev/zero (deleted)");
    maps_line("memfd", " /memfd:shmcount (deleted)");
    maps_line("shm", " /dev/shm/shmcount-");
    maps_line("shm", " (deleted)");
}

static size_t shm_names(void)
{
    glob_t g;
    int rc = glob("/dev/shm/shmcount-*", 0, NULL, &g);
    size_t n = rc == 0 ? g.gl_pathc : 0;
    if (rc == 0)
        globfree(&g);
    return n;
}

/* shm_unlink() comes right after the object is sized: no name survives a run,
 * not even one killed at once. */
static void shm_leaves_no_name_in_dev_shm(void **state)
{
    (void)state;
    size_t before = shm_names();
    struct run_result r;
    run(&r, NULL, "shmcount", "-b", "shm", "-i", "1000", "-r", "1", "-c", NULL);
    assert_exit(&r, 0);
    run_free(&r);
    assert_int_equal(shm_names(), before);
}

/* ---- no process left behind --------------------------------------------- */

/* The pids of @p pid's children, from /proc (Linux 3.5 and later). */
static size_t children_of(pid_t pid, pid_t *kids, size_t max)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/task/%ld/children", (long)pid, (long)pid);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return 0;
    size_t n = 0;
    long k;
    while (n < max && fscanf(f, "%ld", &k) == 1)
        kids[n++] = (pid_t)k;
    fclose(f);
    return n;
}

static void pause_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* Start shmcount on a long mutex run with 3 workers; return its pid once all
 * three workers exist. */
static pid_t start_long_run(pid_t kids[3])
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char path[4096];
        snprintf(path, sizeof path, "%s/shmcount", BIN_DIR);
        freopen("/dev/null", "w", stdout);
        execl(path, "shmcount", "--sync", "mutex", "--procs", "3", "--iters", "1000000000",
              "--runs", "1", "--csv", (char *)NULL);
        _exit(127);
    }
    for (int tries = 0; tries < 500 && children_of(pid, kids, 3) < 3; tries++)
        pause_ms(10);
    assert_int_equal(children_of(pid, kids, 3), 3);
    return pid;
}

/* As a subreaper we inherit whatever shmcount leaves behind. Reap for up to
 * 5 s; any child still alive then is killed, and the test fails. */
static void expect_all_workers_gone(const pid_t kids[3])
{
    int reaped = 0;
    for (int tries = 0; tries < 500; tries++) {
        int status;
        pid_t w = waitpid(-1, &status, WNOHANG);
        if (w < 0 && errno == ECHILD)
            break;
        if (w > 0) {
            reaped++;
            continue;
        }
        pause_ms(10);
    }
    int alive = 0;
    for (int i = 0; i < 3; i++) {
        if (kill(kids[i], 0) == 0) {
            alive++;
            kill(kids[i], SIGKILL);
            waitpid(kids[i], NULL, 0);
        }
    }
    if (alive > 0)
        fail_msg("%d of shmcount's workers outlived it", alive);
    assert_int_equal(reaped, 3);
}

static void workers_end_with_their_parent(int sig)
{
    assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    pid_t kids[3];
    pid_t pid = start_long_run(kids);
    assert_int_equal(kill(pid, sig), 0);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), sig);
    expect_all_workers_gone(kids);
    assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 0), 0);
}

static void workers_die_when_shmcount_is_killed(void **state)
{
    (void)state;
    workers_end_with_their_parent(SIGKILL);
}

static void workers_die_when_shmcount_is_interrupted(void **state)
{
    (void)state;
    workers_end_with_their_parent(SIGINT);
}

/* ---- bad input ------------------------------------------------------------- */

static void bad_numbers_are_refused(void **state)
{
    (void)state;
    expect_run_error(2, "shmcount: --procs: 0: must be at least 1", NULL, "shmcount", "-p", "0", NULL);
    expect_run_error(2, "shmcount: --procs: x: not a valid number", NULL, "shmcount", "-p", "x", NULL);
    expect_run_error(2, "shmcount: --procs: 65: number out of range (1 to 64)", NULL, "shmcount",
                     "--procs", "65", NULL);
    expect_run_error(2, "shmcount: --procs: -1: not a valid number", NULL, "shmcount", "--procs",
                     "-1", NULL);
    expect_run_error(2, "shmcount: --iters: 0: must be at least 1", NULL, "shmcount", "-i", "0", NULL);
    expect_run_error(2, "shmcount: --iters: 1e6: not a valid number", NULL, "shmcount", "-i", "1e6",
                     NULL);
    expect_run_error(2, "shmcount: --iters: 1000000001: number out of range", NULL, "shmcount",
                     "--iters", "1000000001", NULL);
    expect_run_error(2, "shmcount: --iters: 99999999999999999999: number out of range", NULL,
                     "shmcount", "--iters", "99999999999999999999", NULL);
    expect_run_error(2, "shmcount: --runs: 100: number out of range", NULL, "shmcount", "-r", "100",
                     NULL);
    expect_run_error(2, "shmcount: --iters: : not a valid number", NULL, "shmcount", "--iters=",
                     NULL);
}

static void bad_modes_and_options_are_refused(void **state)
{
    (void)state;
    expect_run_error(2, "shmcount: --sync: atomics: unknown mode", NULL, "shmcount", "-s",
                     "atomics", NULL);
    expect_run_error(2, "shmcount: --backing: file: unknown backing", NULL, "shmcount", "-b",
                     "file", NULL);
    expect_run_error(2, "shmcount: -z: unknown option", NULL, "shmcount", "-z", NULL);
    expect_run_error(2, "shmcount: --bogus: unknown option", NULL, "shmcount", "--bogus", NULL);
    expect_run_error(2, "shmcount: -p: needs an argument", NULL, "shmcount", "-p", NULL);
    expect_run_error(2, "shmcount: extra: unexpected argument", NULL, "shmcount", "extra", NULL);
    expect_run_error(2, "shmcount: --kill-holder: needs --sync mutex", NULL, "shmcount",
                     "--kill-holder", NULL);
    expect_run_error(2, "shmcount: --maps: cannot be combined with --csv", NULL, "shmcount",
                     "--maps", "--csv", NULL);
    expect_run_error(2, "shmcount: --kill-holder: needs --sync mutex", NULL, "shmcount",
                     "--kill-holder", "-s", "mutex", "-p", "1", NULL);
}

static void help_goes_to_stdout(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "shmcount", "--help", NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "usage: shmcount ");
    assert_contains(r.out, HEADER);
    assert_int_equal(r.err_len, 0);
    run_free(&r);
}

/* A full or closed stdout is a failure, in one line; a closed stderr is harmless. */
static void a_full_stdout_is_reported(void **state)
{
    (void)state;
    struct run_result r;
    run_shell(&r, "shmcount -i 100 -r 1 > /dev/full");
    assert_one_line_error(&r, 1, "shmcount: ");
    run_free(&r);
    run_shell(&r, "shmcount -i 100 -r 1 >&-");
    assert_one_line_error(&r, 1, "shmcount: ");
    run_free(&r);
    run_shell(&r, "shmcount -i 100 -r 1 -c 2>&- | head -n 1");
    assert_exit(&r, 0);
    assert_string_equal(r.out, HEADER);
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_mode_with_every_backing),
        cmocka_unit_test(one_process_loses_nothing_even_unsynchronised),
        cmocka_unit_test(a_single_mode_prints_one_row_and_the_table_its_counts),
        cmocka_unit_test(a_holder_killed_inside_the_mutex_is_repaired),
        cmocka_unit_test(each_backing_shows_in_proc_maps),
        cmocka_unit_test(shm_leaves_no_name_in_dev_shm),
        cmocka_unit_test(workers_die_when_shmcount_is_killed),
        cmocka_unit_test(workers_die_when_shmcount_is_interrupted),
        cmocka_unit_test(bad_numbers_are_refused),
        cmocka_unit_test(bad_modes_and_options_are_refused),
        cmocka_unit_test(help_goes_to_stdout),
        cmocka_unit_test(a_full_stdout_is_reported),
    };
    return cmocka_run_group_tests_name("chapter 7: shmcount end to end", tests, NULL, NULL);
}
