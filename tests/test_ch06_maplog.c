/* Chapter 6, end to end: run build/bin/maplog (and growfail) as a reader
 * would, and check status, stdout, stderr and the bytes of the log; then the
 * hostile cases: SIGKILL at random moments, a full file system, a torn record
 * past the committed end, a reader running beside a writer, a file cut short
 * under the mapping. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
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
#include "run.h"
#include "tmp.h"

/* Record @n of a fill, as the chapter defines it: "record " and ten digits
 * and a space, then dots up to 56 bytes. Restated here, not taken from
 * maplog, so a change to the program cannot change the expectation. */
static void fill_record(char *buf, unsigned long n)
{
    int k = snprintf(buf, 57, "record %010lu ", n);
    memset(buf + k, '.', 56 - (size_t)k);
    buf[56] = '\0';
}

/* Assert @out is exactly records 1..count of a fill, one per line; return count. */
static unsigned long assert_fill_records(const char *out)
{
    unsigned long n = 0;
    char want[64];
    for (const char *p = out; *p != '\0'; n++) {
        fill_record(want, n + 1);
        const char *nl = strchr(p, '\n');
        if (nl == NULL || (size_t)(nl - p) != 56 || memcmp(p, want, 56) != 0)
            fail_msg("line %lu is not \"%s\": \"%.*s\"", n + 1, want,
                     (int)(nl ? nl - p : (ptrdiff_t)strlen(p)), p);
        p = nl + 1;
    }
    return n;
}

static unsigned char *file_bytes(const char *path, size_t *n)
{
    unsigned char *b = read_file(path, n);
    assert_non_null(b);
    return b;
}

static void help_prints_usage_and_exits_0(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "maplog", "--help", NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "usage: maplog [OPTIONS] COMMAND FILE");
    assert_contains(r.out, "--remap reserve|mremap|unmap");
    assert_int_equal(r.err_len, 0);
    run_free(&r);
}

static void append_list_and_check(void **state)
{
    const char *log = tmp_path(*state, "log");
    struct run_result r;
    run(&r, NULL, "maplog", "append", log, "first", "second record", "", NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "appended 3 records; the log holds 3\n");
    assert_int_equal(r.err_len, 0);
    run_free(&r);
    run(&r, NULL, "maplog", "append", log, "--", "-fourth", NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "appended 1 record; the log holds 4\n");
    run_free(&r);
    run(&r, NULL, "maplog", "list", log, NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "first\nsecond record\n\n-fourth\n");
    run_free(&r);
    /* 64 + 16 + 24 + 8 + 16 bytes; the file is one 64 KiB chunk. */
    run(&r, NULL, "maplog", "check", log, NULL);
    assert_exit(&r, 0);
    char want[512];
    snprintf(want, sizeof want, "%s: sound: 4 records, 128 bytes committed, 65536-byte file\n", log);
    assert_string_equal(r.out, want);
    run_free(&r);
    /* The bytes on disk: the header's committed length and the first record. */
    size_t n;
    unsigned char *b = file_bytes(log, &n);
    assert_int_equal(n, 65536);
    assert_memory_equal(b, "MAPLOG1", 8);
    uint64_t committed;
    memcpy(&committed, b + 16, 8);
    assert_int_equal(committed, 128);
    uint32_t length;
    memcpy(&length, b + 64, 4);
    assert_int_equal(length, 5);
    assert_memory_equal(b + 72, "first\0\0\0", 8);
    free(b);
}

static void fill_numbers_records_and_goes_on_where_it_stopped(void **state)
{
    const char *log = tmp_path(*state, "log");
    const char *remaps[] = {"reserve", "mremap", "unmap"};
    for (int i = 0; i < 3; i++) {
        struct run_result r;
        run(&r, NULL, "maplog", "--remap", remaps[i], "--chunk", "4K", "fill", log, "150",
            "--batch", "7", NULL);
        assert_exit(&r, 0);
        assert_contains(r.out, "appended:  150 records in ");
        assert_contains(r.out, " appends/s\n");
        assert_contains(r.out, "committed: 22 times (every 7 records) with msync");
        char holds[64];
        snprintf(holds, sizeof holds, "the log holds %d records\n", 150 * (i + 1));
        assert_contains(r.out, holds);
        run_free(&r);
    }
    struct run_result r;
    run(&r, NULL, "maplog", "list", log, NULL);
    assert_exit(&r, 0);
    assert_int_equal(assert_fill_records(r.out), 450);
    run_free(&r);
    /* 450 records of 64 bytes after the header: 28864 bytes, in 4 KiB chunks. */
    struct stat st;
    assert_int_equal(stat(log, &st), 0);
    assert_int_equal(st.st_size, 8 * 4096);
}

