/* Worker processes: a gate to start them together, and reaping every one. */

/* _DEFAULT_SOURCE: MAP_ANONYMOUS (the starting line's shared page) is not in POSIX. */
#define _DEFAULT_SOURCE
#include "workers.h"
#include "measure.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void reap(pid_t pid, int *status)
{
    while (waitpid(pid, status, 0) < 0 && errno == EINTR)
        continue;
}

/* region: worker */
/* In the child: die with the parent, wait at the gate, then at the starting
 * line until every worker is running, work, exit. */
static void worker(int gate, _Atomic unsigned *line, unsigned count, pid_t parent,
                   worker_fn *fn, void *arg, unsigned index)
{
    /* The kernel sends SIGKILL when the parent dies; if it died before we
     * asked, our parent is now someone else, and we leave at once. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        _exit(1);
    char go;
    ssize_t got;
    do
        got = read(gate, &go, 1);
    while (got < 0 && errno == EINTR);
    if (got != 1)
        _exit(1); /* the gate closed unopened: the parent gave up */
    /* Woken workers may first share one CPU, and a short job would then run
     * one after the other. Spinning here until all have arrived keeps this
     * CPU busy, so the scheduler moves the others to idle ones first. */
    atomic_fetch_add(line, 1);
    while (atomic_load(line) < count)
        continue;
    _exit(fn(arg, index));
}
/* end region: worker */

/* region: start-all */
int workers_run(unsigned count, worker_fn *fn, void *arg, int statuses[], double *elapsed_ns)
{
    pid_t pids[WORKERS_MAX];
    int gate[2];
    if (count == 0 || count > WORKERS_MAX) {
        errno = EINVAL;
        return -1;
    }
    _Atomic unsigned *line = mmap(NULL, sizeof *line, PROT_READ | PROT_WRITE,
                                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (line == MAP_FAILED)
        return -1;
    if (pipe(gate) != 0) {
        int e = errno;
        munmap((void *)line, sizeof *line);
        errno = e;
        return -1;
    }
    pid_t parent = getpid();
    fflush(NULL); /* or each child's exit could print our buffered output again */
    unsigned started = 0;
    int saved = 0;
    for (; started < count; started++) {
        pids[started] = fork();
        if (pids[started] < 0) {
            saved = errno;
            break;
        }
        if (pids[started] == 0) {
            close(gate[1]);
            worker(gate[0], line, count, parent, fn, arg, started);
        }
    }
    /* Open the gate: one byte per worker. Our read end stays open until the
     * bytes are written, so the write cannot raise SIGPIPE even if every
     * worker has died; if one failed to start, closing the gate unopened
     * sends the others home. */
    double start = now_ns();
    if (saved == 0) {
        char go[WORKERS_MAX] = {0};
        if (write(gate[1], go, count) != (ssize_t)count)
            saved = errno != 0 ? errno : EIO;
    }
    close(gate[1]);
    close(gate[0]);
    for (unsigned i = 0; i < started; i++)
        reap(pids[i], &statuses[i]);
    *elapsed_ns = now_ns() - start;
    munmap((void *)line, sizeof *line);
    if (saved != 0) {
        errno = saved;
        return -1;
    }
    return 0;
}
/* end region: start-all */
