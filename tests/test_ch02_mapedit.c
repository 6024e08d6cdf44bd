/* Chapter 2, end to end: run build/bin/mapedit as a user would, then read the
 * file back with read() (never through a mapping) to see what reached it. */
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
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "mapping.h"
#include "run.h"
#include "tmp.h"

static const char sentence[] = "hello from a file that is about to change.\n";
#define SENTENCE_LEN (sizeof sentence - 1)

static const char *sample(void **state)
{
    return tmp_file(*state, "sentence.txt", sentence, SENTENCE_LEN);
}

/* The sentence with TEXT written over it at OFFSET: what the file must hold. */
static void expect_edited(const char *path, size_t offset, const char *text)
{
    char expected[sizeof sentence];
    memcpy(expected, sentence, sizeof sentence);
    memcpy(expected + offset, text, strlen(text));
    assert_file_equals(path, expected, SENTENCE_LEN);
}

static void run_ok(struct run_result *r, const char *const argv[])
{
    assert_int_equal(run_argv(r, NULL, argv), 0);
    assert_exit(r, 0);
    assert_int_equal(r->err_len, 0);
}

static void byte_edit_reaches_the_file(void **state)
{
    const char *path = sample(state);
    struct run_result r;
    run_ok(&r, (const char *const[]){"mapedit", path, "0", "H", NULL});
    expect_edited(path, 0, "H");
    assert_contains(r.out, "edit:    1 byte at offset 0: \"H\"\n");
    assert_contains(r.out, "before:  [0:9] = \"hello fro\"\n");
    assert_contains(r.out, "mapping: [0:9] = \"Hello fro\"\n");
    assert_contains(r.out, "msync:   MS_SYNC returned 0\n");
    assert_contains(r.out, "file:    [0:9] = \"Hello fro\" (read with pread after munmap)\n");
    assert_contains(r.out, "result:  the file holds the edit\n");
    run_free(&r);
}

/* The article's obj[1:4] = 'abc': three bytes from the second one. */
static void slice_edit_reaches_the_file(void **state)
{
    const char *path = sample(state);
    struct run_result r;
    run_ok(&r, (const char *const[]){"mapedit", path, "1", "abc", NULL});
    expect_edited(path, 1, "abc");
    assert_contains(r.out, "edit:    3 bytes at offset 1: \"abc\"\n");
    assert_contains(r.out, "mapping: [0:12] = \"habco from a\"\n");
    run_free(&r);
}

static void edits_at_both_ends_and_of_the_whole_file(void **state)
{
    const char *path = sample(state);
    struct run_result r;
    run_ok(&r, (const char *const[]){"mapedit", path, "42", "!", NULL});
    expect_edited(path, 42, "!");
    run_free(&r);
    const char *whole = "THE WHOLE FILE, REWRITTEN IN PLACE, AT ONCE";
    assert_int_equal(strlen(whole), SENTENCE_LEN);
    run_ok(&r, (const char *const[]){"mapedit", path, "0", whole, NULL});
    assert_file_equals(path, whole, SENTENCE_LEN);
    run_free(&r);
}

/* An edit that straddles two pages dirties both; both must reach the file. */
static void edit_across_a_page_boundary(void **state)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t n = 2 * page + 100;
    char *data = malloc(n);
    assert_non_null(data);
    memset(data, '.', n);
    const char *path = tmp_path(*state, "pages.bin");
    assert_int_equal(write_file(path, data, n), 0);
    char offset[32];
    snprintf(offset, sizeof offset, "%zu", page - 2);
    struct run_result r;
    run_ok(&r, (const char *const[]){"mapedit", path, offset, "ABCD", NULL});
    memcpy(data + page - 2, "ABCD", 4);
    assert_file_equals(path, data, n);
    free(data);
    run_free(&r);
}

