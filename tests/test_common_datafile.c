/* The data files the benchmarks make (code/common/datafile.c): the same bytes
 * on every machine, never half a file, and never over a file that someone
 * else made at the same name while ours was being written. The unit tests
 * stage that other process with fault.h's hooks; the end-to-end ones with
 * race.so, in every program that creates a data file. */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "datafile.h"
#include "fault.h"
#include "hostile.h"
#include "tmp.h"

#define SIZE (((size_t)3 << 20) + 5) /* several chunks, and a partial word at the end */
#define SEED 42
static const char theirs[] = "someone else's file\n";

/* How many names the directory holds, and whether one is @name. */
static int entries(const struct tmp *t, const char *name, int *found)
{
    DIR *d = opendir(t->dir);
    assert_non_null(d);
    int n = 0;
    *found = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        n++;
        *found |= strcmp(e->d_name, name) == 0;
    }
    closedir(d);
    return n;
}

/* The directory holds exactly @name, with the bytes fill_random() gives. */
static void assert_only_the_random_file(const struct tmp *t, const char *name, size_t size)
{
    int found;
    assert_int_equal(entries(t, name, &found), 1);
    assert_true(found);
    unsigned char *want = malloc(size);
    assert_non_null(want);
    uint64_t state = SEED;
    fill_random(want, size, &state);
    assert_file_equals(tmp_path(t, name), want, size);
    free(want);
}

/* The directory holds exactly @name, and it is still theirs. */
static void assert_only_theirs(const struct tmp *t, const char *name)
{
    int found;
    assert_int_equal(entries(t, name, &found), 1);
    assert_true(found);
    assert_file_equals(tmp_path(t, name), theirs, sizeof theirs - 1);
}

/* The other process: it makes its own file at the final name. */
static void make_theirs(void *path)
{
    assert_int_equal(write_file(path, theirs, sizeof theirs - 1), 0);
}

static void stop_with_sigterm(void *unused)
{
    (void)unused;
    raise(SIGTERM);
}

static void publishes_every_byte_and_nothing_else(void **state)
{
    fault_clear();
    const char *path = tmp_path(*state, "data");
    assert_int_equal(create_random_file(path, SIZE, SEED), 0);
    assert_only_the_random_file(*state, "data", SIZE);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    /* a second call finds it there, and leaves it alone */
    errno = 0;
    assert_int_equal(create_random_file(path, 10, SEED + 1), -1);
    assert_int_equal(errno, EEXIST);
    assert_only_the_random_file(*state, "data", SIZE);
}

/* The file appears at the final name after the check that it was missing,
 * while ours is being flushed: rename() would replace it; link() refuses. */
static void a_file_made_meanwhile_is_never_replaced(void **state)
{
    fault_clear();
    char path[256];
    strcpy(path, tmp_path(*state, "data"));
    fault_before("fsync", make_theirs, path);
    errno = 0;
    assert_int_equal(create_random_file(path, SIZE, SEED), -1);
    assert_int_equal(errno, EEXIST);
    assert_only_theirs(*state, "data");
    fault_clear();
}

/* vfat and some FUSE file systems have no hard links: link() fails with
 * EPERM or EOPNOTSUPP, and rename() publishes instead. */
static void without_hard_links_rename_publishes(void **state)
{
    const int errs[] = {EPERM, EOPNOTSUPP};
    for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++) {
        fault_clear();
        const char *path = tmp_path(*state, "data");
        unlink(path);
        fault_inject("link", errs[i], 0);
        assert_int_equal(create_random_file(path, SIZE, SEED), 0);
        assert_int_equal(fault_calls("link"), 1);
        assert_int_equal(fault_calls("rename"), 1);
        assert_only_the_random_file(*state, "data", SIZE);
    }
    fault_clear();
}

