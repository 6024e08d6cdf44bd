/** @file interruptions.h
 * @brief SIGINT, SIGTERM and SIGHUP: held back while a child runs, handled so a run cleans up.
 *
 * mapfail must not end while a child of it runs (the child would be left
 * behind) nor leave its scratch directory when it is interrupted. These
 * functions do each step for the three signals that interrupt a run.
 */
#ifndef CH05_INTERRUPTIONS_H
#define CH05_INTERRUPTIONS_H

#include <signal.h>

/**
 * @brief Block SIGINT, SIGTERM and SIGHUP; an arriving one waits until released.
 * @param saved Receives the signal mask to restore.
 */
void interruptions_hold(sigset_t *saved);

/**
 * @brief Restore the mask from interruptions_hold(): a waiting signal is delivered now.
 * @param saved The mask interruptions_hold() saved.
 */
void interruptions_release(const sigset_t *saved);

/**
 * @brief Send each of the three signals to @p handler, except one already ignored.
 *
 * A shell ignores them for `nohup` and for background jobs; that choice stands.
 * @param handler The handler, or SIG_DFL to stand a handler down.
 */
void interruptions_handle(void (*handler)(int));

/**
 * @brief Put the three signals at their default action, unblocked, as in a fresh process.
 * @param mask The signal mask to set (the one saved before a fork).
 */
void interruptions_default(const sigset_t *mask);

#endif
