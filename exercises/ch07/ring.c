/* Exercise 7.2: A ring buffer between two processes
 * Hint 1: With head and tail counting up forever, how far apart are they when the ring is full, and when it is empty?
 * Hint 2: Full is head - tail == RING_SLOTS and empty is head == tail; the slot for a count c is c % RING_SLOTS.
 * Hint 3: Order matters: write the slot before you publish the new head, and read the slot before you publish the new tail (atomic_store with memory_order_release, atomic_load with memory_order_acquire).
 *
 * A producer process calls ring_push() and a consumer process ring_pop() on
 * one struct ring in a shared mapping. Write both without a lock:
 *   - only the producer writes head, only the consumer writes tail, and each
 *     reads the other's counter with atomic_load();
 *   - ring_push(): refuse when full; store the value in
 *     slots[head % RING_SLOTS], then atomic_store() head + 1: the store to
 *     head is what makes the slot visible to the consumer;
 *   - ring_pop(): refuse when empty; read slots[tail % RING_SLOTS], then
 *     atomic_store() tail + 1, which gives the slot back to the producer.
 */
#include "ring.h"

void ring_init(struct ring *r)
{
    atomic_store(&r->head, 0);
    atomic_store(&r->tail, 0);
}

int ring_push(struct ring *r, uint64_t value)
{
    (void)r;
    (void)value;
    /* TODO: check for room, fill the slot, publish the new head. */
    return -1;
}

int ring_pop(struct ring *r, uint64_t *value)
{
    (void)r;
    (void)value;
    /* TODO: check for a value, read the slot, publish the new tail. */
    return -1;
}