/* Without hard links, a file made before the fallback's check still wins. */
static void without_hard_links_a_file_made_meanwhile_is_still_kept(void **state)
{
    fault_clear();
    char path[256];
    strcpy(path, tmp_path(*state, "data"));
    fault_before("link", make_theirs, path);
    fault_inject("link", EPERM, 0);
    errno = 0;
    assert_int_equal(create_random_file(path, SIZE, SEED), -1);
    assert_int_equal(errno, EEXIST);
    assert_int_equal(fault_calls("rename"), 0);
    assert_only_theirs(*state, "data");
    fault_clear();
}

/* Any other failure of link() is the caller's error, with nothing left behind. */
static void a_link_that_fails_leaves_nothing(void **state)
{
    fault_clear();
    fault_inject("link", ENOSPC, 0);
    errno = 0;
    assert_int_equal(create_random_file(tmp_path(*state, "data"), SIZE, SEED), -1);
    assert_int_equal(errno, ENOSPC);
    assert_int_equal(fault_calls("rename"), 0);
    int found;
    assert_int_equal(entries(*state, "data", &found), 0);
    fault_clear();
}

/* Run create_random_file() in a child that SIGTERM stops just before @call;
 * return how the child ended. */
static int create_until_sigterm(const char *path, const char *call)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        fault_clear();
        fault_before(call, stop_with_sigterm, NULL);
        _exit(create_random_file(path, SIZE, SEED) == 0 ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

/* A signal while the bytes are written: the temporary file goes, nothing is published. */
static void a_signal_before_publication_leaves_nothing(void **state)
{
    int status = create_until_sigterm(tmp_path(*state, "data"), "fsync");
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGTERM);
    int found;
    assert_int_equal(entries(*state, "data", &found), 0);
}

/* A signal between link() and the removal of the temporary name: the
 * handler removes that name, and the published file is whole. */
static void a_signal_after_the_link_leaves_the_whole_file(void **state)
{
    int status = create_until_sigterm(tmp_path(*state, "data"), "unlink");
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGTERM);
    assert_only_the_random_file(*state, "data", SIZE);
}

/* Every program that makes a data file when it is missing, run with race.so
 * making one of 64 KiB at the final name just before the program publishes
 * its own: each must use that file, not replace it and not fail. */
static void programs_use_a_file_made_meanwhile(void **state)
{
    static const char *const commands[] = {
        "seekbench --runs 1 --size 65536",
        "sharemap --procs 1 --size 64K",
        "scanbench --runs 1 --size 64K",
        "pagecache show --size 64K",
    };
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        char path[256];
        strcpy(path, tmp_path(*state, "data"));
        unlink(path);
        struct run_result r;
        assert_int_equal(run_shell(&r, "LD_PRELOAD='" PRELOAD_DIR "/race.so' MMF_RACE_FILE='%s' "
                                       "MMF_RACE_SIZE=65536 %s '%s'", path, commands[i], path), 0);
        if (!r.exited || r.status != 0)
            print_error("%s: status %d, stderr: %s\n", commands[i], r.status, r.err);
        assert_exit(&r, 0);
        int found;
        assert_int_equal(entries(*state, "data", &found), 1); /* no temporary file left */
        size_t n;
        unsigned char *bytes = read_file(path, &n);
        assert_non_null(bytes);
        assert_int_equal(n, 65536);
        for (size_t j = 0; j < n; j++)
            if (bytes[j] != 'x')
                fail_msg("%s: byte %zu of the file is not race.so's: it was replaced",
                         commands[i], j);
        free(bytes);
        run_free(&r);
    }
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        T(publishes_every_byte_and_nothing_else),
        T(a_file_made_meanwhile_is_never_replaced),
        T(without_hard_links_rename_publishes),
        T(without_hard_links_a_file_made_meanwhile_is_still_kept),
        T(a_link_that_fails_leaves_nothing),
        T(a_signal_before_publication_leaves_nothing),
        T(a_signal_after_the_link_leaves_the_whole_file),
        T(programs_use_a_file_made_meanwhile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
