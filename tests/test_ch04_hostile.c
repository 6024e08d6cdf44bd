/* Chapter 4, hostile conditions: sharemap run as an attacker would, through
 * a shell. Closed descriptors, a full stdout, a file truncated under the
 * workers or sitting on a full file system, a huge sparse file, a reused
 * file of the wrong size, an interrupted creation, a missing build/data. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "hostile.h"
#include "tmp.h"

/* Entries of a directory, but for . and .. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* getopt finds -x inside the group -xc: the message names -x, not the group. */
static void an_unknown_option_in_a_group_is_named(void **state)
{
    const char *path = tmp_random_file(*state, "data.bin", 4096);
    struct run_result r;
    assert_int_equal(run_shell(&r, "sharemap -xc '%s'", path), 0);
    assert_one_line_error(&r, 2, "sharemap: -x: unknown option");
    run_free(&r);
}

/* With stdin closed, pipe() used to get descriptor 0, and --hold waited on a
 * worker's pipe for ever. Now stdin is /dev/null: the hold ends at once. */
static void hold_with_stdin_closed_ends(void **state)
{
    const char *path = tmp_random_file(*state, "data.bin", 64 * 1024);
    struct run_result r;
    assert_int_equal(run_shell(&r, "sharemap -p 1 --hold '%s' <&-", path), 0);
    assert_exit(&r, 0);
    assert_contains(r.out, "holding the workers: press Enter to let them exit\n");
    assert_int_equal(r.err_len, 0);
    run_free(&r);
}

static void a_failed_stdout_is_an_error(void **state)
{
    const char *path = tmp_random_file(*state, "data.bin", 64 * 1024);
    struct run_result r;
    assert_int_equal(run_shell(&r, "sharemap -p 1 '%s' > /dev/full", path), 0);
    assert_one_line_error(&r, 1, "sharemap: stdout: write error: No space left on device");
    run_free(&r);
    assert_int_equal(run_shell(&r, "sharemap -h > /dev/full"), 0);
    assert_one_line_error(&r, 1, "sharemap: stdout: write error: No space left on device");
    run_free(&r);
    assert_int_equal(run_shell(&r, "sharemap -p 1 '%s' >&-", path), 0);
    assert_one_line_error(&r, 1, "sharemap: stdout: write error: Bad file descriptor");
    run_free(&r);
}

/* The house convention for a reader that has gone: die quietly of SIGPIPE,
 * as cat does. Its workers go with it (they asked for SIGKILL at its death). */
static void a_closed_pipe_on_stdout_ends_it_quietly(void **state)
{
    const char *path = tmp_random_file(*state, "data.bin", 64 * 1024);
    int out[2], err[2];
    assert_int_equal(pipe(out), 0);
    assert_int_equal(pipe(err), 0);
    close(out[0]); /* nobody will ever read what sharemap prints */
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(out[1], 1);
        dup2(err[1], 2);
        close(err[0]);
        signal(SIGPIPE, SIG_DFL);
        execl(BIN_DIR "/sharemap", "sharemap", "-p", "2", path, (char *)NULL);
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    char text[256];
    ssize_t got = read(err[0], text, sizeof text);
    close(err[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGPIPE);
    assert_int_equal(got, 0); /* not a word on stderr */
}

/* shrink.so cuts the file to one page right after the worker maps it: the
 * checksum's read past the new end is a SIGBUS, caught and reported. */
static void a_file_truncated_under_a_worker_is_one_line(void **state)
{
    const char *path = tmp_random_file(*state, "data.bin", 1024 * 1024);
    struct run_result r;
    assert_int_equal(run_shell(&r, "MMF_SHRINK_TO=4096 LD_PRELOAD=\"$SHRINK\" sharemap -p 1 '%s'",
                               path), 0);
    assert_one_line_error(&r, 1, "sharemap: worker 0 (pid ");
    assert_contains(r.err, "): checksum: SIGBUS at offset 4096: the file shrank, or its file "
                           "system is full\n");
    run_free(&r);
}

/* A sparse file on a full tmpfs: even reading a hole needs a page there. */
static void a_sparse_file_on_a_full_file_system_is_one_line(void **state)
{
    (void)state;
    SKIP_WITHOUT_SMALL_TMPFS();
    struct run_result r;
    assert_int_equal(run_in_small_tmpfs(&r, "64k",
        "truncate -s 1M \"$FS/sparse\" && { cat /dev/zero > \"$FS/fill\"; } 2>/dev/null; "
        "sharemap -p 3 -w shared \"$FS/sparse\""), 0);
    assert_one_line_error(&r, 1, "sharemap: worker 0 (pid ");
    assert_contains(r.err, "): checksum: SIGBUS at offset 0: the file shrank, or its file "
                           "system is full (2 more workers failed)\n");
    run_free(&r);
}

/* The 1G limit holds for a file sharemap finds, not only for one it makes. */
static void a_huge_sparse_file_is_refused(void **state)
{
    const char *path = tmp_path(*state, "huge.bin");
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)1 << 40), 0); /* 1 TiB of hole */
    close(fd);
    char prefix[512];
    snprintf(prefix, sizeof prefix,
             "sharemap: %s: 1099511627776 bytes: more than the 1G a run may hold", path);
    expect_run_error(1, prefix, NULL, "sharemap", "-p", "1", path, NULL);
}

