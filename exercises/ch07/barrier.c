/* Exercise 7.1: A barrier for N processes
 * Hint 1: A counter alone cannot tell this round's arrivals from the next round's: what else in struct proc_barrier could name the round?
 * Hint 2: Read b->generation before you arrive; atomic_fetch_add() on b->arrived returns the count before you, so the last one sees parties - 1.
 * Hint 3: The last resets `arrived` to 0 and then adds 1 to `generation`; the others loop with sched_yield() until `generation` differs from the value they read.
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
