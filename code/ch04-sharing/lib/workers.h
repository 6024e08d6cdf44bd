/** @file workers.h
 * @brief The parent's side: start the workers, talk to them through pipes, measure them, reap them.
 *
 * Each worker gets two pipes: notes (worker to parent) and commands (parent
 * to worker). Blocking reads on them are the only synchronisation, so the
 * parent never guesses with sleeps, and a worker that dies is noticed as an
 * end of file instead of a hang.
 */
#ifndef CH04_WORKERS_H
#define CH04_WORKERS_H

#include "config.h"
#include "smaps.h"
#include "worker.h"

#include <sys/types.h>

/** The parent's view of one worker. */
struct worker {
    pid_t pid;               /**< 0 if it was never started */
    int note_fd;             /**< worker -> parent: notes */
    int command_fd;          /**< parent -> worker: one byte per command; end of file = exit */
    struct note note;        /**< the last note it sent */
    uint64_t first_checksum; /**< its checksum before any command */
    struct memory process;   /**< smaps_rollup: the whole worker */
    struct memory data;      /**< the smaps entry that holds the file's bytes */
    int failed;              /**< something went wrong with this worker */
    int silent;              /**< it ended without a note: its exit status says why */
    char why[160];           /**< the first reason it failed */
};

/**
 * @brief Fork @p c->procs workers holding @p c->path in @p mode.
 *
 * Each worker ends with its parent: it asks the kernel for SIGKILL when the
 * parent dies (Linux), and its command pipe reaches end of file anyway.
 * @param c The run's settings.
 * @param mode MODE_MMAP or MODE_READ.
 * @param w c->procs zeroed entries, filled in for each worker started.
 * @return How many were started: c->procs, or fewer after a failed pipe() or fork() (reported).
 */
unsigned start_workers(const struct config *c, enum mode mode, struct worker *w);

/**
 * @brief Wait for one note from each worker in [@p first, @p last).
 * @param w The workers.
 * @param first The first one.
 * @param last One past the last.
 * @return 0 if every one sent a note saying it succeeded; -1 otherwise (the workers are marked).
 */
int collect_notes(struct worker *w, unsigned first, unsigned last);

/**
 * @brief Send @p command to each worker in [@p first, @p last), then collect their notes.
 * @param w The workers.
 * @param first The first one.
 * @param last One past the last.
 * @param command 'w' (write, then checksum) or 'c' (checksum again).
 * @return 0 if every one obeyed; -1 otherwise.
 */
int command_workers(struct worker *w, unsigned first, unsigned last, char command);

/**
 * @brief Read each worker's smaps_rollup and the smaps entry holding its data.
 * @param w The workers.
 * @param n How many.
 * @return 0 on success; -1 if one could not be read (that worker is marked).
 */
int measure_workers(struct worker *w, unsigned n);

/**
 * @brief Check that every worker's checksum equals worker 0's.
 * @param w The workers.
 * @param n How many.
 * @return 0 if they agree; -1 otherwise (the first that differs is marked).
 */
int checksums_agree(struct worker *w, unsigned n);

/**
 * @brief Close every command pipe, wait for every worker, and report each one that failed.
 *
 * A worker that ended without a note is reported with its exit status or
 * the name of the signal that killed it ("killed by SIGBUS").
 * @param w The workers.
 * @param n How many were started.
 * @return 0 if none failed; -1 otherwise.
 */
int stop_workers(struct worker *w, unsigned n);

#endif
