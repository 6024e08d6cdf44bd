/* Grades exercise 5.1: map_range() maps any range, at any offset, and refuses
 * what would fail or fault. */
#define _GNU_SOURCE /* mincore */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "want.h"

#include "map_range.h"
#include "tmp.h"

static size_t page(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}

static unsigned char pattern(size_t i)
{
    return (unsigned char)((i * 7 + 3) % 251);
}

/* A file of 3 pages and 123 bytes, every byte predictable; returns an O_RDONLY fd. */
static int sample(void **state, size_t *size)
{
    *size = 3 * page() + 123;
    unsigned char *bytes = malloc(*size);
    want_true(bytes != NULL, "out of memory");
    for (size_t i = 0; i < *size; i++)
        bytes[i] = pattern(i);
    const char *path = tmp_path(*state, "sample.bin");
    want_eq(write_file(path, bytes, *size), 0);
    free(bytes);
    int fd = open(path, O_RDONLY);
    want_true(fd >= 0, "the test cannot open its file: %s", strerror(errno));
    return fd;
}

static void check_range(int fd, off_t offset, size_t length)
{
    struct range_map rm;
    if (map_range(fd, offset, length, &rm) != 0)
        fail_msg("map_range(fd, %lld, %zu): expected 0, got -1 (errno is %s: %s)", (long long)offset,
                 length, errno_name(errno), strerror(errno));
    want_true(rm.data != NULL, "map_range() returned 0 but left rm->data NULL");
    want_eq(rm.length, length);
    want_eq((uintptr_t)rm.base % page(), 0);
    want_true(rm.data >= (const unsigned char *)rm.base &&
                  rm.data + length <= (const unsigned char *)rm.base + rm.base_length,
              "the range at offset %lld (%zu bytes) must lie inside [base, base + base_length)",
              (long long)offset, length);
    for (size_t i = 0; i < length; i++)
        if (rm.data[i] != pattern((size_t)offset + i))
            fail_msg("byte %zu of the range at offset %lld: expected 0x%02x, got 0x%02x", i,
                     (long long)offset, pattern((size_t)offset + i), rm.data[i]);
    void *base = rm.base;
    want_eq(unmap_range(&rm), 0);
    want_true(rm.data == NULL, "unmap_range() must zero the struct");
    unsigned char vec;
    want_true(mincore(base, page(), &vec) == -1 && errno == ENOMEM,
              "unmap_range() returned 0, but the pages at rm->base are still mapped");
}

static void aligned_and_unaligned_ranges_map(void **state)
{
    size_t size;
    int fd = sample(state, &size);
    check_range(fd, 0, 10);
    check_range(fd, 100, 50);
    check_range(fd, (off_t)page() - 1, 2);      /* across a page boundary */
    check_range(fd, (off_t)page(), 10);
    check_range(fd, 5000, 100);
    check_range(fd, (off_t)(size - 23), 23);     /* up to the last byte */
    check_range(fd, 0, size);                    /* the whole file */
    close(fd);
}

static void bad_requests_are_refused(void **state)
{
    size_t size;
    int fd = sample(state, &size);
    struct range_map rm;
    errno = 0;
    want_eq(map_range(fd, (off_t)size - 1, 2, &rm), -1);
    want_errno(ERANGE);
    want_eq(map_range(fd, (off_t)size + 4096, 1, &rm), -1);
    want_errno(ERANGE);
    want_eq(map_range(fd, 0, SIZE_MAX, &rm), -1);
    want_errno(ERANGE);
    want_eq(map_range(fd, 10, 0, &rm), -1);
    want_errno(EINVAL);
    want_eq(map_range(fd, -1, 1, &rm), -1);
    want_errno(EINVAL);
    want_true(rm.data == NULL, "a refused map_range() must leave rm zeroed");
    close(fd);
    int fds[2];
    want_eq(pipe(fds), 0);
    want_eq(map_range(fds[0], 0, 1, &rm), -1);
    want_errno(ENODEV);
    close(fds[0]);
    close(fds[1]);
    want_eq(unmap_range(&rm), 0); /* harmless on a zeroed struct */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(aligned_and_unaligned_ranges_map, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(bad_requests_are_refused, tmp_setup, tmp_teardown),
    };
    return run_exercise_tests("exercise 5.1: map any byte range", tests);
}
