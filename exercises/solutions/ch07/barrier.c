/* Exercise 7.1: A barrier for N processes (reference solution). */
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
    unsigned round = atomic_load(&b->generation);
    if (atomic_fetch_add(&b->arrived, 1) + 1 == b->parties) {
        /* The last: reset for the next round before anyone can start it. */
        atomic_store(&b->arrived, 0);
        atomic_fetch_add(&b->generation, 1);
        return;
    }
    while (atomic_load(&b->generation) == round)
        sched_yield();
}
