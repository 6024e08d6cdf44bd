/* One access in a child: the parent survives whatever it does. */

/* _DEFAULT_SOURCE: strsignal() is POSIX 2008 but glibc hides it without it. */
#define _DEFAULT_SOURCE
#include "probe.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

const char *signal_short_name(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS:  return "SIGBUS";
    case SIGKILL: return "SIGKILL";
    case SIGABRT: return "SIGABRT";
    default:      return "signal";
    }
}

/* region: probe */
int probe_in_child(probe_fn *fn, void *arg, char *text, size_t size)
{
    fflush(NULL); /* or the child's exit could print our buffered output again */
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        /* The kernel's own answer, whatever dispositions we inherited, and
         * no core file per fault. */
        signal(SIGSEGV, SIG_DFL);
        signal(SIGBUS, SIG_DFL);
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        _exit(fn(arg));
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        snprintf(text, size, "%s (%s)", signal_short_name(sig), strsignal(sig));
        return sig;
    }
    if (WEXITSTATUS(status) == 0)
        snprintf(text, size, "no signal");
    else
        snprintf(text, size, "exit status %d", WEXITSTATUS(status));
    return 0;
}
/* end region: probe */