static void private_mapping_leaves_the_file_alone(void **state)
{
    const char *path = sample(state);
    struct run_result r;
    run_ok(&r, (const char *const[]){"mapedit", "--private", path, "0", "H", NULL});
    assert_file_equals(path, sentence, SENTENCE_LEN);
    assert_contains(r.out, "mapped MAP_PRIVATE");
    assert_contains(r.out, "mapping: [0:9] = \"Hello fro\"\n"); /* the mapping has it */
    assert_contains(r.out, "file:    [0:9] = \"hello fro\"");   /* the file does not */
    assert_contains(r.out, "result:  the file is unchanged\n");
    run_free(&r);
    run_ok(&r, (const char *const[]){"mapedit", "-p", "-n", path, "1", "abc", NULL});
    assert_file_equals(path, sentence, SENTENCE_LEN);
    run_free(&r);
}

/* A private mapping never writes, so a file we may only read is enough. */
static void private_mapping_needs_only_read_permission(void **state)
{
    const char *path = sample(state);
    assert_int_equal(chmod(path, 0444), 0);
    struct run_result r;
    run_ok(&r, (const char *const[]){"mapedit", "-p", path, "0", "H", NULL});
    assert_file_equals(path, sentence, SENTENCE_LEN);
    run_free(&r);
}

static void no_sync_still_changes_the_file(void **state)
{
    const char *path = sample(state);
    struct run_result r;
    run_ok(&r, (const char *const[]){"mapedit", "--no-sync", path, "0", "H", NULL});
    assert_contains(r.out, "msync:   skipped (--no-sync)\n");
    assert_contains(r.out, "result:  the file holds the edit\n");
    expect_edited(path, 0, "H");
    run_free(&r);
}

/* Another process's MAP_SHARED mapping, made before the edit, sees it
 * although mapedit never called msync: both map the same page cache. */
static void another_process_mapping_sees_the_edit(void **state)
{
    const char *path = sample(state);
    struct mapped_file mf;
    const char *why;
    assert_int_equal(map_file_readonly(path, &mf, &why), 0);
    assert_int_equal(mf.data[0], 'h');
    struct run_result r;
    run_ok(&r, (const char *const[]){"mapedit", "-n", path, "0", "H", NULL});
    assert_int_equal(mf.data[0], 'H');
    assert_int_equal(unmap_file(&mf), 0);
    run_free(&r);
}

static void dash_dash_allows_text_starting_with_a_dash(void **state)
{
    const char *path = sample(state);
    struct run_result r;
    run_ok(&r, (const char *const[]){"mapedit", "--", path, "0", "-x", NULL});
    expect_edited(path, 0, "-x");
    run_free(&r);
}

static void help_goes_to_stdout_with_status_0(void **state)
{
    (void)state;
    struct run_result r;
    run_ok(&r, (const char *const[]){"mapedit", "--help", NULL});
    assert_contains(r.out, "usage: mapedit [-p|--private] [-n|--no-sync] FILE OFFSET TEXT\n");
    run_free(&r);
}

/* Run mapedit with bad input: one line on stderr, nothing on stdout, the
 * given status, and the file's bytes and modification time as they were. */
static void expect_refused(const char *file, int status, const char *prefix, ...)
{
    const char *argv[16] = {"mapedit"};
    size_t n = 1;
    va_list ap;
    va_start(ap, prefix);
    const char *a;
    while ((a = va_arg(ap, const char *)) != NULL)
        argv[n++] = a;
    va_end(ap);
    argv[n] = NULL;
    size_t before_len = 0;
    unsigned char *before = file ? read_file(file, &before_len) : NULL;
    struct stat st0 = {0}, st1 = {0};
    if (file)
        assert_int_equal(stat(file, &st0), 0);
    struct run_result r;
    assert_int_equal(run_argv(&r, NULL, argv), 0);
    assert_one_line_error(&r, status, prefix);
    run_free(&r);
    if (file) {
        assert_non_null(before);
        assert_file_equals(file, before, before_len);
        assert_int_equal(stat(file, &st1), 0);
        assert_int_equal(st0.st_mtim.tv_sec, st1.st_mtim.tv_sec);
        assert_int_equal(st0.st_mtim.tv_nsec, st1.st_mtim.tv_nsec);
    }
    free(before);
}

/* How many times @path was opened while mapedit ran with these arguments,
 * as inotify saw it: only mapedit could have opened it meanwhile. */
