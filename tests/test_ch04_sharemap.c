/* Chapter 4, end to end: run build/bin/sharemap as a user would, read its CSV,
 * and check what the chapter claims: equal checksums, a private copy per
 * worker in read mode, copy-on-write under MAP_PRIVATE, stores visible to all
 * under MAP_SHARED, every worker reaped, and every bad input refused. */
#define _GNU_SOURCE /* prctl(PR_SET_CHILD_SUBREAPER) */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "run.h"
#include "tmp.h"

#define MIB (1024 * 1024)
#define HEADER "mode,procs,worker,rss_kib,pss_kib,private_kib,own_kib,cache_kib,file_kib,checksum\n"

struct row {
    char mode[8];
    unsigned procs, worker;
    unsigned long long rss, pss, private_kib, own, cache, file;
    char checksum[17];
};

/* Pseudo-random input made by the test helpers, never by the program under test. */
static const char *make_file(void **state, const char *name, size_t size)
{
    return tmp_random_file(*state, name, size);
}

/* Parse sharemap's CSV: the exact header, then rows. Returns the row count. */
static size_t parse_csv(const char *out, struct row *rows, size_t max)
{
    assert_true(strncmp(out, HEADER, strlen(HEADER)) == 0);
    const char *line = out + strlen(HEADER);
    size_t n = 0;
    while (*line != '\0') {
        assert_true(n < max);
        struct row *r = &rows[n++];
        int used = 0;
        assert_int_equal(sscanf(line, "%7[a-z],%u,%u,%llu,%llu,%llu,%llu,%llu,%llu,%16[0-9a-f]%n",
                                r->mode, &r->procs, &r->worker, &r->rss, &r->pss,
                                &r->private_kib, &r->own, &r->cache, &r->file, r->checksum,
                                &used),
                         10);
        assert_int_equal(line[used], '\n');
        line += used + 1;
    }
    return n;
}

static void all_checksums_equal(const struct row *rows, size_t n)
{
    for (size_t i = 1; i < n; i++)
        assert_string_equal(rows[i].checksum, rows[0].checksum);
}

static void csv_has_the_exact_header_and_one_row_per_worker(void **state)
{
    const char *path = make_file(state, "data.bin", 2 * MIB);
    struct run_result r;
    run(&r, NULL, "sharemap", "--procs", "3", "--mode", "both", "--csv", path, NULL);
    assert_exit(&r, 0);
    assert_int_equal(r.err_len, 0);
    struct row rows[8];
    assert_int_equal(parse_csv(r.out, rows, 8), 6);
    for (unsigned i = 0; i < 6; i++) {
        assert_string_equal(rows[i].mode, i < 3 ? "mmap" : "read");
        assert_int_equal(rows[i].procs, 3);
        assert_int_equal(rows[i].worker, i % 3);
        assert_true(rows[i].pss <= rows[i].rss);
        assert_true(rows[i].private_kib <= rows[i].rss);
    }
    all_checksums_equal(rows, 6);
    run_free(&r);
}

static void read_mode_gives_each_worker_a_private_copy(void **state)
{
    const char *path = make_file(state, "data.bin", 16 * MIB);
    struct run_result r;
    run(&r, NULL, "sharemap", "-p", "2", "-m", "read", "-c", path, NULL);
    assert_exit(&r, 0);
    struct row rows[2];
    assert_int_equal(parse_csv(r.out, rows, 2), 2);
    for (int i = 0; i < 2; i++)
        assert_true(rows[i].private_kib >= 16 * 1024);
    all_checksums_equal(rows, 2);
    run_free(&r);
}

/* The table shows the same checksum on every line, and a total. */
static void table_lists_every_worker_and_the_page_cache(void **state)
{
    const char *path = make_file(state, "data.bin", MIB);
    struct run_result r;
    run(&r, NULL, "sharemap", "--procs", "2", path, NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "mmap mode: 2 workers each map ");
    assert_contains(r.out, "\n     0 ");
    assert_contains(r.out, "\n     1 ");
    assert_contains(r.out, "\ntotal ");
    assert_contains(r.out, "page cache: 1024 of 1024 KiB of the file resident (mincore)\n");
    assert_contains(r.out, "the workers' own copies: 0 KiB (anonymous memory)\n"
                           "copies of the file in memory: 1.00\n");
    run_free(&r);
}

/* read() leaves the page cache's copy where it was, and adds one per worker:
 * N + 1 copies, though the workers' Pss counts only N. */
