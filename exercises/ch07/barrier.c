/* Exercise 7.1: A barrier for N processes
 * Hint: remember the generation before you arrive; the last to arrive resets `arrived` and then adds 1 to `generation`, and the others wait (sched_yield() while they wait) until it changes.
 *
 * N processes share a struct proc_barrier. Write barrier_wait() so that no
 * process leaves before all N have arrived, and so that the barrier works
 * again for the next round at once:
 *   - read b->generation first: it names the round you are in;
 *   - atomic_fetch_add() on b->arrived tells you whether you are the last;
 *   - the last sets arrived back to 0 and only then increments generation,
 *     which releases the others;
 *   - the others spin, yielding the CPU, until generation differs from the
 *     value they read.
 */
#include "barrier.h"

#include <sched.h>

void barrier_init(struct proc_barrier *b, unsigned parties)
{
    atomic_store(&b->arrived, 0);
    atomic_store(&b->generation, 0);
    b->parties = parties;
}

void barrier_wait(struct proc_barrier *b)
{
    (void)b;
    /* TODO: arrive, and wait for the round to end. */
}
