/* Chapter 2, unit tests: the edit's checks (lib/edit.h), the edit itself and
 * its error paths with fault injection (lib/apply.h), the new pread_full()
 * helper, and the shared page cache seen from two mappings in one process. */
#include "apply.h"
#include "edit.h"
#include "fileio.h"
#include "report.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "fault.h"
#include "tmp.h"

static const char sentence[] = "hello from a file that is about to change.\n";
#define SENTENCE_LEN (sizeof sentence - 1)

static const char *sample(void **state)
{
    return tmp_file(*state, "sentence.txt", sentence, SENTENCE_LEN);
}

/* Run apply_edit() in this process (so fault injection reaches it), with
 * stdout discarded and stderr captured into @err. */
static int apply_in_process(char *err, size_t errsize, const struct edit *e)
{
    FILE *saved_out = stdout, *saved_err = stderr;
    FILE *captured = tmpfile();
    assert_non_null(captured);
    stdout = fopen("/dev/null", "w");
    assert_non_null(stdout);
    stderr = captured;
    int status = apply_edit(e);
    fclose(stdout);
    stdout = saved_out;
    stderr = saved_err;
    rewind(captured);
    size_t n = fread(err, 1, errsize - 1, captured);
    err[n] = '\0';
    fclose(captured);
    return status;
}

/* An edit as mapedit FILE OFFSET TEXT would make it. */
static struct edit edit_of(const char *path, const char *offset, const char *text)
{
    struct edit e;
    assert_int_equal(edit_init(&e, path, offset, text), EXIT_OK);
    return e;
}

static void check_fits_allows_exactly_the_file(void **state)
{
    (void)state;
    struct edit e = {.path = "f", .offset_text = "o", .length = 1};
    FILE *saved = stderr;
    stderr = fopen("/dev/null", "w");
    e.offset = 9;
    assert_int_equal(check_fits(&e, 10), 0);  /* the last byte */
    e.offset = 10;
    assert_int_equal(check_fits(&e, 10), -1); /* one past it */
    e.offset = 0;
    e.length = 10;
    assert_int_equal(check_fits(&e, 10), 0);  /* the whole file */
    e.length = 11;
    assert_int_equal(check_fits(&e, 10), -1);
    e.offset = 5;
    e.length = SIZE_MAX; /* offset + length would wrap around */
    assert_int_equal(check_fits(&e, 10), -1);
    e.offset = UINT64_MAX;
    e.length = 1;
    assert_int_equal(check_fits(&e, 10), -1);
    fclose(stderr);
    stderr = saved;
}

static void window_shows_context_and_stops_at_the_ends(void **state)
{
    (void)state;
    struct edit e = {.offset = 0, .length = 1};
    struct window w = window_around(&e, 100);
    assert_int_equal(w.start, 0);
    assert_int_equal(w.end, 1 + EDIT_CONTEXT);
    e.offset = 50;
    e.length = 3;
    w = window_around(&e, 100);
    assert_int_equal(w.start, 50 - EDIT_CONTEXT);
    assert_int_equal(w.end, 53 + EDIT_CONTEXT);
    e.offset = 99;
    e.length = 1;
    w = window_around(&e, 100);
    assert_int_equal(w.end, 100);
    e.offset = 0;
    e.length = 5;
    w = window_around(&e, 5);
    assert_int_equal(w.start, 0);
    assert_int_equal(w.end, 5);
}

static void pread_full_reads_all_or_to_the_end(void **state)
{
    const char *path = sample(state);
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    char buf[64];
    assert_int_equal(pread_full(fd, buf, 5, 6), 5);
    assert_memory_equal(buf, "from ", 5);
    assert_int_equal(pread_full(fd, buf, sizeof buf, 40), 3); /* the file ends */
    assert_int_equal(pread_full(fd, buf, 0, 0), 0);
    fault_clear();
    fault_inject("pread", EIO, 0);
    errno = 0;
    assert_int_equal(pread_full(fd, buf, 5, 0), -1);
    assert_int_equal(errno, EIO);
    fault_clear();
    close(fd);
}

/* The claim behind MAP_SHARED: two mappings of one file are views of the
 * same page-cache pages, so a store through one is visible through the
 * other at once, with no msync() in between. */