/* Usage errors: one line, status 2, and the log byte for byte as it was. */
static void usage_errors_leave_the_log_alone(void **state)
{
    const char *log = tmp_path(*state, "log");
    struct run_result r;
    run(&r, NULL, "maplog", "append", log, "kept", NULL);
    assert_exit(&r, 0);
    run_free(&r);
    size_t n0;
    unsigned char *before = file_bytes(log, &n0);
    char *huge = malloc(70000);
    assert_non_null(huge);
    memset(huge, 'x', 69999);
    huge[69999] = '\0';
    expect_run_error(2, "maplog: frob: unknown command", NULL, "maplog", "frob", log, NULL);
    expect_run_error(2, "maplog: COMMAND: missing", NULL, "maplog", NULL);
    expect_run_error(2, "maplog: FILE: missing argument", NULL, "maplog", "list", NULL);
    expect_run_error(2, "maplog: TEXT: missing argument", NULL, "maplog", "append", log, NULL);
    expect_run_error(2, "maplog: N: missing argument", NULL, "maplog", "fill", log, NULL);
    expect_run_error(2, "maplog: 12x: not a valid number", NULL, "maplog", "fill", log, "12x", NULL);
    expect_run_error(2, "maplog: -5: not a valid number", NULL, "maplog", "fill", log, "--", "-5", NULL);
    expect_run_error(2, "maplog: 0: a batch is at least 1 record", NULL, "maplog", "fill", log, "5",
                     "--batch", "0", NULL);
    expect_run_error(2, "maplog: write: not a way to grow", NULL, "maplog", "--grow", "write",
                     "fill", log, "5", NULL);
    expect_run_error(2, "maplog: swap: not a way to remap", NULL, "maplog", "--remap", "swap",
                     "fill", log, "5", NULL);
    expect_run_error(2, "maplog: sync: not a way to sync", NULL, "maplog", "--sync", "sync",
                     "fill", log, "5", NULL);
    expect_run_error(2, "maplog: 1000: must be a whole number of", NULL, "maplog", "--chunk",
                     "1000", "fill", log, "5", NULL);
    expect_run_error(2, "maplog: --chunk: needs an argument", NULL, "maplog", "fill", log, "5",
                     "--chunk", NULL);
    expect_run_error(2, "maplog: -z: unknown option", NULL, "maplog", "-z", "list", log, NULL);
    expect_run_error(2, "maplog: list: --batch, --length and --verbose are for fill only", NULL, "maplog",
                     "list", log, "--batch", "3", NULL);
    expect_run_error(2, "maplog: extra: too many arguments", NULL, "maplog", "check", log, "extra",
                     NULL);
    expect_run_error(2, "maplog: TEXT: record too long: 69999 bytes, at most 65536", NULL, "maplog",
                     "append", log, "fine", huge, NULL);
    expect_run_error(2, "maplog: TEXT: holds a newline", NULL, "maplog", "append", log, "a\nb", NULL);
    free(huge);
    size_t n1;
    unsigned char *after = file_bytes(log, &n1);
    assert_int_equal(n0, n1);
    assert_memory_equal(before, after, n0);
    free(before);
    free(after);
}

