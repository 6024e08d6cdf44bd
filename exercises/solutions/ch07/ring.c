/* Exercise 7.2: A ring buffer between two processes (reference solution). */
#include "ring.h"

void ring_init(struct ring *r)
{
    atomic_store(&r->head, 0);
    atomic_store(&r->tail, 0);
}

int ring_push(struct ring *r, uint64_t value)
{
    uint64_t head = atomic_load(&r->head);
    if (head - atomic_load(&r->tail) == RING_SLOTS)
        return -1;
    r->slots[head % RING_SLOTS] = value;
    atomic_store(&r->head, head + 1); /* publishes the slot */
    return 0;
}

int ring_pop(struct ring *r, uint64_t *value)
{
    uint64_t tail = atomic_load(&r->tail);
    if (atomic_load(&r->head) == tail)
        return -1;
    *value = r->slots[tail % RING_SLOTS];
    atomic_store(&r->tail, tail + 1); /* gives the slot back */
    return 0;
}