static void second_shared_mapping_sees_an_edit_before_msync(void **state)
{
    const char *path = sample(state);
    fault_clear();
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    unsigned char *a = mmap(NULL, SENTENCE_LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    unsigned char *b = mmap(NULL, SENTENCE_LEN, PROT_READ, MAP_SHARED, fd, 0);
    assert_true(a != MAP_FAILED && b != MAP_FAILED);
    assert_true(a != b);
    assert_int_equal(b[0], 'h');
    memcpy(a, "H", 1);
    memcpy(a + 1, "abc", 3);
    assert_memory_equal(b, "Habco from", 10);
    /* read() goes through the same page cache, so it sees it too */
    char buf[10];
    assert_int_equal(pread(fd, buf, sizeof buf, 0), 10);
    assert_memory_equal(buf, "Habco from", 10);
    assert_int_equal(fault_calls("msync"), 0);
    assert_int_equal(munmap(a, SENTENCE_LEN), 0);
    assert_int_equal(munmap(b, SENTENCE_LEN), 0);
    close(fd);
}

static void msync_failure_is_reported(void **state)
{
    const char *path = sample(state);
    struct edit e = edit_of(path, "0", "H");
    char err[512], expected[512];
    fault_clear();
    fault_inject("msync", EIO, 0);
    int status = apply_in_process(err, sizeof err, &e);
    assert_int_equal(status, EXIT_FAIL);
    snprintf(expected, sizeof expected, "mapedit: %s: msync: Input/output error\n", path);
    assert_string_equal(err, expected);
    /* everything was still cleaned up */
    assert_int_equal(fault_calls("munmap"), 1);
    assert_int_equal(fault_calls("close"), 1);
    assert_int_equal(fault_calls("pread"), 0); /* no claim about the file after a failure */
    /* and a failed edit leaves the file as it was: the old byte went back
     * through the mapping and a second msync() flushed it */
    assert_int_equal(fault_calls("msync"), 2);
    assert_file_equals(path, sentence, SENTENCE_LEN);
    fault_clear();
}

static void other_failures_after_mapping_are_reported(void **state)
{
    static const struct { const char *call; int err; const char *what; } cases[] = {
        {.call = "mmap", .err = ENOMEM, .what = "mmap: Cannot allocate memory"},
        {.call = "munmap", .err = EINVAL, .what = "munmap: Invalid argument"},
        {.call = "pread", .err = EIO, .what = "pread: Input/output error"},
        {.call = "close", .err = EIO, .what = "close: Input/output error"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *path = sample(state);
        struct edit e = edit_of(path, "0", "H");
        char err[512], expected[512];
        fault_clear();
        fault_inject(cases[i].call, cases[i].err, 0);
        assert_int_equal(apply_in_process(err, sizeof err, &e), EXIT_FAIL);
        snprintf(expected, sizeof expected, "mapedit: %s: %s\n", path, cases[i].what);
        assert_string_equal(err, expected);
        fault_clear();
    }
}

/* How many descriptors this process has open, from /proc/self/fd. */
static int open_descriptors(void)
{
    DIR *d = opendir("/proc/self/fd");
    assert_non_null(d);
    int n = 0;
    while (readdir(d) != NULL)
        n++;
    closedir(d);
    return n;
}

/* Every edit that cannot be done is refused before anything is mapped:
 * mmap() is never called, and any descriptor opened is closed again. */
static void bad_edits_are_refused_before_mmap(void **state)
{
    const char *path = sample(state);
    struct tmp *t = *state;
    const struct edit cases[] = {
        edit_of(path, "40", "abcd"),
        edit_of(path, "43", "x"),
        edit_of(t->dir, "0", "x"),
        edit_of("/dev/null", "0", "x"),
        edit_of(tmp_path(t, "absent"), "0", "x"),
    };
    int descriptors = open_descriptors();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[512];
        fault_clear();
        assert_int_equal(apply_in_process(err, sizeof err, &cases[i]), EXIT_FAIL);
        assert_int_equal(fault_calls("mmap"), 0);
        assert_int_equal(open_descriptors(), descriptors);
        assert_non_null(strchr(err, '\n'));
        assert_int_equal(strchr(err, '\n')[1], '\0');
    }
    assert_file_equals(path, sentence, SENTENCE_LEN);
    fault_clear();
}

/* OFFSET and TEXT are read strictly, and a bad one is a usage error. */
static void edit_init_refuses_bad_operands(void **state)
{
    (void)state;
    static const char *const offsets[] = {"1x", "", " 1", "-1", "+1", "0x10", "18446744073709551616"};
    struct edit e;
    FILE *saved = stderr;
    stderr = fopen("/dev/null", "w");
    assert_non_null(stderr);
    for (size_t i = 0; i < sizeof offsets / sizeof offsets[0]; i++)
        assert_int_equal(edit_init(&e, "f", offsets[i], "x"), EXIT_USAGE);
    assert_int_equal(edit_init(&e, "f", "0", ""), EXIT_USAGE);
    fclose(stderr);
    stderr = saved;
    assert_int_equal(edit_init(&e, "f", "18446744073709551615", "abc"), EXIT_OK);
    assert_true(e.offset == UINT64_MAX);
    assert_int_equal(e.length, 3);
    assert_int_equal(e.sync, 1);
    assert_int_equal(e.private_map, 0);
}

/* Make @call fail with @err during an edit of a fresh sample: the edit must
 * fail with "mapedit: FILE: @what", before mmap(), leaving the file as it was. */
static void expect_failure_before_mmap(void **state, const char *call, int err,
                                       const char *what)
{
    const char *path = sample(state);
    struct edit e = edit_of(path, "0", "H");
    char message[512], expected[512];
    fault_clear();
    fault_inject(call, err, 0);
    assert_int_equal(apply_in_process(message, sizeof message, &e), EXIT_FAIL);
    snprintf(expected, sizeof expected, "mapedit: %s: %s\n", path, what);
    assert_string_equal(message, expected);
    assert_int_equal(fault_calls("mmap"), 0);
    assert_file_equals(path, sentence, SENTENCE_LEN);
    fault_clear();
}

/* What root cannot provoke honestly: a file it may not open for writing. */
static void open_failure_is_reported_and_nothing_mapped(void **state)
{
    expect_failure_before_mmap(state, "open", EACCES, "Permission denied");
}

/* The reservation: a full disk is an ordinary error before anything is
 * mapped; a file system that cannot reserve at all is no reason to refuse;
 * and a private edit, which needs no disk, never asks. */
static void the_reservation_comes_first_and_only_for_shared_edits(void **state)
{
    expect_failure_before_mmap(state, "fallocate", ENOSPC, "fallocate: No space left on device");

    const char *path = sample(state);
    struct edit e = edit_of(path, "0", "H");
    char err[512];
    fault_clear();
    fault_inject("fallocate", EOPNOTSUPP, 0);
    assert_int_equal(apply_in_process(err, sizeof err, &e), EXIT_OK);
    assert_string_equal(err, "");
    assert_int_equal(fault_calls("fallocate"), 1);
    char edited[sizeof sentence];
    memcpy(edited, sentence, sizeof sentence);
    edited[0] = 'H';
    assert_file_equals(path, edited, SENTENCE_LEN);

    const char *other = tmp_file(*state, "private.txt", sentence, SENTENCE_LEN);
    struct edit p = edit_of(other, "0", "H");
    p.private_map = 1;
    fault_clear();
    assert_int_equal(apply_in_process(err, sizeof err, &p), EXIT_OK);
    assert_int_equal(fault_calls("fallocate"), 0);
    assert_int_equal(fault_calls("mmap"), 1);
    fault_clear();
}

/* "Crashing the program loses nothing": a store through a shared mapping is
 * in the kernel's page cache, so it outlives a process killed right after it,
 * with no msync() and no munmap(). */
static void a_store_outlives_a_process_killed_right_after_it(void **state)
{
    const char *path = sample(state);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(path, O_RDWR);
        unsigned char *data = fd < 0 ? MAP_FAILED
                                     : mmap(NULL, SENTENCE_LEN, PROT_READ | PROT_WRITE,
                                            MAP_SHARED, fd, 0);
        if (data == MAP_FAILED)
            _exit(1);
        memcpy(data, "KILLED", 6);
        raise(SIGKILL);
        _exit(2);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    char expected[sizeof sentence];
    memcpy(expected, sentence, sizeof sentence);
    memcpy(expected, "KILLED", 6);
    assert_file_equals(path, expected, SENTENCE_LEN);
}

/* Messages are checked word for word, so they must carry mapedit's name. */
static int name_the_program(void **state)
{
    (void)state;
    report_init("mapedit");
    return 0;
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(check_fits_allows_exactly_the_file),
        cmocka_unit_test(window_shows_context_and_stops_at_the_ends),
        T(pread_full_reads_all_or_to_the_end),
        T(second_shared_mapping_sees_an_edit_before_msync),
        T(msync_failure_is_reported),
        T(other_failures_after_mapping_are_reported),
        T(bad_edits_are_refused_before_mmap),
        cmocka_unit_test(edit_init_refuses_bad_operands),
        T(open_failure_is_reported_and_nothing_mapped),
        T(the_reservation_comes_first_and_only_for_shared_edits),
        T(a_store_outlives_a_process_killed_right_after_it),
    };
#undef T
    return cmocka_run_group_tests_name("ch02 mapedit units and fault injection", tests, name_the_program, NULL);
}
