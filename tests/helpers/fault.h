/** @file fault.h
 * @brief Fault injection: make the Nth call to a system call fail with a chosen errno.
 *
 * Every suite is linked with `-Wl,--wrap=NAME` for each function fault.c
 * wraps, so calls from the tutorial's code reach __wrap_NAME first. With no
 * fault armed, the wrapper calls the real function. This is how tests reach
 * error paths (an msync that fails, an fstat that fails) that no honest input provokes.
 */
#ifndef TEST_FAULT_H
#define TEST_FAULT_H

/**
 * @brief Arm a fault: the call to @p call after @p skip successful ones fails once with @p err.
 * @param call The function's name, for example "mmap".
 * @param err The errno it fails with.
 * @param skip How many calls succeed first.
 */
void fault_inject(const char *call, int err, unsigned skip);

/**
 * @brief Run @p fn(@p arg) once, just before the next call to @p call goes ahead.
 *
 * This stages what another process might do at that very moment (make a
 * file, send a signal), between two steps of the code under test. The hook
 * runs before any fault armed for the same call is considered.
 * @param call The function's name, as for fault_inject().
 * @param fn What to run; it may itself call wrapped functions.
 * @param arg Handed to @p fn.
 */
void fault_before(const char *call, void (*fn)(void *arg), void *arg);

/** @brief Disarm every fault and hook, and reset the call counts. */
void fault_clear(void);

/**
 * @brief How many times a wrapped function was called since the last fault_clear().
 * @param call The function's name.
 * @return The count, including failed calls.
 */
unsigned fault_calls(const char *call);

#endif