static int opens_during(const char *path, int status, const char *const argv[])
{
    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    assert_true(in >= 0);
    assert_true(inotify_add_watch(in, path, IN_OPEN) >= 0);
    struct run_result r;
    assert_int_equal(run_argv(&r, NULL, argv), 0);
    assert_exit(&r, status);
    run_free(&r);
    int opens = 0;
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0)
        for (char *p = buf; p < buf + n; p += sizeof(struct inotify_event)
                                              + ((struct inotify_event *)p)->len)
            opens += (((struct inotify_event *)p)->mask & IN_OPEN) != 0;
    close(in);
    return opens;
}

/* "A usage error ... and mapedit does not even open the file." */
static void a_usage_error_never_opens_the_file(void **state)
{
    const char *p = sample(state);
    assert_int_equal(opens_during(p, 2, (const char *const[]){"mapedit", p, "4k", "x", NULL}), 0);
    assert_int_equal(opens_during(p, 2, (const char *const[]){"mapedit", p, "0", "", NULL}), 0);
    assert_int_equal(opens_during(p, 2, (const char *const[]){"mapedit", p, "0", NULL}), 0);
    assert_int_equal(opens_during(p, 2, (const char *const[]){"mapedit", "-q", p, "0", "x", NULL}), 0);
    /* the watch does see an open: a refusal that needs the file's size */
    assert_int_equal(opens_during(p, 1, (const char *const[]){"mapedit", p, "43", "x", NULL}), 1);
}

static void edits_that_do_not_fit_are_refused(void **state)
{
    const char *p = sample(state);
    char prefix[600];
    snprintf(prefix, sizeof prefix,
             "mapedit: %s: 2 bytes at offset 42 do not fit in a 43-byte file", p);
    expect_refused(p, 1, prefix, p, "42", "!!", NULL);
    snprintf(prefix, sizeof prefix, "mapedit: %s: 44 bytes at offset 0 do not fit", p);
    expect_refused(p, 1, prefix, p, "0", "hello from a file that is about to change.!!", NULL);
    expect_refused(p, 1, "mapedit: 43: offset out of range for a 43-byte file", p, "43", "x", NULL);
    expect_refused(p, 1, "mapedit: 18446744073709551615: offset out of range", p,
                   "18446744073709551615", "x", NULL);
}

static void malformed_arguments_are_usage_errors(void **state)
{
    const char *p = sample(state);
    expect_refused(p, 2, "mapedit: 1x: not a valid number", p, "1x", "x", NULL);
    expect_refused(p, 2, "mapedit: 18446744073709551616: number out of range", p,
                   "18446744073709551616", "x", NULL);
    expect_refused(p, 2, "mapedit: -1: not a valid number", "--", p, "-1", "x", NULL);
    expect_refused(p, 2, "mapedit:  1: not a valid number", p, " 1", "x", NULL);
    expect_refused(p, 2, "mapedit: TEXT: is empty", p, "0", "", NULL);
    expect_refused(p, 2, "mapedit: OFFSET: missing argument", p, NULL);
    expect_refused(p, 2, "mapedit: TEXT: missing argument", p, "0", NULL);
    expect_refused(NULL, 2, "mapedit: FILE: missing argument", NULL);
    expect_refused(p, 2, "mapedit: extra: too many arguments", p, "0", "x", "extra", NULL);
    expect_refused(p, 2, "mapedit: -q: unknown option", "-q", p, "0", "x", NULL);
    expect_refused(p, 2, "mapedit: --sync: unknown option", "--sync", p, "0", "x", NULL);
    /* inside a group, the unknown letter itself is named */
    expect_refused(p, 2, "mapedit: -z: unknown option", "-pz", p, "0", "x", NULL);
}

