/* Grades exercise 3.1: correct bytes everywhere, and few pread() calls. */
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

#include "bufread.h"
#include "fault.h"
#include "tmp.h"

enum { FILE_SIZE = 64 * 1024, WINDOW = 4096 };

struct fixture {
    struct tmp tmp; /* first, so tmp_setup's state works as ours */
    unsigned char data[FILE_SIZE];
    int fd;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    void *t;
    if (tmp_setup(&t) != 0)
        return -1;
    memcpy(&f->tmp, t, sizeof f->tmp);
    free(t);
    uint32_t x = 88172645u;
    for (size_t i = 0; i < FILE_SIZE; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        f->data[i] = (unsigned char)x;
    }
    const char *path = tmp_path(&f->tmp, "data");
    if (write_file(path, f->data, FILE_SIZE) != 0)
        return -1;
    f->fd = open(path, O_RDONLY);
    *state = f;
    return f->fd < 0 ? -1 : 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    close(f->fd);
    struct tmp *t = malloc(sizeof *t);
    memcpy(t, &f->tmp, sizeof *t);
    void *s = t;
    tmp_teardown(&s);
    free(f);
    return 0;
}

/* The article's pattern with 32-byte steps: every byte right, and at most
 * two pread() calls per window's worth of file (stdio needs three). */
static void the_seek_pattern_reads_right_and_rarely(void **state)
{
    struct fixture *f = *state;
    struct bufread br;
    want_eq(bufread_init(&br, f->fd, WINDOW), 0);
    fault_clear();
    unsigned char got[32];
    for (off_t pos = 0; pos + 96 <= FILE_SIZE; pos += 32) {
        want_eq(bufread_at(&br, pos + 64, got, 32), 0);
        want_mem(got, f->data + pos + 64, 32);
        want_eq(bufread_at(&br, pos + 32, got, 32), 0);
        want_mem(got, f->data + pos + 32, 32);
    }
    unsigned calls = fault_calls("pread");
    print_message("pread() calls for the pattern over %d KiB: %u\n", FILE_SIZE / 1024, calls);
    want_true(calls >= 1, "pread() was never called: the bytes must come from the file");
    want_true(calls <= 2 * (FILE_SIZE / WINDOW),
              "the pattern over %d KiB made %u pread() calls; at most %d are allowed (2 per %d-byte window)",
              FILE_SIZE / 1024, calls, 2 * (FILE_SIZE / WINDOW), WINDOW);
    bufread_free(&br);
}

static void reads_anywhere_are_right(void **state)
{
    struct fixture *f = *state;
    struct bufread br;
    want_eq(bufread_init(&br, f->fd, WINDOW), 0);
    static const struct { off_t pos; size_t n; } cases[] = {
        {0, 1}, {4000, 200}, {4095, 2}, {100, WINDOW}, {FILE_SIZE - WINDOW, WINDOW},
        {FILE_SIZE - 1, 1}, {12345, 777}, {12340, 10}, {0, 1},
    };
    unsigned char *got = malloc(WINDOW);
    want_true(got != NULL, "out of memory");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        want_eq(bufread_at(&br, cases[i].pos, got, cases[i].n), 0);
        want_mem(got, f->data + cases[i].pos, cases[i].n);
    }
    free(got);
    bufread_free(&br);
}

static void errors_are_reported(void **state)
{
    struct fixture *f = *state;
    struct bufread br;
    unsigned char got[WINDOW + 1];
    want_eq(bufread_init(&br, f->fd, 0), -1);
    want_errno(EINVAL);
    want_eq(bufread_init(&br, f->fd, WINDOW), 0);
    want_eq(bufread_at(&br, 0, got, 0), -1);
    want_errno(EINVAL);
    want_eq(bufread_at(&br, 0, got, WINDOW + 1), -1);
    want_errno(EINVAL);
    want_eq(bufread_at(&br, -1, got, 1), -1);
    want_errno(EINVAL);
    want_eq(bufread_at(&br, FILE_SIZE - 10, got, 11), -1);
    want_errno(ENODATA);
    want_eq(bufread_at(&br, FILE_SIZE + 100, got, 1), -1);
    want_errno(ENODATA);
    fault_clear();
    fault_inject("pread", EIO, 0);
    want_eq(bufread_at(&br, 20000, got, 8), -1);
    want_errno(EIO);
    fault_clear();
    /* after an error, the reader still works */
    want_eq(bufread_at(&br, 20000, got, 8), 0);
    want_mem(got, f->data + 20000, 8);
    bufread_free(&br);
    bufread_free(&br);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_seek_pattern_reads_right_and_rarely, setup, teardown),
        cmocka_unit_test_setup_teardown(reads_anywhere_are_right, setup, teardown),
        cmocka_unit_test_setup_teardown(errors_are_reported, setup, teardown),
    };
    return run_exercise_tests("exercise 3.1: bufread", tests);
}
