/* Grades exercise 3.2: both_steps() folds the same bytes as the pattern, with
 * exactly one preadv() per iteration and no other read. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "want.h"

#include "both_steps.h"
#include "fault.h"
#include "tmp.h"

enum { SIZE = 64 * 1024 + 96 };

struct fixture {
    struct tmp tmp; /* first, so tmp_teardown frees the whole fixture */
    unsigned char *data;
    int fd;
};

static int setup(void **state)
{
    void *t;
    if (tmp_setup(&t) != 0)
        return -1;
    struct fixture *f = realloc(t, sizeof *f);
    if (f == NULL)
        return -1;
    const char *path = tmp_random_file(&f->tmp, "data", SIZE);
    size_t n;
    f->data = read_file(path, &n);
    f->fd = open(path, O_RDONLY);
    *state = f;
    fault_clear();
    return f->data != NULL && n == SIZE && f->fd >= 0 ? 0 : -1;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    close(f->fd);
    free(f->data);
    return tmp_teardown(state);
}

/* The pattern as chapter 3's in-memory loop runs it: the right answer. */
static uint64_t expected_sum(const unsigned char *data, off_t limit, unsigned k)
{
    uint64_t sum = 0;
    for (off_t pos = 0; pos <= limit;) {
        pos += 64;
        sum = step_fold(sum, data + pos, k);
        pos -= 32;
        sum = step_fold(sum, data + pos, k);
    }
    return sum;
}

static void check_pattern(struct fixture *f, off_t limit, unsigned k)
{
    fault_clear();
    uint64_t sum = 0;
    want_eq(both_steps(f->fd, limit, k, &sum), 0);
    uint64_t want = expected_sum(f->data, limit, k);
    want_true(sum == want,
              "k = %u, limit = %lld: checksum %llu, expected %llu: a step read the wrong bytes, "
              "or A and B were folded in the wrong order",
              k, (long long)limit, (unsigned long long)sum, (unsigned long long)want);
    unsigned iterations = (unsigned)(limit / 32 + 1);
    want_true(fault_calls("preadv") == iterations,
              "k = %u: %u iterations made %u preadv() calls; expected exactly one per iteration",
              k, iterations, fault_calls("preadv"));
    want_calls("pread", 0);
    want_calls("read", 0);
}

static void one_call_per_iteration_with_32_byte_steps(void **state)
{
    struct fixture *f = *state;
    check_pattern(f, SIZE - 96, 32);
    print_message("the pattern over %d KiB: %u preadv() calls where pread needs %u\n",
                  (SIZE - 96) / 1024, fault_calls("preadv"), 2 * fault_calls("preadv"));
}

static void shorter_steps_leave_a_gap_between_them(void **state)
{
    struct fixture *f = *state;
    check_pattern(f, SIZE - 96, 1);
    check_pattern(f, SIZE - 96, 7);
    check_pattern(f, SIZE - 96, 31);
}

static void short_runs_and_odd_limits(void **state)
{
    struct fixture *f = *state;
    check_pattern(f, 0, 32);  /* one iteration */
    check_pattern(f, 31, 32); /* still one */
    check_pattern(f, 32, 5);  /* two */
    check_pattern(f, 1000, 16);
}

static void bad_arguments_are_refused_before_reading(void **state)
{
    struct fixture *f = *state;
    const struct { off_t limit; unsigned k; } bad[] = {{0, 0}, {0, 33}, {-1, 32}, {100, 1000}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fault_clear();
        uint64_t sum;
        errno = 0;
        want_eq(both_steps(f->fd, bad[i].limit, bad[i].k, &sum), -1);
        want_errno(EINVAL);
        want_calls("preadv", 0);
    }
}

static void a_file_that_ends_too_soon_is_enodata(void **state)
{
    struct fixture *f = *state;
    uint64_t sum;
    /* SIZE - 96 is the last start the file has room for: 64 + 32 bytes after it. */
    want_eq(both_steps(f->fd, SIZE - 96, 32, &sum), 0);
    errno = 0;
    want_eq(both_steps(f->fd, SIZE - 96 + 32, 32, &sum), -1); /* one iteration more */
    want_errno(ENODATA);
    errno = 0;
    want_eq(both_steps(f->fd, SIZE - 96 + 32, 1, &sum), -1);  /* even for one byte a step */
    want_errno(ENODATA);
    errno = 0;
    want_eq(both_steps(f->fd, SIZE + 4096, 8, &sum), -1);
    want_errno(ENODATA);
}

static void a_failed_preadv_keeps_its_errno(void **state)
{
    struct fixture *f = *state;
    uint64_t sum;
    fault_clear();
    fault_inject("preadv", EIO, 3);
    errno = 0;
    want_eq(both_steps(f->fd, SIZE - 96, 32, &sum), -1);
    want_errno(EIO);
    want_calls("preadv", 4); /* it stopped at the failure */
    fault_clear();
    errno = 0;
    want_eq(both_steps(-1, 100, 32, &sum), -1);
    want_errno(EBADF);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(one_call_per_iteration_with_32_byte_steps),
        T(shorter_steps_leave_a_gap_between_them),
        T(short_runs_and_odd_limits),
        T(bad_arguments_are_refused_before_reading),
        T(a_file_that_ends_too_soon_is_enodata),
        T(a_failed_preadv_keeps_its_errno),
    };
#undef T
    return run_exercise_tests("exercise 3.2: both steps in one call", tests);
}
