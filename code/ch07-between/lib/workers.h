/** @file workers.h
 * @brief Start N worker processes together, wait for every one, and time them.
 *
 * Workers are started with fork() and held at a gate (a pipe) until all of
 * them exist, so that they run at the same time and the clock measures only
 * their work. No worker outlives the program: each asks the kernel for
 * SIGKILL when its parent dies (PR_SET_PDEATHSIG), and the parent reaps every
 * worker it started on every path.
 */
#ifndef CH07_WORKERS_H
#define CH07_WORKERS_H

/** The most workers workers_run() starts. */
#define WORKERS_MAX 64

/**
 * @brief What a worker does, in the child process.
 * @param arg The argument given to workers_run().
 * @param index The worker's number, from 0.
 * @return The worker's exit status.
 */
typedef int worker_fn(void *arg, unsigned index);

/**
 * @brief Run @p fn in @p count processes at once and wait for all of them.
 * @param count Number of workers, 1 to WORKERS_MAX.
 * @param fn What each does.
 * @param arg Passed to @p fn.
 * @param statuses Filled with each worker's wait status (as waitpid() gives it).
 * @param elapsed_ns Time from opening the gate to the last worker's end, in nanoseconds.
 * @return 0 if every worker was started and reaped (whatever its status);
 *         -1 with errno set if one could not be started (those started are
 *         released, and reaped, before returning).
 */
int workers_run(unsigned count, worker_fn *fn, void *arg, int statuses[], double *elapsed_ns);

#endif
