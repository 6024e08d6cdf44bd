/* Grades exercise 3.2: the count matches what was read, eviction empties
 * the cache, and every failure is reported with the right errno. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "evict.h"
#include "fault.h"
#include "tmp.h"

enum { PAGES = 64 };

static int open_file(void **state, const char *name, size_t size)
{
    unsigned char *d = malloc(size + 1);
    assert_non_null(d);
    memset(d, 'x', size + 1);
    const char *path = tmp_path(*state, name);
    assert_int_equal(write_file(path, d, size), 0);
    free(d);
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    return fd;
}

static size_t page(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}

static void a_file_just_written_is_resident_then_evicted(void **state)
{
    size_t size = PAGES * page();
    int fd = open_file(state, "f", size);
    fault_clear();
    assert_int_equal(resident_pages(fd, size), PAGES); /* write_file left it all cached */
    assert_int_equal(fault_calls("munmap"), fault_calls("mmap"));
    assert_int_equal(fault_calls("mincore"), 1);
    if (evict_file(fd) != 0)
        fail_msg("evict_file: %s", strerror(errno));
    assert_true(fault_calls("fsync") >= 1);
    assert_int_equal(fault_calls("posix_fadvise"), 1);
    assert_int_equal(resident_pages(fd, size), 0);
    /* reading two pages brings (at least) those two back */
    char buf[2];
    assert_int_equal(pread(fd, buf, 1, 0), 1);
    assert_int_equal(pread(fd, buf, 1, (off_t)(10 * page())), 1);
    long back = resident_pages(fd, size);
    assert_true(back >= 2);
    close(fd);
}

static void a_partial_last_page_counts(void **state)
{
    size_t size = 3 * page() + 1;
    int fd = open_file(state, "g", size);
    assert_int_equal(resident_pages(fd, size), 4);
    assert_int_equal(resident_pages(fd, 0), 0);
    close(fd);
}

static void failures_are_reported(void **state)
{
    size_t size = 4 * page();
    int fd = open_file(state, "h", size);
    fault_clear();
    fault_inject("posix_fadvise", EPERM, 0);
    errno = 0;
    assert_int_equal(evict_file(fd), -1);
    assert_int_equal(errno, EPERM);
    fault_inject("fsync", EIO, 0);
    assert_int_equal(evict_file(fd), -1);
    assert_int_equal(errno, EIO);
    assert_int_equal(fault_calls("posix_fadvise"), 1); /* no advice after a failed fsync */
    fault_inject("mmap", ENOMEM, 0);
    assert_int_equal(resident_pages(fd, size), -1);
    assert_int_equal(errno, ENOMEM);
    fault_clear();
    fault_inject("mincore", EAGAIN, 0);
    assert_int_equal(resident_pages(fd, size), -1);
    assert_int_equal(errno, EAGAIN);
    assert_int_equal(fault_calls("munmap"), 1); /* the mapping was not leaked */
    fault_clear();
    assert_int_equal(resident_pages(-1, size), -1);
    assert_int_equal(errno, EBADF);
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_file_just_written_is_resident_then_evicted, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(a_partial_last_page_counts, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(failures_are_reported, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests_name("exercise 3.2: evict", tests, NULL, NULL);
}