/* Files that are not sound logs: one line, status 1, and nothing written. */
static void bad_logs_are_refused_unchanged(void **state)
{
    const struct tmp *t = *state;
    const char *text = tmp_file(t, "text", "just some text, long enough to have a header's room......"
                                           "............\n", 71);
    expect_run_error(1, "maplog: ", NULL, "maplog", "list", text, NULL);
    struct run_result r;
    run(&r, NULL, "maplog", "append", text, "x", NULL);
    assert_one_line_error(&r, 1, "maplog: ");
    assert_contains(r.err, ": not a maplog file (no MAPLOG1 magic)\n");
    run_free(&r);
    assert_file_equals(text, "just some text, long enough to have a header's room......"
                             "............\n", 71);

    const char *small = tmp_file(t, "small", "MAPLOG1", 8);
    run(&r, NULL, "maplog", "check", small, NULL);
    assert_one_line_error(&r, 1, "maplog: ");
    assert_contains(r.err, ": not a maplog file (shorter than a header)\n");
    run_free(&r);

    const char *empty = tmp_file(t, "empty", "", 0);
    run(&r, NULL, "maplog", "check", empty, NULL);
    assert_one_line_error(&r, 1, "maplog: ");
    assert_contains(r.err, ": file is empty");
    run_free(&r);

    run(&r, NULL, "maplog", "check", t->dir, NULL);
    assert_one_line_error(&r, 1, "maplog: ");
    assert_contains(r.err, "cannot map a directory");
    run_free(&r);

    run(&r, NULL, "maplog", "list", tmp_path(t, "absent"), NULL);
    assert_one_line_error(&r, 1, "maplog: ");
    assert_contains(r.err, ": open: No such file or directory\n");
    run_free(&r);

    /* A log whose header was damaged, then one cut short. */
    const char *log = tmp_path(t, "log");
    run(&r, NULL, "maplog", "--chunk", "4K", "fill", log, "100", NULL);
    assert_exit(&r, 0);
    run_free(&r);
    size_t n;
    unsigned char *b = file_bytes(log, &n);
    b[8] = 9; /* version 9 */
    const char *damaged = tmp_file(t, "damaged", b, n);
    run(&r, NULL, "maplog", "append", damaged, "x", NULL);
    assert_one_line_error(&r, 1, "maplog: ");
    assert_contains(r.err, ": unsupported maplog version");
    run_free(&r);
    assert_file_equals(damaged, b, n);
    b[8] = 1;
    const char *cut = tmp_file(t, "cut", b, 4096);
    run(&r, NULL, "maplog", "check", cut, NULL);
    assert_one_line_error(&r, 1, "maplog: ");
    assert_contains(r.err, ": truncated: the committed length runs past the end of the file\n");
    run_free(&r);
    run(&r, NULL, "maplog", "fill", cut, "1", NULL);
    assert_one_line_error(&r, 1, "maplog: ");
    run_free(&r);
    assert_file_equals(cut, b, 4096);
    free(b);
}

/* A record's byte flipped inside the committed part: check names it, list
 * prints the records before it and stops. */
static void a_damaged_committed_record_is_found(void **state)
{
    const char *log = tmp_path(*state, "log");
    struct run_result r;
    run(&r, NULL, "maplog", "fill", log, "3", NULL);
    assert_exit(&r, 0);
    run_free(&r);
    size_t n;
    unsigned char *b = file_bytes(log, &n);
    b[64 + 64 + 20] ^= 1; /* inside record 2's bytes */
    assert_int_equal(write_file(log, b, n), 0);
    free(b);
    run(&r, NULL, "maplog", "check", log, NULL);
    assert_one_line_error(&r, 1, "maplog: ");
    assert_contains(r.err, ": record 2 at offset 128: its checksum does not match its bytes\n");
    run_free(&r);
    run(&r, NULL, "maplog", "list", log, NULL);
    assert_exit(&r, 1);
    assert_int_equal(assert_fill_records(r.out), 1);
    assert_contains(r.err, ": record 2 at offset 128: its checksum does not match its bytes\n");
    run_free(&r);
}

/* What a writer killed mid-append leaves: a record past the committed end,
 * half written. list never shows it; check reports it and still passes;
 * the next append writes over it. */
