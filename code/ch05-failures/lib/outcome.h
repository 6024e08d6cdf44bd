/** @file outcome.h
 * @brief What a probe saw, and how mapfail names it.
 *
 * A probe ends in one of four ways: the mapping (and whatever it did next)
 * worked, a system call failed with an errno, a signal killed the child that
 * ran it, or a step before the experiment failed, which says nothing about
 * mmap() and is reported as "broken".
 */
#ifndef CH05_OUTCOME_H
#define CH05_OUTCOME_H

#include "names.h" /* errno_name() and signal_name(), from code/common */

#include <stddef.h>

/* region: outcome */
/** How a probe ended. */
enum outcome_kind {
    OUT_SUCCESS, /**< it worked: the mapping, and whatever it did next */
    OUT_ERRNO,   /**< a call failed with an errno */
    OUT_SIGNAL,  /**< a signal killed the child (filled in from waitpid) */
    OUT_BROKEN   /**< a step before the experiment failed */
};

/** What a probe saw. */
struct outcome {
    enum outcome_kind kind; /**< how it ended */
    int value;              /**< the errno or the signal number */
    char detail[64];        /**< for success, what was seen; if broken, which step */
};
/* end region: outcome */

/**
 * @brief A success, with a note of what was seen.
 * @param detail What the probe saw, for example "mapped"; cut to fit.
 * @return The outcome.
 */
struct outcome success(const char *detail);

/**
 * @brief A system call under test failed.
 * @param errnum Its errno.
 * @return The outcome.
 */
struct outcome failed(int errnum);

/**
 * @brief A step before the experiment failed: not the lesson, but say which.
 * @param step The step, for example "setrlimit".
 * @param errnum Its errno, or 0 if there is none to tell.
 * @return The outcome.
 */
struct outcome broken(const char *step, int errnum);

/**
 * @brief The signal that ended a child.
 * @param sig The signal number.
 * @return The outcome.
 */
struct outcome killed_by(int sig);

/**
 * @brief The short form of an outcome, for the EXPECTED column.
 * @param o The outcome.
 * @return "success", an errno name, a signal name, or "broken".
 */
const char *outcome_name(const struct outcome *o);

/**
 * @brief The long form of an outcome, for the OBSERVED column.
 * @param o The outcome.
 * @param text Where the text goes, always NUL-terminated.
 * @param size The size of @p text.
 */
void describe(const struct outcome *o, char *text, size_t size);

/**
 * @brief Whether an outcome is the expected one (kind and value; not the detail).
 * @param seen What a probe saw.
 * @param expected What the table states.
 * @return 1 if they match, else 0.
 */
int outcome_matches(const struct outcome *seen, const struct outcome *expected);

#endif
