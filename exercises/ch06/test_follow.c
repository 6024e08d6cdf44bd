/* Grades exercise 6.2: follow_poll() hands back every byte a writer appends,
 * exactly once and in order, through a mapping that grows with the file. */
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

#include "follow.h"
#include "tmp.h"

/* Everything follow_poll() hands back, appended here. */
struct seen {
    unsigned char bytes[1 << 16];
    size_t n;
};

static ssize_t poll_into(struct follower *f, struct seen *s)
{
    const unsigned char *p = (const unsigned char *)"unset";
    ssize_t n = follow_poll(f, &p);
    if (n < 0)
        fail_msg("follow_poll() failed: %s", strerror(errno));
    if (n == 0 && p != NULL)
        fail_msg("follow_poll() returned 0 new bytes but did not set *out to NULL");
    if (n > 0) {
        assert_true(s->n + (size_t)n <= sizeof s->bytes);
        memcpy(s->bytes + s->n, p, (size_t)n);
        s->n += (size_t)n;
    }
    return n;
}

static void append(int fd, const void *bytes, size_t n)
{
    want_eq(write(fd, bytes, n), (ssize_t)n);
}

static void every_byte_comes_back_once_in_order(void **state)
{
    const char *path = tmp_file(*state, "log", "", 0);
    int writer = open(path, O_WRONLY | O_APPEND);
    int reader = open(path, O_RDONLY);
    assert_true(writer >= 0 && reader >= 0);
    static struct seen s;
    static unsigned char expected[1 << 16];
    size_t total = 0;
    struct follower f;
    follow_open(&f, reader);
    want_eq(poll_into(&f, &s), 0); /* an empty file: nothing, and no error */
    append(writer, "abc", 3);
    memcpy(expected, "abc", 3);
    total = 3;
    want_eq(poll_into(&f, &s), 3);
    want_eq(poll_into(&f, &s), 0); /* nothing new */
    /* Several pages at once, then a little, then more pages: the mapping must grow. */
    size_t sizes[] = {3 * 4096 + 17, 5, 10000, 1, 20000};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        unsigned char *chunk = expected + total;
        for (size_t i = 0; i < sizes[k]; i++)
            chunk[i] = (unsigned char)((total + i) * 13 + k);
        append(writer, chunk, sizes[k]);
        total += sizes[k];
        want_eq(poll_into(&f, &s), (ssize_t)sizes[k]);
    }
    want_eq(s.n, total);
    want_mem(s.bytes, expected, total);
    follow_close(&f);
    want_true(f.data == NULL, "follow_close() must leave f->data NULL");
    close(writer);
    close(reader);
}

/* Bytes appended between two polls all come back at the next one. */
static void two_appends_between_polls_come_back_together(void **state)
{
    const char *path = tmp_file(*state, "log", "start", 5);
    int writer = open(path, O_WRONLY | O_APPEND);
    int reader = open(path, O_RDONLY);
    assert_true(writer >= 0 && reader >= 0);
    static struct seen s;
    s.n = 0;
    struct follower f;
    follow_open(&f, reader);
    want_eq(poll_into(&f, &s), 5);
    append(writer, "-one", 4);
    append(writer, "-two", 4);
    want_eq(poll_into(&f, &s), 8);
    want_eq(s.n, 13);
    want_mem(s.bytes, "start-one-two", 13);
    follow_close(&f);
    close(writer);
    close(reader);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(every_byte_comes_back_once_in_order, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(two_appends_between_polls_come_back_together, tmp_setup, tmp_teardown),
    };
    return run_exercise_tests("exercise 6.2: Follow a growing file", tests);
}
