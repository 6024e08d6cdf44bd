/* Chapter 5, the library: guarded_read() survives a file truncated under a
 * live mapping, and the safe mapper (map_file) turns each of mapfail's cases
 * into a precise message instead of a bare errno or a signal. */
#define _GNU_SOURCE /* posix_openpt, ptsname */
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
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "fault.h"
#include "guard.h"
#include "mapping.h"
#include "tmp.h"

/* --- guarded_read ----------------------------------------------------- */

/* A three-page file, mapped whole, then cut to one page. */
struct cut {
    int fd;
    unsigned char *data;
    size_t page;
};

static void map_three_pages_then_cut_to_one(void **state, struct cut *c)
{
    c->page = page_size();
    size_t n = 3 * c->page;
    unsigned char *bytes = malloc(n);
    assert_non_null(bytes);
    for (size_t i = 0; i < n; i++)
        bytes[i] = (unsigned char)('a' + i % 26);
    const char *path = tmp_path(*state, "cut.bin");
    assert_int_equal(write_file(path, bytes, n), 0);
    free(bytes);
    c->fd = open(path, O_RDWR);
    assert_true(c->fd >= 0);
    c->data = mmap(NULL, n, PROT_READ, MAP_SHARED, c->fd, 0);
    assert_true(c->data != MAP_FAILED);
    assert_int_equal(ftruncate(c->fd, (off_t)c->page), 0);
}

static void release(struct cut *c)
{
    assert_int_equal(munmap(c->data, 3 * c->page), 0);
    close(c->fd);
}

static void guarded_read_copies_an_intact_range(void **state)
{
    struct cut c;
    map_three_pages_then_cut_to_one(state, &c);
    char buf[5] = "";
    unsigned long before = guarded_faults();
    assert_int_equal(guarded_read(buf, c.data + 26, 4), 0);
    assert_memory_equal(buf, "abcd", 4);
    assert_int_equal(guarded_read(buf, c.data, 0), 0);
    assert_int_equal(guarded_faults(), before);
    release(&c);
}

static void guarded_read_recovers_from_sigbus_and_carries_on(void **state)
{
    struct cut c;
    map_three_pages_then_cut_to_one(state, &c);
    unsigned char byte = 7;
    unsigned long before = guarded_faults();
    errno = 0;
    assert_int_equal(guarded_read(&byte, c.data + 2 * c.page, 1), -1);
    assert_int_equal(errno, EFAULT);
    assert_int_equal(guarded_faults(), before + 1);
    /* Again: the first fault must not have left SIGBUS blocked, or this one
     * would kill the test instead of returning. */
    errno = 0;
    assert_int_equal(guarded_read(&byte, c.data + c.page, 1), -1);
    assert_int_equal(errno, EFAULT);
    assert_int_equal(guarded_faults(), before + 2);
    /* And the process carries on: the first page is still there. */
    assert_int_equal(guarded_read(&byte, c.data + c.page - 1, 1), 0);
    assert_int_equal(byte, (unsigned char)('a' + (c.page - 1) % 26));
    release(&c);
}

/* A copy that starts inside the file and runs past its end fails as a whole. */
static void a_read_across_the_new_end_fails(void **state)
{
    struct cut c;
    map_three_pages_then_cut_to_one(state, &c);
    char buf[64];
    assert_int_equal(guarded_read(buf, c.data + c.page - 32, sizeof buf), -1);
    assert_int_equal(errno, EFAULT);
    release(&c);
}

/* If the file grows back, the same addresses are backed again. */
static void a_file_grown_back_reads_again(void **state)
{
    struct cut c;
    map_three_pages_then_cut_to_one(state, &c);
    unsigned char byte = 7;
    assert_int_equal(guarded_read(&byte, c.data + 2 * c.page, 1), -1);
    assert_int_equal(ftruncate(c.fd, (off_t)(3 * c.page)), 0);
    assert_int_equal(guarded_read(&byte, c.data + 2 * c.page, 1), 0);
    assert_int_equal(byte, 0); /* the cut bytes are gone: a hole reads as zeros */
    release(&c);
}

static volatile sig_atomic_t marker_calls;
static void marker(int sig)
{
    (void)sig;
    marker_calls++;
}

/* A SIGBUS that is not the guard's goes to the disposition that was there
 * before, and guard_release() gives that disposition back. */
