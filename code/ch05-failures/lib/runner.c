/* Running one probe in a child, and classifying how the child ended. */
#include "runner.h"

#include "interruptions.h"

#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* region: child */
/* In the child: the kernel's own answer, whatever the parent inherited. A
 * disposition set by a shell or a sanitizer would change what a fault does,
 * and a core dump per SIGBUS would litter the directory and cost seconds. */
static void prepare_child(const sigset_t *parent_mask)
{
    signal(SIGSEGV, SIG_DFL);
    signal(SIGBUS, SIG_DFL);
    interruptions_default(parent_mask); /* Ctrl-C ends a probe too */
    struct rlimit no_core = {.rlim_cur = 0, .rlim_max = 0};
    setrlimit(RLIMIT_CORE, &no_core);
}

/* Run fn in a child. If the child reports, that is the outcome; if a signal
 * killed it, the signal is. The parent is never at risk. */
struct outcome run_isolated(struct outcome (*fn)(void *), void *arg)
{
    int fds[2];
    if (pipe(fds) != 0)
        return broken("pipe", errno);
    /* Until the child is reaped, an interruption waits: we never leave it behind. */
    sigset_t saved;
    interruptions_hold(&saved);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        prepare_child(&saved);
        struct outcome o = fn(arg);
        ssize_t n = write(fds[1], &o, sizeof o);
        _exit(n == (ssize_t)sizeof o ? 0 : 1);
    }
    int fork_errno = errno;
    close(fds[1]);
    struct outcome o;
    ssize_t got = -1;
    if (pid > 0) {
        do
            got = read(fds[0], &o, sizeof o);
        while (got < 0 && errno == EINTR);
    }
    close(fds[0]);
    int status = 0, wait_errno = 0;
    while (pid > 0 && waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            wait_errno = errno;
            break;
        }
    interruptions_release(&saved); /* now an interruption may end us */
    if (pid < 0)
        return broken("fork", fork_errno);
    if (wait_errno != 0)
        return broken("waitpid", wait_errno);
    if (WIFSIGNALED(status))
        return killed_by(WTERMSIG(status));
    if (got != (ssize_t)sizeof o)
        return broken("the child said nothing", 0);
    return o;
}
/* end region: child */

/* run_isolated() takes one pointer; a case needs two. */
struct case_run {
    const struct failure_case *c;
    const char *dir;
};

static struct outcome run_probe(void *arg)
{
    const struct case_run *run = arg;
    return run->c->probe(run->dir);
}

struct outcome run_case(const struct failure_case *c, const char *dir)
{
    struct case_run run = {.c = c, .dir = dir};
    return run_isolated(run_probe, &run);
}