static void read_mode_counts_the_page_cache_copy_too(void **state)
{
    const char *path = make_file(state, "data.bin", 16 * MIB);
    struct run_result r;
    run(&r, NULL, "sharemap", "--procs", "2", "--mode", "read", path, NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "read mode: 2 workers each read ");
    assert_contains(r.out, "page cache: 16384 of 16384 KiB of the file resident (mincore)\n");
    if (!run_is_wrapped()) /* valgrind's allocator is not malloc's */
        assert_contains(r.out, "copies of the file in memory: 3.00\n");
    run_free(&r);
    run(&r, NULL, "sharemap", "--procs", "1", "--mode", "both", "--csv", path, NULL);
    assert_exit(&r, 0);
    struct row rows[2];
    assert_int_equal(parse_csv(r.out, rows, 2), 2);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(rows[i].cache, 16 * 1024);
        assert_int_equal(rows[i].file, 16 * 1024);
    }
    assert_int_equal(rows[0].own, 0);
    assert_true(rows[1].own >= 16 * 1024);
    if (!run_is_wrapped()) /* valgrind's heap is one big anonymous mapping */
        assert_true(rows[1].own < 17 * 1024);
    run_free(&r);
}

/* mincore() says "resident" for every page of a file we neither own nor may
 * write (Linux 5.2 on): sharemap says it does not know, and claims nothing. */
static void the_page_cache_is_unknown_where_mincore_would_lie(void **state)
{
    (void)state;
    struct run_result r;
    if (geteuid() == 0) /* root may write anything: run as nobody */
        run(&r, NULL, "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
            BIN_DIR "/sharemap", "--procs", "1", "/etc/passwd", NULL);
    else
        run(&r, NULL, "sharemap", "--procs", "1", "/etc/passwd", NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "page cache: unknown (mincore would report every page of a file\n");
    assert_true(strstr(r.out, "copies of the file") == NULL);
    run_free(&r);
}

static void a_missing_file_is_created_with_the_same_bytes_each_time(void **state)
{
    const char *a = tmp_path(*state, "a.bin");
    const char *b = tmp_path(*state, "b.bin");
    struct run_result r;
    run(&r, NULL, "sharemap", "--procs", "1", "--size", "100K", a, NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "random bytes\n");
    run_free(&r);
    run(&r, NULL, "sharemap", "--procs", "1", "--size", "100K", "--csv", b, NULL);
    assert_exit(&r, 0);
    assert_true(strncmp(r.out, HEADER, strlen(HEADER)) == 0); /* nothing before the CSV */
    run_free(&r);
    size_t na, nb;
    unsigned char *da = read_file(a, &na), *db = read_file(b, &nb);
    assert_int_equal(na, 100 * 1024);
    assert_int_equal(nb, na);
    assert_memory_equal(da, db, na);
    free(da);
    free(db);
}

/* MAP_PRIVATE: worker 0's stores copy every page into its private memory,
 * the others still share the file's pages, and the file is unchanged. */
static void a_private_writer_copies_its_pages_and_leaves_the_file(void **state)
{
    size_t size = 4 * MIB;
    const char *path = make_file(state, "data.bin", size);
    size_t n;
    unsigned char *before = read_file(path, &n);
    struct run_result r;
    run(&r, NULL, "sharemap", "-p", "3", "--writer", "private", "--csv", path, NULL);
    assert_exit(&r, 0);
    struct row rows[3];
    assert_int_equal(parse_csv(r.out, rows, 3), 3);
    assert_true(rows[0].private_kib >= size / 1024);
    /* valgrind's own heap is private memory of every worker it runs */
    for (int i = 1; i < 3 && !run_is_wrapped(); i++)
        assert_true(rows[i].private_kib < size / 1024 / 4);
    all_checksums_equal(rows, 3);
    run_free(&r);
    assert_file_equals(path, before, n);
    free(before);
}

/* MAP_SHARED: worker 0's stores reach the file, every worker sees them (the
 * checksums change together), and nobody's memory becomes private. */
