/** @file runner.h
 * @brief Run a probe in a child process, so that a signal costs nothing but the child.
 *
 * The child gets the kernel's own answer to a fault: SIGSEGV and SIGBUS at
 * their default action, whatever the parent inherited, and no core dump.
 * The parent reads what the child reports through a pipe, or learns from
 * waitpid() which signal killed it.
 *
 * While a child runs, the parent holds SIGINT, SIGTERM and SIGHUP back, so
 * it always reaps its child before an interruption reaches it; the child
 * itself takes them at their default action.
 */
#ifndef CH05_RUNNER_H
#define CH05_RUNNER_H

#include "cases.h"
#include "outcome.h"

/**
 * @brief Run @p fn(@p arg) in a child and return what it reported, or the signal that killed it.
 * @param fn The work; it runs in the child and may die of a signal.
 * @param arg Passed to @p fn.
 * @return The child's outcome; a signal outcome if a signal killed it; a
 *         broken outcome if it said nothing or could not be started.
 */
struct outcome run_isolated(struct outcome (*fn)(void *), void *arg);

/**
 * @brief Run one case's probe in a child.
 * @param c The case.
 * @param dir The scratch directory for the probe's files.
 * @return What the probe saw, as run_isolated() returns it.
 */
struct outcome run_case(const struct failure_case *c, const char *dir);

#endif
