/** @file ring.h
 * @brief Exercise 7.2: a single-producer, single-consumer ring buffer in shared memory.
 *
 * One process pushes values, another pops them, through a fixed array of
 * slots in a MAP_SHARED mapping. Two counters, each written by one side
 * only, say where each side is: no lock is needed.
 */
#ifndef EX_RING_H
#define EX_RING_H

#include <stdatomic.h>
#include <stdint.h>

/** Slots in the ring. */
#define RING_SLOTS 64

/** The ring; place it in shared memory. */
struct ring {
    _Atomic uint64_t head;      /**< Values pushed so far (written by the producer only). */
    _Atomic uint64_t tail;      /**< Values popped so far (written by the consumer only). */
    uint64_t slots[RING_SLOTS]; /**< Value number i lives in slots[i % RING_SLOTS]. */
};

/**
 * @brief Make an empty ring (before either side uses it).
 * @param r The ring.
 */
void ring_init(struct ring *r);

/**
 * @brief Add a value at the head, if there is room (the producer's call).
 * @param r The ring.
 * @param value The value.
 * @return 0 if pushed; -1 if the ring is full (RING_SLOTS values not yet popped).
 */
int ring_push(struct ring *r, uint64_t value);

/**
 * @brief Take the oldest value, if there is one (the consumer's call).
 * @param r The ring.
 * @param value Where the value goes.
 * @return 0 if popped; -1 if the ring is empty.
 */
int ring_pop(struct ring *r, uint64_t *value);

#endif