static void a_shared_writer_is_seen_by_every_reader(void **state)
{
    size_t size = 4 * MIB;
    const char *path = make_file(state, "data.bin", size);
    size_t n;
    unsigned char *before = read_file(path, &n);
    struct run_result r;
    run(&r, NULL, "sharemap", "-p", "3", "--writer", "shared", path, NULL);
    assert_exit(&r, 0);
    char first[17], after[17];
    const char *line = strstr(r.out, "checksum before worker 0's stores: ");
    assert_non_null(line);
    assert_int_equal(sscanf(line, "checksum before worker 0's stores: %16[0-9a-f], after: "
                                  "%16[0-9a-f] in every worker", first, after), 2);
    assert_string_not_equal(first, after);
    /* One copy shared three ways: the file's data costs each worker a third
     * of it in Pss (smaps rounds each mapping down), where a copy of its own
     * would cost it the whole file. */
    for (int w = 0; w < 3 && !run_is_wrapped(); w++) {
        char label[16];
        snprintf(label, sizeof label, "\n     %d ", w);
        const char *row = strstr(r.out, label);
        assert_non_null(row);
        unsigned long long pid, rss, pss, priv, data_rss, data_pss;
        assert_int_equal(sscanf(row + strlen(label), "%llu %llu %llu %llu %llu %llu", &pid, &rss,
                                &pss, &priv, &data_rss, &data_pss), 6);
        assert_true(data_pss + 1 >= size / 1024 / 3);
        assert_true(data_pss <= size / 1024 / 3 + 1);
    }
    run_free(&r);
    unsigned char *now = read_file(path, &n);
    long page = sysconf(_SC_PAGESIZE);
    for (size_t off = 0; off < size; off++)
        assert_int_equal(now[off], off % (size_t)page == 0 ? (before[off] ^ 0xFF) : before[off]);
    free(now);
    free(before);

    run(&r, NULL, "sharemap", "-p", "3", "--writer", "shared", "--csv", path, NULL);
    assert_exit(&r, 0);
    struct row rows[3];
    assert_int_equal(parse_csv(r.out, rows, 3), 3);
    assert_string_equal(rows[0].checksum, first); /* flipped twice: back where it began */
    all_checksums_equal(rows, 3);
    for (int i = 0; i < 3 && !run_is_wrapped(); i++)
        assert_true(rows[i].private_kib < size / 1024 / 4);
    run_free(&r);
}

/* ---- no zombies, no leftovers ------------------------------------------ */

struct held {
    pid_t pid;
    int in, out, err;
    char text[8192];
    size_t len;
};

