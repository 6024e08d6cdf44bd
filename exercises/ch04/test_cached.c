/* Grades exercise 4.2: cached_pages() must count a file's resident pages with
 * mincore(), without bringing any page in, refuse a file mincore() would lie
 * about, and clean up on every path. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "cached.h"
#include "fault.h"
#include "tmp.h"

enum { PAGES = 64 };

static size_t page(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}

static const char *make_file(void **state, size_t size)
{
    const char *path = tmp_path(*state, "data.bin");
    char *bytes = malloc(size);
    memset(bytes, 'z', size);
    assert_int_equal(write_file(path, bytes, size), 0);
    free(bytes);
    return path;
}

/* Write back, then drop the file's pages from the cache. On a file system
 * that keeps files in memory (tmpfs), there is no dropping: skip. */
static void evict(const char *path)
{
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(fsync(fd), 0);
    assert_int_equal(posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED), 0);
    close(fd);
}

static void an_evicted_file_has_no_cached_page_even_when_asked_twice(void **state)
{
    const char *path = make_file(state, PAGES * page());
    evict(path);
    size_t cached = 99, total = 0;
    assert_int_equal(cached_pages(path, &cached, &total), 0);
    assert_int_equal(total, PAGES);
    if (cached != 0) {
        /* Your answer may be right: check the file system does evict. */
        int fd = open(path, O_RDONLY);
        void *p = mmap(NULL, PAGES * page(), PROT_READ, MAP_SHARED, fd, 0);
        unsigned char vec[PAGES];
        int dropped = mincore(p, PAGES * page(), vec) == 0 && (vec[0] & 1) == 0;
        munmap(p, PAGES * page());
        close(fd);
        if (!dropped)
            skip(); /* tmpfs: pages cannot leave the cache */
    }
    assert_int_equal(cached, 0);
    /* Asking must not bring pages in: a second answer is the same. */
    assert_int_equal(cached_pages(path, &cached, &total), 0);
    assert_int_equal(cached, 0);
}

static void pages_read_are_counted(void **state)
{
    const char *path = make_file(state, PAGES * page());
    evict(path);
    int fd = open(path, O_RDONLY);
    char *buf = malloc(16 * page());
    assert_int_equal(pread(fd, buf, 16 * page(), 0), (ssize_t)(16 * page()));
    free(buf);
    close(fd);
    size_t cached, total;
    assert_int_equal(cached_pages(path, &cached, &total), 0);
    assert_true(cached >= 16); /* read-ahead may have brought in more */
    assert_true(cached <= PAGES);
    /* A whole read brings in every page. */
    size_t n;
    free(read_file(path, &n));
    assert_int_equal(cached_pages(path, &cached, &total), 0);
    assert_int_equal(cached, PAGES);
}

static void a_partial_last_page_counts(void **state)
{
    const char *path = make_file(state, 2 * page() + 100);
    size_t cached, total;
    assert_int_equal(cached_pages(path, &cached, &total), 0);
    assert_int_equal(total, 3);
}

static void files_that_cannot_be_mapped_are_errors(void **state)
{
    struct tmp *t = *state;
    size_t cached, total;
    const char *empty = tmp_path(t, "empty");
    assert_int_equal(write_file(empty, "", 0), 0);
    errno = 0;
    assert_int_equal(cached_pages(empty, &cached, &total), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(cached_pages(t->dir, &cached, &total), -1);
    errno = 0;
    assert_int_equal(cached_pages(tmp_path(t, "absent"), &cached, &total), -1);
    assert_int_equal(errno, ENOENT);
}

static void a_failing_mincore_still_unmaps(void **state)
{
    const char *path = make_file(state, 4 * page());
    size_t cached, total;
    fault_clear();
    fault_inject("mincore", ENOMEM, 0);
    errno = 0;
    assert_int_equal(cached_pages(path, &cached, &total), -1);
    assert_int_equal(errno, ENOMEM);
    assert_int_equal(fault_calls("mincore"), 1);
    assert_int_equal(fault_calls("mmap"), 1);
    assert_int_equal(fault_calls("munmap"), 1);
    assert_int_equal(fault_calls("close"), fault_calls("open"));
    fault_clear();
}

/* mincore() says "resident" for every page of a file the caller neither owns
 * nor may write (Linux 5.2 on): the answer must be an error, not a count.
 * Root may write anything, so a child becomes nobody to ask. */
static void a_file_mincore_would_lie_about_is_refused(void **state)
{
    struct tmp *t = *state;
    if (geteuid() != 0) {
        size_t cached = 99, total = 99;
        if (access("/etc/passwd", W_OK) == 0)
            skip(); /* we may write it: mincore would tell the truth */
        errno = 0;
        assert_int_equal(cached_pages("/etc/passwd", &cached, &total), -1);
        assert_int_equal(errno, EACCES);
        return;
    }
    const char *path = make_file(state, 4 * page());
    assert_int_equal(chmod(t->dir, 0755), 0); /* let nobody reach the file */
    assert_int_equal(chmod(path, 0644), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (setgid(65534) != 0 || setuid(65534) != 0)
            _exit(2);
        size_t cached, total;
        errno = 0;
        int rc = cached_pages(path, &cached, &total);
        _exit(rc == -1 && errno == EACCES ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 1)
        fail_msg("as nobody, on a file owned by root: expected -1 with errno EACCES");
    assert_int_equal(WEXITSTATUS(status), 0);
}

static int setup(void **state)
{
    fault_clear();
    return tmp_setup(state);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(an_evicted_file_has_no_cached_page_even_when_asked_twice,
                                        setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(pages_read_are_counted, setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(a_partial_last_page_counts, setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(files_that_cannot_be_mapped_are_errors, setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(a_failing_mincore_still_unmaps, setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(a_file_mincore_would_lie_about_is_refused, setup,
                                        tmp_teardown),
    };
    return cmocka_run_group_tests_name("exercise 4.2: how much of a file is cached", tests,
                                       NULL, NULL);
}
