/* Chapter 1, unit tests: the helper library (code/common) and mapview's own
 * modules (lib/request.h, lib/view.h), with fault injection for the errors
 * no honest input provokes. */
#include "bytes.h"
#include "mapping.h"
#include "parse.h"
#include "report.h"
#include "request.h"
#include "view.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/statfs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "fault.h"
#include "tmp.h"

static void parse_u64_accepts_only_whole_numbers(void **state)
{
    (void)state;
    uint64_t v = 7;
    assert_int_equal(parse_u64("0", 10, &v), 0);
    assert_int_equal(v, 0);
    assert_int_equal(parse_u64("18446744073709551615", UINT64_MAX, &v), 0);
    assert_true(v == UINT64_MAX);
    const char *bad[] = {"", " 1", "1 ", "+1", "-1", "1x", "0x10", "1.5", NULL};
    for (int i = 0; bad[i]; i++) {
        errno = 0;
        assert_int_equal(parse_u64(bad[i], UINT64_MAX, &v), -1);
        assert_int_equal(errno, EINVAL);
    }
    assert_int_equal(parse_u64("18446744073709551616", UINT64_MAX, &v), -1);
    assert_int_equal(errno, ERANGE);
    assert_int_equal(parse_u64("11", 10, &v), -1);
    assert_int_equal(errno, ERANGE);
    assert_int_equal(parse_u64(NULL, 10, &v), -1);
    assert_true(v == UINT64_MAX); /* untouched by failures */
}

