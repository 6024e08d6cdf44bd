/* workers.c: the parent starts the workers, talks to them, measures and reaps them. */
#include "workers.h"

#include "fileio.h"
#include "names.h"
#include "progress.h"
#include "report.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h> /* PR_SET_PDEATHSIG: Linux's own, no feature macro needed */
#endif

static void worker_failed(struct worker *w, const char *why)
{
    if (!w->failed) /* the first reason is the real one */
        snprintf(w->why, sizeof w->why, "%s", why);
    w->failed = 1;
}

/* region: orphan */
/* In the child, first thing: die with the parent. If SIGTERM ends sharemap
 * while this worker is busy (reading a large file, or stopped), the closed
 * pipe would only be noticed later; PR_SET_PDEATHSIG has the kernel send
 * SIGKILL the moment the parent dies. If the parent died before the call,
 * the worker already has a new parent, and getppid() shows it. */
static void die_with(pid_t parent)
{
#ifdef __linux__
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0)
        _exit(1);
#endif
    if (getppid() != parent)
        _exit(1);
}
/* end region: orphan */

/* region: start */
unsigned start_workers(const struct config *c, enum mode mode, struct worker *w)
{
    fflush(NULL); /* or the children would inherit, and maybe print, our buffers */
    pid_t parent = getpid();
    unsigned i;
    for (i = 0; i < c->procs; i++) {
        int notes[2], commands[2];
        if (pipe(notes) != 0) {
            report_errno("pipe", errno);
            break;
        }
        if (pipe(commands) != 0) {
            report_errno("pipe", errno);
            close(notes[0]);
            close(notes[1]);
            break;
        }
        pid_t pid = fork();
        if (pid == 0) {
            die_with(parent);
            /* Close every other worker's pipes: a command pipe another
             * worker still held open would never reach end of file. */
            for (unsigned j = 0; j < i; j++) {
                close(w[j].note_fd);
                close(w[j].command_fd);
            }
            close(notes[0]);
            close(commands[1]);
            worker_run(c->path, mode, i == 0 ? c->writer : WRITER_NONE, notes[1], commands[0]);
        }
        close(notes[1]);
        close(commands[0]);
        if (pid < 0) {
            report_errno("fork", errno);
            close(notes[0]);
            close(commands[1]);
            break;
        }
        w[i].pid = pid;
        w[i].note_fd = notes[0];
        w[i].command_fd = commands[1];
    }
    return i;
}
/* end region: start */

/* Wait for a note from each worker in [first, last). A worker that dies
 * first closes its pipe, so this cannot wait forever. */
int collect_notes(struct worker *w, unsigned first, unsigned last)
{
    int failures = 0;
    for (unsigned i = first; i < last; i++) {
        progress("waiting for worker %u of %u", i + 1, last);
        if (read_full(w[i].note_fd, &w[i].note, sizeof w[i].note) != sizeof w[i].note) {
            worker_failed(&w[i], "ended without reporting");
            w[i].silent = 1;
        } else if (w[i].note.failed) {
            worker_failed(&w[i], w[i].note.why);
        }
        failures += w[i].failed;
    }
    progress_done();
    return failures == 0 ? 0 : -1;
}

/* One byte down a command pipe. A worker that has died leaves no reader, and
 * write() would raise SIGPIPE: ignore it for this write only (stdout keeps
 * the default, so `sharemap | head` still ends quietly) and take EPIPE. */
static int send_command(int fd, char command)
{
    struct sigaction ignore = {.sa_handler = SIG_IGN}, old;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &old);
    int rc = write_full(fd, &command, 1);
    sigaction(SIGPIPE, &old, NULL);
    return rc;
}

int command_workers(struct worker *w, unsigned first, unsigned last, char command)
{
    int failures = 0;
    for (unsigned i = first; i < last; i++) {
        if (send_command(w[i].command_fd, command) != 0) {
            worker_failed(&w[i], "stopped listening");
            failures++;
        }
    }
    return failures == 0 ? collect_notes(w, first, last) : -1;
}

int measure_workers(struct worker *w, unsigned n)
{
    int failures = 0;
    for (unsigned i = 0; i < n; i++) {
        if (read_smaps(w[i].pid, "smaps_rollup", w[i].note.data, &w[i].process) != 0
            || read_smaps(w[i].pid, "smaps", w[i].note.data, &w[i].data) != 0) {
            char why[120];
            snprintf(why, sizeof why, "cannot read its smaps: %s", strerror(errno));
            worker_failed(&w[i], why);
            failures++;
        }
    }
    return failures == 0 ? 0 : -1;
}

int checksums_agree(struct worker *w, unsigned n)
{
    for (unsigned i = 1; i < n; i++) {
        if (w[i].note.checksum != w[0].note.checksum) {
            worker_failed(&w[i], "its checksum differs from worker 0's");
            return -1;
        }
    }
    return 0;
}

/* What a worker's exit status says, or "" if it ended well. */
static void describe_status(int status, char *why, size_t size)
{
    *why = '\0';
    if (WIFSIGNALED(status)) {
        const char *name = signal_name(WTERMSIG(status));
        if (strcmp(name, "signal") != 0)
            snprintf(why, size, "killed by %s", name);
        else
            snprintf(why, size, "killed by signal %d", WTERMSIG(status));
    } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        snprintf(why, size, "exited with status %d", WEXITSTATUS(status));
    }
}

/* One line, whatever happened: the first worker that failed, and how many
 * more did (a file truncated under all of them fails them all alike). */
static void report_failures(const struct worker *w, unsigned n, int failures)
{
    for (unsigned i = 0; i < n; i++) {
        if (!w[i].failed)
            continue;
        char who[48];
        snprintf(who, sizeof who, "worker %u (pid %ld)", i, (long)w[i].pid);
        if (failures > 1)
            report(who, "%s (%d more worker%s failed)", w[i].why, failures - 1,
                   failures > 2 ? "s" : "");
        else
            report(who, "%s", w[i].why);
        return;
    }
}

/* region: reap */
/* Close every command pipe (each worker reads end of file and exits), then
 * wait for every worker we started, whatever happened before. A worker that
 * sent no note is explained by how it ended: "killed by SIGBUS". */
int stop_workers(struct worker *w, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        close(w[i].command_fd);
    int failures = 0;
    for (unsigned i = 0; i < n; i++) {
        int status = 0;
        char why[80];
        pid_t got;
        while ((got = waitpid(w[i].pid, &status, 0)) < 0 && errno == EINTR)
            continue;
        close(w[i].note_fd);
        if (got < 0)
            snprintf(why, sizeof why, "waitpid: %s", strerror(errno));
        else
            describe_status(status, why, sizeof why);
        if (*why != '\0' && w[i].silent)
            w[i].failed = 0; /* its end explains its silence better */
        if (*why != '\0')
            worker_failed(&w[i], why);
        failures += w[i].failed;
    }
    report_failures(w, n, failures);
    return failures == 0 ? 0 : -1;
}
/* end region: reap */
