/* Grades exercise 5.2: load_input() maps files and reads streams, and gives
 * the same bytes either way. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "want.h"

#include "load_input.h"
#include "tmp.h"

enum { BIG = 300000 }; /* more than a pipe holds, so the reader must loop */

static unsigned char pattern(size_t i)
{
    return (unsigned char)(i % 253);
}

static unsigned char *big_bytes(void)
{
    unsigned char *bytes = malloc(BIG);
    want_true(bytes != NULL, "out of memory");
    for (size_t i = 0; i < BIG; i++)
        bytes[i] = pattern(i);
    return bytes;
}

static void a_regular_file_is_mapped(void **state)
{
    unsigned char *bytes = big_bytes();
    const char *path = tmp_path(*state, "big.bin");
    want_eq(write_file(path, bytes, BIG), 0);
    int fd = open(path, O_RDONLY);
    want_true(fd >= 0, "the test cannot open its file: %s", strerror(errno));
    struct input in;
    want_eq(load_input(fd, &in), 0);
    close(fd); /* a mapping outlives its descriptor */
    want_eq(in.mapped, 1);
    want_eq(in.size, BIG);
    want_mem(in.data, bytes, BIG);
    want_eq(release_input(&in), 0);
    want_true(in.data == NULL, "release_input() must set in->data to NULL");
    free(bytes);
}

static void a_pipe_is_read_whole(void **state)
{
    (void)state;
    int fds[2];
    want_eq(pipe(fds), 0);
    pid_t writer = fork();
    want_true(writer >= 0, "fork: %s", strerror(errno));
    if (writer == 0) {
        close(fds[0]);
        unsigned char *bytes = big_bytes();
        size_t done = 0;
        while (done < BIG) {
            ssize_t n = write(fds[1], bytes + done, BIG - done);
            if (n <= 0)
                _exit(1);
            done += (size_t)n;
        }
        _exit(0);
    }
    close(fds[1]);
    struct input in;
    want_eq(load_input(fds[0], &in), 0);
    close(fds[0]);
    int status;
    want_eq(waitpid(writer, &status, 0), writer);
    want_true(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "the writer could not write all %d bytes into the pipe: did load_input() stop reading early?", BIG);
    want_eq(in.mapped, 0);
    want_eq(in.size, BIG);
    unsigned char *bytes = big_bytes();
    want_mem(in.data, bytes, BIG);
    free(bytes);
    want_eq(release_input(&in), 0);
}

static void empty_inputs_load_as_zero_bytes(void **state)
{
    const char *path = tmp_path(*state, "empty");
    want_eq(write_file(path, "", 0), 0);
    const char *inputs[] = {path, "/dev/null"};
    for (size_t i = 0; i < 2; i++) {
        int fd = open(inputs[i], O_RDONLY);
        want_true(fd >= 0, "the test cannot open its file: %s", strerror(errno));
        struct input in;
        if (load_input(fd, &in) != 0)
            fail_msg("load_input() of %s: expected 0, got -1 (errno is %s: %s)", inputs[i],
                     errno_name(errno), strerror(errno));
        want_eq(in.size, 0);
        want_eq(in.mapped, 0);
        want_eq(release_input(&in), 0);
        close(fd);
    }
}

/* A /proc file says its size is 0 but has bytes: only the read path sees them. */
static void a_proc_file_is_read(void **state)
{
    (void)state;
    int fd = open("/proc/self/status", O_RDONLY);
    want_true(fd >= 0, "the test cannot open its file: %s", strerror(errno));
    struct input in;
    want_eq(load_input(fd, &in), 0);
    close(fd);
    want_eq(in.mapped, 0);
    want_true(in.size > 5, "/proc/self/status gave %zu bytes: its size says 0, but read() finds more", in.size);
    want_mem(in.data, "Name:", 5);
    want_eq(release_input(&in), 0);
}

static void a_directory_fails_cleanly(void **state)
{
    struct tmp *t = *state;
    int fd = open(t->dir, O_RDONLY);
    want_true(fd >= 0, "the test cannot open its file: %s", strerror(errno));
    struct input in;
    errno = 0;
    want_eq(load_input(fd, &in), -1);
    want_errno(EISDIR);
    want_true(in.data == NULL, "a failed load_input() must leave in->data NULL");
    close(fd);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, tmp_setup, tmp_teardown)
    const struct CMUnitTest tests[] = {
        T(a_regular_file_is_mapped),
        T(a_pipe_is_read_whole),
        T(empty_inputs_load_as_zero_bytes),
        T(a_proc_file_is_read),
        T(a_directory_fails_cleanly),
    };
    return run_exercise_tests("exercise 5.2: map it if you can, read it if you must", tests);
}
