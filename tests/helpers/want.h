/** @file want.h
 * @brief Expectations for the exercise tests that fail in words, and a test runner
 *        whose "passed" a grader can trust.
 *
 * cmocka's assert_int_equal() reports `0x26 != 0x16`; a learner then opens the
 * test to find out that ENOSYS came back where EINVAL was wanted. These macros
 * say it: `count_lines(path): expected 3, got -1 (errno is ENOSYS: Function
 * not implemented)`, `errno: expected EINVAL (Invalid argument), got ENOSYS
 * (Function not implemented)`, sizes and offsets in decimal, bytes quoted.
 * Each one fails through cmocka with the file and line of the test that
 * called it, so the curious can still look.
 *
 * Include it after <cmocka.h>. The names avoid cmocka's own expect_* family,
 * which belongs to its mock objects.
 */
#ifndef TEST_WANT_H
#define TEST_WANT_H

#include <stddef.h>

struct CMUnitTest;

/** @cond internal: the functions behind the macros; they take the caller's file and line. */
void want_cmp_i_(long long actual, long long expected, char op, const char *what,
                 const char *file, int line);
void want_cmp_u_(unsigned long long actual, unsigned long long expected, char op,
                 const char *what, const char *file, int line);
void want_errno_(int actual, int expected, const char *file, int line);
void want_mem_(const void *actual, const void *expected, size_t n, const char *what,
               const char *file, int line);
void want_file_(const char *path, const void *data, size_t n, const char *file, int line);
void want_calls_(const char *call, unsigned expected, char op, const char *file, int line);
void want_same_calls_(const char *a, const char *b, const char *file, int line);
void want_fail_(const char *file, int line, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
#define want_cmp_(actual, expected, op)                                                       \
    _Generic((actual) + 0,                                                                    \
        unsigned: want_cmp_u_,                                                                \
        unsigned long: want_cmp_u_,                                                           \
        unsigned long long: want_cmp_u_,                                                      \
        default: want_cmp_i_)((actual), (expected), (op), #actual, __FILE__, __LINE__)
/** @endcond */

/**
 * @brief Expect an integer (any signed or unsigned type) to equal @p expected; both
 *        are printed in decimal, and a result of -1 is followed by errno's name.
 */
#define want_eq(actual, expected) want_cmp_(actual, expected, '=')
/** @brief Expect an integer to be at most @p max. */
#define want_le(actual, max) want_cmp_(actual, max, '<')
/** @brief Expect an integer to be at least @p min. */
#define want_ge(actual, min) want_cmp_(actual, min, '>')
/** @brief Expect errno to be @p expected; both are named ("expected EINVAL, got ENOSYS"). */
#define want_errno(expected) want_errno_(errno, (expected), __FILE__, __LINE__)
/** @brief Expect @p n bytes at @p actual to equal those at @p expected; names the first difference. */
#define want_mem(actual, expected, n) want_mem_((actual), (expected), (n), #actual, __FILE__, __LINE__)
/** @brief Expect the file at @p path to hold exactly @p n bytes @p data, read back with read(). */
#define want_file(path, data, n) want_file_((path), (data), (n), __FILE__, __LINE__)
/** @brief Expect a wrapped call (fault.h) to have been made exactly @p n times since fault_clear(). */
#define want_calls(call, n) want_calls_((call), (n), '=', __FILE__, __LINE__)
/** @brief Expect a wrapped call to have been made at least @p n times. */
#define want_calls_ge(call, n) want_calls_((call), (n), '>', __FILE__, __LINE__)
/** @brief Expect as many calls to @p b as to @p a, say close() for open() or munmap() for mmap(). */
#define want_same_calls(a, b) want_same_calls_((a), (b), __FILE__, __LINE__)
/** @brief Expect a condition; if false, fail with the printf-style message that follows it. */
#define want_true(cond, ...)                                                                  \
    do {                                                                                      \
        if (!(cond))                                                                          \
            want_fail_(__FILE__, __LINE__, __VA_ARGS__);                                      \
    } while (0)

#include "names.h" /* errno_name(), from code/common */


/**
 * @brief Run an exercise's tests, and let a grader know, beyond doubt, that all of them passed.
 *
 * Runs the group through cmocka, counting the tests whose body returned (a
 * failure or skip never returns). When the variable EXERCISE_TOKEN_FD names an
 * open descriptor, a token is read from it before any test runs, the
 * descriptor is closed, and only if cmocka reports no failure AND every test
 * returned is the line `exercise passed: N of N tests, token TOKEN` printed.
 * Code under test that exits early, or a test file that was edited, never
 * prints the grader's fresh token.
 * @param name The group's name, as cmocka prints it.
 * @param tests The tests.
 * @param count How many.
 * @return 0 if every test passed, else non-zero (for main to return).
 */
int run_exercise_tests_(const char *name, const struct CMUnitTest *tests, size_t count);
/** @brief run_exercise_tests_() for an array: `return run_exercise_tests("exercise 1.1", tests);` */
#define run_exercise_tests(name, tests)                                                       \
    run_exercise_tests_((name), (tests), sizeof(tests) / sizeof((tests)[0]))

#endif