/* A file left by an older run, or by someone else, is not measured in
 * silence when --size asks for another size. */
static void a_reused_file_of_another_size_is_refused(void **state)
{
    const char *path = tmp_random_file(*state, "data.bin", 100 * 1024);
    char prefix[512];
    snprintf(prefix, sizeof prefix,
             "sharemap: %s: has 102400 bytes, not the 1048576 asked for with --size", path);
    expect_run_error(1, prefix, NULL, "sharemap", "-p", "1", "-s", "1M", path, NULL);
    struct run_result r;
    run(&r, NULL, "sharemap", "-p", "1", "-s", "100K", "--csv", path, NULL);
    assert_exit(&r, 0);
    run_free(&r);
}

/* SIGTERM while sharemap writes a 1 GiB file: nothing is left behind, not
 * even the temporary file. We kill it as soon as anything appears. */
static void an_interrupted_creation_leaves_nothing(void **state)
{
    struct tmp *t = *state;
    char dir[300];
    snprintf(dir, sizeof dir, "%s/new", t->dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    char path[320];
    snprintf(path, sizeof path, "%s/share.bin", dir);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 1);
        dup2(null, 2);
        execl(BIN_DIR "/sharemap", "sharemap", "-p", "1", "-s", "1G", path, (char *)NULL);
        _exit(127);
    }
    while (entries(dir) == 0) {
        int status;
        assert_int_equal(waitpid(pid, &status, WNOHANG), 0); /* still running */
        nanosleep(&(struct timespec){.tv_nsec = 1000000}, NULL);
    }
    assert_int_equal(kill(pid, SIGTERM), 0);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGTERM);
    assert_int_equal(entries(dir), 0);
}

/* With no FILE, build/data/share.bin is made, directories and all. */
static void the_default_file_needs_no_build_directory(void **state)
{
    struct tmp *t = *state;
    struct run_result r;
    assert_int_equal(run_shell(&r, "cd '%s' && sharemap -p 1 -s 64K --csv", t->dir), 0);
    assert_exit(&r, 0);
    assert_int_equal(r.err_len, 0);
    run_free(&r);
    struct stat st;
    char path[320];
    snprintf(path, sizeof path, "%s/build/data/share.bin", t->dir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 64 * 1024);
}

/* A person watching a terminal sees what takes time; a capture sees nothing. */
static void progress_shows_on_a_terminal_only(void **state)
{
    const char *path = tmp_path(*state, "new.bin");
    char pts[64];
    int master = open_pty(pts, sizeof pts);
    struct run_result r;
    assert_int_equal(run_shell(&r, "sharemap -p 1 -s 64K --csv '%s' 2>'%s'", path, pts), 0);
    assert_exit(&r, 0);
    run_free(&r);
    char seen[4096];
    int flags = fcntl(master, F_GETFL);
    assert_int_equal(fcntl(master, F_SETFL, flags | O_NONBLOCK), 0);
    size_t len = 0;
    ssize_t got;
    /* The terminal hands its buffer over in pieces: read until it is empty. */
    while (len + 1 < sizeof seen && (got = read(master, seen + len, sizeof seen - 1 - len)) > 0)
        len += (size_t)got;
    assert_true(len > 0);
    seen[len] = '\0';
    assert_contains(seen, "creating ");
    assert_contains(seen, "waiting for worker 1 of 1");
    close(master);
    unlink(path);
    assert_int_equal(run_shell(&r, "sharemap -p 1 -s 64K --csv '%s'", path), 0);
    assert_exit(&r, 0);
    assert_int_equal(r.err_len, 0);
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(an_unknown_option_in_a_group_is_named, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(hold_with_stdin_closed_ends, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(a_failed_stdout_is_an_error, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(a_closed_pipe_on_stdout_ends_it_quietly, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(a_file_truncated_under_a_worker_is_one_line, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test(a_sparse_file_on_a_full_file_system_is_one_line),
        cmocka_unit_test_setup_teardown(a_huge_sparse_file_is_refused, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(a_reused_file_of_another_size_is_refused, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(an_interrupted_creation_leaves_nothing, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(the_default_file_needs_no_build_directory, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(progress_shows_on_a_terminal_only, tmp_setup,
                                        tmp_teardown),
    };
    return cmocka_run_group_tests_name("chapter 4: sharemap under hostile conditions", tests,
                                       NULL, NULL);
}