static void previous_disposition_is_kept_and_restored(void **state)
{
    struct cut c;
    map_three_pages_then_cut_to_one(state, &c);
    assert_int_equal(guard_release(), 0);
    struct sigaction mine, now, old;
    memset(&mine, 0, sizeof mine);
    mine.sa_handler = marker;
    sigemptyset(&mine.sa_mask);
    assert_int_equal(sigaction(SIGBUS, &mine, &old), 0);
    marker_calls = 0;
    unsigned char byte;
    assert_int_equal(guarded_read(&byte, c.data + 2 * c.page, 1), -1);
    assert_int_equal(guarded_read(&byte, c.data, 1), 0);
    assert_int_equal(marker_calls, 0);
    assert_int_equal(raise(SIGBUS), 0); /* not a fault in a guarded range */
    assert_int_equal(marker_calls, 1);
    assert_int_equal(guard_release(), 0);
    assert_int_equal(sigaction(SIGBUS, NULL, &now), 0);
    assert_ptr_equal(now.sa_handler, marker);
    assert_int_equal(sigaction(SIGBUS, &old, NULL), 0);
    release(&c);
}

struct touch {
    const volatile unsigned char *at;
    unsigned char byte;
};

static void touch_byte(void *arg)
{
    struct touch *t = arg;
    t->byte = *t->at;
}

/* A fault outside the guarded range is a bug, not a shrunken file: it kills
 * as it would without the guard. */
static void a_fault_outside_the_range_still_kills(void **state)
{
    struct cut c;
    map_three_pages_then_cut_to_one(state, &c);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* The disposition before the guard is the kernel's default, not cmocka's. */
        guard_release();
        signal(SIGBUS, SIG_DFL);
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        struct touch t = { .at = c.data + 2 * c.page };
        /* guard page 0 only, touch page 2 */
        guard_run(c.data, c.page, touch_byte, &t);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGBUS);
    /* The same touch with the page inside the range is caught. */
    struct touch t = { .at = c.data + 2 * c.page };
    assert_int_equal(guard_run(c.data, 3 * c.page, touch_byte, &t), -1);
    assert_int_equal(errno, EFAULT);
    assert_int_equal(guard_fault_offset(), 2 * c.page);
    release(&c);
}

/* Outside guarded_read(), the same access still kills: the guard is not a
 * process-wide net that would hide real bugs. */
static void an_unguarded_access_still_kills(void **state)
{
    struct cut c;
    map_three_pages_then_cut_to_one(state, &c);
    unsigned char byte;
    assert_int_equal(guarded_read(&byte, c.data + 2 * c.page, 1), -1);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        guard_release();
        signal(SIGBUS, SIG_DFL); /* whatever cmocka set: the kernel's answer */
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        if (guarded_read(&byte, c.data + 2 * c.page, 1) != -1) /* the guard is in place */
            _exit(3);
        byte = *(volatile unsigned char *)(c.data + 2 * c.page);
        _exit(byte);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGBUS);
    release(&c);
}

/* --- the safe mapper's message for each of mapfail's cases ---------------- */

static void expect_refusal(const char *path, enum map_access access, int err, const char *why_expected)
{
    struct mapped_file mf;
    const char *why = NULL;
    errno = 0;
    assert_int_equal(map_file(path, access, &mf, &why), -1);
    assert_int_equal(errno, err);
    assert_non_null(why);
    assert_string_equal(why, why_expected);
    assert_null(mf.data);
}

static void pipe_is_refused_by_name(void **state)
{
    const char *path = tmp_path(*state, "fifo");
    assert_int_equal(mkfifo(path, 0600), 0);
    expect_refusal(path, MAP_ACCESS_READ, ENODEV,
                   "cannot map a pipe: only regular files can be mapped");
}

static void terminal_is_refused_by_name(void **state)
{
    (void)state;
    char name[128];
    int master = open_pty(name, sizeof name);
    expect_refusal(name, MAP_ACCESS_READ, ENODEV,
                   "cannot map a character device: only regular files can be mapped");
    close(master);
}

static void special_files_are_refused_by_name(void **state)
{
    (void)state;
    expect_refusal("/dev/null", MAP_ACCESS_READ, ENODEV,
                   "cannot map a character device: only regular files can be mapped");
    expect_refusal("/proc/self/status", MAP_ACCESS_READ, ENODEV,
                   "cannot map a /proc file: its contents are made on each read");
}

static void directory_is_refused_by_name(void **state)
{
    struct tmp *t = *state;
    expect_refusal(t->dir, MAP_ACCESS_READ, EISDIR,
                   "cannot map a directory: only regular files can be mapped");
}

static void empty_file_is_refused_before_mmap(void **state)
{
    const char *path = tmp_path(*state, "empty");
    assert_int_equal(write_file(path, "", 0), 0);
    fault_clear();
    expect_refusal(path, MAP_ACCESS_READ, EINVAL, "file is empty: there is nothing to map");
    assert_int_equal(fault_calls("mmap"), 0); /* refused by the check, not by mmap() */
}

/* map_file() always maps from offset 0, and keeps the true size beside the
 * page-rounded length, so a caller can stay inside the file (past-end) and
 * never passes an unaligned offset. */