/* Start sharemap --hold with pipes we control, and read until it holds. */
static void start_held(struct held *h, const char *path, const char *procs)
{
    int in[2], out[2], err[2];
    assert_int_equal(pipe(in), 0);
    assert_int_equal(pipe(out), 0);
    assert_int_equal(pipe(err), 0);
    fflush(NULL);
    h->pid = fork();
    assert_true(h->pid >= 0);
    if (h->pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        close(in[1]);
        close(out[0]);
        close(err[0]);
        execl(BIN_DIR "/sharemap", "sharemap", "--procs", procs, "--hold", path, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    h->in = in[1];
    h->out = out[0];
    h->err = err[0];
    h->len = 0;
    while (strstr(h->text, "press Enter") == NULL) {
        ssize_t got = read(h->out, h->text + h->len, sizeof h->text - 1 - h->len);
        assert_true(got > 0);
        h->len += (size_t)got;
        h->text[h->len] = '\0';
    }
}

static pid_t worker_pid(const struct held *h, unsigned worker)
{
    char key[16];
    snprintf(key, sizeof key, "\n%6u ", worker);
    const char *line = strstr(h->text, key);
    assert_non_null(line);
    long pid;
    assert_int_equal(sscanf(line + strlen(key), "%ld", &pid), 1);
    return (pid_t)pid;
}

static void read_to_end(int fd, char *buf, size_t size)
{
    size_t len = strlen(buf);
    ssize_t got;
    while (len + 1 < size && (got = read(fd, buf + len, size - 1 - len)) > 0)
        len += (size_t)got;
    buf[len] = '\0';
    close(fd);
}

/* As a subreaper, this process inherits any orphan sharemap leaves: if
 * waitpid(-1) finds no child at all, nothing was left behind. */
static void assert_no_children_left(void)
{
    errno = 0;
    assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
    assert_int_equal(errno, ECHILD);
}

static void a_worker_killed_mid_run_is_reaped_and_reported(void **state)
{
    const char *path = make_file(state, "data.bin", MIB);
    assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    struct held h = {0};
    start_held(&h, path, "3");
    pid_t victim = worker_pid(&h, 1);
    pid_t others[2] = {worker_pid(&h, 0), worker_pid(&h, 2)};
    assert_int_equal(kill(victim, SIGKILL), 0);
    assert_int_equal(write(h.in, "\n", 1), 1);
    close(h.in);
    read_to_end(h.out, h.text, sizeof h.text);
    char err[1024] = "";
    read_to_end(h.err, err, sizeof err);
    int status;
    assert_int_equal(waitpid(h.pid, &status, 0), h.pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 1);
    char expected[128];
    snprintf(expected, sizeof expected, "sharemap: worker 1 (pid %ld): killed by SIGKILL",
             (long)victim);
    assert_true(strncmp(err, expected, strlen(expected)) == 0);
    assert_int_equal(strchr(err, '\n') - err + 1, (long)strlen(err)); /* one line only */
    assert_no_children_left();
    for (int i = 0; i < 2; i++)
        assert_int_equal(kill(others[i], 0) == -1 && errno == ESRCH, 1);
}

/* Even if sharemap itself is killed, its workers end: they read end of file on
 * their command pipes, or the kernel kills them as they asked. They come to
 * us, the subreaper, and we reap them. */
static void workers_exit_when_sharemap_itself_is_killed(void **state)
{
    const char *path = make_file(state, "data.bin", MIB);
    assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    struct held h = {0};
    start_held(&h, path, "2");
    pid_t workers[2] = {worker_pid(&h, 0), worker_pid(&h, 1)};
    assert_int_equal(kill(h.pid, SIGKILL), 0);
    assert_int_equal(waitpid(h.pid, NULL, 0), h.pid);
    for (int reaped = 0; reaped < 2; reaped++) {
        int status;
        pid_t pid = waitpid(-1, &status, 0); /* blocks until an orphan exits */
        assert_true(pid == workers[0] || pid == workers[1]);
        /* end of file on its pipe, or the SIGKILL it asked for at its parent's death */
        assert_true((WIFEXITED(status) && WEXITSTATUS(status) == 0) ||
                    (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
    }
    assert_no_children_left();
    close(h.in);
    close(h.out);
    close(h.err);
}

/* Wait up to 10 s for each of @n orphans of ours to end, and assert that
 * SIGKILL ended each. Any still there is killed (we are the subreaper, so
 * nothing is left stopped for ever) and the test fails. */
static void assert_killed_soon(const pid_t *pids, int n)
{
    int left = n, status[8];
    pid_t done[8] = {0};
    for (int tries = 0; left > 0 && tries < 1000; tries++) {
        for (int i = 0; i < n; i++)
            if (done[i] == 0 && waitpid(pids[i], &status[i], WNOHANG) == pids[i]) {
                done[i] = pids[i];
                left--;
            }
        if (left > 0)
            nanosleep(&(struct timespec){.tv_nsec = 10 * 1000 * 1000}, NULL);
    }
    for (int i = 0; i < n; i++)
        if (done[i] == 0) {
            kill(pids[i], SIGKILL);
            waitpid(pids[i], NULL, 0);
        }
    if (left > 0)
        fail_msg("%d worker(s) outlived sharemap", left);
    for (int i = 0; i < n; i++) {
        assert_true(WIFSIGNALED(status[i]));
        assert_int_equal(WTERMSIG(status[i]), SIGKILL);
    }
}

/* SIGTERM or SIGINT to sharemap while its workers cannot read their pipes
 * (stopped here, as a worker busy on a large file would be in life): they
 * must not outlive it. Each asked the kernel for SIGKILL at its parent's death. */
static void a_signal_to_sharemap_ends_every_worker(void **state)
{
    const char *path = make_file(state, "data.bin", MIB);
    assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    const int signals[] = {SIGTERM, SIGINT};
    for (int k = 0; k < 2; k++) {
        struct held h = {0};
        start_held(&h, path, "2");
        pid_t workers[2] = {worker_pid(&h, 0), worker_pid(&h, 1)};
        for (int i = 0; i < 2; i++)
            assert_int_equal(kill(workers[i], SIGSTOP), 0);
        assert_int_equal(kill(h.pid, signals[k]), 0);
        int status;
        assert_int_equal(waitpid(h.pid, &status, 0), h.pid);
        assert_true(WIFSIGNALED(status));
        assert_int_equal(WTERMSIG(status), signals[k]);
        assert_killed_soon(workers, 2);
        assert_no_children_left();
        close(h.in);
        close(h.out);
        close(h.err);
    }
}

/* ---- bad input --------------------------------------------------------- */

#define expect_error(status, prefix, ...) \
    expect_run_error(status, prefix, NULL, "sharemap", __VA_ARGS__)

static void bad_numbers_of_workers_are_refused(void **state)
{
    const char *path = make_file(state, "data.bin", 4096);
    expect_error(2, "sharemap: 0: the number of workers must be from 1 to 64", "-p", "0", path,
                 NULL);
    expect_error(2, "sharemap: -3: the number of workers must be from 1 to 64", "--procs=-3",
                 path, NULL);
    expect_error(2, "sharemap: 65: the number of workers must be from 1 to 64", "-p", "65",
                 path, NULL);
    expect_error(2, "sharemap: 4x: not a valid number", "-p", "4x", path, NULL);
    expect_error(2, "sharemap: 99999999999999999999: number out of range", "-p",
                 "99999999999999999999", path, NULL);
    expect_error(2, "sharemap: --procs: needs an argument", "--procs", NULL);
}

static void bad_sizes_and_modes_are_refused(void **state)
{
    const char *path = tmp_path(*state, "never-created.bin");
    expect_error(2, "sharemap: 0: the size must be from 1 byte to 1G", "-s", "0", path, NULL);
    expect_error(2, "sharemap: 2G: the size must be from 1 byte to 1G", "--size", "2G", path,
                 NULL);
    expect_error(2, "sharemap: 12Q: not a valid number", "-s", "12Q", path, NULL);
    expect_error(2, "sharemap: -1: not a valid number", "-s", "-1", path, NULL);
    expect_error(2, "sharemap: mmmap: unknown mode: use mmap, read or both", "-m", "mmmap", path,
                 NULL);
    expect_error(2, "sharemap: public: unknown writer: use private or shared", "-w", "public",
                 path, NULL);
    expect_error(2, "sharemap: --writer: needs --mode mmap", "-w", "private", "-m", "read", path,
                 NULL);
    expect_error(2, "sharemap: --frobnicate: unknown option", "--frobnicate", path, NULL);
    expect_error(2, "sharemap: b: only one FILE is allowed", "a", "b", NULL);
    assert_int_equal(access(path, F_OK), -1); /* a usage error creates nothing */
}

static void directories_and_special_files_are_refused(void **state)
{
    struct tmp *t = *state;
    char prefix[400];
    snprintf(prefix, sizeof prefix, "sharemap: %s: cannot map a directory", t->dir);
    expect_error(1, prefix, t->dir, NULL);
    expect_error(1, "sharemap: /dev/null: cannot map a character device", "/dev/null", NULL);
    const char *fifo = tmp_path(*state, "fifo");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    snprintf(prefix, sizeof prefix, "sharemap: %s: cannot map a pipe", fifo);
    expect_error(1, prefix, fifo, NULL);
    const char *empty = tmp_path(*state, "empty");
    assert_int_equal(write_file(empty, "", 0), 0);
    snprintf(prefix, sizeof prefix, "sharemap: %s: file is empty", empty);
    expect_error(1, prefix, "-m", "read", empty, NULL);
    const char *nowhere = tmp_path(*state, "no/such/dir/file.bin");
    snprintf(prefix, sizeof prefix, "sharemap: %s: cannot create: No such file or directory",
             nowhere);
    expect_error(1, prefix, nowhere, NULL);
}

static void help_goes_to_stdout(void **state)
{
    (void)state;
    struct run_result r;
    run(&r, NULL, "sharemap", "-h", NULL);
    assert_exit(&r, 0);
    assert_contains(r.out, "usage: sharemap [--procs N] [--size BYTES] [--mode mmap|read|both] "
                           "[--csv] [FILE]\n");
    assert_contains(r.out, HEADER);
    assert_int_equal(r.err_len, 0);
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(csv_has_the_exact_header_and_one_row_per_worker,
                                        tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(read_mode_gives_each_worker_a_private_copy, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(table_lists_every_worker_and_the_page_cache, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(read_mode_counts_the_page_cache_copy_too, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test(the_page_cache_is_unknown_where_mincore_would_lie),
        cmocka_unit_test_setup_teardown(a_missing_file_is_created_with_the_same_bytes_each_time,
                                        tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(a_private_writer_copies_its_pages_and_leaves_the_file,
                                        tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(a_shared_writer_is_seen_by_every_reader, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(a_worker_killed_mid_run_is_reaped_and_reported,
                                        tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(workers_exit_when_sharemap_itself_is_killed, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(a_signal_to_sharemap_ends_every_worker, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(bad_numbers_of_workers_are_refused, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(bad_sizes_and_modes_are_refused, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(directories_and_special_files_are_refused, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test(help_goes_to_stdout),
    };
    return cmocka_run_group_tests_name("chapter 4: sharemap end to end", tests, NULL, NULL);
}