static void a_torn_record_past_the_committed_end_is_ignored(void **state)
{
    const char *log = tmp_path(*state, "log");
    struct run_result r;
    run(&r, NULL, "maplog", "fill", log, "3", NULL);
    assert_exit(&r, 0);
    run_free(&r);
    /* Past the committed end (64 + 3 * 64 = 256): a head for 56 bytes, and 20 of them. */
    int fd = open(log, O_WRONLY);
    assert_true(fd >= 0);
    unsigned char torn[28] = {56, 0, 0, 0, 0x12, 0x34, 0x56, 0x78};
    memset(torn + 8, 'T', 20);
    assert_int_equal(pwrite(fd, torn, sizeof torn, 256), (ssize_t)sizeof torn);
    close(fd);
    run(&r, NULL, "maplog", "list", log, NULL);
    assert_exit(&r, 0);
    assert_int_equal(assert_fill_records(r.out), 3);
    run_free(&r);
    run(&r, NULL, "maplog", "check", log, NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, ": sound: 3 records, 256 bytes committed, 65536-byte file\n");
    assert_contains(r.out, ": ignored: 25 non-zero bytes past the committed end, from offset 256 "
                           "(an append that was never committed)\n");
    run_free(&r);
    run(&r, NULL, "maplog", "fill", log, "1", NULL);
    assert_exit(&r, 0);
    run_free(&r);
    run(&r, NULL, "maplog", "check", log, NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, ": sound: 4 records, 320 bytes committed, 65536-byte file\n");
    assert_null(strstr(r.out, "ignored"));
    run_free(&r);
}

/* A reservation is a limit: a log that outgrows it is refused, and stays sound. */
static void a_log_larger_than_its_reservation_is_refused(void **state)
{
    const char *log = tmp_path(*state, "log");
    struct run_result r;
    run(&r, NULL, "maplog", "--remap", "reserve", "--reserve", "64K", "--chunk", "4K", "fill", log,
        "2000", "--batch", "10", NULL);
    assert_one_line_error(&r, 1, "maplog: ");
    assert_contains(r.err, ": the log outgrew --reserve: File too large\n");
    run_free(&r);
    run(&r, NULL, "maplog", "check", log, NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, ": sound: 1020 records, 65344 bytes committed, 69632-byte file\n");
    run_free(&r);
    run(&r, NULL, "maplog", "--remap", "reserve", "--reserve", "64K", "append", log, "x", NULL);
    assert_one_line_error(&r, 1, "maplog: ");
    assert_contains(r.err, ": larger than --reserve: File too large\n");
    run_free(&r);
}

