#define _GNU_SOURCE /* pipe2 */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

struct sink {
    char *data;
    size_t len, cap;
};

static int append(struct sink *s, const char *bytes, size_t n)
{
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4096;
        while (cap < s->len + n + 1)
            cap *= 2;
        char *p = realloc(s->data, cap);
        if (p == NULL)
            return -1;
        s->data = p;
        s->cap = cap;
    }
    memcpy(s->data + s->len, bytes, n);
    s->len += n;
    s->data[s->len] = '\0';
    return 0;
}

static void child(const char *path, const char *const argv[], int in, int out, int err)
{
    if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
        _exit(126);
    if (strchr(path, '/'))
        execv(path, (char *const *)argv);
    else
        execvp(path, (char *const *)argv);
    dprintf(2, "run: %s: %s\n", path, strerror(errno));
    _exit(127);
}

/* Feed stdin and drain stdout and stderr together with poll(): a child that
 * fills one pipe while we wait on another would otherwise deadlock. */
static int pump(pid_t pid, int in, const char *input, int out, int err, struct run_result *r)
{
    struct sink so = {0}, se = {0};
    size_t in_left = input ? strlen(input) : 0;
    struct pollfd fds[3] = {{out, POLLIN, 0}, {err, POLLIN, 0}, {in, POLLOUT, 0}};
    if (in_left == 0) {
        close(in);
        fds[2].fd = -1;
    }
    time_t deadline = time(NULL) + 60;
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        if (time(NULL) > deadline) {
            kill(pid, SIGKILL);
            break;
        }
        if (poll(fds, 3, 1000) < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
                char buf[4096];
                ssize_t n = read(fds[i].fd, buf, sizeof buf);
                if (n > 0)
                    append(i == 0 ? &so : &se, buf, (size_t)n);
                else {
                    close(fds[i].fd);
                    fds[i].fd = -1;
                }
            }
        }
        if (fds[2].fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t n = write(in, input, in_left);
            if (n > 0) {
                input += n;
                in_left -= (size_t)n;
            }
            if (n <= 0 || in_left == 0) {
                close(in);
                fds[2].fd = -1;
            }
        }
    }
    for (int i = 0; i < 3; i++)
        if (fds[i].fd >= 0)
            close(fds[i].fd);
    int wstatus;
    while (waitpid(pid, &wstatus, 0) < 0)
        if (errno != EINTR)
            return -1;
    r->exited = WIFEXITED(wstatus);
    r->status = r->exited ? WEXITSTATUS(wstatus) : -1;
    r->signaled = WIFSIGNALED(wstatus);
    r->signal = r->signaled ? WTERMSIG(wstatus) : 0;
    append(&so, "", 0);
    append(&se, "", 0);
    r->out = so.data;
    r->out_len = so.len;
    r->err = se.data;
    r->err_len = se.len;
    return 0;
}

/* RUN_UNDER="valgrind -q ..." runs every program under that command (make
 * valgrind): its words go before the program's path in a new argv. */
static const char *const *wrap_argv(const char *path, const char *const argv[], const char **buf,
                                    size_t cap, char *words, size_t words_cap)
{
    const char *under = getenv("RUN_UNDER");
    if (under == NULL || *under == '\0')
        return NULL;
    snprintf(words, words_cap, "%s", under);
    size_t n = 0;
    for (char *save = NULL, *w = strtok_r(words, " ", &save); w && n + 2 < cap;
         w = strtok_r(NULL, " ", &save))
        buf[n++] = w;
    buf[n++] = path;
    for (size_t i = 1; argv[i] != NULL && n + 1 < cap; i++)
        buf[n++] = argv[i];
    buf[n] = NULL;
    return buf;
}

int run_is_wrapped(void)
{
    const char *under = getenv("RUN_UNDER");
    return under != NULL && *under != '\0';
}

int run_argv(struct run_result *r, const char *input, const char *const argv[])
{
    memset(r, 0, sizeof *r);
    char path[4096];
    if (strchr(argv[0], '/'))
        snprintf(path, sizeof path, "%s", argv[0]);
    else
        snprintf(path, sizeof path, "%s/%s", BIN_DIR, argv[0]);
    const char *wrapped[96];
    char words[512];
    const char *const *under = wrap_argv(path, argv, wrapped, 96, words, sizeof words);
    char tool[4096];
    if (under != NULL) {
        /* the wrapper is looked up in PATH by the shell's rules */
        snprintf(tool, sizeof tool, "%s", under[0]);
        argv = under;
    }
    int in[2], out[2], err[2];
    if (pipe2(in, O_CLOEXEC) != 0)
        return -1;
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0)
        return -1;
    /* A child that stops reading its stdin must not kill us with SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0)
        child(under != NULL ? tool : path, argv, in[0], out[1], err[1]);
    close(in[0]);
    close(out[1]);
    close(err[1]);
    return pump(pid, in[1], input, out[0], err[0], r);
}

enum { MAX_ARGS = 64 };

/* argv[0] = program, then the NULL-terminated arguments from @ap. */
static void collect_args(const char *argv[MAX_ARGS], const char *program, va_list ap)
{
    size_t n = 0;
    argv[n++] = program;
    const char *a;
    while ((a = va_arg(ap, const char *)) != NULL && n < MAX_ARGS - 1)
        argv[n++] = a;
    argv[n] = NULL;
}

int run(struct run_result *r, const char *input, const char *program, ...)
{
    const char *argv[MAX_ARGS];
    va_list ap;
    va_start(ap, program);
    collect_args(argv, program, ap);
    va_end(ap);
    return run_argv(r, input, argv);
}

void run_free(struct run_result *r)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof *r);
}

void assert_exit(const struct run_result *r, int status)
{
    if (!r->exited || r->status != status) {
        print_error("expected exit status %d; got %s %d\nstdout: %s\nstderr: %s\n", status,
                    r->exited ? "exit status" : "signal", r->exited ? r->status : r->signal,
                    r->out ? r->out : "", r->err ? r->err : "");
        fail();
    }
}

void assert_one_line_error(const struct run_result *r, int status, const char *prefix)
{
    assert_exit(r, status);
    if (r->out_len != 0) {
        print_error("expected nothing on stdout; got: %s\n", r->out);
        fail();
    }
    const char *nl = strchr(r->err, '\n');
    if (strncmp(r->err, prefix, strlen(prefix)) != 0 || nl == NULL || nl[1] != '\0') {
        print_error("expected one line on stderr starting with \"%s\"; got: \"%s\"\n", prefix,
                    r->err);
        fail();
    }
}

void expect_run_error(int status, const char *prefix, const char *input, const char *program, ...)
{
    const char *argv[MAX_ARGS];
    va_list ap;
    va_start(ap, program);
    collect_args(argv, program, ap);
    va_end(ap);
    struct run_result r;
    assert_int_equal(run_argv(&r, input, argv), 0);
    assert_one_line_error(&r, status, prefix);
    run_free(&r);
}

void assert_contains(const char *haystack, const char *needle)
{
    if (haystack == NULL || strstr(haystack, needle) == NULL) {
        print_error("expected to find \"%s\" in:\n%s\n", needle, haystack ? haystack : "(null)");
        fail();
    }
}
