/* A shared counter and the three ways of incrementing it. */
#include "counter.h"

#include <errno.h>
#include <string.h>

static const char *const names[] = {
    [SYNC_NONE] = "none",
    [SYNC_ATOMIC] = "atomic",
    [SYNC_MUTEX] = "mutex",
};

int sync_parse(const char *name, enum sync_mode *out)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (enum sync_mode)i;
            return 0;
        }
    }
    return -1;
}

const char *sync_name(enum sync_mode mode)
{
    return names[mode];
}

/* region: mutex-init */
int counter_init(struct shared_counter *c)
{
    pthread_mutexattr_t attr;
    int err = pthread_mutexattr_init(&attr);
    if (err != 0)
        return err;
    err = pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    if (err == 0)
        err = pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    if (err == 0)
        err = pthread_mutex_init(&c->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    counter_reset(c);
    return err;
}
/* end region: mutex-init */

int counter_destroy(struct shared_counter *c)
{
    return pthread_mutex_destroy(&c->lock);
}

void counter_reset(struct shared_counter *c)
{
    c->plain = 0;
    atomic_store(&c->atomic, 0);
    atomic_store(&c->repairs, 0);
}

/* region: robust-lock */
int counter_lock(struct shared_counter *c)
{
    int err = pthread_mutex_lock(&c->lock);
    if (err == EOWNERDEAD) {
        /* Its holder died inside the critical section. The section is one
         * store, done or not done, so the count is whole: say so, and count
         * the repair so that the program can report it. */
        atomic_fetch_add(&c->repairs, 1);
        err = pthread_mutex_consistent(&c->lock);
    }
    return err;
}
/* end region: robust-lock */

/* region: increments */
int counter_add(struct shared_counter *c, enum sync_mode mode, uint64_t times)
{
    for (uint64_t i = 0; i < times; i++) {
        switch (mode) {
        case SYNC_NONE:
            c->plain++; /* load, add, store: three steps another process can split */
            break;
        case SYNC_ATOMIC:
            atomic_fetch_add(&c->atomic, 1); /* one indivisible step */
            break;
        case SYNC_MUTEX: {
            int err = counter_lock(c);
            if (err != 0)
                return err;
            c->plain++;
            pthread_mutex_unlock(&c->lock);
            break;
        }
        }
    }
    return 0;
}
/* end region: increments */

uint64_t counter_value(const struct shared_counter *c, enum sync_mode mode)
{
    return mode == SYNC_ATOMIC ? atomic_load(&c->atomic) : c->plain;
}