static void sizes_let_the_caller_stay_inside_the_file(void **state)
{
    const char *path = tmp_path(*state, "hundred");
    char bytes[100];
    memset(bytes, 'x', sizeof bytes);
    assert_int_equal(write_file(path, bytes, sizeof bytes), 0);
    struct mapped_file mf;
    const char *why;
    assert_int_equal(map_file_readonly(path, &mf, &why), 0);
    assert_int_equal(mf.size, 100);
    assert_int_equal(mf.length, page_size());
    assert_int_equal(unmap_file(&mf), 0);
}

static void shared_write_on_a_readonly_file_is_refused(void **state)
{
    const char *path = tmp_path(*state, "ro");
    assert_int_equal(write_file(path, "hello\n", 6), 0);
    assert_int_equal(chmod(path, 0444), 0);
    if (geteuid() == 0) {
        /* root opens a 0444 file for writing all the same; the refusal it
         * would get elsewhere is injected instead. */
        fault_clear();
        fault_inject("open", EACCES, 0);
    }
    expect_refusal(path, MAP_ACCESS_SHARED, EACCES, "Permission denied");
    fault_clear();
    /* The private contrast: map_file_private_stores_stay_private, chapter 1. */
}

/* A file of @p size bytes, all hole: it costs no disk and no memory. */
static const char *sparse_file(void **state, const char *name, off_t size)
{
    const char *path = tmp_path(*state, name);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, size), 0);
    close(fd);
    return path;
}

/* In a child, with 64 MiB of address space left, map_file() of 256 MiB. */
static void no_room_in_the_address_space_is_reported(void **state)
{
    const char *path = sparse_file(state, "quarter-gig", (off_t)256 << 20);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        FILE *f = fopen("/proc/self/statm", "r");
        unsigned long pages = 0;
        if (f == NULL || fscanf(f, "%lu", &pages) != 1)
            _exit(10);
        fclose(f);
        rlim_t room = (rlim_t)pages * page_size() + ((rlim_t)64 << 20);
        struct rlimit limit = {room, room};
        if (setrlimit(RLIMIT_AS, &limit) != 0)
            _exit(11);
        struct mapped_file mf;
        const char *why;
        int rc = map_file_readonly(path, &mf, &why);
        _exit(rc == -1 && errno == ENOMEM && strcmp(why, "Cannot allocate memory") == 0 ? 0 : 12);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static void a_sparse_terabyte_maps_through_map_file(void **state)
{
    const char *path = sparse_file(state, "terabyte", (off_t)1 << 40);
    struct mapped_file mf;
    const char *why;
    assert_int_equal(map_file_readonly(path, &mf, &why), 0);
    assert_true(mf.size == (size_t)1 << 40);
    unsigned char last;
    assert_int_equal(guarded_read(&last, mf.data + mf.size - 1, 1), 0);
    assert_int_equal(last, 0);
    assert_int_equal(unmap_file(&mf), 0);
}

/* map_file() cannot stop another process truncating the file later; the
 * guarded read is the answer, and works on map_file()'s mapping. */
static void truncation_after_map_file_is_survived(void **state)
{
    const char *path = tmp_path(*state, "shrinks");
    size_t n = 2 * page_size();
    unsigned char *bytes = calloc(1, n);
    assert_non_null(bytes);
    assert_int_equal(write_file(path, bytes, n), 0);
    free(bytes);
    struct mapped_file mf;
    const char *why;
    assert_int_equal(map_file_readonly(path, &mf, &why), 0);
    assert_int_equal(truncate(path, 0), 0);
    unsigned char byte;
    assert_int_equal(guarded_read(&byte, mf.data + page_size(), 1), -1);
    assert_int_equal(errno, EFAULT);
    assert_int_equal(unmap_file(&mf), 0);
}

/* cmocka installs its own SIGBUS handler around each test and puts the old
 * one back afterwards, behind the guard's back: give the guard's up first. */
static int guard_teardown(void **state)
{
    assert_int_equal(guard_release(), 0);
    return tmp_teardown(state);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, tmp_setup, guard_teardown)
    const struct CMUnitTest tests[] = {
        T(guarded_read_copies_an_intact_range),
        T(guarded_read_recovers_from_sigbus_and_carries_on),
        T(a_read_across_the_new_end_fails),
        T(a_file_grown_back_reads_again),
        T(previous_disposition_is_kept_and_restored),
        T(a_fault_outside_the_range_still_kills),
        T(an_unguarded_access_still_kills),
        T(pipe_is_refused_by_name),
        T(terminal_is_refused_by_name),
        T(special_files_are_refused_by_name),
        T(directory_is_refused_by_name),
        T(empty_file_is_refused_before_mmap),
        T(sizes_let_the_caller_stay_inside_the_file),
        T(shared_write_on_a_readonly_file_is_refused),
        T(no_room_in_the_address_space_is_reported),
        T(a_sparse_terabyte_maps_through_map_file),
        T(truncation_after_map_file_is_survived),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
