/* Grades exercise 6.1: append_reserved() appends through a mapping, reserves
 * with posix_fallocate() first, and leaves the file alone when that fails. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "want.h"

#include "fault.h"
#include "reserve.h"
#include "tmp.h"

static int open_rw(const char *path)
{
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    return fd;
}

static void appends_arrive_in_the_file(void **state)
{
    const char *path = tmp_file(*state, "log", "", 0);
    int fd = open_rw(path);
    fault_clear();
    want_eq(append_reserved(fd, "hello", 5), 0);
    want_eq(append_reserved(fd, " world", 6), 0);
    want_eq(append_reserved(fd, "", 0), 0);
    want_file(path, "hello world", 11);
    want_calls("posix_fallocate", 2); /* once per append of one byte or more */
    want_calls_ge("msync", 2);         /* after each of them */
    close(fd);
}

/* An old end in the middle of a page, and bytes that cross into the next two. */
static void appends_across_pages_keep_every_byte(void **state)
{
    size_t first = 4000, more = 5000;
    unsigned char *all = malloc(first + more);
    assert_non_null(all);
    for (size_t i = 0; i < first + more; i++)
        all[i] = (unsigned char)(i * 31 + 7);
    const char *path = tmp_file(*state, "log", all, first);
    int fd = open_rw(path);
    want_eq(append_reserved(fd, all + first, more), 0);
    want_file(path, all, first + more);
    close(fd);
    free(all);
}

/* A full disk: posix_fallocate() says ENOSPC, and nothing else may happen. */
static void a_failed_reservation_changes_nothing(void **state)
{
    const char *path = tmp_file(*state, "log", "kept", 4);
    int fd = open_rw(path);
    fault_clear();
    fault_inject("posix_fallocate", ENOSPC, 0);
    errno = 0;
    int rc = append_reserved(fd, "lost", 4);
    fault_clear();
    want_eq(rc, -1);
    want_errno(ENOSPC); /* what posix_fallocate() returned */
    want_file(path, "kept", 4);
    struct stat st;
    want_eq(fstat(fd, &st), 0);
    want_eq(st.st_size, 4);
    close(fd);
}

static void a_failed_msync_is_reported(void **state)
{
    const char *path = tmp_file(*state, "log", "", 0);
    int fd = open_rw(path);
    fault_clear();
    fault_inject("msync", EIO, 0);
    errno = 0;
    int rc = append_reserved(fd, "data", 4);
    fault_clear();
    want_eq(rc, -1);
    want_errno(EIO);
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(appends_arrive_in_the_file, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(appends_across_pages_keep_every_byte, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(a_failed_reservation_changes_nothing, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(a_failed_msync_is_reported, tmp_setup, tmp_teardown),
    };
    return run_exercise_tests("exercise 6.1: Reserve before you store", tests);
}
