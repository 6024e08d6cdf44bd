/** @file barrier.h
 * @brief Exercise 7.1: a barrier for N processes, made of two atomic counters.
 *
 * The barrier lives in shared memory (MAP_SHARED | MAP_ANONYMOUS, set up
 * before fork()). Each of N processes calls barrier_wait(); none returns
 * until all N have called it. The same barrier is used again for the next
 * round, and the next.
 */
#ifndef EX_BARRIER_H
#define EX_BARRIER_H

#include <stdatomic.h>

/** A reusable barrier; place it in shared memory. */
struct proc_barrier {
    _Atomic unsigned arrived;    /**< Processes waiting in this round. */
    _Atomic unsigned generation; /**< Rounds completed so far. */
    unsigned parties;            /**< Processes that must arrive. */
};

/**
 * @brief Prepare a barrier for @p parties processes (before any of them uses it).
 * @param b The barrier, in shared memory.
 * @param parties How many processes each round waits for; at least 1.
 */
void barrier_init(struct proc_barrier *b, unsigned parties);

/**
 * @brief Wait until all the barrier's parties have called barrier_wait() in this round.
 * @param b The barrier.
 */
void barrier_wait(struct proc_barrier *b);

#endif
