/* guard.c: one SIGBUS handler, installed once, and sigsetjmp()/siglongjmp()
 * around each guarded call, so a file truncated under a live mapping (or a
 * full disk under a store) costs an error return instead of the process. */
#include "guard.h"

#include "report.h"

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

/* This thread's guarded call: where to jump back to, and the range it covers.
 * volatile sig_atomic_t: the handler reads them asynchronously. */
static _Thread_local sigjmp_buf landing;
static _Thread_local volatile sig_atomic_t armed;
static _Thread_local const unsigned char *volatile range_start;
static _Thread_local volatile size_t range_length;
static _Thread_local volatile size_t fault_offset;
static volatile sig_atomic_t faults;

static struct sigaction previous;
static int installed;

/* A SIGBUS that is not ours goes where it would have gone without us. */
static void pass_on(int sig, siginfo_t *info, void *context)
{
    if ((previous.sa_flags & SA_SIGINFO) && previous.sa_sigaction != NULL) {
        previous.sa_sigaction(sig, info, context);
        return;
    }
    if (previous.sa_handler == SIG_IGN)
        return;
    if (previous.sa_handler != SIG_DFL) {
        previous.sa_handler(sig);
        return;
    }
    /* The default action: put it back and let the signal happen again. A
     * fault re-raises itself when the instruction runs again; a signal sent
     * by kill() or raise() (si_code <= 0) must be raised once more. */
    sigaction(SIGBUS, &previous, NULL);
    installed = 0;
    if (info == NULL || info->si_code <= 0)
        raise(sig);
}

/* region: handler */
static void on_sigbus(int sig, siginfo_t *info, void *context)
{
    const unsigned char *addr = info ? info->si_addr : NULL;
    int ours = armed && info != NULL && info->si_code > 0 &&
               (uintptr_t)addr >= (uintptr_t)range_start &&
               (uintptr_t)addr - (uintptr_t)range_start < range_length;
    if (!ours) {
        pass_on(sig, info, context);
        return;
    }
    armed = 0;
    faults++;
    fault_offset = (size_t)(addr - range_start);
    siglongjmp(landing, 1); /* back into guard_run() */
}
/* end region: handler */

static int install(void)
{
    if (installed)
        return 0;
    struct sigaction guard;
    memset(&guard, 0, sizeof guard);
    guard.sa_sigaction = on_sigbus;
    /* SA_NODEFER: SIGBUS stays unblocked while the handler runs, so jumping
     * out of it needs no sigprocmask() to unblock it, and sigsetjmp() need
     * not save the mask: a guarded call makes no system call. */
    guard.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&guard.sa_mask);
    if (sigaction(SIGBUS, &guard, &previous) != 0)
        return -1;
    installed = 1;
    return 0;
}

/* region: guard-run */
int guard_run(const void *start, size_t length, void (*fn)(void *), void *arg)
{
    if (install() != 0)
        return -1;
    if (sigsetjmp(landing, 0) != 0) {
        errno = EFAULT; /* we arrived here from on_sigbus() */
        return -1;
    }
    range_start = start;
    range_length = length;
    armed = 1;
    /* The fences keep the compiler from moving accesses outside the window
     * in which the handler is armed. */
    atomic_signal_fence(memory_order_seq_cst);
    fn(arg); /* the accesses that may fault */
    atomic_signal_fence(memory_order_seq_cst);
    armed = 0;
    return 0;
}
/* end region: guard-run */

struct copy {
    void *dst;
    const void *src;
    size_t n;
};

static void do_copy(void *arg)
{
    const struct copy *c = arg;
    memcpy(c->dst, c->src, c->n);
}

int guarded_read(void *dst, const void *src, size_t n)
{
    struct copy c = { .dst = dst, .src = src, .n = n };
    return guard_run(src, n, do_copy, &c);
}

int guarded_write(void *dst, const void *src, size_t n)
{
    struct copy c = { .dst = dst, .src = src, .n = n };
    return guard_run(dst, n, do_copy, &c);
}

size_t guard_fault_offset(void)
{
    return fault_offset;
}

unsigned long guarded_faults(void)
{
    return (unsigned long)faults;
}

int guard_release(void)
{
    if (!installed)
        return 0;
    if (sigaction(SIGBUS, &previous, NULL) != 0)
        return -1;
    installed = 0;
    return 0;
}

void report_guard_failure(const char *subject, const char *what, int err)
{
    if (err == EFAULT)
        report(subject, "%s: the file shrank, or the kernel could not bring a page in", what);
    else
        report(subject, "cannot guard the mapping: %s", strerror(err));
}