static void files_that_cannot_be_mapped_are_refused(void **state)
{
    struct tmp *t = *state;
    char prefix[600];
    snprintf(prefix, sizeof prefix, "mapedit: %s: Is a directory", t->dir);
    expect_refused(NULL, 1, prefix, t->dir, "0", "x", NULL);
    /* --private opens read-only, which a directory allows: the check after it refuses. */
    snprintf(prefix, sizeof prefix, "mapedit: %s: cannot map a directory", t->dir);
    expect_refused(NULL, 1, prefix, "--private", t->dir, "0", "x", NULL);
    expect_refused(NULL, 1, "mapedit: /dev/null: cannot map a character device", "/dev/null",
                   "0", "x", NULL);
    expect_refused(NULL, 1, "mapedit: /proc/self/status: cannot map a /proc file",
                   "/proc/self/status", "0", "x", NULL);
    const char *fifo = tmp_path(t, "fifo");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    snprintf(prefix, sizeof prefix, "mapedit: %s: cannot map a pipe", fifo);
    expect_refused(NULL, 1, prefix, fifo, "0", "x", NULL);
    const char *empty = tmp_path(t, "empty");
    assert_int_equal(write_file(empty, "", 0), 0);
    snprintf(prefix, sizeof prefix, "mapedit: %s: file is empty", empty);
    expect_refused(empty, 1, prefix, empty, "0", "x", NULL);
    const char *absent = tmp_path(t, "absent");
    snprintf(prefix, sizeof prefix, "mapedit: %s: No such file or directory", absent);
    expect_refused(NULL, 1, prefix, absent, "0", "x", NULL);
}

/* A file mapedit may read but not write. Root writes any file whatever its
 * mode, but not a program that is running: that gives ETXTBSY to everyone. */
static void file_that_cannot_be_opened_for_writing_is_refused(void **state)
{
    char prefix[600];
    if (geteuid() != 0) {
        const char *p = sample(state);
        assert_int_equal(chmod(p, 0444), 0);
        snprintf(prefix, sizeof prefix, "mapedit: %s: Permission denied", p);
        expect_refused(p, 1, prefix, p, "0", "H", NULL);
    }
    const char *copy = tmp_path(*state, "sleep");
    size_t n;
    unsigned char *program = read_file("/bin/sleep", &n);
    assert_non_null(program);
    assert_int_equal(write_file(copy, program, n), 0);
    free(program);
    assert_int_equal(chmod(copy, 0755), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        execl(copy, "sleep", "30", (char *)NULL);
        _exit(127);
    }
    /* Wait until the child is running the copy, not still in fork's image. */
    char exe[64], target[600];
    snprintf(exe, sizeof exe, "/proc/%d/exe", (int)pid);
    for (int i = 0; i < 500; i++) {
        ssize_t len = readlink(exe, target, sizeof target - 1);
        if (len > 0) {
            target[len] = '\0';
            if (strcmp(target, copy) == 0)
                break;
        }
        nanosleep(&(struct timespec){0, 10000000}, NULL);
    }
    /* Linux 6.11 let anyone with write permission open a running program for
     * writing; later kernels refuse again. Where this kernel lets it, there is
     * no such refusal to test, and root has no other file it cannot write. */
    int probe = open(copy, O_WRONLY);
    int busy = probe < 0 && errno == ETXTBSY;
    if (probe >= 0)
        close(probe);
    if (busy) {
        snprintf(prefix, sizeof prefix, "mapedit: %s: Text file busy", copy);
        expect_refused(copy, 1, prefix, copy, "0", "x", NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    if (!busy) {
        print_message("skipped: this kernel lets a running program be opened for writing (as Linux 6.11 did)\n");
        skip();
    }
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        T(byte_edit_reaches_the_file),
        T(slice_edit_reaches_the_file),
        T(edits_at_both_ends_and_of_the_whole_file),
        T(edit_across_a_page_boundary),
        T(private_mapping_leaves_the_file_alone),
        T(private_mapping_needs_only_read_permission),
        T(no_sync_still_changes_the_file),
        T(another_process_mapping_sees_the_edit),
        T(dash_dash_allows_text_starting_with_a_dash),
        T(help_goes_to_stdout_with_status_0),
        T(edits_that_do_not_fit_are_refused),
        T(malformed_arguments_are_usage_errors),
        T(a_usage_error_never_opens_the_file),
        T(files_that_cannot_be_mapped_are_refused),
        T(file_that_cannot_be_opened_for_writing_is_refused),
    };
#undef T
    return cmocka_run_group_tests_name("ch02 mapedit, end to end", tests, NULL, NULL);
}
