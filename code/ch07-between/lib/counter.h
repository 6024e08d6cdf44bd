/** @file counter.h
 * @brief One counter in shared memory, incremented three ways: plainly, atomically, under a mutex.
 *
 * A plain `++` on shared memory is a load, an add and a store; two processes
 * doing it at once can both load the same value, and one increment is lost.
 * An atomic fetch-and-add makes the three one indivisible step; a mutex
 * makes a whole section indivisible, at the price of a lock and an unlock.
 * The mutex lives in the shared memory itself, initialised
 * PTHREAD_PROCESS_SHARED, and is robust: if a process dies holding it, the
 * next one to lock it gets EOWNERDEAD instead of waiting for ever.
 */
#ifndef CH07_COUNTER_H
#define CH07_COUNTER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

/** How the increments are kept from colliding. */
enum sync_mode {
    SYNC_NONE,   /**< a plain `++`: nothing */
    SYNC_ATOMIC, /**< C11 atomic_fetch_add() */
    SYNC_MUTEX,  /**< a robust, process-shared pthread mutex around the `++` */
};

/** Number of sync modes, for loops over all of them. */
#define SYNC_MODES 3

/** The shared state: place it at the start of a shared mapping. */
struct shared_counter {
    pthread_mutex_t lock;      /**< Process-shared and robust (SYNC_MUTEX). */
    volatile uint64_t plain;   /**< The counter for SYNC_NONE and SYNC_MUTEX. */
    _Atomic uint64_t atomic;   /**< The counter for SYNC_ATOMIC. */
    _Atomic uint64_t repairs;  /**< Times a locker got EOWNERDEAD and made the lock consistent. */
};

/**
 * @brief Find a sync mode by its name.
 * @param name "none", "atomic" or "mutex".
 * @param out Where the mode goes on success.
 * @return 0 on success; -1 if the name is unknown.
 */
int sync_parse(const char *name, enum sync_mode *out);

/**
 * @brief The name of a sync mode.
 * @param mode The mode.
 * @return "none", "atomic" or "mutex".
 */
const char *sync_name(enum sync_mode mode);

/**
 * @brief Initialise a counter in (zeroed) shared memory: zero counts, a shared robust mutex.
 * @param c The counter, inside a MAP_SHARED mapping.
 * @return 0 on success; an error number from the pthread_mutexattr_* or
 *         pthread_mutex_init() call that failed.
 */
int counter_init(struct shared_counter *c);

/**
 * @brief Destroy the counter's mutex.
 * @param c The counter.
 * @return 0, or the error number pthread_mutex_destroy() returned.
 */
int counter_destroy(struct shared_counter *c);

/**
 * @brief Set the counts to zero before a new run (no process may be using the counter).
 * @param c The counter.
 */
void counter_reset(struct shared_counter *c);

/**
 * @brief Add one to the counter @p times times, synchronised as @p mode says.
 * @param c The shared counter.
 * @param mode How.
 * @param times How many increments.
 * @return 0 on success; for SYNC_MUTEX, an error number if the mutex could not
 *         be locked (ENOTRECOVERABLE, or what pthread_mutex_lock() returned).
 */
int counter_add(struct shared_counter *c, enum sync_mode mode, uint64_t times);

/**
 * @brief Lock the mutex, repairing it if its holder died (for SYNC_MUTEX callers).
 * @param c The counter.
 * @return 0 when locked (after a repair too); otherwise the error number.
 */
int counter_lock(struct shared_counter *c);

/**
 * @brief The counter's value in a mode.
 * @param c The counter.
 * @param mode The mode whose count is wanted.
 * @return The count.
 */
uint64_t counter_value(const struct shared_counter *c, enum sync_mode mode);

#endif
