/* guard.c: a SIGBUS handler plus sigsetjmp()/siglongjmp(), armed only around
 * one copy, so a file truncated under a live mapping costs an error return
 * instead of the whole process. */
#include "guard.h"

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

/* Where the handler jumps back to, and whether a guarded copy is running in
 * this thread. volatile sig_atomic_t: the handler reads it asynchronously. */
static _Thread_local sigjmp_buf landing;
static _Thread_local volatile sig_atomic_t armed;
static volatile sig_atomic_t faults;

/* region: handler */
static void on_sigbus(int sig)
{
    if (!armed) {
        /* Not our copy: behave as if we had never been here. */
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    armed = 0;
    faults++;
    siglongjmp(landing, 1); /* back into guarded_read(), mask restored */
}
/* end region: handler */

/* region: guarded-read */
int guarded_read(void *dst, const void *src, size_t n)
{
    struct sigaction guard, previous;
    memset(&guard, 0, sizeof guard);
    guard.sa_handler = on_sigbus;
    sigemptyset(&guard.sa_mask);
    if (sigaction(SIGBUS, &guard, &previous) != 0)
        return -1;
    int result = 0;
    /* savemask = 1: the kernel blocks SIGBUS while the handler runs; jumping
     * out must unblock it again, or the next fault would kill us outright. */
    if (sigsetjmp(landing, 1) == 0) {
        armed = 1;
        /* The fences keep the compiler from moving the copy outside the
         * window in which the handler is armed. */
        atomic_signal_fence(memory_order_seq_cst);
        memcpy(dst, src, n); /* the access that may fault */
        atomic_signal_fence(memory_order_seq_cst);
        armed = 0;
    } else {
        result = -1; /* we arrived here from on_sigbus() */
    }
    sigaction(SIGBUS, &previous, NULL);
    if (result != 0)
        errno = EFAULT;
    return result;
}
/* end region: guarded-read */

unsigned long guarded_faults(void)
{
    return (unsigned long)faults;
}