static void parse_i64_handles_both_ends(void **state)
{
    (void)state;
    int64_t v;
    assert_int_equal(parse_i64("-9223372036854775808", INT64_MIN, INT64_MAX, &v), 0);
    assert_true(v == INT64_MIN);
    assert_int_equal(parse_i64("9223372036854775807", INT64_MIN, INT64_MAX, &v), 0);
    assert_true(v == INT64_MAX);
    assert_int_equal(parse_i64("-9223372036854775809", INT64_MIN, INT64_MAX, &v), -1);
    assert_int_equal(errno, ERANGE);
    assert_int_equal(parse_i64("9223372036854775808", INT64_MIN, INT64_MAX, &v), -1);
    assert_int_equal(errno, ERANGE);
    assert_int_equal(parse_i64("-5", -4, 4, &v), -1);
    assert_int_equal(errno, ERANGE);
    assert_int_equal(parse_i64("-4", -4, 4, &v), 0);
    assert_int_equal(v, -4);
    assert_int_equal(parse_i64("-1", 1, 10, &v), -1);
    assert_int_equal(errno, ERANGE);
    assert_int_equal(parse_i64("--1", INT64_MIN, INT64_MAX, &v), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(parse_i64("-", INT64_MIN, INT64_MAX, &v), -1);
    assert_int_equal(errno, EINVAL);
}

static void parse_bytes_knows_binary_suffixes(void **state)
{
    (void)state;
    uint64_t v;
    assert_int_equal(parse_bytes("4096", UINT64_MAX, &v), 0);
    assert_int_equal(v, 4096);
    assert_int_equal(parse_bytes("64M", UINT64_MAX, &v), 0);
    assert_int_equal(v, 64u << 20);
    assert_int_equal(parse_bytes("2K", UINT64_MAX, &v), 0);
    assert_int_equal(v, 2048);
    assert_int_equal(parse_bytes("1G", UINT64_MAX, &v), 0);
    assert_int_equal(v, 1u << 30);
    assert_int_equal(parse_bytes("1G", (1u << 30) - 1, &v), -1);
    assert_int_equal(errno, ERANGE);
    assert_int_equal(parse_bytes("17179869184G", UINT64_MAX, &v), -1);
    assert_int_equal(errno, ERANGE);
    const char *bad[] = {"M", "1k", "1MB", "1 M", "-1M", NULL};
    for (int i = 0; bad[i]; i++) {
        assert_int_equal(parse_bytes(bad[i], UINT64_MAX, &v), -1);
        assert_int_equal(errno, EINVAL);
    }
    assert_string_equal(parse_error(EINVAL), "not a valid number");
    assert_string_equal(parse_error(ERANGE), "number out of range");
}

static void parse_slice_takes_two_numbers(void **state)
{
    (void)state;
    uint64_t a, b;
    assert_int_equal(parse_slice("1:4", &a, &b), 0);
    assert_int_equal(a, 1);
    assert_int_equal(b, 4);
    const char *bad[] = {"1", "1:", ":4", "a:4", "1:b", "1:4:5", "-1:4", NULL};
    for (int i = 0; bad[i]; i++)
        assert_int_equal(parse_slice(bad[i], &a, &b), -1);
}

static void find_bytes_matches_python_find(void **state)
{
    (void)state;
    const unsigned char *s = (const unsigned char *)"abcabcd";
    assert_int_equal(find_bytes(s, 7, (const unsigned char *)"abc", 3), 0);
    assert_int_equal(find_bytes(s, 7, (const unsigned char *)"bcd", 3), 4);
    assert_int_equal(find_bytes(s, 7, (const unsigned char *)"d", 1), 6);
    assert_int_equal(find_bytes(s, 7, (const unsigned char *)"abcd", 4), 3);
    assert_int_equal(find_bytes(s, 7, (const unsigned char *)"abd", 3), -1);
    assert_int_equal(find_bytes(s, 7, (const unsigned char *)"abcabcde", 8), -1);
    /* a match must lie wholly inside the size given, even if memory goes on */
    assert_int_equal(find_bytes(s, 6, (const unsigned char *)"cd", 2), -1);
}

static void print_escaped_shows_every_byte(void **state)
{
    (void)state;
    char buf[128] = {0};
    FILE *f = fmemopen(buf, sizeof buf, "w");
    assert_non_null(f);
    const unsigned char bytes[] = {'a', '"', '\\', '\n', '\t', '\r', 0, 0x7f, 0xff};
    int n = print_escaped(f, bytes, sizeof bytes);
    fclose(f);
    assert_string_equal(buf, "\"a\\\"\\\\\\n\\t\\r\\x00\\x7f\\xff\"");
    assert_int_equal(n, (int)strlen(buf));
}

static void file_kind_names_each_type(void **state)
{
    (void)state;
    assert_string_equal(file_kind(S_IFREG), "a regular file");
    assert_string_equal(file_kind(S_IFDIR), "a directory");
    assert_string_equal(file_kind(S_IFIFO), "a pipe");
    assert_string_equal(file_kind(S_IFCHR), "a character device");
    assert_string_equal(file_kind(S_IFBLK), "a block device");
    assert_string_equal(file_kind(S_IFSOCK), "a socket");
}

static void map_file_maps_whole_pages(void **state)
{
    const char *path = tmp_path(*state, "f");
    assert_int_equal(write_file(path, "abc", 3), 0);
    struct mapped_file mf;
    const char *why = NULL;
    fault_clear();
    assert_int_equal(map_file_readonly(path, &mf, &why), 0);
    assert_int_equal(mf.size, 3);
    assert_int_equal(mf.length, page_size());
    assert_memory_equal(mf.data, "abc", 3);
    assert_int_equal(mf.data[3], 0); /* the rest of the page reads as zeros */
    /* the descriptor was closed: one open, one close */
    assert_int_equal(fault_calls("open"), 1);
    assert_int_equal(fault_calls("close"), 1);
    assert_int_equal(unmap_file(&mf), 0);
    assert_null(mf.data);
    assert_int_equal(unmap_file(&mf), 0); /* harmless twice */
}

static void map_file_private_stores_stay_private(void **state)
{
    const char *path = tmp_path(*state, "f");
    assert_int_equal(write_file(path, "abc", 3), 0);
    struct mapped_file mf;
    const char *why;
    assert_int_equal(map_file(path, MAP_ACCESS_PRIVATE, &mf, &why), 0);
    mf.data[0] = 'X';
    assert_int_equal(unmap_file(&mf), 0);
    assert_file_equals(path, "abc", 3);
    assert_int_equal(map_file(path, MAP_ACCESS_SHARED, &mf, &why), 0);
    mf.data[0] = 'Y';
    assert_int_equal(unmap_file(&mf), 0);
    assert_file_equals(path, "Ybc", 3);
}

/* Each injected failure: -1, errno kept, a message, nothing mapped, no descriptor leaked. */
static void expect_injected_failure(void **state, const char *call, int err, const char *why_expected)
{
    const char *path = tmp_path(*state, "f");
    assert_int_equal(write_file(path, "abc", 3), 0);
    struct mapped_file mf = {(unsigned char *)1, 1, 1};
    const char *why = NULL;
    fault_clear();
    fault_inject(call, err, 0);
    errno = 0;
    assert_int_equal(map_file_readonly(path, &mf, &why), -1);
    assert_int_equal(errno, err);
    assert_string_equal(why, why_expected);
    assert_null(mf.data);
    assert_int_equal(fault_calls("close"), fault_calls("open") - (strcmp(call, "open") == 0));
    fault_clear();
}

static void open_failure_is_reported(void **state)
{
    expect_injected_failure(state, "open", EACCES, "Permission denied");
}

static void fstat_failure_is_reported(void **state)
{
    expect_injected_failure(state, "fstat", EIO, "Input/output error");
}

static void mmap_failure_is_reported(void **state)
{
    expect_injected_failure(state, "mmap", ENOMEM, "Cannot allocate memory");
}

static void munmap_failure_is_reported(void **state)
{
    const char *path = tmp_path(*state, "f");
    assert_int_equal(write_file(path, "abc", 3), 0);
    struct mapped_file mf;
    const char *why;
    assert_int_equal(map_file_readonly(path, &mf, &why), 0);
    void *addr = mf.data;
    size_t len = mf.size;
    fault_clear();
    fault_inject("munmap", EINVAL, 0);
    assert_int_equal(unmap_file(&mf), -1);
    assert_int_equal(errno, EINVAL);
    assert_int_equal(munmap(addr, len), 0); /* the real one, to clean up */
}

static void check_mappable_refuses_what_it_must(void **state)
{
    size_t size = 99;
    const char *why;
    int fd = open("/dev/null", O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(check_mappable(fd, &size, &why), -1);
    assert_int_equal(errno, ENODEV);
    assert_string_equal(why, "cannot map a character device: only regular files can be mapped");
    close(fd);
    struct tmp *t = *state;
    fd = open(t->dir, O_RDONLY);
    assert_int_equal(check_mappable(fd, &size, &why), -1);
    assert_int_equal(errno, EISDIR);
    close(fd);
    const char *path = tmp_path(t, "empty");
    assert_int_equal(write_file(path, "", 0), 0);
    fd = open(path, O_RDONLY);
    assert_int_equal(check_mappable(fd, &size, &why), -1);
    assert_int_equal(errno, EINVAL);
    assert_string_equal(why, "file is empty: there is nothing to map");
    close(fd);
    assert_int_equal(size, 99); /* untouched by failures */
}

/* mapview's work once its options are read, in-process: a failed munmap is
 * reported and makes the status 1. */
static void view_file_reports_munmap_failure(void **state)
{
    const char *path = tmp_path(*state, "f");
    assert_int_equal(write_file(path, "abc", 3), 0);
    struct request r;
    FILE *saved_out = stdout, *saved_err = stderr;
    stdout = fopen("/dev/null", "w");
    stderr = fopen("/dev/null", "w");
    assert_int_equal(parse_request(&r, 'i', "-1"), 0);
    fault_clear();
    fault_inject("munmap", EINVAL, 0);
    int status = view_file(path, &r, 1);
    unsigned munmaps = fault_calls("munmap");
    fault_clear();
    fclose(stdout);
    fclose(stderr);
    stdout = saved_out;
    stderr = saved_err;
    assert_int_equal(status, EXIT_FAIL);
    assert_int_equal(munmaps, 1);
}

/* -s reads START as strictly as -i reads INDEX: leading zeros are fine, and
 * 32 digits of them are as good as one. */
static void slice_start_takes_as_many_digits_as_an_index(void **state)
{
    (void)state;
    const char *zeros = "00000000000000000000000000000000000000001";
    char text[128];
    snprintf(text, sizeof text, "%s:%s", zeros, zeros);
    uint64_t a = 0, b = 0;
    assert_int_equal(parse_slice(text, &a, &b), 0);
    assert_int_equal(a, 1);
    assert_int_equal(b, 1);
    int64_t i = 0;
    assert_int_equal(parse_i64(zeros, INT64_MIN, INT64_MAX, &i), 0);
    assert_int_equal(i, 1);
    errno = 0;
    assert_int_equal(parse_slice("18446744073709551616:1", &a, &b), -1);
    assert_int_equal(errno, ERANGE);
}

/* Chapter 1's claim about the page tail on tmpfs: bytes stored past the end
 * of the file are not part of it, yet nothing clears them, so they become
 * file content when the file grows. Run where /dev/shm is a tmpfs. */
static void tmpfs_keeps_a_stored_tail_when_the_file_grows(void **state)
{
    (void)state;
    struct statfs fs;
    if (statfs("/dev/shm", &fs) != 0 || fs.f_type != 0x01021994 /* TMPFS_MAGIC */)
        skip();
    char path[] = "/dev/shm/mmf-tail-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    assert_int_equal(write(fd, "hello\n", 6), 6);
    unsigned char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    assert_true(p != MAP_FAILED);
    memcpy(p + 100, "GHOST", 5); /* past the end of the 6-byte file */
    assert_int_equal(munmap(p, 4096), 0);
    char buf[5];
    assert_int_equal(pread(fd, buf, sizeof buf, 100), 0); /* not part of the file */
    assert_int_equal(ftruncate(fd, 8192), 0);
    assert_int_equal(pread(fd, buf, sizeof buf, 100), 5);
    assert_memory_equal(buf, "GHOST", 5);                 /* now it is */
    close(fd);
}

/* Chapter 1's claim about the page tail on ext4: until the page is written
 * back, a later mapping sees bytes stored past the end of the file (mmap(2),
 * BUGS); writing it back clears them, and the file grows with zeros there.
 * Run where the tests' scratch directory is on ext4. */
static void ext4_clears_a_stored_tail_when_the_page_is_written_back(void **state)
{
    struct tmp *t = *state;
    struct statfs fs;
    if (statfs(t->dir, &fs) != 0 || fs.f_type != 0xEF53 /* EXT4_SUPER_MAGIC */)
        skip();
    const char *path = tmp_file(t, "tail", "hello\n", 6);
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    unsigned char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    assert_true(p != MAP_FAILED);
    memcpy(p + 100, "GHOST", 5); /* past the end of the 6-byte file */
    assert_int_equal(munmap(p, 4096), 0);
    p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    assert_true(p != MAP_FAILED);
    assert_memory_equal(p + 100, "GHOST", 5); /* not written back yet: still there */
    assert_int_equal(munmap(p, 4096), 0);
    assert_int_equal(fsync(fd), 0);
    p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    assert_true(p != MAP_FAILED);
    static const unsigned char zeros[5];
    assert_memory_equal(p + 100, zeros, 5); /* written back: the tail is clear */
    assert_int_equal(munmap(p, 4096), 0);
    assert_int_equal(ftruncate(fd, 8192), 0);
    char buf[5];
    assert_int_equal(pread(fd, buf, sizeof buf, 100), 5);
    assert_memory_equal(buf, zeros, 5); /* and the file grows with zeros */
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_u64_accepts_only_whole_numbers),
        cmocka_unit_test(parse_i64_handles_both_ends),
        cmocka_unit_test(parse_bytes_knows_binary_suffixes),
        cmocka_unit_test(parse_slice_takes_two_numbers),
        cmocka_unit_test(find_bytes_matches_python_find),
        cmocka_unit_test(print_escaped_shows_every_byte),
        cmocka_unit_test(file_kind_names_each_type),
        cmocka_unit_test_setup_teardown(map_file_maps_whole_pages, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(map_file_private_stores_stay_private, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(open_failure_is_reported, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(fstat_failure_is_reported, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(mmap_failure_is_reported, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(munmap_failure_is_reported, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(check_mappable_refuses_what_it_must, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(view_file_reports_munmap_failure, tmp_setup, tmp_teardown),
        cmocka_unit_test(slice_start_takes_as_many_digits_as_an_index),
        cmocka_unit_test(tmpfs_keeps_a_stored_tail_when_the_file_grows),
        cmocka_unit_test_setup_teardown(ext4_clears_a_stored_tail_when_the_page_is_written_back,
                                        tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests_name("ch01 helpers and fault injection", tests, NULL, NULL);
}