/* Start `maplog fill LOG (a billion) --batch B --verbose`, its stdout a pipe. */
static pid_t start_fill(const char *log, const char *batch, int *out)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        execl(BIN_DIR "/maplog", "maplog", "fill", log, "1000000000", "--batch", batch,
              "--verbose", (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    *out = p[0];
    return pid;
}

/* Everything left in the pipe; the last "committed N" in it, or @last. */
static unsigned long last_committed(int fd, unsigned long last)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap + 1);
    assert_non_null(buf);
    for (;;) {
        if (len == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
            assert_non_null(buf);
        }
        ssize_t got = read(fd, buf + len, cap - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        len += (size_t)got;
    }
    buf[len] = '\0';
    for (char *p = buf; (p = strstr(p, "committed ")) != NULL; p += 10) {
        char *nl = strchr(p, '\n');
        if (nl != NULL) /* a whole line: the commit before it returned */
            last = strtoul(p + 10, NULL, 10);
    }
    free(buf);
    return last;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* The crash test: a writer appending as fast as it can is killed with
 * SIGKILL at random moments, 30 times over. Every time, check passes and
 * list holds every record whose commit the writer had announced, in order. */
static void sigkill_at_random_moments_loses_nothing_committed(void **state)
{
    const char *log = tmp_path(*state, "log");
    struct run_result r;
    run(&r, NULL, "maplog", "fill", log, "0", NULL); /* the log exists before the first kill */
    assert_exit(&r, 0);
    run_free(&r);
    srand(6);
    unsigned long committed = 0, kills = run_is_wrapped() ? 5 : 30;
    for (unsigned long k = 0; k < kills; k++) {
        int out;
        pid_t pid = start_fill(log, k % 2 ? "1" : "50", &out);
        sleep_ms(5 + rand() % 40);
        assert_int_equal(kill(pid, SIGKILL), 0);
        committed = last_committed(out, committed);
        close(out);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        run(&r, NULL, "maplog", "check", log, NULL);
        assert_exit(&r, 0);
        assert_contains(r.out, ": sound: ");
        run_free(&r);
        run(&r, NULL, "maplog", "list", log, NULL);
        assert_exit(&r, 0);
        unsigned long listed = assert_fill_records(r.out);
        run_free(&r);
        if (listed < committed)
            fail_msg("kill %lu: the writer had committed %lu records, list shows %lu", k + 1,
                     committed, listed);
        committed = listed;
    }
    print_message("%lu kills, %lu records committed in all\n", kills, committed);
    assert_true(committed > 0);
}

/* A reader beside a writer sees only whole, committed records, in order,
 * and never fewer than the last time it looked. */
static void a_reader_beside_a_writer_sees_whole_committed_records(void **state)
{
    const char *log = tmp_path(*state, "log");
    struct run_result r;
    run(&r, NULL, "maplog", "--chunk", "4K", "fill", log, "0", NULL);
    assert_exit(&r, 0);
    run_free(&r);
    int out;
    pid_t pid = start_fill(log, "3", &out);
    unsigned long seen = 0;
    int reads = run_is_wrapped() ? 3 : 20;
    for (int i = 0; i < reads; i++) {
        sleep_ms(10);
        run(&r, NULL, "maplog", "list", log, NULL);
        assert_exit(&r, 0);
        assert_int_equal(r.err_len, 0);
        unsigned long n = assert_fill_records(r.out);
        assert_true(n >= seen);
        seen = n;
        run_free(&r);
    }
    kill(pid, SIGKILL);
    last_committed(out, 0);
    close(out);
    waitpid(pid, NULL, 0);
    assert_true(seen > 0);
}

/* Someone truncates the log while maplog has it mapped: an error, not a SIGBUS. */
static void a_log_cut_short_under_the_mapping_is_an_error(void **state)
{
    const char *log = tmp_path(*state, "log");
    struct run_result r;
    run(&r, NULL, "maplog", "--chunk", "4K", "fill", log, "200", NULL);
    assert_exit(&r, 0);
    run_free(&r);
    assert_int_equal(run_shell(&r, "LD_PRELOAD=\"$SHRINK\" MMF_SHRINK_TO=4096 maplog check '%s'",
                               log), 0);
    assert_one_line_error(&r, 1, "maplog: ");
    assert_contains(r.err, ": record 64 at offset 4096: SIGBUS reading the mapping at offset 4096: "
                           "the file system is full, or the file was truncated\n");
    run_free(&r);
}

static void a_full_stdout_is_an_error(void **state)
{
    const char *log = tmp_path(*state, "log");
    struct run_result r;
    run(&r, NULL, "maplog", "fill", log, "10", NULL);
    assert_exit(&r, 0);
    run_free(&r);
    assert_int_equal(run_shell(&r, "maplog list '%s' > /dev/full", log), 0);
    assert_one_line_error(&r, 1, "maplog: ");
    assert_contains(r.err, "No space left on device");
    run_free(&r);
}

/* The standard descriptors: a full or closed stdout is an error; closed
 * stdin and stderr change nothing. */
static void full_or_closed_stdout_and_closed_stderr(void **state)
{
    const char *log = tmp_path(*state, "log");
    struct run_result r;
    const char *failing[] = {"maplog --help > /dev/full", "maplog append '%s' x > /dev/full",
                             "maplog check '%s' >&-", "growfail '%s' > /dev/full"};
    for (size_t i = 0; i < sizeof failing / sizeof failing[0]; i++) {
        char line[512];
        snprintf(line, sizeof line, failing[i], i == 3 ? ((struct tmp *)*state)->dir : log);
        assert_int_equal(run_shell(&r, "%s", line), 0);
        if (!r.exited || r.status != 1 || strstr(r.err, ": stdout: write error: ") == NULL)
            fail_msg("%s: expected status 1 and a write error, got status %d, stderr \"%s\"", line,
                     r.status, r.err);
        run_free(&r);
    }
    /* With stderr closed, the log must not become descriptor 2 and catch a message. */
    assert_int_equal(run_shell(&r, "maplog append '%s' second <&- 2>&-; "
                                   "maplog list /nonexistent 2>&-; echo status=$?", log), 0);
    assert_contains(r.out, "status=1\n");
    run_free(&r);
    run(&r, NULL, "maplog", "list", log, NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "x\nsecond\n");
    run_free(&r);
    run(&r, NULL, "maplog", "check", log, NULL);
    assert_exit(&r, 0);
    run_free(&r);
}

/* The full disk, with ftruncate: the store into the new page has no block.
 * In maplog it is one line and status 1, never a SIGBUS; the log still checks. */
static void a_full_disk_with_ftruncate_is_an_error_not_a_crash(void **state)
{
    (void)state;
    SKIP_WITHOUT_SMALL_TMPFS();
    struct run_result r;
    assert_int_equal(run_in_small_tmpfs(&r, "64k",
        "maplog --grow ftruncate --chunk 4K fill \"$FS/log\" 100000; echo status=$?; "
        "maplog check \"$FS/log\" >&2; echo check=$?; maplog list \"$FS/log\" | wc -l; "
        "stat -c 'size=%%s blocks=%%b of %%B' \"$FS/log\""), 0);
    assert_exit(&r, 0);
    assert_contains(r.out, "status=1\n");
    assert_contains(r.out, "check=0\n1023\n");
    /* One page longer than its blocks: the last growth made a hole that no
     * store could fill. */
    assert_contains(r.out, "size=69632 blocks=128 of 512\n");
    assert_true(strncmp(r.err, "maplog: ", 8) == 0);
    assert_contains(r.err, "/log: SIGBUS storing into the mapping at offset 65536: the file "
                           "system is full, or the file was truncated\n");
    assert_contains(r.err, "/log: sound: 1023 records, 65536 bytes committed, 69632-byte file\n");
    run_free(&r);
}

/* The full disk, with fallocate: ENOSPC from a system call, before any store. */
static void a_full_disk_with_fallocate_is_enospc(void **state)
{
    (void)state;
    SKIP_WITHOUT_SMALL_TMPFS();
    struct run_result r;
    assert_int_equal(run_in_small_tmpfs(&r, "64k",
        "maplog --chunk 4K fill \"$FS/log\" 100000; echo status=$?; "
        "maplog check \"$FS/log\" >&2; echo check=$?; maplog list \"$FS/log\" | wc -l"), 0);
    assert_exit(&r, 0);
    assert_contains(r.out, "status=1\ncheck=0\n1023\n");
    assert_contains(r.err, "/log: fallocate: No space left on device\n");
    assert_contains(r.err, "/log: sound: 1023 records, 65536 bytes committed, 65536-byte file\n");
    run_free(&r);
}

/* growfail, the chapter's demonstration: the raw SIGBUS happens in a child. */
static void growfail_shows_sigbus_efault_and_enospc(void **state)
{
    struct run_result r;
    run(&r, NULL, "growfail", ((struct tmp *)*state)->dir, NULL);
    assert_exit(&r, 0);
    assert_string_equal(r.out, "ftruncate, then a plain store     stored\n"
                               "ftruncate, then a guarded store   stored\n"
                               "fallocate, then a plain store     stored\n");
    run_free(&r);
    if (!small_tmpfs_supported())
        return;
    assert_int_equal(run_in_small_tmpfs(&r, "64k",
        "cat /dev/zero > \"$FS/fill\" 2>/dev/null; growfail \"$FS\""), 0);
    assert_exit(&r, 0);
    assert_string_equal(r.out,
        "ftruncate, then a plain store     killed by SIGBUS\n"
        "ftruncate, then a guarded store   guarded_write: -1, Bad address (the guard caught a SIGBUS)\n"
        "fallocate, then a plain store     fallocate: -1, No space left on device\n");
    run_free(&r);
    expect_run_error(2, "growfail: DIR: missing argument", NULL, "growfail", NULL);
}

#define T(f) cmocka_unit_test_setup_teardown(f, tmp_setup, tmp_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(help_prints_usage_and_exits_0),
        T(append_list_and_check),
        T(fill_numbers_records_and_goes_on_where_it_stopped),
        T(usage_errors_leave_the_log_alone),
        T(bad_logs_are_refused_unchanged),
        T(a_damaged_committed_record_is_found),
        T(a_torn_record_past_the_committed_end_is_ignored),
        T(a_log_larger_than_its_reservation_is_refused),
        T(sigkill_at_random_moments_loses_nothing_committed),
        T(a_reader_beside_a_writer_sees_whole_committed_records),
        T(a_log_cut_short_under_the_mapping_is_an_error),
        T(a_full_stdout_is_an_error),
        T(full_or_closed_stdout_and_closed_stderr),
        cmocka_unit_test(a_full_disk_with_ftruncate_is_an_error_not_a_crash),
        cmocka_unit_test(a_full_disk_with_fallocate_is_enospc),
        T(growfail_shows_sigbus_efault_and_enospc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
